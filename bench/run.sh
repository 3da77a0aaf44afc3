#!/usr/bin/env bash
# Newsdesk against nginx on the same bytes, in one run on this machine.
#
#   bench/run.sh [STORIES]        (default 1000000)
#
# Builds the release binary, generates an archive of STORIES stories on
# SQLite, starts newsdesk and an nginx that serves the very same response
# bodies as static files (with the same brotli and gzip bytes), and measures
# requests per second and latency at 64 connections for four pages, then the
# uncached render rate and latency with the render cache turned off. Writes
# bench/RESULTS.md. Needs root for apt-get the first time (nginx, wrk,
# sqlite3, bc, curl and the nginx brotli module, all from Debian's packages).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STORIES=${1:-1000000}
WORK=${BENCH_DIR:-/var/tmp/newsdesk-bench}
DURATION=${BENCH_SECONDS:-8}
RUNS=${BENCH_RUNS:-8}
ND_PORT=18080
NG_PORT=18081
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/newsdesk-target}"
BIN="$CARGO_TARGET_DIR/release/newsdesk"

say() { printf '==> %s\n' "$*" >&2; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v bc >/dev/null || need+=(bc)
command -v curl >/dev/null || need+=(curl)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

say "building the release binary"
cargo build --release --locked -q

mkdir -p "$WORK"
DB="$WORK/archive-$STORIES.db"
if [ ! -s "$DB" ]; then
  say "generating $STORIES stories"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  start=$(date +%s.%N)
  "$BIN" demo --stories "$STORIES" --database "sqlite://$DB" --content-dir "$WORK/content" >/dev/null 2>"$WORK/demo.log"
  GEN_SECONDS=$(echo "$(date +%s.%N) - $start" | bc)
  echo "$GEN_SECONDS" > "$DB.seconds"
fi
GEN_SECONDS=$(cat "$DB.seconds" 2>/dev/null || echo "?")
DB_SIZE=$(du -h "$DB" | cut -f1)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

serve() { # $1 = cache bytes, then any command prefix (taskset) and serve options
  local bytes=$1 prefix=()
  shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do prefix+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  NEWSDESK_LOG=warn "${prefix[@]}" "$BIN" serve --database "sqlite://$DB" --content-dir "$WORK/content" \
    --listen "127.0.0.1:$ND_PORT" --cache-bytes "$bytes" "$@" >/dev/null 2>>"$WORK/serve.log" &
  ND_PID=$!
  pids+=("$ND_PID")
  for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$ND_PORT/" && return; sleep 0.1; done
  echo "newsdesk did not start" >&2; exit 1
}

stop_newsdesk() { kill -TERM "$ND_PID"; wait "$ND_PID" 2>/dev/null || true; }

# The four pages: front, a story, a news-feed page 1,000 pages deep, a tag.
now_ms=$(($(date +%s) * 1000))
STORY=$(sqlite3 "$DB" "SELECT slug FROM stories WHERE kind = 'article' AND listed_at <= $now_ms ORDER BY listed_at DESC, id DESC LIMIT 1 OFFSET 3")
DEPTH=$(( STORIES > 30000 ? 24 * 1000 : STORIES / 2 ))
CURSOR=$(sqlite3 "$DB" "SELECT listed_at || '.' || id FROM stories WHERE listed_at <= $now_ms ORDER BY listed_at DESC, id DESC LIMIT 1 OFFSET $((DEPTH - 1))")
TAG=politics
declare -A URLS=([front]="/" [story]="/$STORY/" [feed]="/news-feed/?after=$CURSOR" [tag]="/tag/$TAG/")
ORDER=(front story feed tag)

serve 67108864

say "copying newsdesk's responses for nginx"
DOCS="$WORK/nginx-root"
rm -rf "$DOCS"; mkdir -p "$DOCS"
declare -A FILES=([front]="index.html" [story]="$STORY/index.html" [feed]="news-feed/index.html" [tag]="tag/$TAG/index.html")
for page in "${ORDER[@]}"; do
  file="$DOCS/${FILES[$page]}"
  mkdir -p "$(dirname "$file")"
  url="http://127.0.0.1:$ND_PORT${URLS[$page]}"
  curl -fs -H 'Accept-Encoding: identity' "$url" -o "$file"
  curl -fs -H 'Accept-Encoding: gzip' "$url" -o "$file.gz"
  curl -fs -H 'Accept-Encoding: br' "$url" -o "$file.br"
done

cat > "$WORK/nginx.conf" <<NGINX
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; }
  default_type text/html;
  gzip_static on;
  brotli_static on;
  etag on;
  # Tuned as a static site would be: open files and their metadata cached.
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  server {
    listen 127.0.0.1:$NG_PORT;
    root $DOCS;
    index index.html;
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 0.5
for page in "${ORDER[@]}"; do
  a=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:$ND_PORT${URLS[$page]}" | md5sum)
  b=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:$NG_PORT${URLS[$page]}" | md5sum)
  [ "$a" = "$b" ] || { echo "nginx does not send newsdesk's bytes for $page" >&2; exit 1; }
done

# wrk prints "Requests/sec:" and, with --latency, the 50% and 99% lines.
measure() { # url connections extra-header [wrk threads] -> "rps p50_ms p99_ms requests"
  ${WRK_PREFIX:-} wrk -t"${4:-2}" -c"$2" -d"${DURATION}s" --latency -H "$3" "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    / requests in / { total = $1 }
    $1 == "50.000%" || $1 == "50%" { p50 = ms($2) }
    $1 == "99.000%" || $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, total }'
}

