package mppe

import (
	"fmt"
	"sort"
	"strings"
)

// Credentials are the secrets used to check captured MS-CHAP
// authentications and to decrypt MPPE. They are never printed.
type Credentials struct {
	// Default applies to every user, or only to User when User is set
	// (--password-file, PPTPSCOPE_PASSWORD, --nt-hash-file, the prompt).
	Default *Credential
	User    string
	// ByUser has one credential per user name (--credentials FILE).
	ByUser map[string]Credential
}

// For returns the credential for the user name a session authenticated
// with. Names match exactly, else ignoring case and any DOMAIN\ prefix.
func (c *Credentials) For(user string) (Credential, bool) {
	if c == nil {
		return Credential{}, false
	}
	if cr, ok := c.ByUser[user]; ok {
		return cr, true
	}
	names := make([]string, 0, len(c.ByUser))
	for name := range c.ByUser {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if SameUser(name, user) {
			return c.ByUser[name], true
		}
	}
	if c.Default != nil && (c.User == "" || SameUser(c.User, user)) {
		return *c.Default, true
	}
	return Credential{}, false
}

// SameUser compares user names as Windows does: ignoring case, and
// ignoring a DOMAIN\ prefix on either side.
func SameUser(a, b string) bool {
	return strings.EqualFold(a, b) || strings.EqualFold(StripDomain(a), StripDomain(b))
}

// MismatchError says that a credential does not match a captured MS-CHAP
// authentication. It wraps ErrPasswordMismatch (the client's NT-Response)
// or ErrAuthenticatorMismatch (the server's S=).
type MismatchError struct {
	User   string
	Method string // MS-CHAPv2, MS-CHAPv1, EAP-MSCHAPv2
	// NTHash is set when the secret checked was an NT hash, not a password.
	NTHash bool
	// Frame is the frame of the client's response.
	Frame int
	// AuthenticatorFrame is set when the NT-Response matched but the
	// server's S= authenticator response (in this frame) did not.
	AuthenticatorFrame int
}

// Error is the English text; render writes it in every language.
func (e *MismatchError) Error() string {
	secret := "password"
	if e.NTHash {
		secret = "NT hash"
	}
	if e.AuthenticatorFrame > 0 {
		return fmt.Sprintf("the %s matches user %s's %s response in frame %d but not the server's S= authenticator response in frame %d",
			secret, e.User, e.Method, e.Frame, e.AuthenticatorFrame)
	}
	return fmt.Sprintf("the %s does not match user %s's %s response in frame %d", secret, e.User, e.Method, e.Frame)
}

// Unwrap returns the sentinel.
func (e *MismatchError) Unwrap() error {
	if e.AuthenticatorFrame > 0 {
		return ErrAuthenticatorMismatch
	}
	return ErrPasswordMismatch
}
