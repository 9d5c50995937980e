#!/usr/bin/env bash
# `npm run admin -- <command>`: the operator CLI against the dev stack (REWIND_PROFILE=test for the test stack).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/infra/bin/use-node.sh"
exec "$root/node_modules/.bin/tsx" "$root/apps/cli/src/main.ts" "$@"
