#!/usr/bin/env bash
# The app supervisor of one stack: runs the staff inbox, the worker, analytics and the API
# (APPS in scripts/lib.sh), and restarts any that exits, with backoff. scripts/main.sh starts it
# as a daemon with its own PID file, in the foreground and detached alike.
#   scripts/supervise.sh --stack-data-dir=DIR    the argument is the stack's mark (lib.sh)
#
# - At start it adopts the apps that are already running (their PID files, or their command lines)
#   and starts the missing ones in order, each ready before the next; one that fails to come up
#   ends the supervisor with status 1, so `npm start` reports it.
# - After that, an app that exits is restarted after 1 s, doubling to 30 s while it keeps failing;
#   a run of a minute or more starts the count again. Each exit and restart is logged.
# - SIGUSR1 restarts at once whatever is waiting out its delay (`npm start -- --detach` sends it).
# - SIGTERM stops every app, then the supervisor.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

BACKOFF_FIRST_S="${SUPERVISOR_BACKOFF_FIRST_SECONDS:-1}"
BACKOFF_MAX_S="${SUPERVISOR_BACKOFF_MAX_SECONDS:-30}"
HEALTHY_AFTER_S="${SUPERVISOR_HEALTHY_AFTER_SECONDS:-60}"

say() { printf '[supervisor] %(%Y-%m-%dT%H:%M:%S%z)T %s\n' -1 "$*"; }

