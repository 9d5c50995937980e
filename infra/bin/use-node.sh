# Sourced (never run) by every project script: puts the pinned Node that install.sh put in
# .tools/node first on PATH, so node, npm, npx and every node_modules/.bin tool (tsx, next,
# vitest, eslint, turbo's npm: all `#!/usr/bin/env node`) run on it, and so do the processes
# they spawn (the stack's worker and web inherit this PATH).
_rewind_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_rewind_node_bin="$_rewind_root/.tools/node/bin"
if [[ ! -x "$_rewind_node_bin/node" ]]; then
  echo "no Node in .tools/node: run bash infra/bin/install.sh" >&2
  return 1
fi
_rewind_node_want="v$(tr -d '[:space:]' <"$_rewind_root/.node-version")"
if [[ $("$_rewind_node_bin/node" --version) != "$_rewind_node_want" ]]; then
  echo ".tools/node is $("$_rewind_node_bin/node" --version), .node-version pins $_rewind_node_want: run bash infra/bin/install.sh" >&2
  return 1
fi
[[ ${PATH%%:*} == "$_rewind_node_bin" ]] || export PATH="$_rewind_node_bin:$PATH"
unset _rewind_root _rewind_node_bin _rewind_node_want
