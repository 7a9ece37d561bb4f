package simulate

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

// vector is one case of ../mppe/testdata/crypto-vectors.json, a copy of
// /work/shared/vectors (RFC 2759 9.2, RFC 3079 3.5).
type vector struct {
	ID       string            `json:"id"`
	Input    map[string]any    `json:"input"`
	Expected map[string]string `json:"expected"`
}

func loadVector(t *testing.T, id string) vector {
	t.Helper()
	b, err := os.ReadFile("../mppe/testdata/crypto-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var all []json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	for _, raw := range all {
		var v vector
		if json.Unmarshal(raw, &v) == nil && v.ID == id {
			return v
		}
	}
	t.Fatalf("vector %s not found", id)
	return vector{}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestVectorsInCapture generates an MS-CHAPv2 session with the RFC 2759
// 9.2 user, password and challenges, then reads the capture back: the
// Response carries the vector's NT-Response, the Success its
// authenticator response, and the vector's RFC 3079 start keys (not the
// simulator's) decrypt every MPPE packet of both directions to the inner
// packet sent, across the stateful key change every 256 packets and the
// coherency count's 4095 -> 0 wrap.
func TestVectorsInCapture(t *testing.T) {
	v2 := loadVector(t, "mschapv2-rfc2759-9.2")
	keys := loadVector(t, "mppe-asym-start-keys-all-directions")
	var fixed fixedChallenges
	copy(fixed.auth[:], unhex(t, v2.Input["authenticator_challenge"].(string)))
	copy(fixed.peer[:], unhex(t, v2.Input["peer_challenge"].(string)))
	for _, stateful := range []bool{false, true} {
		name := map[bool]string{false: "stateless", true: "stateful"}[stateful]
		t.Run(name, func(t *testing.T) {
			var sent [][]byte
			o := Options{Auth: AuthMSCHAPv2, User: v2.Input["username"].(string), Password: v2.Input["password"].(string),
				MPPE: 128, Stateful: stateful, Traffic: Traffic{Ping: true, Bulk: 4400 * mss}, Seed: 3, fixed: &fixed,
				OnInner: func(_ int, ip []byte) { sent = append(sent, append([]byte(nil), ip...)) }}
			var buf bytes.Buffer
			if err := Write(&buf, o); err != nil {
				t.Fatal(err)
			}
			mode := mppe.Stateless
			if stateful {
				mode = mppe.Stateful
			}
			var dec [2]*mppe.Decryptor
			for d, k := range []string{keys.Expected["client_send"], keys.Expected["server_send"]} {
				var err error
				if dec[d], err = mppe.NewDecryptor(unhex(t, k), mppe.Key128, mode); err != nil {
					t.Fatal(err)
				}
			}
			r, err := pcapgo.NewReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]byte
			var sawNT, sawS bool
			wraps, flags := 0, 0
			last := [2]int{-1, -1}
			for {
				data, _, err := r.ReadPacketData()
				if err != nil {
					break
				}
				p := gopacket.NewPacket(data, layers.LayerTypeEthernet, gopacket.Default)
				ipl, _ := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
				if ipl == nil || ipl.Protocol != layers.IPProtocolGRE {
					continue
				}
				var gl layers.GRE
				if err := gl.DecodeFromBytes(ipl.Payload, gopacket.NilDecodeFeedback); err != nil || len(gl.Payload) == 0 {
					continue
				}
				dir := c2s
				if ipl.SrcIP.String() == "10.0.0.1" {
					dir = s2c
				}
				var ppp decode.PPP
				if err := ppp.DecodeFromBytes(gl.Payload, gopacket.NilDecodeFeedback); err != nil {
					t.Fatal(err)
				}
				switch ppp.Protocol {
				case decode.PPPTypeCHAP:
					var c decode.CHAP
					if err := c.DecodeFromBytes(ppp.Payload, gopacket.NilDecodeFeedback); err != nil {
						t.Fatal(err)
					}
					c.Algorithm = decode.CHAPAlgorithmMSCHAPv2
					if c.Code == decode.CHAPResponse {
						sawNT = hex.EncodeToString(c.NTResponse()) == lower(v2.Expected["nt_response"])
					}
					if c.Code == decode.CHAPSuccess {
						sawS = bytes.HasPrefix(c.Message, []byte(v2.Expected["authenticator_response"]+" "))
					}
				case decode.PPPTypeMPPE:
					h, err := mppe.ParseHeader(ppp.Payload)
					if err != nil {
						t.Fatal(err)
					}
					if stateful && h.IsFlag() != h.Flushed() {
						t.Errorf("stateful count %d: flushed %v", h.Count(), h.Flushed())
					}
					if h.IsFlag() {
						flags++
					}
					if last[dir] == 4095 && h.Count() == 0 {
						wraps++
					}
					last[dir] = int(h.Count())
					pt, err := dec[dir].Decrypt(uint16(h), ppp.Payload[2:], nil)
					if err != nil {
						t.Fatalf("count %d: %v", h.Count(), err)
					}
					proto, ip, err := mppe.SplitProtocol(pt)
					if err != nil || (proto != 0x21 && proto != 0x57) {
						t.Fatalf("count %d: protocol %#x %v", h.Count(), proto, err)
					}
					got = append(got, ip)
				}
			}
			if !sawNT || !sawS {
				t.Errorf("NT-Response of the vector %v, its S= %v", sawNT, sawS)
			}
			if wraps == 0 || flags < 16 {
				t.Errorf("%d wraps 4095->0, %d flag packets: the transfer is too short", wraps, flags)
			}
			if len(got) != len(sent) {
				t.Fatalf("decrypted %d packets, sent %d", len(got), len(sent))
			}
			for i := range got {
				if !bytes.Equal(got[i], sent[i]) {
					t.Fatalf("packet %d differs after decryption", i)
				}
			}
		})
	}
}

func lower(s string) string { return string(bytes.ToLower([]byte(s))) }
