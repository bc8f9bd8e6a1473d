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
#                         feed, reading, national (national also needs BENCH_NATIONAL=1); the data each
#                         needs is still loaded. Default: all
#   BENCH_SEARCH_DOCS=10000     documents in the search library (loaded through the domain path)
#   BENCH_SEARCH_QUERIES=600    single-threaded queries per actor for the search latencies
#   BENCH_READING_RUNS=50 runs per reading statistics query in sotay_reading_bench
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
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
SERVER_CPU=0
CLIENT_CPU=1
PASSWORD='SoTay@2026'
COMMAND_LINE="$( (env | grep -E '^BENCH_' || true) | sort | tr '\n' ' ')bench/run.sh${*:+ $*}"

want() { [[ -z $ONLY || ,$ONLY, == *",$1,"* ]]; }  # want STEP: BENCH_ONLY is empty or names it
for step in ${ONLY//,/ }; do
  case $step in http | query | import | search | feed | reading | national) ;;
    *) echo "bench: unknown step \"$step\" in BENCH_ONLY (http, query, import, search, feed, reading, national)" >&2; exit 2 ;;
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
scripts/build.sh "$BUILD" -- sotay sotay_query_bench sotay_search_bench sotay_reading_bench
SOTAY=$ROOT/$BUILD/sotay
QBENCH=$ROOT/$BUILD/sotay_query_bench
SBENCH=$ROOT/$BUILD/sotay_search_bench
RBENCH=$ROOT/$BUILD/sotay_reading_bench

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

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}
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
if want http || want query || want import || want feed || want reading; then
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
fi

PG_URL=""
if want http || want query || want feed || want search || want reading || { want national && [[ -n $NATIONAL ]]; }; then
  say "PostgreSQL: throwaway cluster on CPU(s) $PG_CPUS"
  PGPORT=$(free_port)
  PG_URL=$(taskset -c "$PG_CPUS" scripts/pg-test-cluster.sh start "$PGDIR" "$PGPORT")
fi
if want http || want query || want feed || want reading; then
  say "PostgreSQL: demo --scale province"
  t0=$(now_ms)
  "$SOTAY" demo --db "$PG_URL" --scale province >"$WORK/demo-pg.log" 2>&1 || { cat "$WORK/demo-pg.log" >&2; exit 1; }
  DEMO_PG_S=$(elapsed_s "$t0")
  note "loaded in $DEMO_PG_S s"
  sql "$PG_URL" "VACUUM ANALYZE" >/dev/null
  MEMBERS_PG=$(sql "$PG_URL" "SELECT COUNT(*) FROM members")
  row "Demo load \`--scale province\` ($(fmt_int "$MEMBERS_PG") members), wall time" PostgreSQL "$DEMO_PG_S s" "—" info
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
