package render

import (
	"errors"

	"github.com/pptpscope/pptpscope/session"
)

// Errors that explain a diagnosis, in the reader's language.
func init() {
	addCatalog(map[string]Text{
		"error.mismatch": {
			"the %s does not match user %s's %s response in frame %d",
			"%[1]s与用户 %[2]s 在第 %[4]d 帧的 %[3]s 响应不符"},
		"error.mismatch.authenticator": {
			"the %s matches user %s's %s response in frame %d but not the server's S= authenticator response in frame %d",
			"%[1]s与用户 %[2]s 在第 %[4]d 帧的 %[3]s 响应相符，但与服务器在第 %[5]d 帧的 S= 验证者响应不符"},
		"secret.password": {"password", "密码"},
		"secret.NT hash":  {"NT hash", "NT 哈希"},
	})
}

// ErrorText is err's message in lang when pptpscope can word it (a
// credential that does not match the capture), else err.Error().
func ErrorText(lang string, err error) string {
	var me *session.MismatchError
	if !errors.As(err, &me) {
		return err.Error()
	}
	secret := me.Secret
	if HasText("secret." + secret) {
		secret = T(lang, "secret."+secret)
	}
	if me.AuthenticatorFrame > 0 {
		return T(lang, "error.mismatch.authenticator", secret, me.User, me.Method, me.Frame, me.AuthenticatorFrame)
	}
	return T(lang, "error.mismatch", secret, me.User, me.Method, me.Frame)
}
