#!/usr/bin/env bash
# make bench: one run of every performance measurement on loopback, printed as a Markdown table
# and written to bench/results/latest.md. See bench/README.md for what is measured and how.
#
# Environment:
#   BENCH_SECONDS=10      length of each wrk measurement (each follows a BENCH_WARMUP=2 s warm-up)
#   BENCH_CONNECTIONS=32  wrk connections (one wrk thread)
#   BENCH_RUNS=200        runs per query in sotay_query_bench
#   BENCH_NATIONAL=1      also load the national data set into PostgreSQL and time the per-unit
#                         member counts of one province (10+ minutes)
#   BENCH_ONLY=search,feed  run only these steps (comma-separated): http, query, import, search,
#                         feed, reading, notices, national (national also needs BENCH_NATIONAL=1); the
#                         data each needs is still loaded. Default: all
#   BENCH_SEARCH_DOCS=10000     documents in the search library (loaded through the domain path)
#   BENCH_SEARCH_QUERIES=600    single-threaded queries per actor for the search latencies
#   BENCH_READING_RUNS=50 runs per reading statistics query in sotay_reading_bench
#   BENCH_NOTICE_RUNS=3   province-wide notices per backend, in-process and over HTTP (median)
#   BENCH_WS_CLIENTS=5000 WebSocket clients connected when the urgent notice goes out
#   BENCH_IDLE_CLIENTS=10000  WebSocket clients held open for BENCH_IDLE_SECONDS
#   BENCH_IDLE_SECONDS=60 how long they are held (the target is 10 minutes: BENCH_IDLE_SECONDS=600)
#   BENCH_PG_CPUS=0       CPUs of the throwaway PostgreSQL cluster (the server side is core 0)
#   BENCH_BUILD_DIR=build-bench
#   BENCH_KEEP=1          keep the temp folder (databases, logs) for a look afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECONDS_EACH=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNS=${BENCH_CONNECTIONS:-32}
RUNS=${BENCH_RUNS:-200}
NATIONAL=${BENCH_NATIONAL:-}
PG_CPUS=${BENCH_PG_CPUS:-0}
BUILD=${BENCH_BUILD_DIR:-build-bench}
ONLY=${BENCH_ONLY:-}
SEARCH_DOCS=${BENCH_SEARCH_DOCS:-10000}
SEARCH_QUERIES=${BENCH_SEARCH_QUERIES:-600}
READING_RUNS=${BENCH_READING_RUNS:-50}
NOTICE_RUNS=${BENCH_NOTICE_RUNS:-3}
WS_CLIENTS=${BENCH_WS_CLIENTS:-5000}
IDLE_CLIENTS=${BENCH_IDLE_CLIENTS:-10000}
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-60}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
SERVER_CPU=0
CLIENT_CPU=1
PASSWORD='SoTay@2026'
COMMAND_LINE="$( (env | grep -E '^BENCH_' || true) | sort | tr '\n' ' ')bench/run.sh${*:+ $*}"

want() { [[ -z $ONLY || ,$ONLY, == *",$1,"* ]]; }  # want STEP: BENCH_ONLY is empty or names it
for step in ${ONLY//,/ }; do
  case $step in http | query | import | search | feed | reading | notices | national) ;;
    *) echo "bench: unknown step \"$step\" in BENCH_ONLY (http, query, import, search, feed, reading, notices, national)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
note() { printf '   %s\n' "$*" >&2; }

# ---- what the runner needs --------------------------------------------------------------
scripts/setup.sh --bench
if (($(nproc) < 2)); then
  echo "bench: needs 2 CPUs (server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU); this machine has $(nproc)" >&2
  exit 1
fi

say "build ($BUILD)"
scripts/build.sh "$BUILD" -- sotay sotay_query_bench sotay_search_bench sotay_reading_bench sotay_notices_bench sotay_ws_load
SOTAY=$ROOT/$BUILD/sotay
QBENCH=$ROOT/$BUILD/sotay_query_bench
SBENCH=$ROOT/$BUILD/sotay_search_bench
RBENCH=$ROOT/$BUILD/sotay_reading_bench
NBENCH=$ROOT/$BUILD/sotay_notices_bench
WSLOAD=$ROOT/$BUILD/sotay_ws_load

# ---- temp folder, processes, cleanup --------------------------------------------------------
WORK=$(mktemp -d /tmp/sotay-bench-XXXXXX)
chmod 755 "$WORK"  # nginx's worker (user nobody) reads its document root below it
PGDIR=$WORK/pg
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [[ -d $PGDIR ]] && { scripts/pg-test-cluster.sh stop "$PGDIR" || true; }
  if [[ -n ${BENCH_KEEP:-} ]]; then echo "bench: kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
forget_pid() { local keep=() p; for p in "${PIDS[@]}"; do [[ $p != "$1" ]] && keep+=("$p"); done; PIDS=("${keep[@]}"); }
stop_pid() {  # stops one process this script started and waits for it
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget_pid "$1"
}

free_port() { "$ROOT/scripts/free-port.sh"; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
elapsed_s() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

# One GET /readyz over bash's /dev/tcp (no process to start): true when the answer is 200.
probe_ready() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 2 line <&3 || line=""
  exec 3>&-
  [[ $line == "HTTP/1."?" 200"* ]]
}
wait_http() {  # waits until URL answers (any status), up to 10 s
  local i
  for ((i = 0; i < 1000; i++)); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.01
  done
  echo "bench: $1 did not answer" >&2
  return 1
}

# SQL on either backend, unaligned output.
sql() {
  if [[ $1 == postgres://* ]]; then psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "$2"; else sqlite3 -batch "$1" "$2"; fi
}

# ---- results ------------------------------------------------------------------------------
ROWS=()
FAILS=()
row() {  # metric, backend, measured, target, result
  ROWS+=("| $1 | $2 | $3 | $4 | $5 |")
  [[ $5 == PASS || $5 == info || $5 == "—" ]] || FAILS+=("$1 ($2): $3 — target $4 → $5")
}
judge() {  # value op target → PASS/FAIL (op: lt | ge)
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
    ok = (op == "lt") ? (v < t) : (v >= t); print (ok ? "PASS" : "FAIL") }'
}
fmt_int() {  # 12345.6 → 12,346
  awk -v n="$1" 'BEGIN { n = sprintf("%.0f", n); s = "";
    while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
    print n s }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
half() { awk -v a="$1" 'BEGIN { printf "%.0f", a / 2 }'; }
RAW=$WORK/raw.log
: >"$RAW"

# ---- wrk ------------------------------------------------------------------------------------
# wrk_run LABEL URL [extra wrk args...]: warm-up, then the measurement; sets W_RPS, W_P99_MS,
# W_NON2XX, W_ERRORS from the measured run.
wrk_run() {
  local label=$1 url=$2; shift 2
  local out=$WORK/wrk-$label.txt
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNS" -d"${WARMUP}s" "$@" "$url" >/dev/null 2>&1 || true
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNS" -d"${SECONDS_EACH}s" --latency "$@" "$url" >"$out" 2>&1 || true
  { echo "---- $label: wrk -t1 -c$CONNS -d${SECONDS_EACH}s --latency $(sed 's/sotay_session=[^ ]*/sotay_session=…/' <<<"$*") $url"
    cat "$out"; } >>"$RAW"
  W_RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  W_RPS=${W_RPS:-0}
  W_P99_MS=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                 m = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v;
                 printf "%.2f", m }' "$out")
  W_P99_MS=${W_P99_MS:-0}
  W_NON2XX=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  W_NON2XX=${W_NON2XX:-0}
  W_ERRORS=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
  W_ERRORS=${W_ERRORS:-0}
  note "$label: $(fmt_int "$W_RPS") req/s, p99 $W_P99_MS ms, non-2xx $W_NON2XX, socket errors $W_ERRORS"
}
wrk_paced() {  # wrk_paced LABEL URL RATE [extra wrk args...]
  local label=$1 url=$2 rate=$3; shift 3
  BENCH_RATE=$rate wrk_run "$label" "$url" -s "$ROOT/bench/pace.lua" "$@"
}
# A wrk run with errors, non-2xx answers or no answers at all does not count.
wrk_bad() { ((W_NON2XX > 0 || W_ERRORS > 0)) || [[ $(awk -v r="$W_RPS" 'BEGIN { print (r > 0) }') == 0 ]]; }
bad_responses() {
  if wrk_bad; then echo " (**$W_NON2XX non-2xx, $W_ERRORS socket errors**)"; fi
}

