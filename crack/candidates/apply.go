package candidates

// Apply applies the rule to word and returns the result in dst's memory
// (dst is reused; word is not modified). Each function follows hashcat's
// kernel: a position past the end, or a result that would reach 256
// octets, leaves the word as it is for that function.
func (r Rule) Apply(dst, word []byte) []byte {
	b := append(dst[:0], word...)
	for _, o := range r.ops {
		b = o.apply(b)
	}
	return b
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 32
	}
	return c
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 32
	}
	return c
}

func toggle(c byte) byte {
	switch {
	case 'a' <= c && c <= 'z':
		return c - 32
	case 'A' <= c && c <= 'Z':
		return c + 32
	}
	return c
}

func reverse(b []byte) {
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
}

// insert puts c at position p of b (p <= len(b)).
func insert(b []byte, p int, c ...byte) []byte {
	n := len(b)
	b = append(b, c...)
	copy(b[p+len(c):], b[p:n])
	copy(b[p:], c)
	return b
}

func (o op) apply(b []byte) []byte {
	n := len(b)
	p0, p1 := int(o.p0), int(o.p1)
	switch o.fn {
	case ':':
	case 'l':
		for i := range b {
			b[i] = lower(b[i])
		}
	case 'u':
		for i := range b {
			b[i] = upper(b[i])
		}
	case 'c':
		for i := range b {
			b[i] = lower(b[i])
		}
		if n > 0 {
			b[0] = upper(b[0])
		}
	case 'C':
		for i := range b {
			b[i] = upper(b[i])
		}
		if n > 0 {
			b[0] = lower(b[0])
		}
	case 't':
		for i := range b {
			b[i] = toggle(b[i])
		}
	case 'T':
		if p0 < n {
			b[p0] = toggle(b[p0])
		}
	case 'r':
		reverse(b)
	case 'd':
		if 2*n < ruleBufSize {
			b = append(b, b...)
		}
	case 'p':
		if n*(p0+1) < ruleBufSize {
			for range p0 {
				b = append(b, b[:n]...)
			}
		}
	case 'f':
		if 2*n < ruleBufSize {
			b = append(b, b...)
			reverse(b[n:])
		}
	case '{':
		if n > 0 {
			c := b[0]
			copy(b, b[1:])
			b[n-1] = c
		}
	case '}':
		if n > 0 {
			c := b[n-1]
			copy(b[1:], b[:n-1])
			b[0] = c
		}
	case '$':
		if n+1 < ruleBufSize {
			b = append(b, o.p0)
		}
	case '^':
		if n+1 < ruleBufSize {
			b = insert(b, 0, o.p0)
		}
	case '[':
		if n > 0 {
			b = append(b[:0], b[1:]...)
		}
	case ']':
		if n > 0 {
			b = b[:n-1]
		}
	case 'D':
		if p0 < n {
			b = append(b[:p0], b[p0+1:]...)
		}
	case 'x':
		if p0 < n && p0+p1 <= n {
			b = append(b[:0], b[p0:p0+p1]...)
		}
	case 'O':
		if p0 < n && p0+p1 <= n {
			b = append(b[:p0], b[p0+p1:]...)
		}
	case 'i':
		if p0 <= n && n+1 < ruleBufSize {
			b = insert(b, p0, o.p1)
		}
	case 'o':
		if p0 < n {
			b[p0] = o.p1
		}
	case '\'':
		if p0 < n {
			b = b[:p0]
		}
	case 's':
		for i := range b {
			if b[i] == o.p0 {
				b[i] = o.p1
			}
		}
	case '@':
		k := 0
		for _, c := range b {
			if c != o.p0 {
				b[k] = c
				k++
			}
		}
		b = b[:k]
	case 'z':
		if n > 0 && n+p0 < ruleBufSize {
			for range p0 {
				b = insert(b, 0, b[0])
			}
		}
	case 'Z':
		if n > 0 && n+p0 < ruleBufSize {
			for range p0 {
				b = append(b, b[n-1])
			}
		}
	case 'q':
		if 2*n < ruleBufSize {
			b = append(b, b...)
			for i := n - 1; i >= 0; i-- {
				b[2*i], b[2*i+1] = b[i], b[i]
			}
		}
	case 'k':
		if n >= 2 {
			b[0], b[1] = b[1], b[0]
		}
	case 'K':
		if n >= 2 {
			b[n-1], b[n-2] = b[n-2], b[n-1]
		}
	case '*':
		if p0 < n && p1 < n {
			b[p0], b[p1] = b[p1], b[p0]
		}
	case 'L':
		if p0 < n {
			b[p0] <<= 1
		}
	case 'R':
		if p0 < n {
			b[p0] >>= 1
		}
	case '+':
		if p0 < n {
			b[p0]++
		}
	case '-':
		if p0 < n {
			b[p0]--
		}
	case '.':
		if p0+1 < n {
			b[p0] = b[p0+1]
		}
	case ',':
		if p0 > 0 && p0 < n {
			b[p0] = b[p0-1]
		}
	case 'y':
		if p0 <= n && n+p0 < ruleBufSize {
			var tmp [36]byte
			b = insert(b, 0, tmp[:copy(tmp[:], b[:p0])]...)
		}
	case 'Y':
		if p0 <= n && n+p0 < ruleBufSize {
			b = append(b, b[n-p0:n]...)
		}
	case 'E':
		title(b, ' ')
	case 'e':
		title(b, o.p0)
	case '3':
		seen := 0
		for i := 0; i+1 < n; i++ {
			if b[i] == o.p1 {
				if seen == p0 {
					b[i+1] = toggle(b[i+1])
					break
				}
				seen++
			}
		}
	}
	return b
}

// title lower-cases the word and upper-cases its first letter and every
// letter after sep.
func title(b []byte, sep byte) {
	for i := range b {
		b[i] = lower(b[i])
	}
	if len(b) > 0 {
		b[0] = upper(b[0])
	}
	for i := 0; i+1 < len(b); i++ {
		if b[i] == sep {
			b[i+1] = upper(b[i+1])
		}
	}
}
