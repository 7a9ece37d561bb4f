package decode

// Note is a non-fatal problem found while decoding, as data: a code and its
// arguments, in order (numbers; protocol, message, option and algorithm
// names as the RFCs spell them; the text of a wrapped decoding error).
// pptpscope's renderers word each code in the reader's language (catalogue
// keys note.<code>); decode holds no sentences.
type Note struct {
	Code string
	Args []any
}

func note(code string, args ...any) Note { return Note{Code: code, Args: args} }

// NoteCodes lists every note code that decode (and the packet loop, for
// the notes it adds to a record) produces, with its number of arguments.
var NoteCodes = map[string]int{
	// PPTP (RFC 2637).
	"pptp-bad-cookie":       2, // cookie, expected
	"pptp-truncated-header": 2, // bytes, header length
	"pptp-truncated":        2, // length, bytes captured
	"pptp-length-short":     2, // length, header length
	"pptp-message-type":     2, // type, type name
	"pptp-unknown-type":     1, // control message type
	"pptp-length-mismatch":  3, // length, message name, fixed size
	"pptp-unprintable":      2, // field name (RFC 2637), bytes shown escaped
	// LCP, IPCP, IPV6CP, CCP (RFC 1661 and friends).
	"length-short":        1, // Length
	"truncated-length":    2, // Length, bytes captured
	"padding":             1, // bytes
	"code-undefined":      2, // protocol, code
	"option-length-exact": 4, // protocol, option, length, expected
	"option-length-min":   4, // protocol, option, length, minimum
	"option-length-range": 5, // protocol, option, length, minimum, maximum
	"options-undecoded":   3, // protocol, byte, error text
	"body":                1, // error text
	// CHAP, MS-CHAP.
	"chap-empty-value":          1, // message name
	"mschapv2-challenge-length": 1,
	"mschapv1-challenge-length": 1,
	"mschap-response-length":    2, // algorithm, bytes
	"md5-response-length":       1,
	"mschapv2-reserved":         0,
	"mschapv2-flags":            0,
	"mschapv1-use-nt":           0,
	// EAP.
	"eap-data":                      2, // message name, bytes
	"eap-mslength":                  2, // MS-Length, EAP Length minus 5
	"eap-empty-value":               1, // type name
	"eap-change-password-extra":     0,
	"eap-mschapv2-challenge-length": 1,
	"eap-mschapv2-response-length":  1,
	// PAP.
	"pap-no-msg-length": 1, // message name
	"pap-trailing":      1, // message name
	// CBCP.
	"cbcp-options":        1, // error text
	"cbcp-no-delay":       1, // option name
	"cbcp-address-no-nul": 0,
	// MPPE.
	"mppe-truncated": 0,
	"mppe-no-d-or-c": 0,
	// added by the packet loop.
	"frame-truncated":     0,
	"control-bytes-lost":  1, // bytes
	"control-stream-ends": 0,
}