# ---- nginx baseline ------------------------------------------------------------------------
# Measured right before each backend's HTTP runs, and each ratio uses the nginx figure taken just
# before it: on this shared machine the baseline moves with everyone else's load.
NGX=$WORK/nginx
mkdir -p "$NGX/www" "$NGX/logs"
printf '{"login":"dangvien","full_name":"Nguyễn Văn An","unit":"Chi bộ 1","roles":["member"],"ok":true}' >"$NGX/www/me.json"
NGX_BYTES=$(stat -c %s "$NGX/www/me.json")
NGX_PORT=$(free_port)
cat >"$NGX/nginx.conf" <<EOF
worker_processes 1;
daemon off;
master_process on;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  types { application/json json; }
  default_type application/octet-stream;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGX_PORT;
    root $NGX/www;
  }
}
EOF
NGINX_RPS=0
nginx_baseline() {  # nginx_baseline LABEL [FILE in $NGX/www, default me.json] → sets NGINX_RPS, adds a row
  local file=${2:-me.json} bytes
  bytes=$(stat -c %s "$NGX/www/$file")
  say "nginx baseline $1 (static $bytes-byte JSON, worker_processes 1, CPU $SERVER_CPU)"
  taskset -c "$SERVER_CPU" nginx -p "$NGX/" -e "$NGX/logs/error.log" -c "$NGX/nginx.conf" &
  local pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$NGX_PORT/$file"
  wrk_run "nginx-${1// /-}" "http://127.0.0.1:$NGX_PORT/$file"
  NGINX_RPS=$W_RPS
  stop_pid "$pid"
  row "nginx static file ($bytes-byte JSON), req/s, $1" "—" "$(fmt_int "$NGINX_RPS") req/s$(bad_responses)" "baseline" "—"
}

# ---- data ---------------------------------------------------------------------------------
# The province demo on both backends (what the HTTP, query, import and feed steps read); the
# PostgreSQL cluster also holds the search step's databases and the national data set.
SQLITE_DB=$WORK/province.db
if want http || want query || want import || want feed || want reading || want notices; then
  say "demo --scale province into SQLite"
  t0=$(now_ms)
  "$SOTAY" demo --db "$SQLITE_DB" --scale province >"$WORK/demo-sqlite.log" 2>&1 || { cat "$WORK/demo-sqlite.log" >&2; exit 1; }
  DEMO_SQLITE_S=$(elapsed_s "$t0")
  note "loaded in $DEMO_SQLITE_S s"
  MEMBERS_SQLITE=$(sql "$SQLITE_DB" "SELECT COUNT(*) FROM members")
  row "Demo load \`--scale province\` ($(fmt_int "$MEMBERS_SQLITE") members), wall time" SQLite "$DEMO_SQLITE_S s" "< 30 s" \
    "$(judge "$DEMO_SQLITE_S" lt 30)"
  # A copy for the import test, taken before any server touches the file.
  IMPORT_DB=$WORK/import.db
  sqlite3 "$SQLITE_DB" ".backup '$IMPORT_DB'"
  # And one for the notices step, which adds notices, accounts and sessions.
  NOTICES_DB=$WORK/notices.db
  want notices && sqlite3 "$SQLITE_DB" ".backup '$NOTICES_DB'"
fi

PG_URL=""
if want http || want query || want feed || want search || want reading || want notices || { want national && [[ -n $NATIONAL ]]; }; then
  say "PostgreSQL: throwaway cluster on CPU(s) $PG_CPUS"
  PGPORT=$(free_port)
  PG_URL=$(taskset -c "$PG_CPUS" scripts/pg-test-cluster.sh start "$PGDIR" "$PGPORT")
fi
if want http || want query || want feed || want reading || want notices; then
  say "PostgreSQL: demo --scale province"
  t0=$(now_ms)
  "$SOTAY" demo --db "$PG_URL" --scale province >"$WORK/demo-pg.log" 2>&1 || { cat "$WORK/demo-pg.log" >&2; exit 1; }
  DEMO_PG_S=$(elapsed_s "$t0")
  note "loaded in $DEMO_PG_S s"
  sql "$PG_URL" "VACUUM ANALYZE" >/dev/null
  MEMBERS_PG=$(sql "$PG_URL" "SELECT COUNT(*) FROM members")
  row "Demo load \`--scale province\` ($(fmt_int "$MEMBERS_PG") members), wall time" PostgreSQL "$DEMO_PG_S s" "—" info
  # A copy for the notices step (nobody is connected to the template now).
  if want notices; then
    sql "${PG_URL%/*}/postgres" "CREATE DATABASE sotay_notices TEMPLATE ${PG_URL##*/}" >/dev/null
    PG_NOTICES_URL=${PG_URL%/*}/sotay_notices
  fi
fi

# ---- HTTP, start to ready, memory ----------------------------------------------------------
sotay_pid=""
sotay_port=""
start_sotay() {  # start_sotay URL LOG → sets sotay_pid, sotay_port, START_MS
  sotay_port=$(free_port)
  local t0 i
  t0=$(now_ms)
  taskset -c "$SERVER_CPU" "$SOTAY" serve --port "$sotay_port" --bind 127.0.0.1 --db "$1" --web '' \
    --threads 1 --blocking-threads 2 >/dev/null 2>>"$2" &
  sotay_pid=$!
  PIDS+=("$sotay_pid")
  for ((i = 0; i < 6000; i++)); do  # 30 s at most
    if probe_ready "$sotay_port"; then START_MS=$(($(now_ms) - t0)); return 0; fi
    kill -0 "$sotay_pid" 2>/dev/null || { echo "bench: sotay serve exited:" >&2; tail -20 "$2" >&2; exit 1; }
    sleep 0.005
  done
  echo "bench: sotay serve not ready after 30 s" >&2
  exit 1
}

# sign_in LOGIN → prints the session token; on failure prints nothing and appends the reason
# to $WORK/signin-errors.
sign_in() {
  local hdr=$WORK/signin-$1.hdr body=$WORK/signin-$1.body code token
  : >"$hdr"; : >"$body"
  code=$(curl -s -o "$body" -D "$hdr" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$sotay_port/api/v1/session" || echo 000)
  token=$(tr -d '\r' <"$hdr" | sed -n 's/^[Ss]et-[Cc]ookie: *sotay_session=\([^;]*\).*/\1/p' | head -1)
  if [[ $code == 200 && -n $token ]]; then
    echo "$token"
  else
    local err="POST /api/v1/session as $1 returned $code: $(head -c 200 "$body" | tr '\n' ' ')"
    echo "bench: $err" >&2
    echo "$err" >>"$WORK/signin-errors"
  fi
}

