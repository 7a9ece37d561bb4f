package mppe

import "fmt"

// Step is one step of a key derivation, for teaching output, as data: the
// value a quantity takes, the formula that makes it (in the RFCs'
// notation) and where the RFC defines it; remarks are codes that the
// renderer words in the reader's language. Value is key material (or a
// password hash): show it only to a user who gave the password.
type Step struct {
	Quantity string  // the RFCs' name: PasswordHash, NT-Response, StartKey, ..., FirstPacketKey
	Dir      StepDir // the direction of a key, DirNone for the values before the keys
	Formula  string  // e.g. "MD4(UTF-16LE(Password))"
	// Notes qualify the formula (Note* codes, in order).
	Notes []string
	Ref   string // e.g. "RFC 2759 §8.3 NtPasswordHash"
	// RefNote qualifies the reference (RefNote* code, or "").
	RefNote string
	Value   []byte
	// Check compares the value with one captured on the wire (NT-Response,
	// S= authenticator response): Match, Mismatch, or NotChecked.
	Check Outcome
	// Captured names the captured value Check compares with.
	Captured string
}

// Derivation lists the steps from the password (or NT hash) to the first
// session key of each direction.
type Derivation struct {
	Method string // MS-CHAPv2 or MS-CHAPv1
	Bits   KeyLength
	Mode   Mode
	Steps  []Step
}

// StepDir is the direction a key step is for.
type StepDir string

// Step directions.
const (
	DirNone StepDir = ""
	DirC2S  StepDir = "client-to-server"
	DirS2C  StepDir = "server-to-client"
	DirBoth StepDir = "both" // MS-CHAPv1: one start key for both directions
)

// Quantity names that are not the RFCs' own.
const FirstPacketKey = "FirstPacketKey"

// Formula and reference notes.
const (
	NoteGivenNTHash    = "given-nt-hash"   // the PasswordHash came from an NT hash file
	NoteReduce40       = "reduce-40"       // octets 0-2 set to D1 26 9E
	NoteReduce56       = "reduce-56"       // octet 0 set to D1
	NoteStatelessRekey = "stateless-rekey" // a new key before every packet
	RefNoteClientSend  = "client-send"     // client send key = server receive key
	RefNoteServerSend  = "server-send"     // server send key = client receive key
	RefNoteKeys4056    = "keys-40-56"
	RefNoteKeys128     = "keys-128"
	RefNoteEveryLength = "every-length" // pppd's MS-CHAPv1 start key for every key length
)

// StepNotes lists every note code (for the renderers' catalogue tests).
var StepNotes = []string{NoteGivenNTHash, NoteReduce40, NoteReduce56, NoteStatelessRekey,
	RefNoteClientSend, RefNoteServerSend, RefNoteKeys4056, RefNoteKeys128, RefNoteEveryLength}

// Step returns the step of quantity q for direction dir, if any.
func (d *Derivation) Step(q string, dir StepDir) (Step, bool) {
	for _, s := range d.Steps {
		if s.Quantity == q && s.Dir == dir {
			return s, true
		}
	}
	return Step{}, false
}

func reductionNotes(l KeyLength) []string {
	switch l {
	case Key40:
		return []string{NoteReduce40}
	case Key56:
		return []string{NoteReduce56}
	}
	return nil
}

// sessionKeySteps adds, for one direction, the initial session key and the
// key of the first packet (stateless mode rekeys before every packet, the
// first one included; stateful mode uses the initial key until the first
// flag packet).
func sessionKeySteps(steps []Step, dir StepDir, start Key, mode Mode) []Step {
	n := start.l.Octets()
	init := InitialSessionKey(start)
	steps = append(steps, Step{
		Quantity: "InitialSessionKey", Dir: dir,
		Formula: fmt.Sprintf("SHA1(StartKey ‖ SHSpad1 ‖ StartKey ‖ SHSpad2)[0:%d]", n),
		Notes:   reductionNotes(start.l),
		Ref:     "RFC 3079 §3.1-3.3 GetNewKeyFromSHA, §3.5",
		Value:   init.Bytes(),
	})
	if mode == Stateless {
		first := Rekey(start, init)
		steps = append(steps, Step{
			Quantity: FirstPacketKey, Dir: dir,
			Formula: fmt.Sprintf("Interim = SHA1(StartKey ‖ SHSpad1 ‖ InitialSessionKey ‖ SHSpad2)[0:%d]; RC4(key=Interim, Interim)", n),
			Notes:   append(reductionNotes(start.l), NoteStatelessRekey),
			Ref:     "RFC 3078 §7.3, §8.1",
			Value:   first.Bytes(),
		})
	}
	return steps
}

