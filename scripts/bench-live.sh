#!/usr/bin/env bash
# make bench-live (root): the live row of issue 16. Generates a PPTP-only
# capture (tools/mkbench -repeat 30 -packets 0: every packet GRE or TCP
# 1723), replays it with `tcpreplay --topspeed` on a veth pair inside a
# network namespace and captures it, in the same run, with
# `pptpscope live -i IF` and `tcpdump -i IF -w /dev/null` (same filter).
# Each run is repeated for both capture backends of pptpscope (the cgo
# build, libpcap; the CGO_ENABLED=0 build, AF_PACKET with a TPACKET_V3
# ring) and with the default buffer and a larger -B (the same for both
# tools). Prints the replay rate and, for each tool, the packets the
# kernel passed the filter ("received"), dropped, and (pptpscope) analyzed,
# and whether pptpscope dropped no more than tcpdump (the target).
#
# Both tools are stopped (SIGINT) only once the replay is over and neither
# uses CPU any more, so "analyzed" counts every packet that reached it.
# Both run at the ordinary priority (BENCH_LIVE_REALTIME=1 gives pptpscope
# --realtime: its capture thread at the lowest real-time priority, SCHED_FIFO
# 1); pptpscope also buffers up to capture.QueueBytes beyond the kernel's
# buffer.
#
# Environment (all optional):
#   BENCH_LIVE_SESSIONS=500     PPTP sessions in the capture (default: BENCH_SESSIONS, as make bench's)
#   BENCH_LIVE_REPEAT=30        mkbench -repeat (data phase repeated; default: BENCH_REPEAT, else 30)
#   BENCH_LIVE_BUFFERS="0 32768" -B values in KiB (0: the tools' default, 2 MiB)
#   BENCH_LIVE_BACKENDS="libpcap AF_PACKET"  (NAME=BINARY also runs another build, e.g.
#                               old=bench-out/pptpscope-old, to compare builds in one run)
#   BENCH_LIVE_RUNS=1           runs of each combination
#   BENCH_LIVE_PROFILE=         a directory: pptpscope writes a CPU profile of each run there
#   BENCH_LIVE_TRACE=           a directory: pptpscope writes an execution trace of each run there
#                               (go tool trace; it costs CPU per packet, so it drops more)
#   BENCH_LIVE_REALTIME=0       1: pptpscope live --realtime (its capture thread at SCHED_FIFO 1)
#   BENCH_LIVE_PCAP=            replay this capture instead of generating one
#   BENCH_OUT=bench-out         where the capture, binaries and outputs go
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=${BENCH_LIVE_SESSIONS:-${BENCH_SESSIONS:-500}}
repeat=${BENCH_LIVE_REPEAT:-${BENCH_REPEAT:-30}}
[ "$repeat" != 0 ] || repeat=30
buffers=${BENCH_LIVE_BUFFERS:-0 32768}
backends=${BENCH_LIVE_BACKENDS:-libpcap AF_PACKET}
runs=${BENCH_LIVE_RUNS:-1}
profile=${BENCH_LIVE_PROFILE:-}
tracedir=${BENCH_LIVE_TRACE:-}
out=${BENCH_OUT:-bench-out}
go=${GO:-go}
filter='tcp port 1723 or ip proto 47 or ip6 proto 47' # capture.DefaultFilter

[ "$(id -u)" = 0 ] || { echo "bench-live: needs root (network namespace, veth, packet capture)"; exit 1; }
need=
command -v tcpreplay >/dev/null || need="$need tcpreplay"
command -v tcpdump >/dev/null || need="$need tcpdump"
command -v ip >/dev/null || need="$need iproute2"
[ -f /usr/include/pcap.h ] || need="$need libpcap-dev"
if [ -n "$need" ]; then
	echo "== installing$need"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -z "$profile" ] || { mkdir -p "$profile" && profile=$(cd "$profile" && pwd); }
[ -z "$tracedir" ] || { mkdir -p "$tracedir" && tracedir=$(cd "$tracedir" && pwd); }