http_suite() {  # http_suite URL LABEL
  local url=$1 label=$2 log=$WORK/serve-$2.log cell starts=() i me_tok bithu_tok code
  nginx_baseline "before the $label runs"
  say "$label: start to ready (3 starts), HTTP load, memory"
  cell=$(sql "$url" "SELECT m.unit_id FROM accounts a JOIN members m ON m.id = a.member_id WHERE a.login = 'dangvien'")
  for i in 1 2 3; do
    [[ -n $sotay_pid ]] && stop_pid "$sotay_pid"
    start_sotay "$url" "$log"
    starts+=("$START_MS")
  done
  local sorted
  sorted=$(printf '%s\n' "${starts[@]}" | sort -n | tr '\n' ' ')
  local median_start
  median_start=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)
  note "start to ready: $sorted ms"
  row "Start to ready: launch \`sotay serve\` → /readyz 200 (median of 3: ${sorted% })" "$label" "$median_start ms" "< 1000 ms" \
    "$(judge "$median_start" lt 1000)"

  me_tok=$(sign_in dangvien)
  bithu_tok=$(sign_in bithu)
  local base="http://127.0.0.1:$sotay_port"
  local me_rps=0 mem_rps=0
  if [[ -n $me_tok ]]; then
    code=$(curl -s -o "$WORK/me-$label.json" -w '%{http_code}' -H "Cookie: sotay_session=$me_tok" "$base/api/v1/me")
    [[ $code == 200 ]] || echo "bench: GET /api/v1/me answered $code: $(head -c 200 "$WORK/me-$label.json")" >&2
    wrk_run "me-$label" "$base/api/v1/me" -H "Cookie: sotay_session=$me_tok"
    me_rps=$W_RPS
    local r
    r=$(ratio "$me_rps" "$NGINX_RPS")
    row "GET /api/v1/me (dangvien), req/s ÷ nginx" "$label" \
      "$(fmt_int "$me_rps") req/s = **$r** × nginx$(bad_responses)" "≥ 0.6" \
      "$(wrk_bad && echo FAIL || judge "$r" ge 0.6)"
  else
    row "GET /api/v1/me (dangvien), req/s ÷ nginx" "$label" "not measured: sign-in failed" "≥ 0.6" "NOT RUN"
  fi
  if [[ -n $bithu_tok ]]; then
    local murl="$base/api/v1/units/$cell/members?limit=50"
    code=$(curl -s -o "$WORK/members-$label.json" -w '%{http_code}' -H "Cookie: sotay_session=$bithu_tok" "$murl")
    [[ $code == 200 ]] || echo "bench: GET members answered $code: $(head -c 200 "$WORK/members-$label.json")" >&2
    wrk_run "members-$label" "$murl" -H "Cookie: sotay_session=$bithu_tok"
    mem_rps=$W_RPS
    local r
    r=$(ratio "$mem_rps" "$NGINX_RPS")
    row "GET /api/v1/units/$cell/members?limit=50 (bithu), req/s ÷ nginx" "$label" \
      "$(fmt_int "$mem_rps") req/s = **$r** × nginx$(bad_responses)" "≥ 0.4" \
      "$(wrk_bad && echo FAIL || judge "$r" ge 0.4)"
  else
    row "GET /api/v1/units/{cell}/members?limit=50 (bithu), req/s ÷ nginx" "$label" "not measured: sign-in failed" "≥ 0.4" "NOT RUN"
  fi
  if [[ -n $me_tok ]]; then
    local rate
    rate=$(half "$me_rps")
    wrk_paced "me-half-$label" "$base/api/v1/me" "$rate" -H "Cookie: sotay_session=$me_tok"
    row "p99 latency, GET /api/v1/me at half max rate (asked $(fmt_int "$rate"), got $(fmt_int "$W_RPS") req/s)" "$label" \
      "$W_P99_MS ms$(bad_responses)" "< 10 ms" \
      "$(wrk_bad && echo FAIL || judge "$W_P99_MS" lt 10)"
  else
    row "p99 latency, GET /api/v1/me at half max rate" "$label" "not measured: sign-in failed" "< 10 ms" "NOT RUN"
  fi
  if [[ -n $bithu_tok ]]; then
    local rate
    rate=$(half "$mem_rps")
    wrk_paced "members-half-$label" "$base/api/v1/units/$cell/members?limit=50" "$rate" \
      -H "Cookie: sotay_session=$bithu_tok"
    row "p99 latency, GET …/members?limit=50 at half max rate (asked $(fmt_int "$rate"), got $(fmt_int "$W_RPS") req/s)" \
      "$label" "$W_P99_MS ms$(bad_responses)" "< 10 ms" \
      "$(wrk_bad && echo FAIL || judge "$W_P99_MS" lt 10)"
  else
    row "p99 latency, GET …/members?limit=50 at half max rate" "$label" "not measured: sign-in failed" "< 10 ms" "NOT RUN"
  fi

  local rss_kb rss_mb what="after the load runs"
  [[ -z $me_tok && -z $bithu_tok ]] && what="idle: no load ran"
  rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$sotay_pid/status")
  rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
  note "VmRSS $rss_mb MB ($what)"
  row "Memory: VmRSS of \`sotay serve\` ($what)" "$label" "$rss_mb MB" "< 150 MB" "$(judge "$rss_mb" lt 150)"
  stop_pid "$sotay_pid"
  sotay_pid=""
}

if want http; then
  http_suite "$SQLITE_DB" SQLite
  http_suite "$PG_URL" PostgreSQL
fi

# ---- the member news feed -------------------------------------------------------------------
# GET /api/v1/news?limit=20 as dangvien, against nginx serving the very bytes sotay answered (a
# static file of the same size), measured just before on the same CPU with the same wrk settings.
feed_suite() {  # feed_suite URL LABEL
  local url=$1 label=$2 log=$WORK/serve-feed-$2.log tok code items bytes r
  local name="GET /api/v1/news?limit=20 (dangvien, member news feed), req/s ÷ nginx serving the same bytes"
  say "$label: member news feed"
  start_sotay "$url" "$log"
  tok=$(sign_in dangvien)
  local feed="http://127.0.0.1:$sotay_port/api/v1/news?limit=20"
  if [[ -z $tok ]]; then
    row "$name" "$label" "not measured: sign-in failed" "≥ 0.4" "NOT RUN"
  else
    code=$(curl -s -o "$NGX/www/news.json" -w '%{http_code}' -H "Cookie: sotay_session=$tok" "$feed" || echo 000)
    if [[ $code != 200 ]]; then
      echo "bench: GET /api/v1/news?limit=20 answered $code: $(head -c 200 "$NGX/www/news.json")" >&2
      row "$name" "$label" "not measured: GET /api/v1/news answered $code" "≥ 0.4" "NOT RUN"
    else
      items=$(grep -o '"published_at"' "$NGX/www/news.json" | wc -l)
      bytes=$(stat -c %s "$NGX/www/news.json")
      nginx_baseline "before the $label feed run" news.json
      wrk_run "feed-$label" "$feed" -H "Cookie: sotay_session=$tok"
      r=$(ratio "$W_RPS" "$NGINX_RPS")
      row "${name/member news feed/$items items, $bytes bytes}" "$label" \
        "$(fmt_int "$W_RPS") req/s = **$r** × nginx$(bad_responses)" "≥ 0.4" \
        "$(wrk_bad && echo FAIL || judge "$r" ge 0.4)"
    fi
  fi
  stop_pid "$sotay_pid"
  sotay_pid=""
}
if want feed; then
  feed_suite "$SQLITE_DB" SQLite
  feed_suite "$PG_URL" PostgreSQL
fi

# ---- store queries without HTTP --------------------------------------------------------------
query_suite() {  # query_suite URL LABEL
  local url=$1 label=$2 out=$WORK/query-$2.txt
  say "$label: store queries without HTTP ($RUNS runs each, sotay_query_bench on CPU $CLIENT_CPU)"
  taskset -c "$CLIENT_CPU" "$QBENCH" --db "$url" --runs "$RUNS" | tee "$out" >&2
  { echo "---- query bench $label"; cat "$out"; } >>"$RAW"
  local name detail med p95 worst
  while IFS=$'\t' read -r name detail med p95; do
    med=${med#median_ms=}; p95=${p95#p95_ms=}
    worst=$(awk -v a="$med" -v b="$p95" 'BEGIN { print (a > b ? a : b) }')
    case $name in
      subtree_counts) name="store::subtree_counts, province subtree (${detail% runs=*})" ;;
      list_members) name="store::list_members, one cell, first page (${detail% runs=*})" ;;
    esac
    row "$name, median / p95 of $RUNS" "$label" "$med / $p95 ms" "< 5 ms" "$(judge "$worst" lt 5)"
  done <"$out"
}
if want query; then
  query_suite "$SQLITE_DB" SQLite
  query_suite "$PG_URL" PostgreSQL
fi

