#!/usr/bin/env bash
# Prints a TCP port nothing on this machine uses, for a throwaway server (PostgreSQL in the tests,
# sotay and nginx in the benchmarks). Taken below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, from 32768 by default): ports in that range are handed to outgoing
# connections — 10,000 of them in the WebSocket benchmark — and a port a connection holds cannot
# be listened on, whatever a check for listeners said a moment before. "In use" is read from
# /proc/net/tcp{,6} (any state), which every Linux has, rather than from a tool that may not.
set -euo pipefail
low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
((low > 12000)) || low=32768
declare -A used=()
for table in /proc/net/tcp /proc/net/tcp6; do
  [[ -r $table ]] || continue
  while read -r _ local _; do
    [[ $local == *:* ]] && used[$((16#${local##*:}))]=1
  done <"$table"
done
for _ in $(seq 200); do
  p=$((10000 + RANDOM % (low - 10000)))
  if [[ -z ${used[$p]:-} ]]; then
    echo "$p"
    exit 0
  fi
done
echo "free-port: no free port found below $low" >&2
exit 1
