#!/usr/bin/env bash
# make bench: builds a large PPTP capture from the real ones in testdata/pcaps
# (tools/mkbench), runs the Go benchmarks (per decoder and end to end, with
# allocations), then times a bare read loop (the capture package only), a
# raw one (bufio only), `pptpscope analyze` and, when installed, tshark on
# the same file, and prints the ratios and peak memories.
#
# Environment (all optional):
#   BENCH_SESSIONS=500       PPTP sessions in the capture
#   BENCH_PACKETS=2300000    packets in the capture (LAN traffic fills up)
#   BENCH_SEED=1             generator seed
#   BENCH_COUNT=5            go test -count (medians are printed)
#   BENCH_RUNS=5             timed runs of the read loop and of analyze
#   BENCH_TSHARK_RUNS=1      timed runs of tshark (0: skip tshark)
#   BENCH_SCALE=10000        sessions of the scale benchmark (0: skip it)
#   BENCH_REPEAT=30          also time a capture of PPTP only: the same sessions with their
#                            data phase repeated this many times, no LAN traffic (0: skip it)
#   BENCH_GO=.               -bench pattern of the Go benchmarks (none: skip them)
#   BENCH_OUT=bench-out      where captures, binaries and results go
# Quick run: BENCH_PACKETS=200000 BENCH_SCALE=1000 BENCH_COUNT=1 BENCH_RUNS=3 make bench
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BENCH_OUT:-bench-out}
sessions=${BENCH_SESSIONS:-500}
packets=${BENCH_PACKETS:-2300000}
seed=${BENCH_SEED:-1}
count=${BENCH_COUNT:-5}
runs=${BENCH_RUNS:-5}
tshark_runs=${BENCH_TSHARK_RUNS:-1}
scale=${BENCH_SCALE:-10000}
repeat=${BENCH_REPEAT:-30}
gobench=${BENCH_GO:-.}
go=${GO:-go}
filter='pptp or lcp or chap or pap or eap or ipcp or ipv6cp or ccp or cbcp'

mkdir -p "$out"
out=$(cd "$out" && pwd)

# /usr/bin/time -v gives the peak RSS; Debian ships it in package "time".
timer=/usr/bin/time
if [ ! -x "$timer" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "== installing GNU time (for peak memory)"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
	fi
	[ -x "$timer" ] || { echo "bench: /usr/bin/time not found (apt-get install time): peak memory not measured"; timer=; }
fi

echo "== machine"
echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'))"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GB", $2/1e6}' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$($go version)"
command -v tshark >/dev/null && tshark --version 2>/dev/null | head -1

echo "== building"
$go build -o "$out/mkbench" ./tools/mkbench
$go build -o "$out/pptpscope" ./cmd/pptpscope
version=$("$out/mkbench" -version)
pcap="$out/gen$version-bench-s$sessions-p$packets-seed$seed.pcap"
if [ ! -s "$pcap" ]; then
	echo "== generating $pcap"
	"$out/mkbench" -o "$pcap.tmp" -sessions "$sessions" -packets "$packets" -seed "$seed"
	mv "$pcap.tmp" "$pcap"
else
	echo "== using $pcap (already generated)"
fi
size=$(stat -c %s "$pcap")
cat "$pcap" >/dev/null # into the page cache: every tool reads it from memory

export PPTPSCOPE_BENCH_PCAP="$pcap" PPTPSCOPE_BENCH_DIR="$out" PPTPSCOPE_BENCH_SCALE="$scale"

# medians FILE: the median of every metric of every benchmark in go test
# output (several -count lines per benchmark).
medians() {
	awk '
	/^Benchmark/ {
		name = $1; if (!(name in seen)) { seen[name] = 1; order[++n] = name }
		for (i = 3; i + 1 <= NF; i += 2) {
			key = name SUBSEP $(i + 1)
			if (!(key in nu)) { units[name] = units[name] " " $(i + 1) }
			v[key, ++nu[key]] = $i
		}
	}
	END {
		for (k = 1; k <= n; k++) {
			name = order[k]; line = sprintf("%-58s", name)
			m = split(units[name], us, " ")
			for (j = 1; j <= m; j++) {
				key = name SUBSEP us[j]; c = nu[key]
				for (a = 1; a <= c; a++) x[a] = v[key, a] + 0
				for (a = 2; a <= c; a++) for (b = a; b > 1 && x[b - 1] > x[b]; b--) { t = x[b]; x[b] = x[b - 1]; x[b - 1] = t }
				med = (c % 2) ? x[(c + 1) / 2] : (x[c / 2] + x[c / 2 + 1]) / 2
				line = line sprintf(" %12.4g %s", med, us[j])
			}
			print line " (n=" nu[name SUBSEP us[1]] ")"
		}
	}' "$1"
}

if [ "$gobench" != none ]; then
	echo "== Go benchmarks (go test -bench '$gobench' -benchmem -count $count; the scale and hostile-input benchmarks once)"
	$go test -run '^$' -bench "$gobench" -skip 'AnalyzeScale|Hostile' -benchmem -count "$count" -timeout 60m ./... | tee "$out/go-bench.txt"
	if [ "$scale" != 0 ]; then
		$go test -run '^$' -bench 'AnalyzeScale' -benchmem -count 1 -benchtime 1x -timeout 60m ./session | tee -a "$out/go-bench.txt"
	fi
	$go test -run '^$' -bench 'Hostile' -benchmem -count 1 -benchtime 1x -timeout 60m ./session | tee -a "$out/go-bench.txt"
	echo "== medians"
	medians "$out/go-bench.txt" | tee "$out/go-bench-medians.txt"
fi

# measure NAME RUNS CMD...: runs CMD (stdout discarded) RUNS times; sets
# wall_NAME (median seconds) and rss_NAME (largest peak RSS, MB).
declare -A wall rss
measure() {
	local name=$1 n=$2
	shift 2
	local walls=() maxrss=0 i
	for ((i = 0; i < n; i++)); do
		if [ -n "$timer" ]; then
			"$timer" -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt"; return 1; }
			read -r w m <"$out/time.txt"
			walls+=("$w")
			((m > maxrss)) && maxrss=$m
		else
			local t0 t1
			t0=$(date +%s.%N)
			"$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt"; return 1; }
			t1=$(date +%s.%N)
			walls+=("$(echo "$t1 - $t0" | bc)")
		fi
	done
	wall[$name]=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
	rss[$name]=$(awk -v k="$maxrss" 'BEGIN {printf "%.0f", k / 1024}')
	printf '%-13s median %8.3f s of %d runs (%s), peak RSS %5s MB\n' "$name" "${wall[$name]}" "$n" "$(printf '%s ' "${walls[@]}")" "${rss[$name]}"
}