# ---- import ------------------------------------------------------------------------------
if want import; then
  say "import: export the province, import it into a copy without members, then re-import"
  PROVINCE_CODE=$(sql "$SQLITE_DB" "SELECT code FROM units WHERE kind = 'province' ORDER BY id LIMIT 1")
  CELL_CODE=$(sql "$SQLITE_DB" "SELECT u.code FROM accounts a JOIN members m ON m.id = a.member_id
    JOIN units u ON u.id = m.unit_id WHERE a.login = 'dangvien'")
  CSV=$WORK/members.csv
  "$SOTAY" export members --unit "$PROVINCE_CODE" --out "$CSV" --db "$SQLITE_DB" 2>>"$WORK/import.log"
  CSV_ROWS=$(($(wc -l <"$CSV") - 1))
  note "exported $CSV_ROWS rows of $PROVINCE_CODE ($(du -h "$CSV" | cut -f1))"
  # The copy keeps units, accounts and everything else; only members and what points at them go.
  sqlite3 -batch "$IMPORT_DB" "
    BEGIN;
    DELETE FROM positions;
    UPDATE accounts SET member_id = NULL;
    DELETE FROM role_grants;
    DELETE FROM sessions;
    DELETE FROM memberships;
    DELETE FROM members;
    DELETE FROM unit_member_counts;
    COMMIT;
    VACUUM;"
  note "import database: $(sql "$IMPORT_DB" "SELECT COUNT(*) FROM units") units, $(sql "$IMPORT_DB" "SELECT COUNT(*) FROM members") members"
  import_once() {  # import_once LABEL FILE → sets IMPORT_S, IMPORT_SUMMARY, IMPORT_RC, IMPORT_WHY
    local t0 out=$WORK/import-$1.out
    t0=$(now_ms)
    IMPORT_RC=0
    "$SOTAY" import members "$2" --unit "$CELL_CODE" --db "$IMPORT_DB" >"$out" 2>>"$WORK/import.log" || IMPORT_RC=$?
    IMPORT_S=$(elapsed_s "$t0")
    # The last line: "N dòng, N hợp lệ, N thêm mới, N cập nhật[, đã ghi | , CHƯA GHI …] (x s)".
    IMPORT_SUMMARY=$(grep -E "dòng, " "$out" | tail -1 | sed 's/ ([0-9.]* s)$//' || true)
    # Rejected rows: "dòng N, cột C: message" — the distinct messages with their counts.
    IMPORT_WHY=$(grep -E "^dòng [0-9]+" "$out" | sed 's/^dòng [0-9]*[^:]*: //' | sort | uniq -c | sort -rn |
      awk '{ n = $1; $1 = ""; printf "%s%d× \"%s\"", (NR > 1 ? "; " : ""), n, substr($0, 2) }' || true)
    { echo "---- import $1: $2 (rc $IMPORT_RC, $IMPORT_S s)"; head -20 "$out"; } >>"$RAW"
    note "$1: $IMPORT_S s, rc $IMPORT_RC: ${IMPORT_SUMMARY:-$(head -3 "$out" | tr '\n' ' ')}"
  }
  import_value() {  # the Measured cell of an import row
    if ((IMPORT_RC)); then
      echo "$IMPORT_S s, **exit $IMPORT_RC, nothing written**: $IMPORT_SUMMARY${IMPORT_WHY:+ — rejected: $IMPORT_WHY}"
    else
      echo "$IMPORT_S s ($IMPORT_SUMMARY)"
    fi
  }
  import_once first "$CSV"
  row "Import of the exported file, $(fmt_int "$CSV_ROWS") rows, all new" SQLite "$(import_value)" "< 30 s" \
    "$( ((IMPORT_RC)) && echo FAIL || judge "$IMPORT_S" lt 30)"
  REIMPORT_CSV=$CSV
  if ((IMPORT_RC)) && grep -qE "^dòng [0-9]+" "$WORK/import-first.out"; then
    # The import is all or nothing, so one bad row leaves the write path unmeasured. As a diagnostic,
    # drop the rows it named (its "dòng N" is the line number in the file) and import the rest.
    grep -oE "^dòng [0-9]+" "$WORK/import-first.out" | awk '{ print $2 }' | sort -un >"$WORK/rejected-lines"
    REJECTED=$(wc -l <"$WORK/rejected-lines")
    awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad)' "$WORK/rejected-lines" "$CSV" >"$WORK/members-accepted.csv"
    REIMPORT_CSV=$WORK/members-accepted.csv
    import_once accepted "$REIMPORT_CSV"
    row "Diagnostic: the same file without the $REJECTED rejected rows, $(fmt_int $((CSV_ROWS - REJECTED))) rows, all new" SQLite \
      "$(import_value)" "< 30 s" "$( ((IMPORT_RC)) && echo FAIL || judge "$IMPORT_S" lt 30)"
  fi
  IMPORTED=$(sql "$IMPORT_DB" "SELECT COUNT(*) FROM members")
  import_once again "$REIMPORT_CSV"
  row "Re-import of $( [[ $REIMPORT_CSV == "$CSV" ]] && echo "the same file" || echo "the file just imported"), every row updates by card number" SQLite \
    "$(import_value)" "—" "$( ((IMPORT_RC)) && echo FAIL || echo info)"
  note "members in the import database: $IMPORTED after the import, $(sql "$IMPORT_DB" "SELECT COUNT(*) FROM members") after the re-import"
fi

# ---- search without HTTP ----------------------------------------------------------------------
# sotay_search_bench (bench/search_bench.cpp) on a new database per backend: a library of
# SEARCH_DOCS documents from ../shared/corpus built through documents::create + publish, then the
# query table single-threaded (latency) and on 2 threads (throughput), as an admin and as a member;
# and the ranking evaluation on a second database holding the three answering documents.
kv() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }  # kv KEY LINE → the value
search_suite() {  # search_suite URL RANKING_URL LABEL
  local url=$1 rank_url=$2 label=$3 out=$WORK/search-$3.txt line who
  say "$label: search on a $(fmt_int "$SEARCH_DOCS")-document library (sotay_search_bench, not pinned; the load takes minutes)"
  "$SBENCH" --db "$url" --ranking-db "$rank_url" --documents "$SEARCH_DOCS" --queries "$SEARCH_QUERIES" \
    --seconds "$SECONDS_EACH" --threads 2 >"$out" 2>"$WORK/search-$label.log" ||
    { tail -20 "$WORK/search-$label.log" >&2; row "Search bench" "$label" "**failed**: $(tail -1 "$WORK/search-$label.log")" "—" FAIL; return 0; }
  cat "$out" >&2
  { echo "---- search bench $label: sotay_search_bench --db DB --ranking-db DB2 --documents $SEARCH_DOCS --queries $SEARCH_QUERIES --seconds $SECONDS_EACH --threads 2"
    cat "$out"; grep -A40 'ranking misses' "$WORK/search-$label.log" || true; } >>"$RAW"
  # The targets of the issue are for SQLite; PostgreSQL runs the same table for comparison.
  local lat_target="p95 < 50 ms" qps_target="≥ 200 q/s" sqlite=""
  [[ $label == SQLite ]] && sqlite=1
  line=$(grep -P '^load\t' "$out" || true)
  if [[ -n $line ]]; then
    if (($(kv added "$line") > 0)); then
      row "Search library: $(fmt_int "$(kv documents "$line")") documents ($(fmt_int "$(kv entries "$line")") passages) loaded through documents::create + publish, one transaction each" \
        "$label" "$(kv seconds "$line") s = $(kv docs_per_s "$line") documents/s (create $(kv create_s "$line") s, publish + index $(kv publish_s "$line") s)" "—" info
    fi
  fi
  for who in admin member; do
    line=$(grep -P "^latency\tactor=$who " "$out" || true)
    [[ -n $line ]] && row "Search latency, $(kv queries "$line") queries single-threaded ($(kv distinct "$line") distinct: keywords with and without marks, numbers, questions), $who$([[ $who == member ]] && echo ", audience filter on"), p50 / p95 / p99" \
      "$label" "$(kv p50_ms "$line") / **$(kv p95_ms "$line")** / $(kv p99_ms "$line") ms" "$lat_target" \
      "$( [[ -n $sqlite ]] && judge "$(kv p95_ms "$line")" lt 50 || echo info)"
  done
  for who in admin member; do
    line=$(grep -P "^throughput\tactor=$who " "$out" || true)
    [[ -n $line ]] && row "Search throughput, 2 threads for $(kv seconds "$line") s, $who" "$label" \
      "$(fmt_int "$(kv qps "$line")") queries/s" "$qps_target" \
      "$( [[ -n $sqlite ]] && judge "$(kv qps "$line")" ge 200 || echo info)"
  done
  line=$(grep -P '^ranking\t' "$out" || true)
  [[ -n $line ]] && row "Search ranking on dev-questions.jsonl ($(kv answerable "$line") answerable; library = the three answering documents), top-1 / top-3" \
    "$label" "$(kv top1_pct "$line") % / $(kv top3_pct "$line") %" "top-3 ≥ 80 %" "$(judge "$(kv top3_pct "$line")" ge 80)"
  return 0
}
if want search; then
  sql "$PG_URL" "CREATE DATABASE sotay_search" >/dev/null
  sql "$PG_URL" "CREATE DATABASE sotay_ranking" >/dev/null
  search_suite "$WORK/search.db" "$WORK/ranking.db" SQLite
  search_suite "${PG_URL%/*}/sotay_search" "${PG_URL%/*}/sotay_ranking" PostgreSQL
fi