# CPU seconds the newsdesk server has used so far (user + system).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f\n", ($14 + $15) / hz }' "/proc/$ND_PID/stat"; }

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Each page: RUNS alternating rounds of newsdesk then nginx. The machine's
# speed drifts between rounds, so the ratios compare the two runs of each
# round (a few seconds apart) and take the median of those.
declare -A R
for page in "${ORDER[@]}"; do
  say "measuring $page (${URLS[$page]})"
  nd=(); ng=(); rps_ratio=(); p99_ratio=()
  for _ in $(seq 1 "$RUNS"); do
    a=$(measure "http://127.0.0.1:$ND_PORT${URLS[$page]}" 64 'Accept-Encoding: br')
    b=$(measure "http://127.0.0.1:$NG_PORT${URLS[$page]}" 64 'Accept-Encoding: br')
    nd+=("$a"); ng+=("$b")
    rps_ratio+=("$(echo "scale=3; $(echo "$a" | cut -d' ' -f1) / $(echo "$b" | cut -d' ' -f1)" | bc)")
    p99_ratio+=("$(echo "scale=3; $(echo "$a" | cut -d' ' -f3) / $(echo "$b" | cut -d' ' -f3)" | bc)")
  done
  for i in 1 2 3; do
    R[$page,nd,$i]=$(printf '%s\n' "${nd[@]}" | cut -d' ' -f$i | median)
    R[$page,ng,$i]=$(printf '%s\n' "${ng[@]}" | cut -d' ' -f$i | median)
  done
  R[$page,rps]=$(printf '%s\n' "${rps_ratio[@]}" | median)
  R[$page,p99]=$(printf '%s\n' "${p99_ratio[@]}" | median)
  R[$page,range]="$(printf '%s\n' "${rps_ratio[@]}" | sort -g | head -1)–$(printf '%s\n' "${rps_ratio[@]}" | sort -g | tail -1)"
done
PEAK_CACHED=$(awk '/VmHWM/ { print $2 / 1024 }' "/proc/$ND_PID/status")
stop_newsdesk

# Uncached: the server on one core (one HTTP thread, and every other thread
# of it pinned there too), wrk on another, so renders/s is per core.
say "measuring uncached renders (cache off, identity encoding, one core)"
if [ "$(nproc)" -ge 2 ]; then
  serve 0 taskset -c 1 -- --http-threads 1
  WRK_PREFIX="taskset -c 0"
