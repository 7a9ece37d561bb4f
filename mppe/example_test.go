package mppe_test

import (
	"encoding/hex"
	"fmt"

	"github.com/pptpscope/pptpscope/mppe"
)

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// Checking a password against a captured MS-CHAPv2 exchange (the values of
// chapcrack's tests/pptp.cap, frames 1-3).
func ExampleExchangeV2_Verify() {
	ex := mppe.ExchangeV2{
		UserName:      "moxie",
		AuthChallenge: unhex("258d4fc024f111512d0b61f9c375aee1"),
		PeerChallenge: unhex("abfe01e6c759850155b4d8d6258cdb67"),
		NTResponse:    unhex("1c93abce815400686baeca315f348469256420598a73ad49"),
		Authenticator: "S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767 M=Access granted",
	}
	for _, pw := range []string{"bPCFyF2uL1p5Lg5yrKmqmY", "guess"} {
		v, err := ex.Verify(mppe.Credential{Password: pw})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: NT-Response %v, S= %v, err %v\n", pw, v.NTResponse, v.Authenticator, v.Err())
	}
	// Output:
	// bPCFyF2uL1p5Lg5yrKmqmY: NT-Response match, S= match, err <nil>
	// guess: NT-Response mismatch, S= mismatch, err password mismatch
	// authenticator response mismatch
}

// Start keys of both directions from the RFC 3079 §3.5.3 sample.
func ExampleStartKeysV2() {
	hh := mppe.HashNtPasswordHash(mppe.NtPasswordHash("clientPass"))
	ntResponse := [24]byte(unhex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"))
	c2s, s2c, err := mppe.StartKeysV2(hh, ntResponse, mppe.Key128)
	if err != nil {
		panic(err)
	}
	fmt.Println("client->server (Magic2):", c2s)
	fmt.Println("server->client (Magic3):", s2c)
	fmt.Println("initial server->client session key:", mppe.InitialSessionKey(s2c))
	// Output:
	// client->server (Magic2): D5F0E9521E3EA9589645E86051C82226
	// server->client (Magic3): 8B7CDC149B993A1BA118CB153F56DCCB
	// initial server->client session key: 405CB2247A7956E6E211007AE27B22D4
}

// Decrypting the first MPPE packet of a stateless 128-bit stream (vector
// mppe-stateless-128-3pkts). The PPP payload is 00FD, the MPPE header 9000,
// then the ciphertext.
func ExampleDecryptor() {
	d, err := mppe.NewDecryptor(unhex("8B7CDC149B993A1BA118CB153F56DCCB"), mppe.Key128, mppe.Stateless)
	if err != nil {
		panic(err)
	}
	payload := unhex("00FD90007058132BE04F58BAD366C924198F9FBA69F132D345F7BC343E1D9D53D7832B2F3189")
	h, _ := mppe.ParseHeader(payload[2:])
	plaintext, err := d.Decrypt(uint16(h), payload[4:], nil)
	if err != nil {
		panic(err)
	}
	proto, ip, _ := mppe.SplitProtocol(plaintext)
	fmt.Printf("%v: protocol %04X, %d octets of IPv4 from %d.%d.%d.%d\n", h, proto, len(ip), ip[12], ip[13], ip[14], ip[15])
	// A replay of the same packet is refused.
	_, err = d.Decrypt(uint16(h), payload[4:], nil)
	fmt.Println(err)
	// Output:
	// A--D ccount=0: protocol 0021, 32 octets of IPv4 from 10.0.0.1
	// duplicate packet: ccount 0
}
