#!/usr/bin/env bash
# Local stack manager: bash infra/bin/stack.sh up|down|status [--profile dev|test] [...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TSX="$ROOT/node_modules/.bin/tsx"
source "$ROOT/infra/bin/use-node.sh"
if [[ ! -x "$TSX" ]]; then
  echo "stack: $TSX missing; run bash infra/bin/install.sh first" >&2
  exit 1
fi
exec "$TSX" "$ROOT/infra/src/cli.ts" "$@"
