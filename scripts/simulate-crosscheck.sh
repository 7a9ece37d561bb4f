#!/usr/bin/env bash
# simulate-crosscheck.sh: generate every capture listed in
# testdata/simulate/variants.txt with `pptpscope simulate` and commit
# tshark's view of it, for the tests of cmd/pptpscope/simulate_test.go:
#
#   testdata/simulate/sha256.txt         sha256 of each generated capture
#   testdata/simulate/expert/NAME.txt    `tshark -r FILE -z expert -q`
#   testdata/simulate/tshark/NAME.jsonl  its control messages, normalised by
#                                        scripts/tshark-crosscheck.sh
#
# Usage (from anywhere; `make crosscheck` calls it): scripts/simulate-crosscheck.sh
# Needs go, tshark and python3. Captures are written to a temporary directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data=testdata/simulate
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/pptpscope" ./cmd/pptpscope
mkdir -p "$data/expert" "$data/tshark"
rm -f "$data/expert/"*.txt "$data/tshark/"*.jsonl
: > "$tmp/sha256.txt"
while IFS=$'\t' read -r name args; do
	case "$name" in ''|'#'*) continue ;; esac
	ext=pcap
	case " $args " in *" --format pcapng "*) ext=pcapng ;; esac
	file="$tmp/$name.$ext"
	# shellcheck disable=SC2086 # args is a list of options
	"$tmp/pptpscope" simulate --password-file "$data/password.txt" -w "$file" $args
	(cd "$tmp" && sha256sum "$name.$ext") >> "$tmp/sha256.txt"
	tshark -n -r "$file" -z expert -q 2>/dev/null > "$data/expert/$name.txt"
	CROSSCHECK_OUT="$tmp/tshark" scripts/tshark-crosscheck.sh "$file" >/dev/null
	mv "$tmp/tshark/$name.$ext.jsonl" "$data/tshark/$name.jsonl"
done < "$data/variants.txt"
mv "$tmp/sha256.txt" "$data/sha256.txt"
echo "wrote $(wc -l < "$data/sha256.txt") captures' tshark views to $data"
