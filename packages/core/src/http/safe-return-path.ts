// C0 controls and DEL: browsers strip tabs and newlines inside URLs (`/\t/evil` becomes
// `//evil`), and CR/LF would split a Location header. Backslash: browsers read `\` as `/`.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Where to send a person after sign-in: a path of our own origin, or `/`. The value is
 * parsed as a browser would (WHATWG URL) and kept only if it stays on `origin`; the path is
 * returned re-serialised from the parse, so what we redirect to is what we checked. Known
 * bypasses (`/\evil`, `/%09/evil` once decoded, `/.//evil`, `javascript:`) are unit-tested.
 */
export function safeReturnPath(value: unknown, origin: string): string {
  const v = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof v !== 'string' || v === '' || UNSAFE_CHARACTER.test(v)) return '/';
  if (!HAS_SCHEME.test(v) && (!v.startsWith('/') || v.startsWith('//'))) return '/';
  let url: URL;
  try {
    url = new URL(v, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin || url.username !== '' || url.password !== '')
    return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to a protocol-relative path (`/.//evil` → `//evil`).
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
