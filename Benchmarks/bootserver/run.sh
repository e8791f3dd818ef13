#!/usr/bin/env bash
# Boot server throughput, side by side with nginx in the same run (nginx is the ceiling).
#  1. /ipxe?mac= and /cloud-config?mac= for random MACs among 10,000 registered machines, wrk -c64, vs nginx
#     serving a static file of the same size.
#  2. A 1 GiB asset over loopback with curl, 1 and 32 parallel clients, vs nginx with sendfile on.
#  3. Server RSS with 10,000 machines, idle and under load.
# Usage: bash Benchmarks/bootserver/run.sh   (results: markdown on stdout)
source "$(dirname "$0")/../lib.sh"
ensure_debs wrk nginx-light curl
PROVISION=$(provision_release)
DIR=$WORK/bootserver; rm -rf "$DIR"; mkdir -p "$DIR/assets" "$DIR/nginx"
DURATION=${DURATION:-10}; RUNS=${RUNS:-3}

start_provision "$DIR"
trap 'kill $SERVER_PID 2>/dev/null; [ -f $DIR/nginx/nginx.pid ] && kill $(cat $DIR/nginx/nginx.pid) 2>/dev/null; true' EXIT
python3 - "$DIR/machines.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("mac,name,profile,ip,labels\n")
    for i in range(10000):
        profile = "etcd-member" if i % 2 else "worker"
        f.write("52:54:00:%02x:%02x:%02x,node%d,%s,10.%d.%d.%d/16,rack=r%d\n" % (i >> 16, (i >> 8) & 255, i & 255, i, profile, (i >> 16) & 255, (i >> 8) & 255, i & 255, i % 40))
PY
IMPORT_S=$( { /usr/bin/time -f %e "$PROVISION" machine import "$DIR/machines.csv" >/dev/null; } 2>&1 )
RSS_IDLE=$(rss_kib $SERVER_PID)

# wrk script: a random registered MAC per request.
cat >"$DIR/random-mac.lua" <<'LUA'
math.randomseed(os.time())
request = function()
  local i = math.random(0, 9999)
  local mac = string.format("52:54:00:%02x:%02x:%02x", math.floor(i / 65536), math.floor(i / 256) % 256, i % 256)
  return wrk.format("GET", wrk.path .. "?mac=" .. mac)
end
LUA

# Warm every machine once (the first /ipxe moves registered → booting, a write) so the measured runs are the
# steady state: each wrk thread walks all 10,000 MACs in order.
cat >"$DIR/every-mac.lua" <<'LUA'
local i = -1
request = function()
  i = (i + 1) % 10000
  local mac = string.format("52:54:00:%02x:%02x:%02x", math.floor(i / 65536), math.floor(i / 256) % 256, i % 256)
  return wrk.format("GET", wrk.path .. "?mac=" .. mac)
end
LUA
wrk -t2 -c8 -d${WARMUP:-8}s -s "$DIR/every-mac.lua" "$SERVER_URL/ipxe" >/dev/null
BOOTING=$(curl -s "$SERVER_URL/metrics" | awk -F' ' '/provision_machines\{state="booting"\}/ {print $2}')

IPXE_BYTES=$(curl -s "$SERVER_URL/ipxe?mac=52:54:00:00:00:01" | wc -c)
CC_BYTES=$(curl -s "$SERVER_URL/cloud-config?mac=52:54:00:00:00:01" | wc -c)
head -c "$IPXE_BYTES" /dev/urandom | base64 | head -c "$IPXE_BYTES" >"$DIR/nginx/ipxe.txt"
head -c "$CC_BYTES" /dev/urandom | base64 | head -c "$CC_BYTES" >"$DIR/nginx/cc.txt"
truncate -s 1G "$DIR/assets/big.img"; truncate -s 1G "$DIR/nginx/big.img"
# Real bytes, not a sparse hole, so both servers read the page cache the same way.
dd if=/dev/urandom of="$DIR/assets/big.img" bs=1M count=1024 status=none; cp "$DIR/assets/big.img" "$DIR/nginx/big.img"

NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$DIR/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path $DIR/nginx; proxy_temp_path $DIR/nginx; fastcgi_temp_path $DIR/nginx; uwsgi_temp_path $DIR/nginx; scgi_temp_path $DIR/nginx;
  server { listen 127.0.0.1:$NGINX_PORT; root $DIR/nginx; }
}
CONF
nginx -c "$DIR/nginx/nginx.conf"
NGINX=http://127.0.0.1:$NGINX_PORT

wrk_run() { # url [script] → "req/s p99_ms"
    local out; out=$(wrk -t2 -c64 -d${DURATION}s --latency ${2:+-s "$2"} "$1")
    local rps p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    echo "$rps $p99"
}

declare -A RPS P99
for name in ipxe cloud-config healthz nginx-ipxe nginx-cc; do
    rs=(); ps=()
    for _ in $(seq "$RUNS"); do
        case $name in
            ipxe) r=$(wrk_run "$SERVER_URL/ipxe" "$DIR/random-mac.lua") ;;
            cloud-config) r=$(wrk_run "$SERVER_URL/cloud-config" "$DIR/random-mac.lua") ;;
            healthz) r=$(wrk_run "$SERVER_URL/healthz") ;;  # the HTTP stack's own ceiling: routing + metrics, no work
            nginx-ipxe) r=$(wrk_run "$NGINX/ipxe.txt") ;;
            nginx-cc) r=$(wrk_run "$NGINX/cc.txt") ;;
        esac
        rs+=("${r% *}"); ps+=("${r#* }")
        [ "$name" = cloud-config ] && RSS_LOAD=$(rss_kib $SERVER_PID)
    done
    RPS[$name]=$(printf '%s\n' "${rs[@]}" | median); P99[$name]=$(printf '%s\n' "${ps[@]}" | median)
done

curl_parallel() { # base n → MiB/s aggregate (median of RUNS)
    local base=$1 n=$2 rates=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s.%N)
        for _ in $(seq "$n"); do curl -s -o /dev/null "$base/big.img" & done
        wait
        end=$(date +%s.%N)
        rates+=("$(echo "$n * 1024 / ($end - $start)" | bc -l)")
    done
    printf '%s\n' "${rates[@]}" | median
}
A1=$(curl_parallel "$SERVER_URL/assets" 1); N1=$(curl_parallel "$NGINX" 1)
A32=$(curl_parallel "$SERVER_URL/assets" 32); N32=$(curl_parallel "$NGINX" 32)

ratio() { echo "scale=2; $1 / $2" | bc -l; }
cat <<MD
| measurement | provision | nginx (static, same size) | ratio |
|---|---|---|---|
| /ipxe?mac= (random of 10,000), wrk -c64 req/s | ${RPS[ipxe]} | ${RPS[nginx-ipxe]} | $(ratio ${RPS[ipxe]} ${RPS[nginx-ipxe]}) |
| /ipxe p99 ms | ${P99[ipxe]} | ${P99[nginx-ipxe]} | |
| /cloud-config?mac= req/s | ${RPS[cloud-config]} | ${RPS[nginx-cc]} | $(ratio ${RPS[cloud-config]} ${RPS[nginx-cc]}) |
| /cloud-config p99 ms | ${P99[cloud-config]} | ${P99[nginx-cc]} | |
| /healthz req/s (stack ceiling: no work) | ${RPS[healthz]} | ${RPS[nginx-ipxe]} | $(ratio ${RPS[healthz]} ${RPS[nginx-ipxe]}) |
| 1 GiB asset, 1 curl, MiB/s | $(printf %.0f $A1) | $(printf %.0f $N1) | $(ratio $A1 $N1) |
| 1 GiB asset, 32 curls, aggregate MiB/s | $(printf %.0f $A32) | $(printf %.0f $N32) | $(ratio $A32 $N32) |

Machines warmed to booting before measuring: ${BOOTING}. Server RSS with 10,000 machines: idle ${RSS_IDLE} KiB, under /cloud-config load ${RSS_LOAD} KiB. Import of 10,000 machines (CSV, CLI → API): ${IMPORT_S} s.
Response sizes: /ipxe ${IPXE_BYTES} B, /cloud-config ${CC_BYTES} B. wrk -t2 -c64 -d${DURATION}s, median of ${RUNS} runs; server, nginx and clients share the machine's $(nproc) cores.
MD