// ExplainV2 derives, step by step, the MS-CHAPv2 values and MPPE keys of a
// captured exchange (RFC 2759 §8, RFC 3079 §3) for key length l and mode.
// The credential must be the user's; the NT-Response and S= checks are
// reported in the steps, not as an error.
func ExplainV2(ex ExchangeV2, c Credential, l KeyLength, mode Mode) (*Derivation, error) {
	v, err := ex.Verify(c)
	if err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	d := &Derivation{Method: "MS-CHAPv2", Bits: l, Mode: mode}
	ph, phh := v.PasswordHash, v.PasswordHashHash
	first := Step{Quantity: "PasswordHash", Formula: "MD4(UTF-16LE(Password))", Ref: "RFC 2759 §8.3 NtPasswordHash", Value: ph[:]}
	if c.NTHash != nil {
		first.Notes = []string{NoteGivenNTHash}
	}
	auth, peer, ntr := [16]byte(ex.AuthChallenge), [16]byte(ex.PeerChallenge), [24]byte(ex.NTResponse)
	ch := ChallengeHash(peer, auth, ex.UserName)
	got := GenerateNTResponse(auth, peer, ex.UserName, ph)
	d.Steps = append(d.Steps, first,
		Step{Quantity: "PasswordHashHash", Formula: "MD4(PasswordHash)", Ref: "RFC 2759 §8.4 HashNtPasswordHash", Value: phh[:]},
		Step{Quantity: "ChallengeHash", Formula: fmt.Sprintf("SHA1(PeerChallenge ‖ AuthenticatorChallenge ‖ %q)[0:8]", StripDomain(ex.UserName)),
			Ref: "RFC 2759 §8.2 ChallengeHash", Value: ch[:]},
		Step{Quantity: "NT-Response", Formula: "DES(ChallengeHash, PasswordHash[0:7]) ‖ DES(ChallengeHash, PasswordHash[7:14]) ‖ DES(ChallengeHash, PasswordHash[14:16] ‖ 00×5)",
			Ref: "RFC 2759 §8.1 GenerateNTResponse, §8.5 ChallengeResponse", Value: got[:], Check: v.NTResponse, Captured: "NT-Response"},
	)
	a := AuthenticatorResponse(ph, ntr, peer, auth, ex.UserName)
	d.Steps = append(d.Steps, Step{Quantity: "AuthenticatorResponse",
		Formula: `SHA1(SHA1(PasswordHashHash ‖ NT-Response ‖ "Magic server to client signing constant") ‖ ChallengeHash ‖ "Pad to make it do more than one iteration")`,
		Ref:     "RFC 2759 §8.7 GenerateAuthenticatorResponse", Value: a[:], Check: v.Authenticator, Captured: "S="})
	mk := MasterKey(phh, ntr)
	d.Steps = append(d.Steps, Step{Quantity: "MasterKey", Formula: `SHA1(PasswordHashHash ‖ NT-Response ‖ "This is the MPPE Master Key")[0:16]`,
		Ref: "RFC 3079 §3.4 GetMasterKey", Value: mk[:]})
	c2s, err := AsymmetricStartKey(mk, l, ClientToServer)
	if err != nil {
		return nil, err
	}
	s2c, err := AsymmetricStartKey(mk, l, ServerToClient)
	if err != nil {
		return nil, err
	}
	n := l.Octets()
	d.Steps = append(d.Steps,
		Step{Quantity: "StartKey", Dir: DirC2S, Formula: fmt.Sprintf(`SHA1(MasterKey ‖ SHSpad1 ‖ Magic2 ‖ SHSpad2)[0:%d], Magic2 = "On the client side, this is the send key; ..."`, n),
			Ref: "RFC 3079 §3.4 GetAsymmetricStartKey", RefNote: RefNoteClientSend, Value: c2s.Bytes()},
		Step{Quantity: "StartKey", Dir: DirS2C, Formula: fmt.Sprintf(`SHA1(MasterKey ‖ SHSpad1 ‖ Magic3 ‖ SHSpad2)[0:%d], Magic3 = "On the client side, this is the receive key; ..."`, n),
			Ref: "RFC 3079 §3.4 GetAsymmetricStartKey", RefNote: RefNoteServerSend, Value: s2c.Bytes()},
	)
	d.Steps = sessionKeySteps(d.Steps, DirC2S, c2s, mode)
	d.Steps = sessionKeySteps(d.Steps, DirS2C, s2c, mode)
	return d, nil
}

