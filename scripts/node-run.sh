#!/usr/bin/env bash
# Runs node on the project's Node.js 24 (scripts/node.sh), e.g. `npm run ladder`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
exec node "$@"
