package render

import (
	"errors"

	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// WhyText says why nothing was decrypted (or no keys can be derived).
func WhyText(lang string, why session.DecryptWhy, method, user, detail string) string {
	switch why {
	case session.WhyNoAuth:
		return T(lang, "why.no-auth")
	case session.WhyUnsupAuth:
		return T(lang, "why.unsup-auth", method)
	case session.WhyAuthFailed:
		return T(lang, "why.auth-failed")
	case session.WhyNoCreds:
		if user == "" {
			user = T(lang, "why.unknown-user")
		}
		return T(lang, "why.no-creds", user)
	case session.WhyNoChallenge:
		return T(lang, "why.no-challenge")
	case session.WhyBadValues:
		return T(lang, "why.bad-values", detail)
	case session.WhyNoCCP:
		return T(lang, "why.no-ccp")
	case session.WhyNoEncrypted:
		return T(lang, "why.no-encrypted")
	case session.WhyNotVerified:
		return T(lang, "why.not-verified")
	case session.WhyNoKeyVariant:
		return T(lang, "why.no-key-variant")
	}
	return ""
}

// decryptReason is a Decryption's reason in lang.
func decryptReason(lang string, d *session.Decryption) string {
	return WhyText(lang, d.Why, d.Method, d.User, d.Detail)
}

// cryptNote is the note of an MPPE record the decryption stage did not
// decrypt ("" when none).
func cryptNote(lang string, c session.CryptNote) string {
	switch c.Kind {
	case session.CryptCompressed:
		return T(lang, "note.compressed")
	case session.CryptDuplicate:
		return T(lang, "note.duplicate")
	case session.CryptMPPCDesync, session.CryptMPPCCorrupt:
		return T(lang, "note.mppc-desync", mppcReason(lang, c.Err))
	case session.CryptNotDecrypted:
		if c.Why != session.WhyNone {
			return T(lang, "note.not-decrypted", WhyText(lang, c.Why, "", "", ""))
		}
		return T(lang, "note.not-decrypted", mppeErrorText(lang, c.Err))
	}
	return ""
}

// mppcReason says why a compressed frame was not decompressed.
func mppcReason(lang string, err error) string {
	var me *mppe.MPPCError
	if errors.As(err, &me) {
		return T(lang, "mppc.reason."+me.Reason.String())
	}
	return mppeErrorText(lang, err)
}

// mppeErrorText is a decryptor's error in lang.
func mppeErrorText(lang string, err error) string {
	for _, e := range []struct {
		err error
		key string
	}{{mppe.ErrLate, "err.mppe.late"}, {mppe.ErrDiscarded, "err.mppe.discarded"}, {mppe.ErrNotFlushed, "err.mppe.not-flushed"}, {mppe.ErrEmpty, "err.mppe.empty"}} {
		if errors.Is(err, e.err) && lang != "en" {
			return T(lang, e.key)
		}
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// RecordNotes are a record's notes: the decoder's, then the decryption
// stage's.
func RecordNotes(lang string, r *session.Record) []string {
	n := cryptNote(lang, r.Crypt)
	if r.Decompressed {
		n = T(lang, "note.decompressed", r.MPPCIn, r.MPPCOut)
	}
	if len(r.Notes) == 0 && n == "" {
		return nil
	}
	out := make([]string, 0, len(r.Notes)+1)
	for _, d := range r.Notes {
		out = append(out, NoteText(lang, d))
	}
	if n != "" {
		out = append(out, n)
	}
	return out
}

// ErrorText is an error of an analysis in lang: the errors that explain a
// diagnosis (a password that does not match, no keys to derive) are
// written from the catalogue, others as they are.
func ErrorText(lang string, err error) string {
	var me *mppe.MismatchError
	if errors.As(err, &me) {
		secret := T(lang, "secret.password")
		if me.NTHash {
			secret = T(lang, "secret.nt-hash")
		}
		if me.AuthenticatorFrame > 0 {
			return T(lang, "mismatch.authenticator", secret, me.User, me.Method, me.Frame, me.AuthenticatorFrame)
		}
		return T(lang, "mismatch.password", secret, me.User, me.Method, me.Frame)
	}
	var nk *session.NoKeysError
	if errors.As(err, &nk) {
		return WhyText(lang, nk.Why, nk.Method, nk.User, nk.Detail)
	}
	return err.Error()
}
