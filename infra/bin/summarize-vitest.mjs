// Sums vitest JSON reports into the one closing line CI reads: `N passed, N failed[, N skipped]`.
// A report that is missing, or a test file that failed to load (no test results), counts as a failure.
// Each failure is named (file, test, first line of its error) just above that line: CI keeps only
// the tail of the output, and a failure it cannot name cannot be fixed.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const named = [];
// ANSI colour codes (ESC [ … m), built from a string: lint bans control characters in a regex literal
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const firstLine = (messages) =>
  String((messages ?? [])[0] ?? '')
    .replace(ansi, '')
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim()
    .slice(0, 300) ?? '';
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    failed += 1;
    named.push(`missing report: ${file}`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const s of r.testResults ?? []) {
    const where = relative(process.cwd(), s.name ?? '');
    const tests = s.assertionResults ?? [];
    if (s.status === 'failed' && tests.length === 0) {
      failed += 1;
      named.push(`${where} (did not run): ${firstLine([s.message])}`);
    }
    for (const t of tests) {
      if (t.status === 'failed') {
        named.push(`${where} > ${t.fullName ?? t.title}: ${firstLine(t.failureMessages)}`);
      }
    }
  }
}
for (const n of named) console.log(`FAILED ${n}`);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
