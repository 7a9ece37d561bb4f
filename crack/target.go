package crack

import (
	"crypto/md5"
	"crypto/subtle"
	"runtime"
	"sync"

	"github.com/pptpscope/pptpscope/mppe"
)

// expandKey turns 7 key octets into the 8 of a DES key (parity bits left
// zero: DES ignores them), as MS-CHAP does.
func expandKey(k7 []byte) []byte {
	k := make([]byte, 8)
	k[0] = k7[0] & 0xfe
	k[1] = (k7[0]<<7 | k7[1]>>1) & 0xfe
	k[2] = (k7[1]<<6 | k7[2]>>2) & 0xfe
	k[3] = (k7[2]<<5 | k7[3]>>3) & 0xfe
	k[4] = (k7[3]<<4 | k7[4]>>4) & 0xfe
	k[5] = (k7[4]<<3 | k7[5]>>5) & 0xfe
	k[6] = (k7[5]<<2 | k7[6]>>6) & 0xfe
	k[7] = k7[6] << 1
	return k
}

// ThirdKeys returns the values of the last two octets of the password hash
// (big-endian) for which the third DES block of response matches: the
// chapcrack reduction, at most 65,536 DES operations (des.go), spread over
// every core. Normally one value; none means the response was not made
// from a hash of this kind.
func ThirdKeys(challenge [8]byte, response []byte) []uint16 {
	block := permute(be64(challenge[:]), 64, desIP[:])
	want := permute(be64(response[16:24]), 64, desIP[:])
	parts := min(runtime.GOMAXPROCS(0), 16)
	found := make([][]uint16, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[p] = thirdKeysRange(block, want, p*(1<<16)/parts, (p+1)*(1<<16)/parts)
		}()
	}
	wg.Wait()
	var all []uint16
	for _, f := range found {
		all = append(all, f...)
	}
	return all
}

// ChallengeOf returns the 8 octets an MS-CHAP NT-Response encrypts: the
// challenge hash (MS-CHAPv2) or the challenge (MS-CHAPv1).
func ChallengeOf(a *Auth) [8]byte {
	var c [8]byte
	switch a.Method {
	case MSCHAPv2, EAPMSCHAPv2:
		var peer, auth [16]byte
		copy(peer[:], a.PeerChallenge)
		copy(auth[:], a.AuthChallenge)
		c = mppe.ChallengeHash(peer, auth, a.User)
	case MSCHAPv1:
		copy(c[:], a.Challenge)
	}
	return c
}

// checkNT is the full check of a candidate hash against the NT-Response.
func checkNT(challenge [8]byte, hash [16]byte, response []byte) bool {
	r := mppe.ChallengeResponse(challenge, hash)
	return subtle.ConstantTimeCompare(r[:], response) == 1
}

// md5Response is CHAP's MD5(identifier ‖ secret ‖ challenge).
func md5Response(id byte, secret, challenge []byte, scratch []byte) ([16]byte, []byte) {
	scratch = append(scratch[:0], id)
	scratch = append(scratch, secret...)
	scratch = append(scratch, challenge...)
	return md5.Sum(scratch), scratch
}
