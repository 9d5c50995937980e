#!/usr/bin/env bash
# `npm run check`: the static gates CI runs before any test, each on the whole repository:
# lint (eslint, type-aware), typecheck (every package's tsc, through turbo) and the format check
# (prettier --check). Runs all three so one run reports every failure; exits non-zero if any failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source infra/bin/use-node.sh || exit 1
log() { printf '\033[1m[check]\033[0m %s\n' "$*"; }

failed=()
gate() { # <name> <command…>
  local name="$1" started=$SECONDS
  shift
  log "$name: $*"
  if "$@"; then log "$name: ok ($((SECONDS - started)) s)"; else log "$name: FAILED ($((SECONDS - started)) s)"; failed+=("$name"); fi
}
gate lint node_modules/.bin/eslint .
gate typecheck node_modules/.bin/turbo run typecheck --output-logs=errors-only
gate format node_modules/.bin/prettier --check --log-level warn .

if ((${#failed[@]})); then
  log "failed: ${failed[*]}"
  exit 1
fi
log "all gates passed"
