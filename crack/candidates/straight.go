package candidates

// hashcat's --stdout order for a word list with rules: words are taken
// 1,024 at a time and rules 256 at a time; for each block of words, for
// each block of rules, each word gets each rule of the block. (With fewer
// than 257 rules and 1,025 words this is simply word after word, each
// with every rule in file order.)
const (
	wordBlock = 1024
	ruleBlock = 256
)

// Straight is a word list with rules (hashcat's attack mode 0).
type Straight struct {
	words *Wordlist
	rules []Rule

	block     Batch // the current block of words
	ruleStart int   // first rule of the current rule block
	word      int   // next word of the block
	rule      int   // next rule (absolute index)
	scratch   []byte
	eof       bool
}

// NewStraight applies rules (none: each word as it is) to every word.
func NewStraight(words *Wordlist, rules []Rule) *Straight {
	if len(rules) == 0 {
		rules = []Rule{{text: ":"}}
	}
	return &Straight{words: words, rules: rules, scratch: make([]byte, 0, 2*ruleBufSize)}
}

// Stats returns the word list's counts.
func (s *Straight) Stats() WordStats { return s.words.Stats() }

// Rules is the number of rules each word gets.
func (s *Straight) Rules() int { return len(s.rules) }

// Total is -1: word lists are not counted in advance.
func (s *Straight) Total() int64 { return -1 }

// Fill implements Source.
func (s *Straight) Fill(b *Batch, max int) (bool, error) {
	for n := 0; n < max; {
		if s.word >= s.block.Len() || s.block.Len() == 0 {
			ok, err := s.nextBlock()
			if err != nil || !ok {
				return false, err
			}
		}
		end := min(s.ruleStart+ruleBlock, len(s.rules))
		w := s.block.At(s.word)
		for ; s.rule < end && n < max; s.rule++ {
			s.scratch = s.rules[s.rule].Apply(s.scratch, w)
			b.Add(s.scratch)
			n++
		}
		if s.rule >= end {
			s.word++
			s.rule = s.ruleStart
		}
	}
	return true, nil
}

// nextBlock moves to the next block of rules for the current words, or to
// the next block of words; ok is false at the end.
func (s *Straight) nextBlock() (ok bool, err error) {
	s.ruleStart += ruleBlock
	if s.block.Len() == 0 || s.ruleStart >= len(s.rules) {
		if s.eof {
			return false, nil
		}
		s.block.Reset()
		more, err := s.words.Fill(&s.block, wordBlock)
		if err != nil {
			return false, err
		}
		s.eof = !more
		if s.block.Len() == 0 {
			return false, nil
		}
		s.ruleStart = 0
	}
	s.word, s.rule = 0, s.ruleStart
	return true, nil
}
