#!/usr/bin/env bash
# Measures the request rate of `toasoan serve` on loopback with wrk, against a
# 100,000-article demo database (generated once under bench/out/load).
# Usage: bench/load.sh [duration, default 15s]
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-15s}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
mkdir -p bench/out
go build -o bench/out/toasoan ./cmd/toasoan
data=bench/out/load
if [ ! -f "$data/toasoan.db" ]; then
  bench/out/toasoan demo --data "$data" --articles 100000 --seed 1
fi
port=18080
bench/out/toasoan serve --data "$data" --addr 127.0.0.1:$port 2>bench/out/serve.log >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done
article=$(curl -s http://127.0.0.1:$port/ | grep -o -E 'href="/[a-z0-9-]+-[0-9]+\.html"' | sed -n 5p | sed 's/^href="//; s/"$//')
echo "== home (page cache on, default 1s)"
wrk -t2 -c32 -d"$dur" http://127.0.0.1:$port/
echo "== article $article"
wrk -t2 -c32 -d"$dur" "http://127.0.0.1:$port$article"
kill $pid; wait $pid 2>/dev/null || true
bench/out/toasoan serve --data "$data" --addr 127.0.0.1:$port --cache-ttl 0 2>bench/out/serve.log >/dev/null &
pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done
echo "== article, page cache off"
wrk -t2 -c32 -d"$dur" "http://127.0.0.1:$port$article"
echo "== home, page cache off"
wrk -t2 -c32 -d"$dur" http://127.0.0.1:$port/
