// Package crack recovers passwords from the authentications a capture
// holds: MS-CHAPv2 (in CHAP and in EAP), MS-CHAPv1 (NT and LM responses),
// CHAP-MD5 and EAP-MD5 by trying candidates (package candidates); PAP
// carries the password in clear. For MS-CHAP it uses the structure of the
// response: the third DES key (the last two octets of the NT hash) is
// recovered once from the captured response, so a candidate costs one MD4
// and a two-octet compare, and one MD4 serves every MS-CHAP authentication.
package crack

import "errors"

// Methods of an authentication.
const (
	MSCHAPv2    = "MS-CHAPv2"
	EAPMSCHAPv2 = "EAP-MSCHAPv2"
	MSCHAPv1    = "MS-CHAPv1"
	CHAPMD5     = "CHAP-MD5"
	EAPMD5      = "EAP-MD5"
	PAP         = "PAP"
)

// Sentinel errors.
var (
	ErrNoAuth     = errors.New("no authentication to crack")
	ErrIncomplete = errors.New("incomplete authentication")
)

// Auth is one captured authentication, as plain values (copied from the
// packets).
type Auth struct {
	// Session is the number analyze gives the session (Collect, or a
	// Collector told of the sessions); else 1-based in the order sessions
	// first show an authentication packet.
	Session int
	// SessionKey is session.Record.SessionKey of the session (to match it
	// with the analysis' sessions).
	SessionKey int
	Frame      int    // frame of the response (PAP: the Authenticate-Request)
	Method     string // one of the constants above
	User       string // the name the client sent (raw octets)
	Result     string // success, failure or none (the server's verdict, when seen)

	// MS-CHAPv2: the authenticator's and the peer's challenges (16 octets).
	AuthChallenge, PeerChallenge []byte
	// MS-CHAPv1: the 8-octet challenge. CHAP-MD5, EAP-MD5: the challenge.
	Challenge []byte
	// MS-CHAP: the 24-octet NT-Response; MS-CHAPv1 also the LM-Response
	// (all zero when the client sent none).
	NTResponse, LMResponse []byte
	// CHAP-MD5, EAP-MD5: the identifier and the 16-octet MD5 response.
	ID       byte
	Response []byte
	// PAP: the password as sent.
	Password []byte
}

// MSCHAP reports whether the authentication is an MS-CHAP one (NT hash).
func (a *Auth) MSCHAP() bool {
	return a.Method == MSCHAPv2 || a.Method == EAPMSCHAPv2 || a.Method == MSCHAPv1
}

// HasLM reports an MS-CHAPv1 LM-Response that is not all zero.
func (a *Auth) HasLM() bool {
	if a.Method != MSCHAPv1 || len(a.LMResponse) != 24 {
		return false
	}
	for _, b := range a.LMResponse {
		if b != 0 {
			return true
		}
	}
	return false
}