# ---- reading records without HTTP ------------------------------------------------------------
# sotay_reading_bench on the province demo of each backend. It adds its own published items and
# reading records to the database, so it runs after every step that reads the demo data.
reading_suite() {  # reading_suite URL LABEL
  local url=$1 label=$2 out=$WORK/reading-$2.txt name detail med p95 extra rate worst
  say "$label: reading records (sotay_reading_bench on CPU $CLIENT_CPU)"
  taskset -c "$CLIENT_CPU" "$RBENCH" --db "$url" --runs "$READING_RUNS" | tee "$out" >&2
  { echo "---- reading bench $label"; cat "$out"; } >>"$RAW"
  while IFS=$'\t' read -r name detail med p95 extra; do
    med=${med#median_ms=}; p95=${p95#p95_ms=}; rate=${extra#events_per_s=}
    worst=$(awk -v a="$med" -v b="$p95" 'BEGIN { print (a > b ? a : b) }')
    case $name in
      ingest)
        row "Reading events ingested: batches of 500 events over 40 items, one member and one transaction each ($detail)" \
          "$label" "$(fmt_int "$rate") events/s (batch median $med ms, p95 $p95 ms)" "≥ 20,000 events/s" \
          "$([[ $label == SQLite ]] && judge "$rate" ge 20000 || echo info)" ;;
      ingest_again)
        row "Reading events: the same batches again (every row an update, state unchanged)" "$label" \
          "$(fmt_int "$rate") events/s (batch median $med ms, p95 $p95 ms)" "—" info ;;
      ingest_wide)
        row "Reading events: batches of 500 events over 500 distinct items ($detail)" "$label" \
          "$(fmt_int "$rate") events/s (batch median $med ms, p95 $p95 ms)" "—" info ;;
      stats_*)
        row "reading::stats ${name#stats_} (${detail% runs=*}), median / p95 of $READING_RUNS" "$label" \
          "$med / $p95 ms" "< 200 ms" "$(judge "$worst" lt 200)" ;;
    esac
  done <"$out"
}
if want reading; then
  reading_suite "$SQLITE_DB" SQLite
  reading_suite "$PG_URL" PostgreSQL
fi