echo "== building"
$go build -o "$out/mkbench" ./tools/mkbench
$go build -o "$out/pptpscope-libpcap" ./cmd/pptpscope
CGO_ENABLED=0 $go build -o "$out/pptpscope-afpacket" ./cmd/pptpscope
version=$("$out/mkbench" -version)
pcap=${BENCH_LIVE_PCAP:-$out/gen$version-pptp-s$sessions-r$repeat-seed1.pcap}
if [ ! -s "$pcap" ]; then
	echo "== generating $pcap"
	"$out/mkbench" -o "$pcap.tmp" -sessions "$sessions" -repeat "$repeat" -packets 0 -seed 1
	mv "$pcap.tmp" "$pcap"
fi
cat "$pcap" >/dev/null # page cache
echo "== $pcap ($(awk -v s="$(stat -L -c %s "$pcap")" 'BEGIN {printf "%.0f MB", s / 1e6}'))"
echo "cpus: $(nproc), $(tcpdump --version 2>&1 | head -1), $(tcpdump --version 2>&1 | sed -n 2p), tcpreplay $(tcpreplay --version 2>&1 | head -1 | awk '{print $3}')"

# Both veth ends live in the namespace: nothing of the replay reaches the
# host's network.
id=$$
ns=pptpbl$id a=pblA$id b=pblB$id
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link add "$a" type veth peer name "$b"
ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$a.disable_ipv6=1" "net.ipv6.conf.$b.disable_ipv6=1" || true
ip netns exec "$ns" ip link set "$a" up
ip netns exec "$ns" ip link set "$b" up

# cputicks PID: user+system clock ticks of a process so far.
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo gone; }

# idle PID...: waits until each of the processes used at most one clock
# tick of CPU in 0.5 s (at most 60 s): an idle capture still wakes up
# (libpcap's 10 ms timeout costs about a tick a second on a busy VM).
idle() {
	local i p before after
	for ((i = 0; i < 120; i++)); do
		before=$(for p in "$@"; do cputicks "$p"; done)
		sleep 0.5
		after=$(for p in "$@"; do cputicks "$p"; done)
		paste <(echo "$before") <(echo "$after") | awk '$1 == "gone" || $2 == "gone" || $2 - $1 > 1 {busy = 1} END {exit busy}' && return 0
	done
	echo "bench-live: still busy after 60 s" >&2
}

# started PID FILE: waits until the process has opened its packet socket
# (tcpdump says so on stderr; pptpscope has a packet socket in /proc/PID/fd).
started() {
	local i
	for ((i = 0; i < 100; i++)); do
		if ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'socket:'; then sleep 0.3; return 0; fi
		sleep 0.1
	done
	echo "bench-live: pid $1 did not open a socket" >&2
	return 1
}

