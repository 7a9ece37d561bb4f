package mppe

//go:generate go run gen_ksa.go

// arc4 is RC4 held by value, so that re-keying (once per packet in stateless
// mode) allocates nothing: crypto/rc4.NewCipher allocates a new 1 KiB state
// on every call. The output is checked against crypto/rc4 by TestArc4 and
// FuzzArc4.
type arc4 struct {
	s    [256]uint8
	i, j uint8
}

// init runs the RC4 key schedule; key must be 1 to 256 octets.
func (c *arc4) init(key []byte) {
	c.s = identity
	s := &c.s
	var j uint8
	k := 0
	// Each step loads the entry of the next one before its own swap, and
	// takes the swapped value instead in the rare case (j == i+1) where
	// the swap moved it: the load then waits for no store whose address
	// is still being computed, which made the schedule about half the
	// time of a stateless MPPE decryption (it runs twice per packet
	// there). The key index wraps by comparison, not i%len(key) (a
	// division per octet).
	x := s[0]
	for i := range 255 {
		next := s[i+1]
		j += x + key[k]
		s[i], s[j] = s[j], x
		if int(j) == i+1 {
			next = x
		}
		x = next
		if k++; k == len(key) {
			k = 0
		}
	}
	j += x + key[k]
	s[255], s[j] = s[j], x
	c.i, c.j = 0, 0
}

// identity is the RC4 state before the key schedule.
var identity = func() (s [256]uint8) {
	for i := range s {
		s[i] = uint8(i)
	}
	return s
}()

// xorKeyStream sets dst = src XOR keystream; dst and src may be the same
// slice. len(dst) must be >= len(src). As in init, the entry of the next
// step is loaded before this step's swap and corrected when the swap moved
// it.
func (c *arc4) xorKeyStream(dst, src []byte) {
	if len(src) == 0 {
		return
	}
	dst = dst[:len(src)]
	s := &c.s
	i, j := c.i, c.j
	x := s[i+1]
	for k, v := range src {
		i++
		j += x
		y := s[j]
		next := s[i+1]
		s[i], s[j] = y, x
		if j == i+1 {
			next = x
		}
		dst[k] = v ^ s[x+y]
		x = next
	}
	c.i, c.j = i, j
}

// xorFresh XORs the key octets of k with the key stream of c, just
// scheduled: the rekey's RC4 over the interim key.
func (c *arc4) xorFresh(k *Key) {
	var st [16]byte
	n := k.l.Octets()
	c.freshStream(st[:n])
	for i := range n {
		k.b[i] ^= st[i]
	}
}

// skip advances the keystream by n octets without output.
func (c *arc4) skip(n int) {
	i, j := c.i, c.j
	for range n {
		i++
		x := c.s[i]
		j += x
		c.s[i], c.s[j] = c.s[j], x
	}
	c.i, c.j = i, j
}
