package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/crack"
	"github.com/pptpscope/pptpscope/crack/candidates"
	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func init() { commands = append(commands, newCrackCmd) }

// notFoundError is the message of a run that did not find every password;
// errors.Is(err, errNotFound) holds for it.
type notFoundError string

func (e notFoundError) Error() string        { return string(e) }
func (e notFoundError) Is(target error) bool { return target == errNotFound }

// noAuthError says the capture has nothing to crack; errors.Is(err,
// crack.ErrNoAuth) holds for it.
type noAuthError string

func (e noAuthError) Error() string        { return string(e) }
func (e noAuthError) Is(target error) bool { return target == crack.ErrNoAuth }

// crackStarted is called once Ctrl-C is caught (tests interrupt there).
var crackStarted = func() {}

var (
	errNotFound         = errors.New("password not found")
	errCrackInterrupted = textErr("cli.err.interrupted")
)

type crackFlags struct {
	wordlist     string
	rules        []string
	mask         string
	custom       [4]string
	increment    bool
	incrementMin int
	output       string
	show, quiet  bool
	lang         string
	export       string
	explain      bool
	skip         int64
	workers      int
}

func newCrackCmd() *cobra.Command {
	var f crackFlags
	c := &cobra.Command{
		Use:     "crack CAPTURE (--wordlist FILE [-r RULES]... | --mask MASK)",
		Short:   tr("cli.crack.short"),
		Long:    tr("cli.crack.long"),
		Example: tr("cli.crack.example"),
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE:    func(cmd *cobra.Command, args []string) error { return runCrack(cmd, args, &f) },
	}
	f.registerCandidates(c, true)
	fl := c.Flags()
	fl.StringVarP(&f.output, "output", "o", "", tr("cli.crack.flag.output"))
	fl.BoolVar(&f.show, "show", false, tr("cli.crack.flag.show"))
	fl.BoolVarP(&f.quiet, "quiet", "q", false, tr("cli.crack.flag.quiet"))
	fl.StringVar(&f.lang, "lang", "", tr("cli.crack.flag.lang"))
	fl.StringVar(&f.export, "export", "", tr("cli.crack.flag.export"))
	fl.BoolVar(&f.explain, "explain", false, tr("cli.crack.flag.explain"))
	fl.Int64Var(&f.skip, "skip", 0, tr("cli.crack.flag.skip"))
	fl.IntVar(&f.workers, "workers", 0, tr("cli.crack.flag.workers"))
	return c
}

// registerCandidates adds the candidate options (--wordlist, --rules,
// --mask, -1..-4, --increment, --increment-min) to a command; other
// commands may take them too (where -r is --read, pass rulesShorthand
// false: --rules only). candidates() then opens what they name.
func (f *crackFlags) registerCandidates(c *cobra.Command, rulesShorthand bool) {
	fl := c.Flags()
	fl.StringVar(&f.wordlist, "wordlist", "", tr("cli.flag.wordlist"))
	rulesHelp := tr("cli.flag.rules")
	if rulesShorthand {
		fl.StringArrayVarP(&f.rules, "rules", "r", nil, rulesHelp)
	} else {
		fl.StringArrayVar(&f.rules, "rules", nil, rulesHelp)
	}
	fl.StringVar(&f.mask, "mask", "", tr("cli.flag.mask"))
	for i := range f.custom {
		fl.StringVarP(&f.custom[i], fmt.Sprintf("custom-charset%d", i+1), fmt.Sprint(i+1), "", tr("cli.flag.custom-charset", i+1))
	}
	fl.BoolVar(&f.increment, "increment", false, tr("cli.flag.increment"))
	fl.IntVar(&f.incrementMin, "increment-min", 1, tr("cli.flag.increment-min"))
}

