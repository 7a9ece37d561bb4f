package simulate

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

const serverName = "pptpd"

// authResult is what authentication leaves for MPPE.
type authResult struct {
	ok         bool
	ntResponse [24]byte // MS-CHAP
	challenge  [16]byte // MS-CHAPv1: the first 8 octets
}

// clientPassword is the password the client uses: the real one, or a
// mistyped one for the wrong-password fault.
func (g *gen) clientPassword() string {
	if g.faults.terminal != "wrong-password" {
		return g.o.Password
	}
	r := []rune(g.o.Password)
	if r[len(r)-1] == 'x' {
		r[len(r)-1] = 'y'
	} else {
		r[len(r)-1] = 'x'
	}
	return string(r)
}

func (g *gen) random(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.rng.Uint32())
	}
	return b
}

// challenges returns the authenticator and peer challenges (random, or
// the tests' fixed ones).
func (g *gen) challenges() (auth, peer [16]byte) {
	if g.o.fixed != nil {
		return g.o.fixed.auth, g.o.fixed.peer
	}
	copy(auth[:], g.random(16))
	copy(peer[:], g.random(16))
	return auth, peer
}

// authenticate runs the method of g.o.Auth; on failure the server ends the
// link (pppd: "Authentication failed", then Terminate-Request).
func (g *gen) authenticate() authResult {
	g.wait(micro(g.rng, 5000, 30000))
	var r authResult
	switch g.o.Auth {
	case AuthPAP:
		r = g.pap()
	case AuthCHAPMD5, AuthMSCHAPv1, AuthMSCHAPv2:
		r = g.chap()
	default:
		r = g.eap()
	}
	if !r.ok {
		g.hop()
		g.lcpTerminate(s2c, "Authentication failed")
	}
	return r
}

func (g *gen) pap() authResult {
	id := uint8(1)
	g.sendPPP(c2s, decode.PPPTypePAP, &decode.PAP{ControlHeader: decode.ControlHeader{Code: decode.PAPAuthenticateRequest, Identifier: id},
		PeerID: []byte(g.o.User), Password: []byte(g.clientPassword())})
	g.hop()
	ok := g.faults.terminal != "wrong-password"
	code, msg := decode.PAPAuthenticateAck, "Login ok"
	if !ok {
		code, msg = decode.PAPAuthenticateNak, "Login incorrect"
	}
	g.sendPPP(s2c, decode.PPPTypePAP, &decode.PAP{ControlHeader: decode.ControlHeader{Code: code, Identifier: id}, Message: []byte(msg)})
	return authResult{ok: ok}
}

func (g *gen) chap() authResult {
	id := uint8(g.rng.IntN(256))
	authCh, peerCh := g.challenges()
	pw := g.clientPassword()
	var challenge, response []byte
	var r authResult
	switch g.o.Auth {
	case AuthCHAPMD5:
		challenge = authCh[:]
		response = md5Response(id, pw, challenge)
	case AuthMSCHAPv1:
		challenge = authCh[:8]
		nt := mppe.NTResponseV1([8]byte(challenge), mppe.NtPasswordHash(pw))
		response = cat(make([]byte, 24), nt[:], []byte{1}) // LM response unused, use NT
		r.ntResponse, r.challenge = nt, authCh
	default:
		challenge = authCh[:]
		nt := mppe.GenerateNTResponse(authCh, peerCh, g.o.User, mppe.NtPasswordHash(pw))
		response = cat(peerCh[:], make([]byte, 8), nt[:], []byte{0})
		r.ntResponse, r.challenge = nt, authCh
	}
	chap := func(dir int, code uint8, value, name, msg []byte) {
		g.sendPPP(dir, decode.PPPTypeCHAP, &decode.CHAP{ControlHeader: decode.ControlHeader{Code: code, Identifier: id},
			Value: value, NameField: name, Message: msg})
	}
	chap(s2c, decode.CHAPChallenge, challenge, []byte(serverName), nil)
	g.hop()
	chap(c2s, decode.CHAPResponse, response, []byte(g.o.User), nil)
	g.hop()
	r.ok = g.faults.terminal != "wrong-password"
	var msg string
	switch {
	case r.ok && g.o.Auth == AuthMSCHAPv2:
		msg = mppe.GenerateAuthenticatorResponse(mppe.NtPasswordHash(g.o.Password), r.ntResponse, peerCh, authCh, g.o.User) + " M=Access granted"
	case r.ok:
		msg = "Access granted"
	case g.o.Auth == AuthMSCHAPv2:
		msg = "E=691 R=0 C=" + strings.ToUpper(hex.EncodeToString(g.random(16))) + " V=3 M=Access denied"
	case g.o.Auth == AuthMSCHAPv1:
		msg = "E=691 R=1 C=" + strings.ToUpper(hex.EncodeToString(g.random(8))) + " V=0"
	default:
		msg = "Access denied"
	}
	code := decode.CHAPSuccess
	if !r.ok {
		code = decode.CHAPFailure
	}
	chap(s2c, code, nil, nil, []byte(msg))
	return r
}