echo "== timing on $pcap ($(awk -v s="$size" 'BEGIN {printf "%.0f MB", s / 1e6}'), load $(cut -d' ' -f1-3 /proc/loadavg))"
measure read "$runs" "$out/mkbench" -read "$pcap"
measure raw "$runs" "$out/mkbench" -read "$pcap" -raw
measure analyze "$runs" "$out/pptpscope" analyze "$pcap"
if [ "$tshark_runs" != 0 ] && command -v tshark >/dev/null; then
	measure tshark "$tshark_runs" tshark -r "$pcap" -Y "$filter"
else
	echo "tshark        not measured (not installed, or BENCH_TSHARK_RUNS=0)"
fi

if [ "$repeat" != 0 ]; then
	pptp="$out/gen$version-pptp-s$sessions-r$repeat-seed$seed.pcap"
	[ -s "$pptp" ] || "$out/mkbench" -o "$pptp" -sessions "$sessions" -repeat "$repeat" -packets 0 -seed "$seed"
	cat "$pptp" >/dev/null
	echo "== PPTP only: $pptp ($(awk -v s="$(stat -c %s "$pptp")" 'BEGIN {printf "%.0f MB", s / 1e6}'), every packet GRE or TCP 1723)"
	measure read-pptp "$runs" "$out/mkbench" -read "$pptp"
	measure analyze-pptp "$runs" "$out/pptpscope" analyze "$pptp"
	if [ "$tshark_runs" != 0 ] && command -v tshark >/dev/null; then
		measure tshark-pptp "$tshark_runs" tshark -r "$pptp" -Y "$filter"
	fi
fi

if [ "$scale" != 0 ]; then
	conc="$out/gen$version-scale-concurrent-$scale.pcap"
	seq="$out/gen$version-scale-sequential-$scale.pcap"
	[ -s "$conc" ] || "$out/mkbench" -o "$conc" -sessions "$scale" -packets 0 -spread 2s -seed 2
	[ -s "$seq" ] || "$out/mkbench" -o "$seq" -sessions "$scale" -packets 0 -spread "$((scale * 25))s" -seed 2
	echo "== scale: $scale sessions, analyze once each"
	measure scale-con 1 "$out/pptpscope" analyze "$conc"
	measure scale-seq 1 "$out/pptpscope" analyze "$seq"
	echo "sessions found: concurrent $("$out/pptpscope" analyze --format json "$conc" | grep -o '"verdict"' | wc -l), sequential $("$out/pptpscope" analyze --format json "$seq" | grep -o '"verdict"' | wc -l) (want $scale each)"
fi

echo "== summary (load at end $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v r="${wall[read]}" -v raw="${wall[raw]}" -v a="${wall[analyze]}" -v t="${wall[tshark]:-}" -v ra="${rss[analyze]}" -v rt="${rss[tshark]:-}" -v hasrss="$timer" \
	-v r2="${wall[read-pptp]:-}" -v a2="${wall[analyze-pptp]:-}" -v t2="${wall[tshark-pptp]:-}" -v ra2="${rss[analyze-pptp]:-}" '
BEGIN {
	if (r <= 0 || a <= 0) { print "times too short to compare: use a larger BENCH_PACKETS"; exit }
	printf "analyze / read loop: %.2fx (target <= 3x: %s)\n", a / r, (a / r <= 3) ? "met" : "NOT met"
	if (raw > 0) printf "analyze / raw loop:  %.2fx (the raw loop skips the capture package: bufio only)\n", a / raw
	if (t != "") printf "tshark / analyze:    %.0fx (target >= 50x: %s)\n", t / a, (t / a >= 50) ? "met" : "NOT met"
	if (hasrss != "") {
		printf "peak memory: analyze %d MB (target < 100 MB: %s)", ra, (ra < 100) ? "met" : "NOT met"
		if (rt != "") printf ", tshark %d MB", rt
		printf "\n"
	}
	if (r2 > 0 && a2 > 0) {
		printf "PPTP only: analyze / read loop %.2fx (target <= 3x: %s)", a2 / r2, (a2 / r2 <= 3) ? "met" : "NOT met"
		if (t2 != "") printf ", tshark / analyze %.0fx", t2 / a2
		if (ra2 != "") printf ", analyze %d MB", ra2
		printf "\n"
	}
}' | tee "$out/summary.txt"
