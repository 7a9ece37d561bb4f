package candidates

import (
	"slices"
)

// Built-in charsets of hashcat masks.
var builtin = map[byte]string{
	'l': "abcdefghijklmnopqrstuvwxyz",
	'u': "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	'd': "0123456789",
	'h': "0123456789abcdef",
	'H': "0123456789ABCDEF",
	's': " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
}

func init() {
	builtin['a'] = builtin['l'] + builtin['u'] + builtin['d'] + builtin['s']
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	builtin['b'] = string(all)
}

// maxMaskLen bounds a mask's positions (hashcat allows 256).
const maxMaskLen = 256

// expand turns a charset definition or a mask position list into sets:
// ?x is a built-in or custom charset, ?? a literal ?, anything else a
// literal octet. With whole true the result is one set (a charset
// definition, duplicates dropped as hashcat does); else one set per
// position.
func expand(def string, custom *[4][]byte, what *Msg, whole bool) ([][]byte, error) {
	var sets [][]byte
	var one []byte
	var seen [256]bool
	add := func(cs []byte) {
		if !whole {
			sets = append(sets, cs)
			return
		}
		for _, c := range cs {
			if !seen[c] {
				seen[c] = true
				one = append(one, c)
			}
		}
	}
	for i := 0; i < len(def); i++ {
		c := def[i]
		if c != '?' {
			add([]byte{c})
			continue
		}
		if i+1 == len(def) {
			return nil, msg("mask.lone-question", ErrMask, what)
		}
		i++
		k := def[i]
		switch {
		case k == '?':
			add([]byte{'?'})
		case builtin[k] != "":
			add([]byte(builtin[k]))
		case '1' <= k && k <= '4':
			cs := custom[k-'1']
			if cs == nil {
				return nil, msg("mask.undefined", ErrMask, what, k, k, k)
			}
			add(cs)
		default:
			return nil, msg("mask.unknown", ErrMask, what, k)
		}
	}
	if whole {
		if len(one) == 0 {
			return nil, msg("mask.empty-set", ErrMask, what)
		}
		return [][]byte{one}, nil
	}
	return sets, nil
}

// MaskOptions are the options of a mask attack.
type MaskOptions struct {
	Custom       [4]string // -1 .. -4 ("" not defined)
	Increment    bool      // also every shorter prefix of the mask, shortest first
	IncrementMin int       // with Increment: the shortest length (default 1)
}

// Mask enumerates a hashcat mask (attack mode 3) in the order hashcat
// --stdout --markov-disable prints it: each position's characters in
// octet order, the leftmost position varying fastest.
type Mask struct {
	maskPos
	total int64
	buf   []byte
}

// maskPos is a position in a mask's enumeration.
type maskPos struct {
	sets [][]byte
	lens []int // lengths to run, in order
	li   int   // index into lens
	idx  []int // odometer over sets[:lens[li]]
	done bool
}

// cand appends the current candidate to buf[:0].
func (m *maskPos) cand(buf []byte) []byte {
	buf = buf[:0]
	for i := range m.lens[m.li] {
		buf = append(buf, m.sets[i][m.idx[i]])
	}
	return buf
}

// advance moves the odometer: leftmost position first.
func (m *maskPos) advance() {
	l := m.lens[m.li]
	for i := range l {
		m.idx[i]++
		if m.idx[i] < len(m.sets[i]) {
			return
		}
		m.idx[i] = 0
	}
	m.li++
	if m.li == len(m.lens) {
		m.done = true
	}
}

// maxMaskCandidates bounds a mask's size so counts fit in int64.
const maxMaskCandidates = 1 << 62

// NewMask parses mask with the custom charsets of opts.
func NewMask(mask string, opts MaskOptions) (*Mask, error) {
	var custom [4][]byte
	for i, def := range opts.Custom {
		if def == "" {
			continue
		}
		cs, err := expand(def, &custom, msg("what.custom", i+1, def), true)
		if err != nil {
			return nil, err
		}
		custom[i] = cs[0]
	}
	if mask == "" {
		return nil, msg("mask.empty", ErrMask)
	}
	sets, err := expand(mask, &custom, msg("what.mask", mask), false)
	if err != nil {
		return nil, err
	}
	if len(sets) > maxMaskLen {
		return nil, msg("mask.too-long", ErrMask, mask, len(sets), maxMaskLen)
	}
	// hashcat orders each position's characters by its Markov statistics;
	// without them (--markov-disable) that is octet order.
	for i, s := range sets {
		s = slices.Clone(s)
		slices.Sort(s)
		sets[i] = slices.Compact(s)
	}
	m := &Mask{maskPos: maskPos{sets: sets, idx: make([]int, len(sets))}}
	first := len(sets)
	if opts.Increment {
		first = max(opts.IncrementMin, 1)
		if first > len(sets) {
			return nil, msg("mask.increment-min", ErrMask, first, len(sets))
		}
	}
	for n := first; n <= len(sets); n++ {
		m.lens = append(m.lens, n)
		c := int64(1)
		for _, s := range sets[:n] {
			if c > maxMaskCandidates/int64(len(s)) {
				return nil, msg("mask.too-many", ErrMask, mask)
			}
			c *= int64(len(s))
		}
		m.total += c
		if m.total > maxMaskCandidates {
			return nil, msg("mask.too-many", ErrMask, mask)
		}
	}
	return m, nil
}

// Total implements Source.
func (m *Mask) Total() int64 { return m.total }

// Positions describes the mask's charsets, for messages.
func (m *Mask) Positions() int { return len(m.sets) }

// Fill implements Source.
func (m *Mask) Fill(b *Batch, max int) (bool, error) {
	for n := 0; n < max; n++ {
		if m.done {
			return false, nil
		}
		m.buf = m.cand(m.buf)
		b.Add(m.buf)
		m.advance()
	}
	return !m.done, nil
}

// FillJob makes j the next run of at most max candidates, for a worker to
// generate (see Job).
func (m *Mask) FillJob(j *Job, max int) (bool, error) {
	j.reset()
	if m.done {
		return false, nil
	}
	j.mask = true
	j.pos = maskPos{sets: m.sets, lens: m.lens, li: m.li, idx: append(j.pos.idx[:0], m.idx...)}
	j.n = int(m.skip(int64(max)))
	return !m.done, nil
}

// skip jumps over n candidates without generating them.
func (m *maskPos) skip(n int64) int64 {
	var skipped int64
	for n > 0 && !m.done {
		l := m.lens[m.li]
		// Candidates left at this length from the current position.
		pos, mul := int64(0), int64(1)
		for i := range l {
			pos += int64(m.idx[i]) * mul
			mul *= int64(len(m.sets[i]))
		}
		left := mul - pos
		if n < left {
			pos += n
			for i := range l {
				m.idx[i] = int(pos % int64(len(m.sets[i])))
				pos /= int64(len(m.sets[i]))
			}
			return skipped + n
		}
		n -= left
		skipped += left
		clear(m.idx)
		m.li++
		if m.li == len(m.lens) {
			m.done = true
		}
	}
	return skipped
}