# Milliseconds since the epoch, in NOW (no subshell: this runs twice a second).
tick() { local t="${EPOCHREALTIME//[!0-9]/}"; NOW=$(( t / 1000 )); }
secs() { printf '%d.%d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }

declare -A PID=() CHILD=() STARTED=() ATTEMPT=() DELAY=() DUE=() DOWN_AT=() READY_FROM=()

# launch APP: start it (appending to its log) and track it until it logs that it is ready.
launch() {
  local app="$1" logfile="$LOG_DIR/$1.log" size=0
  app_command "$app"
  [[ -f "$logfile" ]] && size="$(stat -c %s "$logfile")"
  rm -f "$PID_DIR/$app.ready"
  start_daemon "$app" "$logfile" "${CMD[@]}" || return 1
  tick
  PID[$app]="$(<"$(pid_file "$app")")"; CHILD[$app]=1; STARTED[$app]=$NOW; READY_FROM[$app]=$size; DUE[$app]=0
}

# adopt APP PID: watch an app that an earlier supervisor (or start) left running.
adopt() {
  local app="$1" pid="$2"
  tick
  PID[$app]="$pid"; CHILD[$app]=0; STARTED[$app]=$NOW; DUE[$app]=0; DOWN_AT[$app]=""
  if [[ -f "$PID_DIR/$app.ready" && "$(<"$PID_DIR/$app.ready")" == "$pid" ]]; then READY_FROM[$app]=""; else READY_FROM[$app]=0; fi
  say "$app (pid $pid) is already running; watching it"
}

# check_ready APP: once the app's log shows its ready line since its start, mark it ready.
check_ready() {
  local app="$1"
  [[ -n "${READY_FROM[$app]}" ]] || return 0
  tail -c +$(( READY_FROM[$app] + 1 )) "$LOG_DIR/$app.log" 2>/dev/null | grep -q "\"msg\":\"$(app_ready_message "$app")\"" || return 1
  echo "${PID[$app]}" > "$PID_DIR/$app.ready"
  READY_FROM[$app]=""
  tick
  if [[ -n "${DOWN_AT[$app]:-}" ]]; then
    say "$app is back (pid ${PID[$app]}), $(secs $(( NOW - DOWN_AT[$app] ))) s after it exited"
    DOWN_AT[$app]=""
  else
    say "$app ready (pid ${PID[$app]})"
  fi
}

# alive APP: whether the tracked process still runs. For our own child, also collect how it ended.
EXIT_HOW=""
alive() {
  local app="$1" pid="${PID[$1]}" rc
  kill -0 "$pid" 2>/dev/null && return 0
  if [[ "${CHILD[$app]}" == 1 ]]; then
    wait "$pid"; rc=$?
    if (( rc > 128 )); then EXIT_HOW="signal $(kill -l $(( rc - 128 )) 2>/dev/null || echo $(( rc - 128 )))"; else EXIT_HOW="exit code $rc"; fi
  else
    EXIT_HOW="an unknown status (not started by this supervisor)"
  fi
  return 1
}

# exited APP: schedule the restart.
exited() {
  local app="$1" ran
  tick
  ran=$(( NOW - STARTED[$app] ))
  if (( ran >= HEALTHY_AFTER_S * 1000 )); then ATTEMPT[$app]=0; fi
  ATTEMPT[$app]=$(( ${ATTEMPT[$app]:-0} + 1 ))
  if (( ATTEMPT[$app] == 1 )); then DELAY[$app]=$BACKOFF_FIRST_S; else DELAY[$app]=$(( DELAY[$app] * 2 )); fi
  (( DELAY[$app] <= BACKOFF_MAX_S )) || DELAY[$app]=$BACKOFF_MAX_S
  DUE[$app]=$(( NOW + DELAY[$app] * 1000 ))
  DOWN_AT[$app]=$NOW
  # Only our own record: never remove a PID file that names another live process.
  [[ -f "$(pid_file "$app")" && "$(<"$(pid_file "$app")")" == "${PID[$app]}" ]] && rm -f "$(pid_file "$app")" "$PID_DIR/$app.ready"
  say "$app (pid ${PID[$app]}) exited with $EXIT_HOW after $(secs "$ran") s; restart $(( ATTEMPT[$app] )) in ${DELAY[$app]} s (log $LOG_DIR/$app.log)"
  PID[$app]=""
}

restart() {
  local app="$1" pid
  if pid="$(pid_of "$app")"; then adopt "$app" "$pid"; return; fi # someone started it meanwhile
  if launch "$app"; then
    say "$app restarted (pid ${PID[$app]}, attempt ${ATTEMPT[$app]})"
  else
    exited_launch_failed "$app"
  fi
}
exited_launch_failed() { EXIT_HOW="a failed launch"; STARTED[$1]=$NOW; PID[$1]=""; exited "$1"; }

STOPPING=0
shutdown() {
  trap - TERM INT HUP
  STOPPING=1
  say "stopping the apps"
  local pids=() app i
  for (( i = ${#APPS[@]} - 1; i >= 0; i-- )); do
    app="${APPS[i]}"
    [[ -n "${PID[$app]:-}" ]] && pids+=("${PID[$app]}")
  done
  # Also a child launched a moment before the signal, before its PID was recorded.
  for i in $(jobs -p); do [[ " ${pids[*]} " == *" $i "* ]] || pids+=("$i"); done
  stop_pids "${SUPERVISOR_STOP_GRACE_SECONDS:-8}" apps "${pids[@]}"
  for app in "${APPS[@]}"; do
    [[ -n "${PID[$app]:-}" && -f "$(pid_file "$app")" && "$(<"$(pid_file "$app")")" == "${PID[$app]}" ]] && rm -f "$(pid_file "$app")" "$PID_DIR/$app.ready"
  done
  [[ -f "$(pid_file supervisor)" && "$(<"$(pid_file supervisor)")" == "$$" ]] && rm -f "$(pid_file supervisor)"
  say "stopped"
  exit 0
}
trap shutdown TERM INT HUP
NUDGED=0
trap 'NUDGED=1' USR1

# await_ready APP: during start-up, wait until the app is ready; end the supervisor if it cannot be.
await_ready() {
  local app="$1" waited=0
  until check_ready "$app"; do
    if ! alive "$app"; then
      say "$app exited during start-up with $EXIT_HOW; see $LOG_DIR/$app.log"
      exit 1
    fi
    if (( waited++ >= STARTUP_TIMEOUT_SECONDS * 5 )); then
      say "$app not ready within ${STARTUP_TIMEOUT_SECONDS}s; see $LOG_DIR/$app.log"
      exit 1
    fi
    sleep 0.2 & wait $!
  done
}

# Start-up: adopt what runs, start what is missing, in order, each ready before the next.
say "supervising ${APPS[*]} of $STACK_DATA_DIR (pid $$)"
for app in "${APPS[@]}"; do
  ATTEMPT[$app]=0; DOWN_AT[$app]=""
  if pid="$(pid_of "$app")"; then adopt "$app" "$pid"; await_ready "$app"; continue; fi
  # A live app whose PID file was lost: found by its command line, and recorded again.
  found=""
  for pid in $(stack_leftovers apps); do
    args_of "$pid"; app_entry "$app"
    [[ " ${ARGS[*]} " == *" $ENTRY "* ]] && { found="$pid"; break; }
  done
  if [[ -n "$found" ]]; then
    echo "$found" > "$(pid_file "$app")"
    adopt "$app" "$found"
    await_ready "$app"
    continue
  fi
  port="$(app_port "$app")"
  if [[ -n "$port" ]] && port_open 127.0.0.1 "$port"; then
    say "cannot start $app: port $port is taken (pid $(port_listeners "$port" | tr '\n' ' ')); set the port variable or stop that process"
    exit 1
  fi
  launch "$app" || exit 1
  say "$app started (pid ${PID[$app]})"
  await_ready "$app"
done
say "all apps are up"

# Watching: twice a second, or at once on a signal.
while (( ! STOPPING )); do
  tick
  if (( NUDGED )); then
    NUDGED=0
    for app in "${APPS[@]}"; do (( ${DUE[$app]:-0} )) && { DUE[$app]=$NOW; say "asked to start $app now"; }; done
  fi
  for app in "${APPS[@]}"; do
    if [[ -n "${PID[$app]}" ]]; then
      if alive "$app"; then check_ready "$app"; else exited "$app"; fi
    elif (( DUE[$app] && NOW >= DUE[$app] )); then
      restart "$app"
    fi
  done
  sleep 0.5 & wait $!
done