# bench-live.txt: what is printed; bench-live.tsv: one line per run for
# scripts/bench.sh's summary (backend, -B, sent, pps, tcpdump received,
# dropped, captured, pptpscope received, dropped, analyzed, CPU us/packet of
# pptpscope and tcpdump, load average).
results="$out/bench-live.txt" tsv="$out/bench-live.tsv"
: >"$results"
: >"$tsv"
printf '%-9s %7s %8s %7s | %-24s | %-31s | %-11s | %s\n' backend "-B KiB" sent "pps" "tcpdump recv/dropped" "pptpscope recv/dropped/analyzed" "CPU us/pkt" "pptpscope drops <= tcpdump's" | tee -a "$results"
for ((run = 1; run <= runs; run++)); do
	for backend in $backends; do
		case $backend in
		libpcap) bin=$out/pptpscope-libpcap ;;
		AF_PACKET) bin=$out/pptpscope-afpacket ;;
		*=*) bin=${backend#*=} backend=${backend%%=*} ;; # NAME=BINARY: another build, e.g. the previous one
		*) echo "bench-live: unknown backend $backend"; exit 1 ;;
		esac
		for B in $buffers; do
			opt=() topt=()
			if [ "$B" != 0 ]; then opt=(-B "$B"); topt=(-B "$B"); fi
			tag="$backend-B$B-$run"
			popt=()
			[ -z "$profile" ] || popt=(--cpuprofile "$profile/live-$tag.prof")
			[ -z "$tracedir" ] || popt+=(--trace "$tracedir/live-$tag.trace")
			[ "${BENCH_LIVE_REALTIME:-0}" = 0 ] || popt+=(--realtime)
			ip netns exec "$ns" "$bin" live -i "$a" --lang en "${opt[@]}" "${popt[@]}" >"$out/bench-live-$tag.out" 2>"$out/bench-live-$tag.err" &
			ppid=$!
			pids+=("$ppid")
			ip netns exec "$ns" tcpdump -i "$a" -n "${topt[@]}" -w /dev/null "$filter" 2>"$out/bench-live-tcpdump-$tag.err" &
			tpid=$!
			pids+=("$tpid")
			started "$ppid"
			started "$tpid"
			pcpu0=$(cputicks "$ppid") tcpu0=$(cputicks "$tpid")
			ip netns exec "$ns" tcpreplay --topspeed -i "$b" "$pcap" >"$out/bench-live-tcpreplay-$tag.txt" 2>&1
			idle "$ppid" "$tpid"
			pcpu=$(($(cputicks "$ppid") - pcpu0)) tcpu=$(($(cputicks "$tpid") - tcpu0))
			kill -INT "$ppid" "$tpid"
			wait "$ppid" || { echo "pptpscope live failed:"; cat "$out/bench-live-$tag.err"; }
			wait "$tpid" || true
			pids=()
			sent=$(awk '/Actual:/ {print $2; exit}' "$out/bench-live-tcpreplay-$tag.txt")
			pps=$(awk '/Rated:/ {for (i = 1; i < NF; i++) if ($(i + 1) ~ /^pps/) print $i; exit}' "$out/bench-live-tcpreplay-$tag.txt")
			trecv=$(awk '/packets received by filter/ {print $1}' "$out/bench-live-tcpdump-$tag.err")
			tdrop=$(awk '/packets dropped by kernel/ {print $1}' "$out/bench-live-tcpdump-$tag.err")
			tcapt=$(awk '/packets captured/ {print $1}' "$out/bench-live-tcpdump-$tag.err")
			# "N packets captured on IF (BACKEND), N received by filter, N dropped by kernel"
			read -r frames precv pdrop < <(sed -n 's/^\([0-9]*\) packets captured on .*, \([0-9]*\) received by filter, \([0-9]*\) dropped by kernel$/\1 \2 \3/p' "$out/bench-live-$tag.out")
			if [ -z "${frames:-}" ]; then
				echo "bench-live: no statistics from pptpscope live ($out/bench-live-$tag.out)"
				tail -5 "$out/bench-live-$tag.err"
				exit 1
			fi
			verdict="met"
			[ "$pdrop" -le "$tdrop" ] || verdict="NOT met"
			# CPU time (clock ticks) from the start of the replay until idle, per
			# packet handled (start-up not counted), pptpscope / tcpdump
			cpu=$(awk -v p="$pcpu" -v f="$frames" -v t="$tcpu" -v c="$tcapt" -v hz="$(getconf CLK_TCK)" \
				'BEGIN {printf "%.1f/%.1f", (f > 0) ? 1e6 * p / hz / f : 0, (c > 0) ? 1e6 * t / hz / c : 0}')
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$B" "$sent" "${pps%.*}" "$trecv" "$tdrop" "$tcapt" \
				"$precv" "$pdrop" "$frames" "${cpu/\//$'\t'}" "$(cut -d' ' -f1 /proc/loadavg)" >>"$tsv"
			printf '%-9s %7s %8s %7s | %10s / %-11s | %9s / %-8s / %-9s | %-11s | %s (handled %s%% of sent, tcpdump %s%%)\n' \
				"$backend" "$( [ "$B" = 0 ] && echo default || echo "$B")" "$sent" "${pps%.*}" "$trecv" "$tdrop" "$precv" "$pdrop" "$frames" "$cpu" "$verdict" \
				"$(awk -v f="$frames" -v s="$sent" 'BEGIN {printf "%.1f", 100 * f / s}')" \
				"$(awk -v c="$tcapt" -v s="$sent" 'BEGIN {printf "%.1f", 100 * c / s}')" | tee -a "$results"
		done
	done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
