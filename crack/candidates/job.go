package candidates

// Job is a run of candidates in hashcat's order, left for a worker to
// generate: for a Straight attack the words are copied and Each applies
// the rules; for a Mask, Each runs the odometer from the job's start. So
// that many cores share that work, which a single producer would otherwise
// do alone. Each may be called once per filling.
type Job struct {
	words Batch
	spans []span
	rules []Rule
	n     int
	// A mask's job: where it starts.
	mask bool
	pos  maskPos
}

func (j *Job) reset() {
	j.words.Reset()
	j.spans, j.rules, j.n, j.mask = j.spans[:0], nil, 0, false
}

// span is one word with the rules [from, to) it gets in this job.
type span struct{ word, from, to int }

// Len is the number of candidates of the job.
func (j *Job) Len() int { return j.n }

// Each calls fn with every candidate of the job, in order; scratch is
// memory for the candidates (returned, possibly grown, for reuse). The
// slice fn receives is valid only during the call.
func (j *Job) Each(scratch []byte, fn func(c []byte)) []byte {
	if j.mask {
		for range j.n {
			scratch = j.pos.cand(scratch)
			fn(scratch)
			j.pos.advance()
		}
		return scratch
	}
	for _, s := range j.spans {
		w := j.words.At(s.word)
		for r := s.from; r < s.to; r++ {
			scratch = j.rules[r].Apply(scratch, w)
			fn(scratch)
		}
	}
	return scratch
}

// FillJob makes j the next run of at most max candidates (fewer at the
// end of a block of rules); more is false when nothing is left after it.
// Fill and FillJob may be mixed: both follow one position.
func (s *Straight) FillJob(j *Job, max int) (bool, error) {
	j.reset()
	j.rules = s.rules
	for j.n < max {
		if s.word >= s.block.Len() || s.block.Len() == 0 {
			if j.n > 0 {
				return true, nil // a job stays within one block of rules
			}
			ok, err := s.nextBlock()
			if err != nil || !ok {
				return false, err
			}
		}
		end := min(s.ruleStart+ruleBlock, len(s.rules))
		to := min(end, s.rule+(max-j.n))
		j.words.Add(s.block.At(s.word))
		j.spans = append(j.spans, span{word: j.words.Len() - 1, from: s.rule, to: to})
		j.n += to - s.rule
		s.rule = to
		if s.rule >= end {
			s.word++
			s.rule = s.ruleStart
		}
	}
	return true, nil
}