func md5Response(id uint8, secret string, challenge []byte) []byte {
	h := md5.New()
	h.Write([]byte{id})
	h.Write([]byte(secret))
	h.Write(challenge)
	return h.Sum(nil)
}

// eapPacket builds an EAP packet; typeData follows the Type octet.
func eapPacket(code, id, typ uint8, typeData []byte) gopacket.SerializableLayer {
	return &decode.EAP{ControlHeader: decode.ControlHeader{Code: code, Identifier: id}, Type: typ, TypeData: typeData}
}

// msv2 is the data of an EAP-MSCHAPv2 packet with its header (OpCode,
// MS-CHAPv2-ID, MS-Length = EAP Length - 5).
func msv2(op, id uint8, body []byte) []byte {
	return cat([]byte{op, id}, be16(uint16(4+len(body))), body)
}

func (g *gen) eap() authResult {
	id := uint8(g.rng.IntN(256))
	send := func(dir int, p gopacket.SerializableLayer) { g.sendPPP(dir, decode.PPPTypeEAP, p) }
	send(s2c, eapPacket(decode.EAPRequest, id, decode.EAPTypeIdentity, nil))
	g.hop()
	send(c2s, eapPacket(decode.EAPResponse, id, decode.EAPTypeIdentity, []byte(g.o.User)))
	g.hop()
	id++
	pw := g.clientPassword()
	var r authResult
	r.ok = g.faults.terminal != "wrong-password"
	if g.o.Auth == AuthEAPMD5 {
		ch := g.random(16)
		send(s2c, eapPacket(decode.EAPRequest, id, decode.EAPTypeMD5Challenge, cat([]byte{16}, ch, []byte(serverName))))
		g.hop()
		send(c2s, eapPacket(decode.EAPResponse, id, decode.EAPTypeMD5Challenge, cat([]byte{16}, md5Response(id, pw, ch), []byte(g.o.User))))
		g.hop()
	} else {
		authCh, peerCh := g.challenges()
		msid := uint8(g.rng.IntN(256))
		send(s2c, eapPacket(decode.EAPRequest, id, decode.EAPTypeMSCHAPv2, msv2(decode.EAPMSCHAPv2Challenge, msid, cat([]byte{16}, authCh[:], []byte(serverName)))))
		g.hop()
		nt := mppe.GenerateNTResponse(authCh, peerCh, g.o.User, mppe.NtPasswordHash(pw))
		r.ntResponse, r.challenge = nt, authCh
		resp := cat([]byte{49}, peerCh[:], make([]byte, 8), nt[:], []byte{0}, []byte(g.o.User))
		send(c2s, eapPacket(decode.EAPResponse, id, decode.EAPTypeMSCHAPv2, msv2(decode.EAPMSCHAPv2Response, msid, resp)))
		g.hop()
		id++
		if r.ok {
			msg := mppe.GenerateAuthenticatorResponse(mppe.NtPasswordHash(g.o.Password), nt, peerCh, authCh, g.o.User) + " M=Access granted"
			send(s2c, eapPacket(decode.EAPRequest, id, decode.EAPTypeMSCHAPv2, msv2(decode.EAPMSCHAPv2Success, msid, []byte(msg))))
			g.hop()
			send(c2s, eapPacket(decode.EAPResponse, id, decode.EAPTypeMSCHAPv2, []byte{decode.EAPMSCHAPv2Success}))
		} else {
			msg := fmt.Sprintf("E=691 R=0 C=%s V=3 M=Access denied", strings.ToUpper(hex.EncodeToString(g.random(16))))
			send(s2c, eapPacket(decode.EAPRequest, id, decode.EAPTypeMSCHAPv2, msv2(decode.EAPMSCHAPv2Failure, msid, []byte(msg))))
			g.hop()
			send(c2s, eapPacket(decode.EAPResponse, id, decode.EAPTypeMSCHAPv2, []byte{decode.EAPMSCHAPv2Failure}))
		}
		g.hop()
	}
	code := decode.EAPSuccess
	if !r.ok {
		code = decode.EAPFailure
	}
	send(s2c, &decode.EAP{ControlHeader: decode.ControlHeader{Code: code, Identifier: id}})
	return r
}
