#!/usr/bin/env bash
# mppc-freerdp-crosscheck.sh: check pptpscope's MPPC codec (mppe) against
# FreeRDP's, an implementation nobody here wrote (libfreerdp2's
# mppc_compress/mppc_decompress in RDP 4.0 mode: the 8 KB-history encoding
# of RFC 2118 that PPTP uses), and commit the results as golden data so
# that `go test ./mppe` (TestMPPCFreeRDP) needs no FreeRDP:
#
#   mppe/testdata/mppc/freerdp-compressed.rec  FreeRDP's compression of the
#       test frames (mppe's mppcPeerFrames), which mppe must decompress;
#   mppe/testdata/mppc/freerdp.txt  SHA-256 of mppe's compression of the
#       same frames, and of FreeRDP's decompression of it (must be the
#       frames' own).
#
# Usage: scripts/mppc-freerdp-crosscheck.sh (as root it installs
# freerdp2-dev when missing). Needs gcc and pkg-config. The committed files
# were made with FreeRDP 2.11.7 (Debian 2.11.7+dfsg1-6~deb12u1).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists freerdp2 winpr2; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends freerdp2-dev pkg-config gcc >/dev/null
	else
		echo "needs freerdp2-dev (libfreerdp2 headers) and pkg-config" >&2
		exit 1
	fi
fi
echo "FreeRDP $(pkg-config --modversion freerdp2)" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -Wall -o "$tmp/mppc-freerdp" scripts/mppc-freerdp.c $(pkg-config --cflags --libs freerdp2 winpr2)
go test ./mppe -run '^TestMPPCFreeRDP$' -count=1 -mppc.freerdp-write="$tmp" >/dev/null
"$tmp/mppc-freerdp" compress "$tmp/input.rec" "$tmp/freerdp-compressed.rec"
"$tmp/mppc-freerdp" decompress "$tmp/ours.rec" "$tmp/ours-decompressed-by-freerdp.rec"
mkdir -p mppe/testdata/mppc
cp "$tmp/freerdp-compressed.rec" mppe/testdata/mppc/
{
	echo "# written by scripts/mppc-freerdp-crosscheck.sh with FreeRDP $(pkg-config --modversion freerdp2)"
	for f in ours.rec ours-decompressed-by-freerdp.rec; do
		echo "$f $(sha256sum "$tmp/$f" | cut -d' ' -f1)"
	done
} > mppe/testdata/mppc/freerdp.txt
if ! cmp -s "$tmp/input.rec" "$tmp/ours-decompressed-by-freerdp.rec"; then
	echo "FreeRDP did not decompress mppe's output to the frames" >&2
	exit 1
fi
go test ./mppe -run '^TestMPPCFreeRDP$' -count=1