// ExplainV1 is ExplainV2 for MS-CHAPv1 (RFC 2433, RFC 3079 §2): one start
// key for both directions. For V1KeyRFC3079 with 40/56-bit keys the LM hash
// of the password is needed (c.Password, not an NT hash).
func ExplainV1(ex ExchangeV1, c Credential, l KeyLength, mode Mode, variant V1KeyVariant) (*Derivation, error) {
	v, err := ex.Verify(c)
	if err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	d := &Derivation{Method: "MS-CHAPv1", Bits: l, Mode: mode}
	ph, phh := v.PasswordHash, v.PasswordHashHash
	first := Step{Quantity: "PasswordHash", Formula: "MD4(UTF-16LE(Password))", Ref: "RFC 2433 A.2 NtPasswordHash", Value: ph[:]}
	if c.NTHash != nil {
		first.Notes = []string{NoteGivenNTHash}
	}
	got := NTResponseV1([8]byte(ex.Challenge), ph)
	d.Steps = append(d.Steps, first,
		Step{Quantity: "NT-Response", Formula: "DES(Challenge, PasswordHash[0:7]) ‖ DES(Challenge, PasswordHash[7:14]) ‖ DES(Challenge, PasswordHash[14:16] ‖ 00×5)",
			Ref: "RFC 2433 A.5 ChallengeResponse", Value: got[:], Check: v.NTResponse, Captured: "NT-Response"},
		Step{Quantity: "PasswordHashHash", Formula: "MD4(PasswordHash)", Ref: "RFC 3079 §2.2 NtPasswordHashHash", Value: phh[:]},
	)
	var lm []byte
	if variant == V1KeyRFC3079 && l != Key128 {
		if c.NTHash != nil {
			return nil, ErrNeedLMHash
		}
		h, err := LmPasswordHash(c.Password)
		if err != nil {
			return nil, err
		}
		lm = h[:]
		d.Steps = append(d.Steps, Step{Quantity: "LmPasswordHash", Formula: `DES("KGS!@#$%", upper(Password)[0:7]) ‖ DES("KGS!@#$%", upper(Password)[7:14])`,
			Ref: "RFC 2433 A.8 LmPasswordHash", Value: lm})
	}
	start, err := StartKeyV1(variant, l, phh, [8]byte(ex.Challenge), lm)
	if err != nil {
		return nil, err
	}
	st := Step{Quantity: "StartKey", Dir: DirBoth, Value: start.Bytes()}
	switch {
	case lm != nil:
		st.Formula, st.Ref, st.RefNote = "LmPasswordHash[0:8]", "RFC 3079 §2.1/§2.2", RefNoteKeys4056
	case variant == V1KeyPppd && l != Key128:
		st.Formula, st.Ref, st.RefNote = fmt.Sprintf("SHA1(PasswordHashHash ‖ PasswordHashHash ‖ Challenge)[0:%d]", l.Octets()), "Linux pppd mppe_set_chapv1", RefNoteEveryLength
	default:
		st.Formula, st.Ref, st.RefNote = "SHA1(PasswordHashHash ‖ PasswordHashHash ‖ Challenge)[0:16]", "RFC 3079 §2.3/§2.4", RefNoteKeys128
	}
	d.Steps = append(d.Steps, st)
	d.Steps = sessionKeySteps(d.Steps, DirBoth, start, mode)
	return d, nil
}