// checkCandidates checks the candidate options; with required, one of
// --wordlist and --mask must be given.
func (f *crackFlags) checkCandidates(cmd *cobra.Command, required bool) error {
	if f.wordlist != "" && f.mask != "" || required && f.wordlist == "" && f.mask == "" {
		return usageError{textErr("cli.err.wordlist-or-mask")}
	}
	if f.mask != "" && len(f.rules) > 0 {
		return usageError{textErr("cli.err.rules-mask")}
	}
	if f.mask == "" && (f.increment || f.custom != [4]string{} || cmd.Flags().Changed("increment-min")) {
		return usageError{textErr("cli.err.mask-only")}
	}
	return nil
}

func runCrack(cmd *cobra.Command, args []string, f *crackFlags) error {
	lang := f.lang
	if lang == "" {
		lang = render.LangFromEnv()
	}
	if !contains(render.Languages, lang) {
		return usageError{textErr("cli.err.unknown-value", "--lang", strconv.Quote(lang), orList(render.Languages))}
	}
	if f.export != "" && f.export != crack.FormatHashcat && f.export != crack.FormatJohn {
		return usageError{textErr("cli.err.unknown-value", "--export", strconv.Quote(f.export), orList{"hashcat", "john"})}
	}
	attack := f.export == "" && !f.explain
	if err := f.checkCandidates(cmd, attack); err != nil {
		return err
	}
	if f.skip < 0 {
		return usageError{textErr("cli.err.skip")}
	}
	if attack && f.wordlist == "-" && args[0] == "-" {
		return usageError{textErr("cli.err.stdin-twice")}
	}
	var in inputFlags
	src, err := in.open(cmd, args)
	if err != nil {
		return err
	}
	col, err := crack.Collect(src)
	src.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", src.Name(), err)
	}
	out := cmd.OutOrStdout()
	if len(col.Auths) == 0 {
		msg := render.T(lang, "crack.noauth")
		if col.Incomplete > 0 {
			msg += " (" + render.TN(lang, "crack.noauth.incomplete", col.Incomplete, col.Incomplete) + ")"
		}
		return noAuthError(src.Name() + ": " + msg)
	}
	if f.explain {
		return crackExplain(out, lang, col.Auths)
	}
	if f.export != "" {
		return crackExport(out, cmd.ErrOrStderr(), lang, f.export, col.Auths)
	}
	cands, stats, closeList, err := f.candidates(cmd)
	if err != nil {
		return err
	}
	defer closeList()
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	crackStarted()
	opts := crack.Options{Skip: f.skip, Workers: f.workers}
	progress := stderrTerminal(cmd) && !f.quiet
	if progress {
		opts.Progress = func(p crack.Progress) { crackProgress(cmd.ErrOrStderr(), lang, p) }
	}
	res, err := crack.Attack(ctx, col.Auths, cands, opts)
	if progress {
		fmt.Fprint(cmd.ErrOrStderr(), "\r\033[K")
	}
	if err != nil {
		return err
	}
	return crackReport(out, lang, f, res, col, stats)
}

// candidates opens the word list (with its rules) or the mask the options
// name (see registerCandidates); stats gives the word list's counts (nil
// for a mask) and closeList closes the word list.
func (f *crackFlags) candidates(cmd *cobra.Command) (src candidates.Source, stats func() *candidates.WordStats, closeList func(), err error) {
	closeList = func() {}
	if f.mask != "" {
		m, err := candidates.NewMask(f.mask, candidates.MaskOptions{Custom: f.custom, Increment: f.increment, IncrementMin: f.incrementMin})
		return m, nil, closeList, err
	}
	var files [][]candidates.Rule
	for _, path := range f.rules {
		rf, err := os.Open(path)
		if err != nil {
			return nil, nil, nil, textErr("cli.err.flag-file", "-r", err)
		}
		rules, err := candidates.ParseRules(path, rf)
		rf.Close()
		if err != nil {
			return nil, nil, nil, err
		}
		files = append(files, rules)
	}
	rules, err := candidates.Combine(files...)
	if err != nil {
		return nil, nil, nil, err
	}
	var r io.Reader
	name := f.wordlist
	if name == "-" {
		r, name = cmd.InOrStdin(), "standard input"
	} else {
		wf, err := os.Open(name)
		if err != nil {
			return nil, nil, nil, textErr("cli.err.flag-file", "--wordlist", err)
		}
		r, closeList = wf, func() { wf.Close() }
	}
	w, err := candidates.NewWordlist(name, r)
	if err != nil {
		closeList()
		return nil, nil, nil, err
	}
	s := candidates.NewStraight(w, rules)
	return s, func() *candidates.WordStats { st := w.Stats(); return &st }, closeList, nil
}

