package simulate

import "github.com/pptpscope/pptpscope/internal/errmsg"

// Msg is an error message as data (errmsg.Msg): the code is one of
// Messages, whose English format Error() fills with the arguments; render
// words the same codes in every language.
type Msg = errmsg.Msg

// msg makes a *Msg of this package.
func msg(code string, args ...any) *Msg { return errmsg.New("simulate", code, args...) }

func init() { errmsg.Register("simulate", Messages) }

// Messages are the English formats of the package's messages, by code.
var Messages = map[string]string{
	"option":              "bad simulate option",
	"writing":             "writing the capture: %s",
	"fault.unknown":       "%s: unknown fault %q (see --list-faults)",
	"fault.no-value":      "%s: fault %s takes no value",
	"fault.rate":          "%s: fault %s=PERCENT needs a rate above 0 and at most 50",
	"fault.mtu":           "%s: fault mtu=BYTES needs an MTU from 576 to 9000",
	"fault.result":        "%s: fault %s=RESULT: RFC 2637 failure results are 2 to %d",
	"fault.error-code":    "%s: fault %s=RESULT/ERROR: RFC 2637 error codes are 0 to 6",
	"fault.twice":         "%s: fault %s given twice",
	"fault.two-terminal":  "%s: faults %s and %s both end the session before its data phase: give one of them",
	"fault.needs-data":    "%s: fault %s ends the session in its handshake; mid-session, end-early, echo-timeout and control-reset need a session that reaches its data phase",
	"fault.mid-and-early": "%s: mid-session and end-early together leave only part of the data phase: give one of them",
	"fault.mtu-ipv6":      "%s: fault mtu fragments outer IPv4 only (IPv6 routers do not fragment): leave out --outer-ipv6",
	"fault.mppe-mismatch": "%s: fault mppe-mismatch needs MPPE on the client (--mppe 40, 56 or 128)",
	"fault.ipv6cp":        "%s: fault ipv6cp-rejected needs --ipv6 (the client must ask for IPV6CP)",
	"traffic.bulk":        "%s: --traffic %q: bulk=N needs a positive size in bytes (suffix k, M or G allowed)",
	"traffic.unknown":     "%s: --traffic: unknown traffic %q (ping, dns, http, bulk=N)",
	"auth":                "%s: --auth %q: use one of pap, chap-md5, mschapv1, mschapv2, eap-md5, eap-mschapv2",
	"client":              "%s: --client %q: use pppd or windows",
	"mppe":                "%s: --mppe %d: use none, 40, 56 or 128",
	"auth-no-mppe":        "%s: --auth %s gives no MPPE keys (only MS-CHAPv1, MS-CHAPv2 and EAP-MSCHAPv2 do, RFC 3079): use --mppe none or an MS-CHAP method",
	"mschapv1-40":         "%s: --auth mschapv1 with --mppe 40: pppd disables 40-bit MPPE after MS-CHAPv1 (\"MS-CHAP LM not supported\") and a pptpd server ends the link; use --mppe 56 or 128",
	"mschapv1-56":         "%s: --auth mschapv1 with --mppe 56 derives the keys from the LM hash (RFC 3079 section 2.1), which needs an ASCII password: %v",
	"stateful-mppc":       "%s: --stateful and --mppc need MPPE (--mppe 40, 56 or 128)",
	"user":                "%s: the user name must have 1 to 255 bytes",
	"no-password":         "%s: no password (give --password-file or PPTPSCOPE_PASSWORD)",
	"password-long":       "%s: the password has %d characters; MS-CHAP takes at most %d (RFC 2759)",
	"pap-password":        "%s: PAP carries at most 255 bytes of password",
	"link":                "%s: --link %q: use ether, sll or raw",
	"sessions":            "%s: --sessions must be at least 1",
	"overlap":             "%s: --overlap must not be negative",
}
