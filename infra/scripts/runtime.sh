# Sourced by every entry script after ensure-deps.sh: puts the repository's own Node.js (the `node` package in
# devDependencies, Node 24 LTS) first on PATH, so a machine whose `node` is older (or absent but for npm's)
# runs every process on it — subgraphs, gateway, tools, Jest and the benchmark spawn `process.execPath`.
export PATH="$PWD/node_modules/.bin:$PATH"
hash -r
sc_node_version="$(node -p 'process.versions.node')"
sc_node_major="${sc_node_version%%.*}"
if [[ "$sc_node_major" != "24" ]]; then
  echo "runtime.sh: expected Node 24 from node_modules/.bin, found $sc_node_version at $(command -v node); run npm ci" >&2
  exit 1
fi
echo "Runtime: Node v$sc_node_version ($(command -v node))" >&2
