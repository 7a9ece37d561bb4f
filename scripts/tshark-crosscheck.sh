#!/usr/bin/env bash
# tshark-crosscheck.sh: write tshark's dissection of every capture in
# testdata/pcaps as normalised JSON lines, for pptpscope's cross-check tests.
#
# Usage (from anywhere; `make crosscheck` calls it):
#   scripts/tshark-crosscheck.sh            # all captures in testdata/pcaps
#   scripts/tshark-crosscheck.sh FILE...    # only these captures
# Needs tshark and python3. The committed files in testdata/tshark were made
# with "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)";
# the script warns when another version runs, since dissection details (field
# names, reassembly) can change between Wireshark releases.
#
# Output: testdata/tshark/<capture-file-name>.jsonl, one JSON object per PPTP
# control message and per PPP control packet (LCP, PAP, CHAP, EAP, IPCP,
# IPV6CP, CCP, CBCP), in frame order, then in order within the frame:
#   {"frame":N,"proto":"LCP","msg":"Configure-Request","id":1,"call_id":40265,
#    "fields":{...}}
# proto is upper case; msg is the RFC name, mapped here from tshark's numeric
# code (tshark's display strings are not used); id is the PPP (or CHAP/PAP/EAP)
# identifier, null for PPTP; call_id is the GRE key's call id of the frame
# carrying the PPP packet, null for PPTP (TCP) and for PPP on a serial link.
# A message with a code not named by the RFCs gets msg "Code-<n>".
#
# fields keys (present only when tshark shows the value):
#   PPTP: call_id peer_call_id result_code error_code cause_code
#         protocol_version (tshark's raw value, 256 for 1.0) host_name
#         vendor_name firmware_revision framing_capabilities bearer_capabilities
#         max_channels call_serial_number min_bps max_bps bearer_type
#         framing_type packet_receive_window_size packet_processing_delay
#         connect_speed physical_channel_id send_accm receive_accm identifier
#   LCP/IPCP/IPV6CP/CCP: options (Configure-* only: list of option type
#         numbers in order, taken from tshark's split of the options, so
#         unknown options count too) mru accm auth_protocol auth_algorithm
#         magic_number (option or Echo/Discard/Identification/Time-Remaining
#         field) pfc acfc ip_address primary_dns secondary_dns primary_nbns
#         secondary_nbns interface_identifier mppe_supported_bits
#         rejected_protocol
#   CHAP: value_size name message   PAP: peer_id password message
#   EAP:  type identity
# Integers are JSON numbers; ACCM, magic number and MPPE bits are "0x%08x",
# protocols "0x%04x", addresses dotted, the IPv6CP interface identifier as
# tshark prints it (colon-separated hex). When an option occurs twice, the
# first occurrence gives the value.
#
# What is left out: MPPE data ("PPP Compressed Datagram"), GRE ack-only
# packets, other PPP protocols (CDPCP, CDP, IP), and PPP packets nested inside
# another message (the packet quoted by an LCP Protocol-Reject). tshark's
# defaults apply (run with an empty configuration directory): IP fragments
# are reassembled and the message is reported at the last fragment's frame;
# a TCP retransmission of already-seen PPTP data is not dissected again.
#
# TCP and several PPTP messages: each PPTP layer tshark shows in a frame gives
# its own line. But tshark 4.0 dissects only the FIRST PPTP message of a TCP
# segment and does not reassemble a message split over segments, so the
# script warns on stderr (and writes nothing for the missing part) whenever a
# port-1723 segment's payload length differs from the PPTP lengths dissected.
# None of the current captures has such a segment; the only warning is
# nDPI__pptp.pcap frame 19, a retransmitted Call-Clear-Request.
#
# CROSSCHECK_OUT=dir overrides the output directory (for trying the script on
# other captures without touching testdata).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pcaps="$root/testdata/pcaps"
out="${CROSSCHECK_OUT:-$root/testdata/tshark}"
want_version="4.0.17"

command -v tshark >/dev/null || { echo "tshark not found" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }

version=$(tshark -v 2>/dev/null | sed -n 1p)
case "$version" in
*" $want_version "*) ;;
*) echo "warning: testdata/tshark was made with tshark $want_version, this is: $version" >&2 ;;
esac

# An empty configuration directory, so personal preferences cannot change the
# dissection.
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
export WIRESHARK_CONFIG_DIR="$cfg"

# The TCP term lets the normaliser see PPTP-port segments that tshark did not
# (fully) dissect as PPTP, and warn about them.
filter='pptp or lcp or pap or chap or eap or ipcp or ipv6cp or ccp or cbcp or (tcp.port == 1723 and tcp.len > 0)'

read -r -d '' normalise <<'PY' || true
import json
import sys
import xml.etree.ElementTree as ET

CONTROL = {
    1: "Configure-Request", 2: "Configure-Ack", 3: "Configure-Nak",
    4: "Configure-Reject", 5: "Terminate-Request", 6: "Terminate-Ack",
    7: "Code-Reject",
}
LCP = dict(CONTROL)
LCP.update({8: "Protocol-Reject", 9: "Echo-Request", 10: "Echo-Reply",
            11: "Discard-Request", 12: "Identification", 13: "Time-Remaining"})
