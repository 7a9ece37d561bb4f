package main

import (
	"github.com/pptpscope/pptpscope/crack"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

// wordlistFlags give analyze, decrypt and report the candidate options of
// crack (--wordlist, --rules, --mask ...): each MS-CHAP authentication
// without a password is cracked when it is seen, and its session's traffic
// after it is decrypted with what was found.
type wordlistFlags struct{ f crackFlags }

func (w *wordlistFlags) register(c *cobra.Command) { w.f.registerCandidates(c, false) }

// given reports whether candidates were given.
func (w *wordlistFlags) given() bool { return w.f.wordlist != "" || w.f.mask != "" }

// finder checks the options and returns the stage's Finder (nil without
// candidates).
func (w *wordlistFlags) finder(cmd *cobra.Command) (pipeline.Finder, error) {
	if err := w.f.checkCandidates(cmd, false); err != nil || !w.given() {
		return nil, err
	}
	if w.f.wordlist == "-" {
		return nil, usageError{textErr("cli.err.wordlist-stdin")}
	}
	return func(a *session.Auth, user string) (mppe.Credential, bool) {
		ca, ok := crack.FromSession(a, user)
		if !ok {
			return mppe.Credential{}, false
		}
		src, _, closeList, err := w.f.candidates(cmd)
		if err != nil {
			return mppe.Credential{}, false
		}
		defer closeList()
		out, err := crack.Attack(cmd.Context(), []crack.Auth{ca}, src, crack.Options{})
		if err != nil || len(out.Results) == 0 || !out.Results[0].Found {
			return mppe.Credential{}, false
		}
		r := out.Results[0]
		pw := string(r.Password)
		if r.Latin1 { // tried as Latin-1: each octet is a character
			rs := make([]rune, len(r.Password))
			for i, b := range r.Password {
				rs[i] = rune(b)
			}
			pw = string(rs)
		}
		return mppe.Credential{Password: pw}, true
	}, nil
}
