#!/usr/bin/env bash
# bench/startup.sh SERVER SEED [RUNS] [EVENTS]: the server's startup with a large database.
# Writes (once, cached by event count) a database of EVENTS finished reference-sized events
# with roundtable-seed, then starts SERVER on a copy of it RUNS times and measures, each
# time, the wall time from the start to /healthz answering 200 and the server's RSS then
# (VmRSS). Prints each run and the medians. Environment: STARTUP_DB_DIR (where the database
# is kept, default /tmp/roundtable-startup), SERVER_ARGS (added to `serve`).
set -euo pipefail
server=$1
seed=$2
runs=${3:-5}
events=${4:-50}
dir=${STARTUP_DB_DIR:-/tmp/roundtable-startup}
mkdir -p "$dir"
db=$dir/big-$events.db
if [[ ! -f $db ]]; then
  echo "startup: writing $events events to $db"
  start=$(date +%s.%N)
  "$seed" --db "$db.tmp" --events "$events"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
  echo "startup: written in $(echo "$(date +%s.%N) - $start" | bc) s, $(du -m "$db" | cut -f1) MB"
fi
rows=$(sqlite3 "$db" 'SELECT count(*) FROM section_updates')
echo "startup: $rows section updates in $(du -m "$db" | cut -f1) MB"
times=()
rss=()
for run in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  cp "$db" "$work/rt.db"
  port=$((20000 + RANDOM % 20000))
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  "$server" serve --db "$work/rt.db" --port "$port" --web-root "$work" ${SERVER_ARGS:-} \
    >"$work/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "startup: the server exited"
      cat "$work/log"
      exit 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" || true
  rm -rf "$work"
  ms=$(((end - start) / 1000000))
  times+=("$ms")
  rss+=("$kib")
  echo "startup: run $run: ${ms} ms to /healthz, RSS $((kib / 1024)) MiB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "startup: median of $runs: $(median "${times[@]}") ms to /healthz, RSS $(($(median "${rss[@]}") / 1024)) MiB"
