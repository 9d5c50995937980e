/**
 * PostgreSQL's text output of a row value (`record_out`): `(1,,"x,""y","")` → ['1', null, 'x,"y', ''].
 * An empty unquoted field is NULL; a quoted one may hold `""` (a quote) and `\x` (x itself).
 * `columnCount` tells a row of no columns from one of a single NULL (both print as `()`).
 */
export function parseRecordText(text: string, columnCount: number): Array<string | null> {
  if (!text.startsWith('(') || !text.endsWith(')'))
    throw new Error(`not a row value: ${text.slice(0, 40)}`);
  const body = text.slice(1, -1);
  // `()` is both a row of no columns and a row of one NULL
  if (body.length === 0) return columnCount === 0 ? [] : [null];
  const values: Array<string | null> = [];
  let i = 0;
  for (;;) {
    let value = '';
    let quoted = false;
    while (i < body.length && body[i] !== ',') {
      const c = body[i]!;
      if (c === '"') {
        quoted = true;
        i++;
        while (i < body.length) {
          const q = body[i]!;
          if (q === '\\') {
            value += body[i + 1] ?? '';
            i += 2;
          } else if (q === '"' && body[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (q === '"') {
            i++;
            break;
          } else {
            value += q;
            i++;
          }
        }
      } else if (c === '\\') {
        value += body[i + 1] ?? '';
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    values.push(value === '' && !quoted ? null : value);
    if (i >= body.length) return values;
    i++; // the comma
  }
}
