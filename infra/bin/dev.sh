#!/usr/bin/env bash
# `npm run dev`: a fresh machine → installs what is missing, starts the dev stack
# (control PostgreSQL, two S3 regions over TLS, Temporal, worker, web), seeds the demo
# and prints where to go and how to sign in. `npm run stop` stops it all.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export REWIND_PROFILE=dev NEXT_TELEMETRY_DISABLED=1

bash infra/bin/install.sh
source infra/bin/use-node.sh
bash infra/bin/stack.sh up --profile dev --with-worker --with-web --web-mode dev
node_modules/.bin/tsx packages/db/src/bin/seed.ts --demo
node_modules/.bin/tsx infra/src/demo-instance.ts
set -a; . "$root/.data/dev/stack.env"; set +a
cat <<MSG

  Rewind is running.
    portal        $WEB_URL/
    admin console $WEB_URL/admin
    Temporal UI   http://localhost:$TEMPORAL_UI_PORT/
    status        npm run status      stop: npm run stop      logs: .data/dev/logs/

MSG