func stderrTerminal(cmd *cobra.Command) bool {
	f, ok := cmd.ErrOrStderr().(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func crackProgress(w io.Writer, lang string, p crack.Progress) {
	rate := float64(p.Done) / p.Elapsed.Seconds()
	var line string
	if p.Total > 0 && rate > 0 && !math.IsInf(rate, 0) {
		left := time.Duration(float64(p.Total-p.Done) / rate * float64(time.Second))
		line = render.T(lang, "crack.progress.eta", p.Done, p.Total, 100*float64(p.Done)/float64(p.Total), render.CrackRate(rate), p.Found, render.CrackDuration(lang, left))
	} else {
		line = render.T(lang, "crack.progress", p.Done, render.CrackRate(rate), p.Found)
	}
	fmt.Fprintf(w, "\r\033[K%s", line)
}

func authLabel(lang string, a *crack.Auth) string {
	return render.T(lang, "crack.auth", a.Session, a.Method, a.User, a.Frame)
}

func crackReport(w io.Writer, lang string, f *crackFlags, res crack.Outcome, col crack.Collected, stats func() *candidates.WordStats) error {
	found, crackable := 0, 0
	var lines []string
	seen := map[string]bool{}
	for _, r := range res.Results {
		label := authLabel(lang, r.Auth)
		pw := string(r.Password)
		if r.Latin1 {
			pw = latin1(r.Password)
		}
		switch {
		case r.Clear:
			if f.show {
				fmt.Fprintln(w, render.T(lang, "crack.clear.show", label, pw))
			} else {
				fmt.Fprintln(w, render.T(lang, "crack.clear", label))
			}
		case r.Uncrackable:
			fmt.Fprintln(w, render.T(lang, "crack.uncrackable", label))
			continue
		case r.Found && r.LMOnly:
			crackable++
			if f.show {
				fmt.Fprintln(w, render.T(lang, "crack.lmonly.show", label, r.Candidate, pw))
			} else {
				fmt.Fprintln(w, render.T(lang, "crack.lmonly", label, r.Candidate))
			}
			continue
		case r.Found:
			crackable++
			if f.show {
				fmt.Fprintln(w, render.TN(lang, "crack.found.show", int(min(r.Candidate, 2)), label, r.Candidate, pw))
			} else {
				fmt.Fprintln(w, render.TN(lang, "crack.found", int(min(r.Candidate, 2)), label, r.Candidate))
			}
			if r.Latin1 {
				fmt.Fprintln(w, render.T(lang, "crack.found.latin1"))
			}
		default:
			crackable++
			fmt.Fprintln(w, render.T(lang, "crack.notfound", label))
			continue
		}
		if !r.Clear {
			found++
		}
		if line := r.Auth.User + ":" + pw; !seen[line] {
			seen[line] = true
			lines = append(lines, line)
		}
	}
	secs := res.Elapsed.Seconds()
	if crackable > 0 {
		fmt.Fprintln(w, render.T(lang, "crack.summary", res.Done, render.CrackDuration(lang, res.Elapsed), render.CrackRate(float64(res.Done-f.skip)/secs), found, crackable))
	}
	if col.Incomplete > 0 {
		fmt.Fprintln(w, render.TN(lang, "crack.incomplete", col.Incomplete, col.Incomplete))
	}
	if stats != nil {
		if s := stats(); s.TooLong > 0 || s.NotUTF8 > 0 {
			fmt.Fprintln(w, render.T(lang, "crack.wordlist", s.Lines, s.TooLong, s.NotUTF8))
		}
	}
	if res.TooLong > 0 {
		fmt.Fprintln(w, render.T(lang, "crack.toolong", res.TooLong))
	}
	if f.output != "" && len(lines) > 0 {
		if err := writeSecretFile(f.output, strings.Join(lines, "\n")+"\n"); err != nil {
			return err
		}
		fmt.Fprintln(w, render.T(lang, "crack.written", f.output))
	}
	if res.Interrupted {
		fmt.Fprintln(w, render.T(lang, "crack.interrupted", res.Done, res.Done))
		return errCrackInterrupted
	}
	if found < crackable {
		return notFoundError(render.T(lang, "crack.notfound.err", crackable-found, crackable))
	}
	return nil
}

// latin1 turns octets that are not UTF-8 into the Latin-1 characters they
// were hashed as.
func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// writeSecretFile writes found passwords to a file only its owner reads.
func writeSecretFile(path, content string) error {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return outputError{textErr("cli.err.flag-file", "-o", err)}
	}
	if err := fh.Chmod(0o600); err != nil {
		fh.Close()
		return outputError{textErr("cli.err.flag-file", "-o", err)}
	}
	if _, err := io.WriteString(fh, content); err != nil {
		fh.Close()
		return outputError{textErr("cli.err.flag-file", "-o", err)}
	}
	if err := fh.Close(); err != nil {
		return outputError{textErr("cli.err.flag-file", "-o", err)}
	}
	return nil
}

func crackExport(w, errw io.Writer, lang, format string, auths []crack.Auth) error {
	for i := range auths {
		a := &auths[i]
		line, mode, reason := crack.Export(a, format)
		label := authLabel(lang, a)
		if line == "" {
			why := render.T(lang, "crack.export.uncrack")
			switch reason {
			case crack.NoLineClear:
				why = render.T(lang, "crack.export.clear")
			case crack.NoLineChallengeLength:
				why = render.T(lang, "crack.export.challenge", len(a.Challenge))
			}
			fmt.Fprintln(errw, render.T(lang, "crack.export.noline", label, format, why))
			continue
		}
		if mode != 0 {
			fmt.Fprintln(errw, render.T(lang, "crack.export.mode", mode, label))
		}
		fmt.Fprintln(w, line)
	}
	return nil
}

func crackExplain(w io.Writer, lang string, auths []crack.Auth) error {
	fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.warning"), 0))
	for i := range auths {
		a := &auths[i]
		label := authLabel(lang, a)
		if a.Method != crack.MSCHAPv2 && a.Method != crack.EAPMSCHAPv2 {
			fmt.Fprintln(w, render.T(lang, "crack.explain.notmschap", label))
			continue
		}
		e := crack.Explain(a, 300*time.Millisecond)
		fmt.Fprintln(w)
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.title", label), 0))
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.chash", fmt.Sprintf("%X", e.ChallengeHash)), 3))
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.blocks"), 3))
		for k, octets := range []string{"0-6", "7-13", "14-15 + 00 00 00 00 00"} {
			fmt.Fprintln(w, render.T(lang, "crack.explain.block", k+1, octets, fmt.Sprintf("%X", e.Blocks[k])))
		}
		if len(e.ThirdKeys) == 0 {
			fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.k3none"), 3))
			continue
		}
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.k3", fmt.Sprintf("%04X", e.ThirdKeys[0])), 3))
		if len(e.ThirdKeys) > 1 {
			fmt.Fprintln(w, render.T(lang, "crack.explain.k3many", len(e.ThirdKeys)))
		}
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.remaining"), 3))
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.token", e.Token), 3))
		fmt.Fprintln(w, render.CrackWrap(render.T(lang, "crack.explain.rate", render.CrackRate(e.DESRate), render.CrackSeconds(lang, e.Remaining)), 3))
	}
	return nil
}
