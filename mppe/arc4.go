package mppe

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
	var j uint8
	k := 0
	// The key index wraps by comparison: i%len(key) costs a division per
	// octet, which made this schedule half the time of a stateless MPPE
	// decryption (it runs twice per packet there).
	for i := range 256 {
		x := c.s[i]
		j += x + key[k]
		c.s[i], c.s[j] = c.s[j], x
		if k++; k == len(key) {
			k = 0
		}
	}
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
// slice. len(dst) must be >= len(src).
func (c *arc4) xorKeyStream(dst, src []byte) {
	if len(src) == 0 {
		return
	}
	dst = dst[:len(src)]
	i, j := c.i, c.j
	for k, v := range src {
		i++
		x := c.s[i]
		j += x
		y := c.s[j]
		c.s[i], c.s[j] = y, x
		dst[k] = v ^ c.s[x+y]
	}
	c.i, c.j = i, j
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