CCP = dict(CONTROL)
CCP.update({14: "Reset-Request", 15: "Reset-Ack"})
PPTP = {
    1: "Start-Control-Connection-Request", 2: "Start-Control-Connection-Reply",
    3: "Stop-Control-Connection-Request", 4: "Stop-Control-Connection-Reply",
    5: "Echo-Request", 6: "Echo-Reply", 7: "Outgoing-Call-Request",
    8: "Outgoing-Call-Reply", 9: "Incoming-Call-Request",
    10: "Incoming-Call-Reply", 11: "Incoming-Call-Connected",
    12: "Call-Clear-Request", 13: "Call-Disconnect-Notify",
    14: "WAN-Error-Notify", 15: "Set-Link-Info",
}

# tshark protocol -> (our proto name, code field, identifier field, code names)
PROTOS = {
    "pptp": ("PPTP", "pptp.control_message_type", None, PPTP),
    "lcp": ("LCP", "ppp.code", "ppp.identifier", LCP),
    "ipcp": ("IPCP", "ppp.code", "ppp.identifier", CONTROL),
    "ipv6cp": ("IPV6CP", "ppp.code", "ppp.identifier", CONTROL),
    "ccp": ("CCP", "ppp.code", "ppp.identifier", CCP),
    "cbcp": ("CBCP", "ppp.code", "ppp.identifier",
             {1: "Callback-Request", 2: "Callback-Response", 3: "Callback-Ack"}),
    "chap": ("CHAP", "chap.code", "chap.identifier",
             {1: "Challenge", 2: "Response", 3: "Success", 4: "Failure"}),
    "pap": ("PAP", "pap.code", "pap.identifier",
            {1: "Authenticate-Request", 2: "Authenticate-Ack", 3: "Authenticate-Nak"}),
    "eap": ("EAP", "eap.code", "eap.id",
            {1: "Request", 2: "Response", 3: "Success", 4: "Failure"}),
}


def num(s):
    return int(s, 0)


def hex32(s):
    return "0x%08x" % int(s, 0)


def hex16(s):
    return "0x%04x" % int(s, 0)


def text(s):
    return s


def true(s):
    return True


# tshark field -> (our key, converter). Looked up only inside the protocol
# the field belongs to.
FIELDS = {
    "PPTP": {
        "pptp.call_id": ("call_id", num),
        "pptp.peer_call_id": ("peer_call_id", num),
        "pptp.control_result": ("result_code", num),
        "pptp.stop_result": ("result_code", num),
        "pptp.echo_result": ("result_code", num),
        "pptp.out_result": ("result_code", num),
        "pptp.in_result": ("result_code", num),
        "pptp.disc_result": ("result_code", num),
        "pptp.error": ("error_code", num),
        "pptp.cause": ("cause_code", num),
        "pptp.protocol_version": ("protocol_version", num),
        "pptp.host_name": ("host_name", text),
        "pptp.vendor_name": ("vendor_name", text),
        "pptp.firmware_revision": ("firmware_revision", num),
        "pptp.framing_capabilities": ("framing_capabilities", num),
        "pptp.bearer_capabilities": ("bearer_capabilities", num),
        "pptp.maximum_channels": ("max_channels", num),
        "pptp.call_serial_number": ("call_serial_number", num),
        "pptp.minimum_bps": ("min_bps", num),
        "pptp.maximum_bps": ("max_bps", num),
        "pptp.bearer_type": ("bearer_type", num),
        "pptp.framing_type": ("framing_type", num),
        "pptp.packet_receive_window_size": ("packet_receive_window_size", num),
        "pptp.packet_processing_delay": ("packet_processing_delay", num),
        "pptp.connect_speed": ("connect_speed", num),
        "pptp.physical_channel_id": ("physical_channel_id", num),
        "pptp.send_accm": ("send_accm", hex32),
        "pptp.receive_accm": ("receive_accm", hex32),
        "pptp.identifier": ("identifier", num),
    },
    "LCP": {
        "lcp.opt.mru": ("mru", num),
        "lcp.opt.asyncmap": ("accm", hex32),
        "lcp.opt.auth_protocol": ("auth_protocol", hex16),
        "lcp.opt.algorithm": ("auth_algorithm", num),
        "lcp.opt.magic_number": ("magic_number", hex32),
        "lcp.magic_number": ("magic_number", hex32),
        "lcp.opt.field_compress": ("pfc", true),
        "lcp.opt.addr_field_compress": ("acfc", true),
        "lcp.rej_proto": ("rejected_protocol", hex16),
    },
    "IPCP": {
        "ipcp.opt.ip_address": ("ip_address", text),
        "ipcp.opt.pri_dns_address": ("primary_dns", text),
        "ipcp.opt.sec_dns_address": ("secondary_dns", text),
        "ipcp.opt.pri_nbns_address": ("primary_nbns", text),
        "ipcp.opt.sec_nbns_address": ("secondary_nbns", text),
    },
    "IPV6CP": {
        "ipv6cp.interface_identifier": ("interface_identifier", text),
    },
    "CCP": {
        "ccp.opt.supported_bits": ("mppe_supported_bits", hex32),
    },
    "CBCP": {},
    "CHAP": {
        "chap.value_size": ("value_size", num),
        "chap.name": ("name", text),
        "chap.message": ("message", text),
    },
    "PAP": {
        "pap.peer_id": ("peer_id", text),
        "pap.password": ("password", text),
        "pap.message": ("message", text),
    },
    "EAP": {
        "eap.type": ("type", num),
        "eap.identity": ("identity", text),
    },
}


