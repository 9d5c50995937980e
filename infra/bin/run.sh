#!/usr/bin/env bash
# `bash infra/bin/run.sh <command> [args…]`: runs a command on the project's pinned Node
# (package.json's scripts use it so `npm run lint` & co. never run on the machine's Node), with
# the repo's node_modules/.bin on PATH as npm scripts have it, so `run.sh tsx bench/x.ts` works.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/node_modules/.bin:$PATH"
export PATH
exec "$@"
