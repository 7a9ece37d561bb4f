// Package candidates generates password candidates the way hashcat does:
// word lists (plain or gzip, hashcat's line handling), hashcat rules
// (every function of best64.rule and dive.rule, and more) and hashcat
// masks (built-in and custom charsets, --increment), in hashcat's order.
//
// Candidates are byte strings, as in hashcat; callers decide how to turn
// them into passwords (UTF-8, or Latin-1 when the bytes are not UTF-8).
// A Source fills Batches: no allocation per candidate.
package candidates

import "unicode/utf8"

// MaxChars is the longest password MS-CHAP allows (RFC 2759: 256 Unicode
// characters). Longer word-list lines are skipped and counted.
const MaxChars = 256

// Sentinel errors; every error of this package wraps one of them.
var (
	ErrRule     error = msg("rule")
	ErrMask     error = msg("mask")
	ErrWordlist error = msg("wordlist")
)

// Batch holds candidates back to back.
type Batch struct {
	data []byte
	ends []int
}

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() { b.data, b.ends = b.data[:0], b.ends[:0] }

// Len is the number of candidates in the batch.
func (b *Batch) Len() int { return len(b.ends) }

// At returns candidate i; valid until the batch is reset.
func (b *Batch) At(i int) []byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.data[start:b.ends[i]]
}

// Add appends a candidate (copied).
func (b *Batch) Add(c []byte) {
	b.data = append(b.data, c...)
	b.ends = append(b.ends, len(b.data))
}

// Source produces candidates in order.
type Source interface {
	// Fill adds candidates to b until it holds max of them or the source
	// is exhausted; it returns false when nothing is left after this call.
	// A reading error is returned with whatever was added.
	Fill(b *Batch, max int) (more bool, err error)
	// Total is the number of candidates the source yields in all, or -1
	// when that is not known in advance (word lists).
	Total() int64
}

// Skip drops the first n candidates of src (for resuming); it returns how
// many were dropped (fewer when the source ends first).
func Skip(src Source, n int64) (int64, error) {
	if s, ok := src.(interface{ skip(int64) int64 }); ok {
		return s.skip(n), nil
	}
	var b Batch
	var done int64
	for done < n {
		b.Reset()
		max := int64(4096)
		if n-done < max {
			max = n - done
		}
		more, err := src.Fill(&b, int(max))
		done += int64(b.Len())
		if err != nil {
			return done, err
		}
		if !more {
			break
		}
	}
	return done, nil
}

// charLen is the length of c in characters: runes when c is UTF-8, else
// bytes (Latin-1).
func charLen(c []byte) int {
	if utf8.Valid(c) {
		return utf8.RuneCount(c)
	}
	return len(c)
}
