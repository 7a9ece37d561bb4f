package mppe

import (
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Credential is the secret to test: a password, or directly its NT password
// hash (MD4 of the UTF-16LE password) when NTHash is not nil.
type Credential struct {
	Password string
	NTHash   []byte // 16 octets; takes precedence over Password when not nil
}

// PasswordHash returns the NT password hash of the credential.
func (c Credential) PasswordHash() ([16]byte, error) {
	if c.NTHash != nil {
		if len(c.NTHash) != 16 {
			return [16]byte{}, badLength("NT hash", 16, len(c.NTHash))
		}
		return [16]byte(c.NTHash), nil
	}
	return NtPasswordHash(c.Password), nil
}

// Outcome is the result of one check.
type Outcome uint8

// Outcomes of a check.
const (
	NotChecked Outcome = iota // the value to check was not captured
	Match
	Mismatch
)

func (o Outcome) String() string {
	switch o {
	case Match:
		return "match"
	case Mismatch:
		return "mismatch"
	}
	return "not checked"
}

// Verification reports each check made against a captured exchange, and the
// hashes the MPPE keys are derived from.
type Verification struct {
	NTResponse    Outcome // the client's NT-Response
	Authenticator Outcome // the server's S= (MS-CHAPv2 only)

	PasswordHash     [16]byte // NtPasswordHash
	PasswordHashHash [16]byte // HashNtPasswordHash, input of the MPPE keys
}

// Err returns nil when nothing mismatched, else ErrPasswordMismatch and/or
// ErrAuthenticatorMismatch (joined).
func (v Verification) Err() error {
	var errs []error
	if v.NTResponse == Mismatch {
		errs = append(errs, ErrPasswordMismatch)
	}
	if v.Authenticator == Mismatch {
		errs = append(errs, ErrAuthenticatorMismatch)
	}
	return errors.Join(errs...)
}

// ExchangeV2 is what a passive observer captures of one MS-CHAPv2
// authentication (RFC 2759 §4): the Challenge value, the Response's name,
// peer challenge and NT-Response, and optionally the Success message.
type ExchangeV2 struct {
	UserName      string // Name field of the Response; a DOMAIN\ prefix is allowed
	AuthChallenge []byte // 16 octets: Value of the Challenge packet
	PeerChallenge []byte // 16 octets: Response Value[0:16]
	NTResponse    []byte // 24 octets: Response Value[24:48]
	// Authenticator is the Success message ("S=<40 hex> M=...") or just its
	// S= part; empty when not captured.
	Authenticator string
}

// ParseResponseV2 splits a 49-octet MS-CHAPv2 Response Value into its peer
// challenge and NT-Response (RFC 2759 §4: 16 peer challenge, 8 zero, 24
// NT-Response, 1 flags).
func ParseResponseV2(value []byte) (peerChallenge, ntResponse []byte, err error) {
	if len(value) != 49 {
		return nil, nil, badLength("MS-CHAPv2 response value", 49, len(value))
	}
	return value[0:16], value[24:48], nil
}

// ParseAuthenticator extracts the 20 octets of "S=<40 hex>" from a Success
// message (anything after the 42 characters, like " M=...", is ignored).
func ParseAuthenticator(msg string) ([20]byte, error) {
	var out [20]byte
	if len(msg) < 42 || !strings.HasPrefix(msg, "S=") || (len(msg) > 42 && msg[42] != ' ') {
		return out, fmt.Errorf("%w: %q", ErrBadAuthenticator, truncate(msg, 60))
	}
	if _, err := hex.Decode(out[:], []byte(msg[2:42])); err != nil {
		return out, fmt.Errorf("%w: %v", ErrBadAuthenticator, err)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// Verify checks the credential against the exchange: the NT-Response
// always, the authenticator response when captured. The error is only for
// malformed input (ErrBadLength, ErrBadAuthenticator); a wrong password is
// reported in the Verification (see its Err method).
func (ex ExchangeV2) Verify(c Credential) (Verification, error) {
	var v Verification
	if len(ex.AuthChallenge) != 16 {
		return v, badLength("authenticator challenge", 16, len(ex.AuthChallenge))
	}
	if len(ex.PeerChallenge) != 16 {
		return v, badLength("peer challenge", 16, len(ex.PeerChallenge))
	}
	if len(ex.NTResponse) != 24 {
		return v, badLength("NT-Response", 24, len(ex.NTResponse))
	}
	var wantAuth [20]byte
	if ex.Authenticator != "" {
		var err error
		if wantAuth, err = ParseAuthenticator(ex.Authenticator); err != nil {
			return v, err
		}
	}
	ph, err := c.PasswordHash()
	if err != nil {
		return v, err
	}
	v.PasswordHash = ph
	v.PasswordHashHash = HashNtPasswordHash(ph)

	auth, peer, ntr := [16]byte(ex.AuthChallenge), [16]byte(ex.PeerChallenge), [24]byte(ex.NTResponse)
	got := GenerateNTResponse(auth, peer, ex.UserName, ph)
	v.NTResponse = outcome(got[:], ntr[:])
	if ex.Authenticator != "" {
		a := AuthenticatorResponse(ph, ntr, peer, auth, ex.UserName)
		v.Authenticator = outcome(a[:], wantAuth[:])
	}
	return v, nil
}

// ExchangeV1 is a captured MS-CHAPv1 authentication (RFC 2433): the 8-octet
// challenge and the NT-Response from the 49-octet Response Value (24 LM, 24
// NT, 1 use-NT flag).
type ExchangeV1 struct {
	Challenge  []byte // 8 octets
	NTResponse []byte // 24 octets: Response Value[24:48]
}

// Verify checks the NT-Response against the credential; as for ExchangeV2,
// the error is only for malformed input.
func (ex ExchangeV1) Verify(c Credential) (Verification, error) {
	var v Verification
	if len(ex.Challenge) != 8 {
		return v, badLength("MS-CHAPv1 challenge", 8, len(ex.Challenge))
	}
	if len(ex.NTResponse) != 24 {
		return v, badLength("NT-Response", 24, len(ex.NTResponse))
	}
	ph, err := c.PasswordHash()
	if err != nil {
		return v, err
	}
	v.PasswordHash = ph
	v.PasswordHashHash = HashNtPasswordHash(ph)
	got := NTResponseV1([8]byte(ex.Challenge), ph)
	v.NTResponse = outcome(got[:], ex.NTResponse)
	return v, nil
}

func outcome(got, want []byte) Outcome {
	if subtle.ConstantTimeCompare(got, want) == 1 {
		return Match
	}
	return Mismatch
}