def fields_of(el):
    """Fields under el in document order, not descending into nested protos."""
    for child in el:
        if child.tag == "field":
            yield child
            yield from fields_of(child)


def first(el, name):
    for f in fields_of(el):
        if f.get("name") == name:
            return f.get("show")
    return None


def option_types(proto_el):
    """Option types in order, from tshark's split of the Options subtree."""
    for child in proto_el:
        if child.tag == "field" and child.get("name") == "" and \
                (child.get("show") or "").startswith("Options:"):
            types = []
            for opt in child:
                if opt.tag != "field":
                    continue
                value = opt.get("value") or ""
                if len(value) >= 2:
                    types.append(int(value[:2], 16))
            return types
    return []


def warn(capture, frame, text):
    sys.stderr.write("%s: frame %s: %s\n" % (capture, frame, text))


def normalise(root, w, capture):
    n = 0
    for packet in root.iter("packet"):
        frame = None
        call_id = None
        tcp_len = None
        retransmission = False
        pptp_len = 0
        for proto in packet.findall("proto"):
            name = proto.get("name")
            if name == "geninfo":
                frame = int(first(proto, "num"))
            elif name == "frame" and frame is None:
                frame = int(first(proto, "frame.number"))
            elif name == "gre":
                cid = first(proto, "gre.key.call_id")
                call_id = int(cid) if cid is not None else None
            elif name == "tcp":
                v = first(proto, "tcp.len")
                tcp_len = int(v) if v is not None else None
                retransmission = first(proto, "tcp.analysis.retransmission") is not None
            elif name == "pptp":
                v = first(proto, "pptp.length")
                pptp_len += int(v) if v is not None else 0
            if name not in PROTOS:
                continue
            ours, code_field, id_field, names = PROTOS[name]
            code = first(proto, code_field)
            if code is None:
                continue
            code = int(code, 0)
            ident = None
            if id_field is not None:
                v = first(proto, id_field)
                ident = int(v, 0) if v is not None else None
            fields = {}
            table = FIELDS[ours]
            for f in fields_of(proto):
                m = table.get(f.get("name"))
                if m is None or m[0] in fields:
                    continue
                show = f.get("show")
                if show is None:
                    continue
                fields[m[0]] = m[1](show)
            msg = names.get(code, "Code-%d" % code)
            if ours in ("LCP", "IPCP", "IPV6CP", "CCP") and 1 <= code <= 4:
                fields["options"] = option_types(proto)
            rec = {
                "frame": frame,
                "proto": ours,
                "msg": msg,
                "id": ident,
                "call_id": None if ours == "PPTP" else call_id,
                "fields": dict(sorted(fields.items())),
            }
            w.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False))
            w.write("\n")
            n += 1
        # tshark 4.0 dissects one PPTP message per TCP segment and does not
        # reassemble a message split over segments: say so when the payload
        # and the dissected messages differ, since the lines above then miss
        # messages pptpscope will report.
        if tcp_len and tcp_len != pptp_len:
            if pptp_len == 0:
                warn(capture, frame, "%d bytes of TCP payload on port 1723 not "
                     "dissected as PPTP%s" % (tcp_len,
                     " (a retransmission)" if retransmission else ""))
            else:
                warn(capture, frame, "TCP payload of %d bytes, PPTP messages "
                     "dissected cover %d" % (tcp_len, pptp_len))
    return n


root = ET.parse(sys.stdin).getroot()
with open(sys.argv[1], "w", encoding="utf-8") as w:
    count = normalise(root, w, sys.argv[2])
print(count)
PY

mkdir -p "$out"
if [ "$#" -gt 0 ]; then
	files=("$@")
else
	files=()
	for f in "$pcaps"/*; do
		case "$f" in *.pcap | *.pcapng | *.cap) files+=("$f") ;; esac
	done
fi
for f in "${files[@]}"; do
	[ -e "$f" ] || continue
	base=$(basename "$f")
	dst="$out/$base.jsonl"
	err=$(mktemp)
	if ! count=$(tshark -r "$f" -n -Y "$filter" -T pdml 2>"$err" | python3 -c "$normalise" "$dst" "$base"); then
		grep -v 'Running as user' "$err" >&2 || true
		rm -f "$err"
		echo "failed: $base" >&2
		exit 1
	fi
	grep -v 'Running as user' "$err" >&2 || true
	rm -f "$err"
	printf '%6d  %s\n' "$count" "${dst#"$root"/}"
done
