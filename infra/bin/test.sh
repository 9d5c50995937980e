#!/usr/bin/env bash
# `npm test`: a fresh machine → every test (unit, integration against the real stack,
# browser e2e, disruptive), on test stacks with their own ports and data dirs (.data/test, and
# .data/test-disruptive for the tests that stop its services) that never touch the dev stack,
# torn down at the end. Ends with a plain `N passed, N failed`.
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

# The disruptive tests stop regions, Temporal and control-PG and kill workers, so they get a
# test stack of their own (.data/test-disruptive, ports from 25700: past the main stack's layout and the scratch-host ports above it, and below the ephemeral range) and run beside the rest
# instead of after it.
disruptive_env=(REWIND_STACK_NAME=test-disruptive REWIND_PORT_BASE="${REWIND_DISRUPTIVE_PORT_BASE:-25700}")
down_both() {
  bash infra/bin/stack.sh down --profile test >/dev/null 2>&1 || true
  env "${disruptive_env[@]}" bash infra/bin/stack.sh down --profile test >/dev/null 2>&1 || true
}
teardown() {
  log "tearing the test stacks down"
  down_both
}
trap teardown EXIT

# A clean slate every run: the test stacks' state is disposable by design.
down_both
rm -rf "$root/.data/test" "$root/.data/test-disruptive" "$results"
mkdir -p "$results"

log "building the web app (next build)"
if ! (cd apps/web && ../../node_modules/.bin/next build) >"$results/next-build.log" 2>&1; then
  tail -40 "$results/next-build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

# stack_up <seed log>: the test stack named by REWIND_STACK_NAME (default test) up and seeded with the demo data, or its logs and a failure
stack_up() {
  local data="$root/.data/${REWIND_STACK_NAME:-test}"
  if ! bash infra/bin/stack.sh up --profile test --with-worker --with-web --web-mode start; then
    bash infra/bin/stack.sh status --profile test || true
    for f in "$data"/logs/*.log; do echo "--- $f"; tail -20 "$f"; done
    return 1
  fi
  node_modules/.bin/tsx packages/db/src/bin/seed.ts --demo >"$1" 2>&1 || { cat "$1"; return 1; }
}
log "starting the test stacks (main, and disruptive beside it)"
(export "${disruptive_env[@]}"; stack_up "$results/seed-disruptive.log") >"$results/stack-disruptive.log" 2>&1 &
disruptive_up_pid=$!
stack_up "$results/seed.log" || { echo "0 passed, 1 failed"; exit 1; }
if ! wait "$disruptive_up_pid"; then
  cat "$results/stack-disruptive.log"
  echo "0 passed, 1 failed"
  exit 1
fi

# Side by side: unit + integration in several forks (integration files mostly wait on
# PostgreSQL, pgBackRest and S3, so 2 cores keep 4 busy); the browser flows in a second vitest
# process (one Chromium file at a time; vitest runs a project's single-fork files only after the
# parallel ones, so one process would serialise them); the disruptive tests, one file at a
# time, in a third, on their own stack.
log "running vitest: unit + integration ($REWIND_TEST_FORKS forks), e2e, and disruptive on its own stack, side by side"
node_modules/.bin/vitest run --project e2e --passWithNoTests \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-e2e.json" "$@" \
  >"$results/e2e.log" 2>&1 &
e2e_pid=$!
env "${disruptive_env[@]}" node_modules/.bin/vitest run --project disruptive --passWithNoTests \
  --no-file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-disruptive.json" "$@" \
  >"$results/disruptive.log" 2>&1 &
disruptive_pid=$!
node_modules/.bin/vitest run --project unit --project integration --passWithNoTests \
  --maxWorkers="$REWIND_TEST_FORKS" \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-main.json" "$@"
code=$?
wait "$e2e_pid"
code_e2e=$?
log "e2e (ran beside the above):"
cat "$results/e2e.log"
wait "$disruptive_pid"
code_disruptive=$?
log "disruptive (region outages, restarts, worker kills; ran beside the above on its own stack):"
cat "$results/disruptive.log"
[ $code -eq 0 ] && code=$code_e2e
[ $code -eq 0 ] && code=$code_disruptive

summary=$(node infra/bin/summarize-vitest.mjs "$results/vitest-main.json" "$results/vitest-e2e.json" "$results/vitest-disruptive.json")
trap - EXIT
teardown
echo "$summary"
exit $code
