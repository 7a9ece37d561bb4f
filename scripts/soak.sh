#!/usr/bin/env bash
# make soak (root): replays a long generated PPTP capture (tools/mkbench) in a
# loop onto a veth pair in a network namespace while `pptpscope live`
# captures on the other end with a short --idle-timeout, samples the live
# process's RSS every few seconds, prints the series and fails if the RSS
# grows by more than a bound after the warm-up: sessions must be finished
# and forgotten, not accumulated.
#
# Environment (all optional):
#   SOAK_SECONDS=60          how long to replay
#   SOAK_INTERVAL=5          seconds between RSS samples
#   SOAK_WARMUP=15           seconds before the baseline sample
#   SOAK_MAX_GROWTH_KB=16384 allowed RSS growth after the warm-up
#   SOAK_MBPS=20             replay rate (tcpreplay --mbps)
#   SOAK_OUT=bench-out       where the capture, binary and live output go
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${SOAK_SECONDS:-60}
interval=${SOAK_INTERVAL:-5}
warm=${SOAK_WARMUP:-15}
bound=${SOAK_MAX_GROWTH_KB:-16384}
mbps=${SOAK_MBPS:-20}
out=${SOAK_OUT:-bench-out}
go=${GO:-go}

[ "$(id -u)" = 0 ] || { echo "soak: needs root (network namespace, veth, packet capture)"; exit 1; }
command -v tcpreplay >/dev/null && command -v ip >/dev/null || {
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcpreplay iproute2 >/dev/null; }

mkdir -p "$out"
cap=$out/soak.pcap
[ -s "$cap" ] || "$go" run ./tools/mkbench -sessions 300 -packets 100000 -spread 30s -o "$cap"
"$go" build -o "$out/pptpscope-soak" ./cmd/pptpscope

id=$$
ns=pptpsoak$id a=psoA$id b=psoB$id
pid= rpid=
cleanup() {
	[ -n "$rpid" ] && kill "$rpid" 2>/dev/null || true
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	ip link del "$a" 2>/dev/null || true
	ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$ns"
ip link add "$a" type veth peer name "$b"
ip link set "$b" netns "$ns"
sysctl -qw "net.ipv6.conf.$a.disable_ipv6=1" || true
ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$b.disable_ipv6=1" || true
ip link set "$a" up
ip netns exec "$ns" ip link set "$b" up

"$out/pptpscope-soak" live -i "$a" --format json --idle-timeout 3s >"$out/soak-live.jsonl" 2>"$out/soak-live.err" &
pid=$!
sleep 1
ip netns exec "$ns" tcpreplay -q -i "$b" --loop 0 --mbps "$mbps" "$cap" >/dev/null 2>&1 &
rpid=$!

base= max=0
echo "soak: ${secs}s of $cap at ${mbps} Mbit/s; pptpscope live RSS (kB):"
for ((t = 0; t <= secs; t += interval)); do
	rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
	ended=$(grep -c '"type":"session-end"' "$out/soak-live.jsonl" || true)
	printf '  %4ds  %8d kB  %6d sessions ended\n' "$t" "$rss" "$ended"
	if [ "$t" -ge "$warm" ]; then
		[ -z "$base" ] && base=$rss
		[ "$rss" -gt "$max" ] && max=$rss
	fi
	[ "$t" -lt "$secs" ] && sleep "$interval"
done
kill "$rpid" 2>/dev/null || true
rpid=
kill -INT "$pid"
wait "$pid" || true
pid=
tail -n 1 "$out/soak-live.jsonl"
ended=$(grep -c '"type":"session-end"' "$out/soak-live.jsonl" || true)
[ "$ended" -gt 0 ] || { echo "soak: FAIL: no session ended during the run"; exit 1; }
growth=$((max - base))
if [ "$growth" -gt "$bound" ]; then
	echo "soak: FAIL: RSS grew by $growth kB after the warm-up (from $base to $max kB; bound $bound kB)"
	exit 1
fi
echo "soak: ok: RSS grew by $growth kB after the warm-up (from $base to $max kB; bound $bound kB), $ended sessions ended"
