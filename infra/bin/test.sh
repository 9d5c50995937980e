#!/usr/bin/env bash
# `npm test`: a fresh machine → every test (unit, integration against the real stack,
# browser e2e), on a test stack with its own ports and data dir (.data/test) that never
# touches the dev stack, torn down at the end. Ends with a plain `N passed, N failed`.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export REWIND_PROFILE=test NEXT_TELEMETRY_DISABLED=1
export REWIND_TEST_FORKS="${REWIND_TEST_FORKS:-4}"
results="$root/.data/test-results"
log() { printf '\033[1m[test]\033[0m %s\n' "$*"; }

bash infra/bin/install.sh || { echo "install failed"; echo "0 passed, 1 failed"; exit 1; }
source infra/bin/use-node.sh || { echo "0 passed, 1 failed"; exit 1; }
log "node $(node --version)"

teardown() {
  log "tearing the test stack down"
  bash infra/bin/stack.sh down --profile test >/dev/null 2>&1 || true
}
trap teardown EXIT

# A clean slate every run: the test stack's state is disposable by design.
bash infra/bin/stack.sh down --profile test >/dev/null 2>&1 || true
rm -rf "$root/.data/test" "$results"
mkdir -p "$results"

log "building the web app (next build)"
if ! (cd apps/web && ../../node_modules/.bin/next build) >"$results/next-build.log" 2>&1; then
  tail -40 "$results/next-build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

log "starting the test stack"
if ! bash infra/bin/stack.sh up --profile test --with-worker --with-web --web-mode start; then
  bash infra/bin/stack.sh status --profile test || true
  for f in "$root"/.data/test/logs/*.log; do echo "--- $f"; tail -20 "$f"; done
  echo "0 passed, 1 failed"
  exit 1
fi
node_modules/.bin/tsx packages/db/src/bin/seed.ts --demo >"$results/seed.log" 2>&1 || { cat "$results/seed.log"; echo "0 passed, 1 failed"; exit 1; }

# Side by side: unit + integration in several forks (integration files mostly wait on
# PostgreSQL, pgBackRest and S3, so 2 cores keep 4 busy), and the browser flows in a second
# vitest process at the same time (one Chromium file at a time). vitest runs a project's
# single-fork files only after the parallel ones, so one process would serialise them.
log "running vitest: unit + integration ($REWIND_TEST_FORKS forks) and e2e, side by side"
node_modules/.bin/vitest run --project e2e --passWithNoTests \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-e2e.json" "$@" \
  >"$results/e2e.log" 2>&1 &
e2e_pid=$!
node_modules/.bin/vitest run --project unit --project integration --passWithNoTests \
  --maxWorkers="$REWIND_TEST_FORKS" \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-main.json" "$@"
code=$?
wait "$e2e_pid"
code_e2e=$?
log "e2e (ran beside the above):"
cat "$results/e2e.log"
[ $code -eq 0 ] && code=$code_e2e
log "running vitest: disruptive (region outages, worker kills), alone"
node_modules/.bin/vitest run --project disruptive --passWithNoTests --no-file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-disruptive.json" "$@"
code2=$?
[ $code -eq 0 ] && code=$code2

summary=$(node infra/bin/summarize-vitest.mjs "$results/vitest-main.json" "$results/vitest-e2e.json" "$results/vitest-disruptive.json")
trap - EXIT
teardown
echo "$summary"
exit $code
