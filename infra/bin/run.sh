#!/usr/bin/env bash
# `bash infra/bin/run.sh <command> [args…]`: runs a command on the project's pinned Node
# (package.json's scripts use it so `npm run lint` & co. never run on the machine's Node).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
exec "$@"
