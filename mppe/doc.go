// Package mppe checks MS-CHAP passwords against captured exchanges, derives
// MPPE keys and decrypts MPPE packets, for pptpscope. It works on plain
// values (byte slices, strings, headers) and imports no other pptpscope
// package; it is the only package of the project that uses MD4 and RC4.
//
// # Authentication
//
//   - RFC 2759 §8 (MS-CHAPv2): NtPasswordHash (MD4 of the UTF-16LE password,
//     no upper-casing), HashNtPasswordHash, ChallengeHash (SHA-1 of peer
//     challenge, authenticator challenge, user name without DOMAIN\ prefix),
//     ChallengeResponse (DES with three 7-octet keys), GenerateNTResponse,
//     GenerateAuthenticatorResponse ("S=" and 40 upper-case hex digits).
//   - RFC 2433 (MS-CHAPv1): NTResponseV1, and LmPasswordHash (RFC 2433 A.8)
//     for the RFC 3079 40/56-bit keys.
//   - ExchangeV2.Verify and ExchangeV1.Verify test a password (or NT hash)
//     against a captured exchange and report each check as Match or
//     Mismatch (Verification.Err gives ErrPasswordMismatch,
//     ErrAuthenticatorMismatch).
//
// # Keys
//
// MS-CHAPv2 (RFC 3079 §3.4): MasterKey = SHA1(PasswordHashHash ‖ NT-Response
// ‖ Magic1)[0:16]; each direction has its own start key
// (AsymmetricStartKey, StartKeysV2):
//
//   - client→server traffic: Magic2 ("On the client side, this is the send
//     key; ..."): the client's send key and the server's receive key;
//   - server→client traffic: Magic3 ("On the client side, this is the
//     receive key; ..."): the server's send key. RFC 3079 §3.5's
//     "SendStartKey" sample is this one.
//
// MS-CHAPv1 (RFC 3079 §2): one start key for both directions, see
// StartKeyV1 and V1KeyVariant (RFC: 40/56-bit keys from the LM hash; Linux
// pppd: every length from the NT-hash digest).
//
// Session keys (RFC 3079 §3.1-3.3, RFC 3078 §7.3): InitialSessionKey =
// Reduce(GetNewKeyFromSHA(start, start)) with no RC4 step; Rekey =
// Reduce(RC4(interim, interim)) with interim = GetNewKeyFromSHA(start,
// current). Reduce sets D1 26 9E (40-bit) or D1 (56-bit) in front.
//
// # Decryption
//
// A Decryptor handles one direction of one call (RFC 3078 §3, §8), following
// what the Linux kernel (drivers/net/ppp/ppp_mppe.c) does, the most common
// peer:
//
//   - stateless mode (§8.1): a rekey before every packet, the first one
//     included, and RC4 restarts per packet; lost packets cost one rekey per
//     missing coherency count; a short history of keys decrypts packets that
//     arrive late (reordered).
//   - stateful mode (§8.2): one RC4 stream; rekey on flag packets (count &
//     0xFF == 0xFF, A bit set); after a count gap, packets are discarded
//     until a flushed packet, then one rekey per missed flag boundary. What
//     a flushed packet after a CCP Reset-Request does differs between peers
//     (FlushPolicy).
//
// The 12-bit coherency count wraps 4095 → 0; distances are modular, and the
// work per packet is bounded (see Decryptor). Duplicates (ErrDuplicate) are
// not decrypted twice. MPPC compression is not supported (ErrCompressed).
// The decrypted packet starts with the inner PPP protocol (SplitProtocol).
//
// # Teaching and testing
//
// ExplainV2 and ExplainV1 list every step from the password (or NT hash) to
// the first session key of each direction, with formulas, RFC references and
// the checks against the captured NT-Response and S= (pptpscope keys).
// Encryptor is the sending side, as the Linux kernel's compressor does it;
// tests use it to rewrite real captures into other modes and key lengths.
package mppe
