# Node.js 24 LTS for every script and app process. Sourced by scripts/lib.sh; do not run it.
#
# The machine's own Node is used when it is 24 or newer. Otherwise the official build for this
# platform comes from the npm registry (the node-linux-<arch> package carries bin/node) into
# .stack/node-<version>/ and goes first on PATH, so `node`, `npm` and `npx` run on it.

NODE_HOME="$STACK_HOME/node-$NODE_VERSION"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if (( $(node_major) >= 24 )); then return 0; fi
  if [[ ! -x "$NODE_HOME/bin/node" ]]; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) die "no Node.js $NODE_VERSION build for $(uname -m); install Node.js 24 yourself" ;;
    esac
    log "installing Node.js $NODE_VERSION (npm registry node-linux-$arch) into $NODE_HOME"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz package/bin/node) ||
      { rm -rf "$tmp"; die "could not fetch node-linux-$arch@$NODE_VERSION from the npm registry"; }
    mkdir -p "$NODE_HOME/bin"
    mv "$tmp/package/bin/node" "$NODE_HOME/bin/node.partial" && mv "$NODE_HOME/bin/node.partial" "$NODE_HOME/bin/node"
    rm -rf "$tmp"
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  (( $(node_major) >= 24 )) || die "Node.js $NODE_VERSION in $NODE_HOME does not run here"
}