# ---- notices: fan-out, live delivery, idle sockets ---------------------------------------------
# On a copy of the province demo per backend (NOTICES_DB, PG_NOTICES_URL), since it adds notices,
# accounts and sessions: sotay_notices_bench in-process, the same notice over HTTP as tinhuy, then
# WS_CLIENTS WebSocket clients (sotay_ws_load) receiving a province-wide urgent notice, then
# IDLE_CLIENTS sockets held IDLE_SECONDS. The clients' accounts and sessions are written straight
# into the database before the server starts (tokens from `sotay_ws_load --make-tokens`).
raise_nofile() {  # raise_nofile N: the open-file limit of this shell, and of what it starts, to ≥ N
  local soft hard
  soft=$(ulimit -Sn)
  [[ $soft == unlimited ]] && return 0
  ((soft >= $1)) && return 0
  hard=$(ulimit -Hn)
  if [[ $hard != unlimited ]] && ((hard < $1)); then ulimit -Hn "$1" 2>/dev/null || true; fi  # root may
  ulimit -Sn "$1" 2>/dev/null || ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
  soft=$(ulimit -Sn)
  [[ $soft == unlimited ]] || ((soft >= $1))
}
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
wait_line() {  # wait_line FILE REGEX PID SECONDS: until a line of FILE matches; false if PID ended first or time ran out
  local i
  for ((i = 0; i < $4 * 5; i++)); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { grep -qE "$2" "$1" 2>/dev/null; return; }
    sleep 0.2
  done
  return 1
}
# The notice every step sends: to the whole province, asking for acknowledgement.
notice_json() {  # notice_json PROVINCE_ID PRIORITY TAG
  printf '{"title":"Thông báo toàn tỉnh (đo tải) %s","body":"Đề nghị các đồng chí đảng viên đọc và xác nhận đã nhận thông báo này.","priority":"%s","require_ack":true,"audience":{"units":[%s]}}' \
    "$3" "$2" "$1"
}
# post_notice URL PROVINCE_ID TOKEN CSRF PRIORITY TAG: POST /api/v1/notices on the running server;
# sets P_CODE, P_S (curl's time_total), P_RECIPIENTS, P_STATE and P_ID (the newest notice).
post_notice() {
  local body=$WORK/notice-$6.json out
  out=$(curl -s -o "$body" -w '%{http_code} %{time_total}' --max-time 300 -H 'Content-Type: application/json' \
    -H "Cookie: sotay_session=$3" -H "X-CSRF-Token: $4" --data "$(notice_json "$2" "$5" "$6")" \
    "http://127.0.0.1:$sotay_port/api/v1/notices" || echo "000 0")
  P_CODE=${out%% *}
  P_S=${out#* }
  P_RECIPIENTS=$(grep -o '"recipients":[0-9]*' "$body" | head -1 | cut -d: -f2 || true)
  P_STATE=$(grep -o '"state":"[a-z]*"' "$body" | head -1 | cut -d'"' -f4 || true)
  P_ID=$(sql "$1" "SELECT MAX(id) FROM notices")
  { echo "---- POST /api/v1/notices ($6, $5): HTTP $P_CODE, time_total $P_S s, state ${P_STATE:-?}, recipients ${P_RECIPIENTS:-?}, notice $P_ID"
    [[ $P_CODE == 201 ]] || head -c 500 "$body"; } >>"$RAW"
  note "POST /api/v1/notices ($6): HTTP $P_CODE in $P_S s, ${P_STATE:-?}, ${P_RECIPIENTS:-?} recipients"
}
# The inbox rows of one notice, between HTTP runs so each fans out into the same table. The notice,
# its versions and its events stay: on SQLite a deleted largest id would be handed out again, and
# the server refuses an event id it has already delivered.
delete_recipients() {  # delete_recipients URL NOTICE_ID
  local q="DELETE FROM push_outbox WHERE notice_id = $2; DELETE FROM notice_recipients WHERE notice_id = $2;"
  if [[ $1 == postgres://* ]]; then
    psql "$1" -qAtX -v ON_ERROR_STOP=1 -c "BEGIN; $q COMMIT;" -c "VACUUM ANALYZE notice_recipients" >/dev/null
  else
    sqlite3 -batch -bail -cmd '.timeout 30000' "$1" "BEGIN IMMEDIATE; $q COMMIT;"
  fi
}
# make_ws_sessions URL PROVINCE_ID N TOKENS: N accounts (login wsload-<member id>, no usable
# password, a member grant on the member's cell) for active members of the province who have no
# account, each with a session whose token is a line of TOKENS ("token <tab> sha256 hex", the
# hash the server looks up). Sets WS_MADE: how many (the first WS_MADE tokens are valid).
make_ws_sessions() {
  local url=$1 sqlf=$4.sql now first tok hash
  now=$(date +%s)
  "$WSLOAD" --make-tokens "$3" >"$4"
  first=$(head -1 "$4")
  tok=${first%%$'\t'*}
  hash=${first#*$'\t'}
  if [[ $(printf '%s' "$tok" | sha256sum | cut -d' ' -f1) != "$hash" ]]; then
    echo "bench: sotay_ws_load --make-tokens: the hash is not the SHA-256 hex of the token" >&2
    WS_MADE=0
    return 0
  fi
  # Spread over the province rather than the first cells.
  sql "$url" "SELECT m.id || '|' || m.unit_id FROM members m JOIN units u ON u.id = m.unit_id
    JOIN units p ON p.id = $2
    WHERE u.path LIKE p.path || '%' AND m.status IN ('official','probationary')
      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id)
    ORDER BY (m.id * 2654435761) % 4294967291, m.id LIMIT $3" >"$4.members"
  {
    echo "BEGIN;"
    echo "CREATE TEMP TABLE ws_load (member_id BIGINT, unit_id BIGINT, token_hash TEXT);"
    paste -d'|' "$4.members" <(cut -f2 "$4") | awk -F'|' 'NF == 3 && $1 != "" {
      printf "%s(%s, %s, '\''%s'\'')", (n % 500 ? ",\n" : (n ? ";\nINSERT INTO ws_load VALUES " : "INSERT INTO ws_load VALUES ")), $1, $2, $3
      n++ } END { if (n) print ";" }'
    echo "INSERT INTO accounts (login, member_id, password_hash, must_change_password, created_at)
      SELECT 'wsload-' || member_id, member_id, '!', 0, $now FROM ws_load;"
    echo "INSERT INTO role_grants (account_id, role, unit_id, granted_at)
      SELECT a.id, 'member', w.unit_id, $now FROM ws_load w JOIN accounts a ON a.login = 'wsload-' || w.member_id;"
    echo "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at)
      SELECT w.token_hash, a.id, 'wsload', $now, $now + 30 * 86400, $now
      FROM ws_load w JOIN accounts a ON a.login = 'wsload-' || w.member_id;"
    echo "COMMIT;"
  } >"$sqlf"
  if [[ $url == postgres://* ]]; then
    psql "$url" -qAtX -v ON_ERROR_STOP=1 -f "$sqlf" >/dev/null
    sql "$url" "VACUUM ANALYZE accounts" >/dev/null
    sql "$url" "VACUUM ANALYZE sessions" >/dev/null
    sql "$url" "VACUUM ANALYZE role_grants" >/dev/null
  else
    sqlite3 -batch -bail "$url" <"$sqlf"
  fi
  WS_MADE=$(sql "$url" "SELECT COUNT(*) FROM sessions WHERE csrf_token = 'wsload'")
  note "$WS_MADE accounts with a session for the WebSocket clients"
}

# ws_live LABEL URL PROVINCE_ID TOKENS TOKEN CSRF: WS_CLIENTS sockets, then a province-wide urgent
# notice; the client reports when each socket got it.
ws_live() {
  local label=$1 url=$2 out=$WORK/ws-live-$1.out err=$WORK/ws-live-$1.err fifo=$WORK/ws-live-$1.fifo
  local n=$WS_CLIENTS pid fd line rss_base rss_open rss_after t_send live_name rss_name
  ((n > WS_MADE)) && n=$WS_MADE
  live_name="Live delivery: province-wide urgent notice with $(fmt_int "$n") WebSocket clients connected, POST → {\"type\":\"notice\"} on each socket, p50 / **p99** / max"
  rss_name="Memory: VmRSS of \`sotay serve\` with $(fmt_int "$n") WebSocket clients connected"
  say "$label: $n WebSocket clients, then a province-wide urgent notice (sotay_ws_load on CPU $CLIENT_CPU)"
  mkfifo "$fifo"
  rss_base=$(rss_mb "$sotay_pid")
  taskset -c "$CLIENT_CPU" "$WSLOAD" --port "$sotay_port" --tokens "$4" --connections "$n" --wait-seconds 30 \
    <"$fifo" >"$out" 2>"$err" &
  pid=$!
  PIDS+=("$pid")
  exec {fd}>"$fifo"
  if ! wait_line "$out" '^ready' "$pid" 300; then
    exec {fd}>&-
    stop_pid "$pid"
    { echo "---- ws live $label (no ready line)"; cat "$out" "$err"; } >>"$RAW"
    row "$live_name" "$label" "not measured: the clients did not connect ($(tail -1 "$err" 2>/dev/null))" "p99 < 1 s" FAIL
    return 0
  fi
  line=$(grep -P '^ready\t' "$out")
  note "$line"
  sleep 1  # the last hellos' writes settle
  rss_open=$(rss_mb "$sotay_pid")
  t_send=${EPOCHREALTIME/[.,]/}
  post_notice "$url" "$3" "$5" "$6" urgent "live-$label"
  if [[ $P_CODE == 201 ]]; then echo "sent $t_send $P_ID" >&"$fd"; else echo quit >&"$fd"; fi
  exec {fd}>&-
  wait "$pid" || true
  forget_pid "$pid"
  rss_after=$(rss_mb "$sotay_pid")
  cat "$out" >&2
  { echo "---- ws live $label: sotay_ws_load --connections $n --wait-seconds 30; notice $P_ID sent at $t_send µs"
    cat "$out"; tail -5 "$err"; } >>"$RAW"
  local ready_open ready_failed ready_s live p50 p99 max once dup missing closed open_at_send
  ready_open=$(kv open "$line"); ready_failed=$(kv failed "$line"); ready_s=$(kv seconds "$line")
  row "WebSocket clients connected (cookie session, one handshake and hello each, 64 at a time)" "$label" \
    "$(fmt_int "$ready_open") of $(fmt_int "$n") in $ready_s s$( ((ready_failed > 0)) && echo " (**$ready_failed failed**: $(sed -n 's/^reasons\t//p' "$out"))")" \
    "all" "$( ((ready_open == n)) && echo PASS || echo FAIL)"
  row "$rss_name" "$label" "**$rss_open MB** connected ($rss_base MB before they connected), $rss_after MB after the delivery" "< 300 MB" \
    "$(judge "$(awk -v a="$rss_open" -v b="$rss_after" 'BEGIN { print (a > b ? a : b) }')" lt 300)"
  live=$(grep -P '^live\t' "$out" || true)
  if [[ $P_CODE != 201 || -z $live ]]; then
    row "$live_name" "$label" "not measured: POST /api/v1/notices answered $P_CODE" "p99 < 1 s" FAIL
    return 0
  fi
  p50=$(kv p50_ms "$live"); p99=$(kv p99_ms "$live"); max=$(kv max_ms "$live")
  once=$(kv once "$live"); dup=$(kv duplicates "$live"); missing=$(kv missing "$live"); closed=$(kv closed "$live")
  open_at_send=$(kv open_at_send "$live")
  # The notice is stored and fanned out before anything can be delivered: the first arrival and the
  # POST's own time show how much of the latency that is.
  row "$live_name" "$label" \
    "$p50 / **$p99** / $max ms (first socket at $(kv first_ms "$live") ms; the POST answered after $(awk -v s="$P_S" 'BEGIN { printf "%.0f", s * 1000 }') ms)" \
    "p99 < 1000 ms" "$(((missing > 0)) && echo FAIL || judge "$p99" lt 1000)"
  row "Live delivery: sockets that got the notice exactly once" "$label" \
    "**$(fmt_int "$once") of $(fmt_int "$open_at_send")** (missing $missing, duplicated $dup, closed $closed; reasons: $(sed -n 's/^reasons\t//p' "$out"))" \
    "all, once" "$( ((once == open_at_send && open_at_send == n && closed == 0)) && echo PASS || echo FAIL)"
  row "POST /api/v1/notices (urgent, province) with $(fmt_int "$n") sockets open: curl time_total$([[ $label == SQLite ]] && echo ", including the live delivery (SQLite delivers in the request)")" \
    "$label" "$(awk -v s="$P_S" 'BEGIN { printf "%.0f", s * 1000 }') ms ($P_STATE, $(fmt_int "${P_RECIPIENTS:-0}") recipients)" "—" info
  delete_recipients "$url" "$P_ID"
}

# ws_idle LABEL TOKENS: IDLE_CLIENTS sockets held IDLE_SECONDS.
ws_idle() {
  local label=$1 out=$WORK/ws-idle-$1.out err=$WORK/ws-idle-$1.err n=$IDLE_CLIENTS pid line idle rss name short=""
  ((n > WS_MADE)) && n=$WS_MADE
  # (An assignment takes the status of its command substitution: no `$(cond && echo)` here under set -e.)
  if ((IDLE_SECONDS < 600)); then short=" (BENCH_IDLE_SECONDS=$IDLE_SECONDS; the target is 10 minutes: BENCH_IDLE_SECONDS=600)"; fi
  name="WebSocket: $(fmt_int "$n") connections held $IDLE_SECONDS s$short, errors and closes"
  say "$label: $n WebSocket clients held $IDLE_SECONDS s (sotay_ws_load on CPU $CLIENT_CPU)"
  taskset -c "$CLIENT_CPU" "$WSLOAD" --port "$sotay_port" --tokens "$2" --connections "$n" --idle-seconds "$IDLE_SECONDS" \
    </dev/null >"$out" 2>"$err" &
  pid=$!
  PIDS+=("$pid")
  if ! wait_line "$out" '^ready' "$pid" 300; then
    stop_pid "$pid"
    { echo "---- ws idle $label (no ready line)"; cat "$out" "$err"; } >>"$RAW"
    row "$name" "$label" "not measured: the clients did not connect ($(tail -1 "$err" 2>/dev/null))" "$(fmt_int "$n") held, 0 errors" FAIL
    return 0
  fi
  line=$(grep -P '^ready\t' "$out")
  note "$line"
  sleep 1
  rss=$(rss_mb "$sotay_pid")
  wait_line "$out" '^idle' "$pid" $((IDLE_SECONDS + 60)) || true
  wait "$pid" || true
  forget_pid "$pid"
  cat "$out" >&2
  { echo "---- ws idle $label: sotay_ws_load --connections $n --idle-seconds $IDLE_SECONDS"; cat "$out"; tail -5 "$err"; } >>"$RAW"
  idle=$(grep -P '^idle\t' "$out" || true)
  row "Memory: VmRSS of \`sotay serve\` with $(fmt_int "$(kv open "$line")") WebSocket clients connected (idle)" "$label" "$rss MB" "—" info
  if [[ -z $idle ]]; then
    row "$name" "$label" "not measured: no report ($(tail -1 "$err" 2>/dev/null))" "$(fmt_int "$n") held, 0 errors" FAIL
    return 0
  fi
  local held closed failed hb_min hb_max clean result
  held=$(kv held "$idle"); closed=$(kv closed "$idle"); failed=$(kv failed "$line")
  hb_min=$(kv heartbeats_min "$idle"); hb_max=$(kv heartbeats_max "$idle")
  clean=$( ((held == n && closed == 0 && failed == 0)) && echo 1 || echo 0)
  if ((clean == 0)); then result=FAIL; elif ((IDLE_SECONDS >= 600)); then result=PASS; else result=info; fi
  row "$name" "$label" \
    "**$(fmt_int "$held") of $(fmt_int "$n") held**, $closed closed, $failed failed to open (connected in $(kv seconds "$line") s; server heartbeats per socket $hb_min–$hb_max; reasons: $(sed -n 's/^reasons\t//p' "$out"))" \
    "$(fmt_int 10000) held 600 s, 0 errors" "$result"
}

notices_suite() {  # notices_suite URL LABEL
  local url=$1 label=$2 out=$WORK/notices-$2.txt line prov_id tokens=$WORK/ws-tokens-$2.txt med all tok csrf
  local i times=() name
  prov_id=$(sql "$url" "SELECT id FROM units WHERE kind = 'province' ORDER BY id LIMIT 1")
  say "$label: a notice to the whole province, in-process ($NOTICE_RUNS runs, sotay_notices_bench on CPU $CLIENT_CPU)"
  if taskset -c "$CLIENT_CPU" "$NBENCH" --db "$url" --runs "$NOTICE_RUNS" >"$out" 2>"$WORK/notices-$label.log"; then
    cat "$WORK/notices-$label.log" "$out" >&2
    { echo "---- notices bench $label: sotay_notices_bench --db DB --runs $NOTICE_RUNS"; cat "$WORK/notices-$label.log" "$out"; } >>"$RAW"
    line=$(grep -P '^fanout\t' "$out")
    med=$(sed -n 's/.*\tmedian_ms=\([0-9.]*\).*/\1/p' <<<"$line")
    row "Province notice stored and fanned out ($(fmt_int "$(kv recipients "$line")") recipients): \`notices::create\` in-process as tinhuy, audience {units:[province]}, median of $NOTICE_RUNS (all: $(kv all_ms "$line") ms; sent after $(kv stored_ms "$line") ms)" \
      "$label" "**$(printf '%.0f' "$med") ms** (state $(kv state "$line"))" "< 2000 ms" \
      "$([[ $(kv state "$line") == sent ]] && judge "$med" lt 2000 || echo FAIL)"
  else
    tail -5 "$WORK/notices-$label.log" >&2
    row "Province notice stored and fanned out: \`notices::create\` in-process" "$label" "**failed**: $(tail -1 "$WORK/notices-$label.log")" "< 2000 ms" FAIL
  fi

  say "$label: accounts and sessions for $IDLE_CLIENTS WebSocket clients, written into the database"
  make_ws_sessions "$url" "$prov_id" "$(( IDLE_CLIENTS > WS_CLIENTS ? IDLE_CLIENTS : WS_CLIENTS ))" "$tokens"

  say "$label: the same notice over HTTP ($NOTICE_RUNS × POST /api/v1/notices as tinhuy)"
  start_sotay "$url" "$WORK/serve-notices-$label.log"
  tok=$(sign_in tinhuy)
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$WORK/signin-tinhuy.body" 2>/dev/null || true)
  name="Province notice stored and fanned out: POST /api/v1/notices as tinhuy (no socket open), curl time_total, median of $NOTICE_RUNS"
  if [[ -z $tok || -z $csrf ]]; then
    row "$name" "$label" "not measured: sign-in as tinhuy failed" "< 2000 ms" "NOT RUN"
  else
    local ok=1 recipients=0
    for ((i = 1; i <= NOTICE_RUNS; i++)); do
      post_notice "$url" "$prov_id" "$tok" "$csrf" urgent "http-$label-$i"
      [[ $P_CODE == 201 && $P_STATE == sent ]] || ok=0
      recipients=${P_RECIPIENTS:-0}
      times+=("$(awk -v s="$P_S" 'BEGIN { printf "%.0f", s * 1000 }')")
      [[ $P_CODE == 201 ]] && delete_recipients "$url" "$P_ID"
    done
    med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    all=$(printf '%s\n' "${times[@]}" | tr '\n' ',' | sed 's/,$//')
    row "${name/stored and fanned out/stored and fanned out ($(fmt_int "$recipients") recipients)} (all: $all ms)" "$label" \
      "**$med ms**$( ((ok)) || echo " (**HTTP $P_CODE, state ${P_STATE:-?}**)")" "< 2000 ms" \
      "$( ((ok)) && judge "$med" lt 2000 || echo FAIL)"
  fi

  if ((WS_MADE == 0)); then
    row "Live delivery and idle WebSocket clients" "$label" "not measured: no accounts could be made for the clients" "—" "NOT RUN"
  elif [[ -z $tok || -z $csrf ]]; then
    row "Live delivery with $WS_CLIENTS WebSocket clients" "$label" "not measured: sign-in as tinhuy failed" "p99 < 1 s" "NOT RUN"
    ws_idle "$label" "$tokens"
  else
    ws_live "$label" "$url" "$prov_id" "$tokens" "$tok" "$csrf"
    ws_idle "$label" "$tokens"
  fi
  local hwm
  hwm=$(hwm_mb "$sotay_pid")
  note "VmHWM (peak RSS) of sotay serve in the notices step: $hwm MB"
  row "Memory: peak VmHWM of \`sotay serve\` over the notices step" "$label" "$hwm MB" "—" info
  stop_pid "$sotay_pid"
  sotay_pid=""
}
if want notices; then
  # Every socket is a file descriptor on both sides (client and server are started from this shell).
  NOFILE_NEED=$(( (IDLE_CLIENTS > WS_CLIENTS ? IDLE_CLIENTS : WS_CLIENTS) + 1000 ))
  raise_nofile "$NOFILE_NEED" || note "open files limited to $(ulimit -Sn) (wanted $NOFILE_NEED): some clients will fail to connect"
  note "ulimit -n: $(ulimit -Sn)"
  notices_suite "$NOTICES_DB" SQLite
  notices_suite "$PG_NOTICES_URL" PostgreSQL
fi

# ---- national (optional) ----------------------------------------------------------------------
if [[ -n $NATIONAL ]] && want national; then
  say "national data set into PostgreSQL (long)"
  sql "$PG_URL" "CREATE DATABASE sotay_national" >/dev/null
  NAT_URL=${PG_URL%/*}/sotay_national
  t0=$(now_ms)
  "$SOTAY" demo --db "$NAT_URL" --scale national >"$WORK/demo-national.log" 2>&1 || { cat "$WORK/demo-national.log" >&2; exit 1; }
  NAT_S=$(elapsed_s "$t0")
  sql "$NAT_URL" "VACUUM ANALYZE" >/dev/null
  NAT_MEMBERS=$(sql "$NAT_URL" "SELECT COUNT(*) FROM members")
  row "Demo load \`--scale national\` ($(fmt_int "$NAT_MEMBERS") members), wall time" PostgreSQL "$NAT_S s" "—" info
  NAT_RUNS=${BENCH_NATIONAL_RUNS:-20}
  out=$WORK/query-national.txt
  taskset -c "$CLIENT_CPU" "$QBENCH" --db "$NAT_URL" --runs "$NAT_RUNS" --warmup 2 --only unit_counts,subtree_counts |
    tee "$out" >&2
  { echo "---- query bench national"; cat "$out"; } >>"$RAW"
  while IFS=$'\t' read -r name detail med p95; do
    med=${med#median_ms=}; p95=${p95#p95_ms=}
    worst=$(awk -v a="$med" -v b="$p95" 'BEGIN { print (a > b ? a : b) }')
    case $name in
      unit_counts) name="National: member counts by unit for one province, all rows (${detail% runs=*})" ;;
      subtree_counts) name="National: store::subtree_counts for one province (${detail% runs=*})" ;;
    esac
    row "$name, median / p95 of $NAT_RUNS" PostgreSQL "$med / $p95 ms" "< 500 ms" "$(judge "$worst" lt 500)"
  done <"$out"
elif want national; then
  row "National data set (member counts by unit for one province)" PostgreSQL "skipped: set BENCH_NATIONAL=1 (10+ min)" "< 500 ms" "NOT RUN"
fi

# ---- the table ---------------------------------------------------------------------------
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"
LOAD_NOW=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# sotay benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`$COMMAND_LINE\` (in $(basename "$ROOT"), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- server CMakeLists.txt 2>/dev/null || echo ' + local changes'))"
  echo
  echo "Machine: \`nproc\` = $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at start $LOAD_START, at end $LOAD_NOW."
  echo
  if [[ -n $ONLY ]]; then
    echo "**Partial run**: only the steps \`BENCH_ONLY=$ONLY\` (and the data they need)."
    echo
  fi
  echo "**This machine is noisy** (a shared 2-core VM; other builds and tests may run at the same time): single figures can move by ±20 % or more between runs. Read the ratios, and re-run before concluding anything from one number."
  echo
  echo "| Metric | Backend | Measured | Target | Result |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Notes"
  echo
  echo "- Pinning: the server under test (nginx, or \`sotay serve\`) runs on CPU $SERVER_CPU with \`taskset -c $SERVER_CPU\`; wrk runs on CPU $CLIENT_CPU with \`taskset -c $CLIENT_CPU\`. The throwaway PostgreSQL cluster runs on CPU(s) $PG_CPUS (\`BENCH_PG_CPUS\`), so on PostgreSQL the whole server side shares CPU $SERVER_CPU."
  echo "- sotay: \`taskset -c $SERVER_CPU sotay serve --port P --bind 127.0.0.1 --db DB --web '' --threads 1 --blocking-threads 2\` (one I/O thread, two database threads, default pool). Its access log (one JSON line per request, on stdout) goes to /dev/null; nginx has \`access_log off\`."
  echo "- nginx $(nginx -v 2>&1 | sed 's|.*/||'): \`worker_processes 1\`, \`access_log off\`, one static file of $NGX_BYTES bytes$(want feed && echo " (for the feed rows, a copy of the feed's own answer)"), config written to a temp folder, run as \`taskset -c $SERVER_CPU nginx -p DIR -c DIR/nginx.conf\` with \`daemon off\`."
  echo "- wrk: \`taskset -c $CLIENT_CPU wrk -t1 -c$CONNS -d${SECONDS_EACH}s --latency [-H 'Cookie: sotay_session=…'] URL\`, each after an unrecorded ${WARMUP} s warm-up with the same settings. Ratios are sotay req/s ÷ the nginx req/s measured just before that backend's runs (nginx is measured twice for that reason). Non-2xx answers or socket errors make a row FAIL."
  echo "- p99 at half rate: the same wrk with \`-s bench/pace.lua\` and \`BENCH_RATE\` = half the max req/s measured just before on that endpoint and backend; the script spaces the requests of all connections on one schedule (1/rate apart), and wrk's \`--latency\` prints the p99."
  echo "- Sessions: \`POST /api/v1/session\` as \`dangvien\` (for /me) and as \`bithu\` (for the members of dangvien's cell), on each backend."
  echo "- Start to ready: from launching \`sotay serve\` until \`GET /readyz\` answers 200, polled every 5 ms over bash's /dev/tcp; three launches on the province database, median."
  echo "- Memory: VmRSS from /proc/PID/status of the server process, after the wrk runs on that backend."
  echo "- Store queries: \`taskset -c $CLIENT_CPU $BUILD/sotay_query_bench --db DB --runs $RUNS\` (bench/query_bench.cpp); each run is one \`Database::read()\` around the store call, as the API does it, after 10 untimed runs."
  if want import; then
  echo "- Import: \`sotay export members --unit $PROVINCE_CODE --out members.csv\` from the province database, then \`sotay import members members.csv --unit $CELL_CODE\` (rows carry \"Mã chi bộ\", so they land in their own cells) into a copy of the demo database whose positions, role grants, sessions, memberships, members and member counts were deleted (accounts kept, unlinked); wall time of the command; the re-import runs on the result. The import is all or nothing: when it rejects rows, the runner also imports the file without the rows it named (a diagnostic row, so the write path still gets a time) and re-imports that file."
  fi
  if want feed; then
    echo "- News feed: \`GET /api/v1/news?limit=20\` with dangvien's session, on the province demo (its demo news), the same wrk settings and pinning as above; its nginx baseline serves the very response sotay gave (saved to a file, same bytes) and is measured just before, on the same CPU."
  fi
  if want reading; then
    echo "- Reading records: \`taskset -c $CLIENT_CPU $BUILD/sotay_reading_bench --db DB --runs $READING_RUNS\` (bench/reading_bench.cpp) on the province demo of each backend, after the other steps (it adds 546 published items addressed to the province and their reading records). Ingest: \`reading::record_events\` as the API calls it, 200 batches of 500 events from 200 different members (40 items per batch; the wide run 500 items), one transaction per batch; events/s = events ÷ wall time of all batches. Statistics: \`reading::stats\` for one document that 70 % of the province opened and about half read to the end (five other documents read the same way, so its records are a sixth of the table), as the province committee (the province), the committee of the largest base committee (with the names of those who have not read) and for that base's largest cell, after 3 untimed runs."
  fi
  if want notices; then
    echo "- Notices: on a copy of the province demo per backend (\`sqlite3 .backup\`; PostgreSQL \`CREATE DATABASE … TEMPLATE\`). In-process: \`taskset -c $CLIENT_CPU $BUILD/sotay_notices_bench --db DB --runs $NOTICE_RUNS\` (bench/notices_bench.cpp): \`notices::create\` as tinhuy (committee of the province) with audience {units:[province]}, urgent, acknowledgement asked, from the call to its return (state sent, recipients counted); the previous run's notice and rows deleted between runs (untimed; PostgreSQL also \`VACUUM ANALYZE notice_recipients\`). HTTP: \`curl -w %{time_total}\` of \`POST /api/v1/notices\` with the same body, as tinhuy (cookie + X-CSRF-Token from the sign-in), the server as above; the recipients of each run deleted before the next (the notice and its events stay, so no id is reused)."
    echo "- WebSocket clients: $(fmt_int "$IDLE_CLIENTS") accounts (\`wsload-<member id>\`, a member grant on the member's cell, no usable password) for active members of the province without an account, spread over the province, each with a session inserted with sqlite3/psql before the server starts (token from \`sotay_ws_load --make-tokens\`, token_hash = its SHA-256 hex as auth computes it, checked with sha256sum). \`taskset -c $CLIENT_CPU $BUILD/sotay_ws_load --port P --tokens FILE --connections N\` (bench/ws_load.cpp: one thread, one io_context, 64 handshakes at a time, \`Cookie: sotay_session=…\`, waits for each hello). Live: with $(fmt_int "$WS_CLIENTS") connected the runner takes the wall-clock time, POSTs an urgent notice to the province (curl) and passes that instant and the notice id to the client, which times each socket's {\"type\":\"notice\"} message (arrival − send, wall clock, when the read completes), waits up to 30 s plus 1 s for duplicates. Idle: $(fmt_int "$IDLE_CLIENTS") sockets held $IDLE_SECONDS s (\`--idle-seconds\`, BENCH_IDLE_SECONDS), counting closes and errors. \`ulimit -n\` $(ulimit -Sn) for the runner, the server and the client. VmRSS from /proc of the \`sotay serve\` pid."
  fi
  if want search; then
    echo "- Search: \`$BUILD/sotay_search_bench --db DB --ranking-db DB2 --documents $SEARCH_DOCS --queries $SEARCH_QUERIES --seconds $SECONDS_EACH --threads 2\` (bench/search_bench.cpp), not pinned, on a new SQLite file and on new databases of the PostgreSQL cluster. The library: every .txt at the top of ../shared/corpus and in articles/, replicated with variations (own number, title prefix and year, 40–100 % of the sections, dates 2015–2026, kinds, levels, audiences) through \`documents::create\` + \`documents::publish\` as an admin, so sections and the search index are what publishing builds. Each query is one \`library::search\` (limit 20) as an admin and as a member of a cell (audience filter on); latency after one untimed pass over the table; throughput on 2 threads. Ranking: the dev questions against a library of just the three answering documents, a hit when the result's section is the expected unit or inside it (server/src/testing/ranking_eval.h, as the unit test). The targets (p95 < 50 ms, ≥ 200 queries/s) are the issue's, for SQLite; PostgreSQL rows are for comparison. The five slowest queries of each run are in the raw log."
  fi
  echo "- Data: \`sotay demo --scale province\` into a new SQLite file and into the throwaway PostgreSQL cluster (\`scripts/pg-test-cluster.sh\`, fsync off)$(want search && echo "; the search step's libraries as above")."
  if [[ -s $WORK/signin-errors ]]; then
    echo "- **Sign-in failed**, so the rows that need a session did not run: $(sort -u "$WORK/signin-errors" | tr '\n' ';' | sed 's/;$//; s/;/; /g')"
  fi
  echo "- Raw wrk and query output: bench/results/latest-raw.log"
} >"$RESULTS/latest.md"
cp "$RAW" "$RESULTS/latest-raw.log"
echo
cat "$RESULTS/latest.md"
echo
if ((${#FAILS[@]})); then
  echo "bench: ${#FAILS[@]} row(s) did not meet the target or did not run:"
  printf '  - %s\n' "${FAILS[@]}"
fi
echo "bench: wrote bench/results/latest.md"