else
  serve 0 -- --http-threads 1
  WRK_PREFIX=""
fi
declare -A U
for page in "${ORDER[@]}"; do
  runs=()
  per_cpu=()
  for _ in $(seq 1 "$RUNS"); do
    before=$(cpu_seconds)
    r=$(WRK_PREFIX="$WRK_PREFIX" measure "http://127.0.0.1:$ND_PORT${URLS[$page]}" 4 'Accept-Encoding: identity' 1)
    after=$(cpu_seconds)
    runs+=("$r")
    per_cpu+=("$(echo "$(echo "$r" | cut -d' ' -f4) / ($after - $before)" | bc)")
  done
  for i in 1 2 3; do U[$page,$i]=$(printf '%s\n' "${runs[@]}" | cut -d' ' -f$i | median); done
  U[$page,cpu]=$(printf '%s\n' "${per_cpu[@]}" | median)
done
PEAK_UNCACHED=$(awk '/VmHWM/ { print $2 / 1024 }' "/proc/$ND_PID/status")
stop_newsdesk

CORES=$(nproc)
{
  echo "# Benchmark results"
  echo
  echo "Run by \`bench/run.sh $STORIES\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Replaced on each run."
  echo
  echo "Machine: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $CORES cores,"
  echo "$(free -g | awk '/Mem:/ { print $2 }') GiB memory; $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "The load generator, nginx and newsdesk share these cores, so the ratios matter more than the absolute numbers."
  echo
  echo "Archive: $STORIES stories on SQLite ($DB_SIZE), generated in ${GEN_SECONDS%.*} s."
  echo
  echo "## Cached pages: newsdesk and nginx on the same bytes"
  echo
  echo "wrk, 2 threads, 64 connections, ${DURATION} s, \`Accept-Encoding: br\`; $RUNS alternating rounds. Requests/s and"
  echo "latencies are medians over the rounds; the ratios are the medians of each round's newsdesk/nginx ratio"
  echo "(the two runs of a round are seconds apart, so the machine's drift cancels), with their range."
  echo
  echo "| page | URL | newsdesk req/s | nginx req/s | ratio (range) | newsdesk p50 / p99 ms | nginx p50 / p99 ms | p99 ratio |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for page in "${ORDER[@]}"; do
    echo "| $page | \`${URLS[$page]}\` | ${R[$page,nd,1]} | ${R[$page,ng,1]} | ${R[$page,rps]} (${R[$page,range]}) | ${R[$page,nd,2]} / ${R[$page,nd,3]} | ${R[$page,ng,2]} / ${R[$page,ng,3]} | ${R[$page,p99]} |"
  done
  echo
  echo "## Uncached renders (render cache off, identity encoding)"
  echo
  echo "The server pinned to one core with one HTTP thread (\`taskset -c 1\`, \`--http-threads 1\`), wrk (1 thread,"
  echo "4 connections, ${DURATION} s) pinned to the other; median of $RUNS runs. Renders/s is therefore the rate of one"
  echo "core; renders per server CPU-second divides by the CPU time the server used (user + system) as a check."
  echo
  echo "| page | renders/s on one core | renders per server CPU-second | p50 ms | p99 ms |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for page in "${ORDER[@]}"; do
    echo "| $page | ${U[$page,1]} | ${U[$page,cpu]} | ${U[$page,2]} | ${U[$page,3]} |"
  done
  echo
  echo "## Memory"
  echo
  echo "Peak resident memory of the newsdesk server: ${PEAK_CACHED%.*} MB with the default render-cache budget (64 MiB), ${PEAK_UNCACHED%.*} MB with the cache off."
} > "$ROOT/bench/RESULTS.md"
say "wrote bench/RESULTS.md"
cat "$ROOT/bench/RESULTS.md"
