package main

import (
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

// selectFlags choose sessions (render.Selection) and bound the frames read
// (-c) on the file commands.
type selectFlags struct {
	hosts, users []string
	callIDs      []int
	failed       bool
	since, until string
	// redact and redactAddresses: --redact and --redact-addresses
	// (registerRedact).
	redact, redactAddresses bool
	x                       *render.Redactor
}

// registerRedact adds --redact and --redact-addresses.
func (f *selectFlags) registerRedact(c *cobra.Command) {
	c.Flags().BoolVar(&f.redact, "redact", false, tr("cli.flag.redact"))
	c.Flags().BoolVar(&f.redactAddresses, "redact-addresses", false, tr("cli.flag.redact-addresses"))
}

// redacting reports whether the output is redacted.
func (f *selectFlags) redacting() bool { return f.redact || f.redactAddresses }

// redactor is the run's redactor, nil when not redacting.
func (f *selectFlags) redactor() *render.Redactor {
	if f.x == nil && f.redacting() {
		f.x = render.NewRedactor(render.RedactOptions{Addresses: f.redactAddresses})
	}
	return f.x
}

func (f *selectFlags) register(c *cobra.Command, in *inputFlags) {
	fl := c.Flags()
	fl.StringSliceVar(&f.hosts, "host", nil, tr("cli.flag.host"))
	fl.StringSliceVar(&f.users, "auth-user", nil, tr("cli.flag.auth-user"))
	fl.IntSliceVar(&f.callIDs, "call-id", nil, tr("cli.flag.call-id"))
	fl.BoolVar(&f.failed, "failed", false, tr("cli.flag.failed"))
	fl.StringVar(&f.since, "since", "", tr("cli.flag.since"))
	fl.StringVar(&f.until, "until", "", tr("cli.flag.until"))
	fl.IntVarP(&in.limit, "count", "c", 0, tr("cli.flag.count"))
}

// selection returns the selection the flags give.
func (f *selectFlags) selection() (render.Selection, error) {
	var sel render.Selection
	for _, h := range f.hosts {
		a, err := netip.ParseAddr(h)
		if err != nil {
			return sel, usageError{textErr("cli.err.host", strconv.Quote(h))}
		}
		sel.Hosts = append(sel.Hosts, a)
	}
	sel.Users = f.users
	for _, id := range f.callIDs {
		if id < 0 || id > 0xffff {
			return sel, usageError{textErr("cli.err.call-id", id)}
		}
	}
	sel.CallIDs, sel.Failed = f.callIDs, f.failed
	var err error
	if f.since != "" {
		if sel.Since, err = render.ParseTimeBound(f.since); err != nil {
			return sel, usageError{textErr("cli.err.flag-value", "--since", err)}
		}
	}
	if f.until != "" {
		if sel.Until, err = render.ParseTimeBound(f.until); err != nil {
			return sel, usageError{textErr("cli.err.flag-value", "--until", err)}
		}
	}
	return sel, nil
}

// wrap returns sink seeing only the selected sessions; the line saying what
// was left out goes to note when the sink does not say it itself.
func (f *selectFlags) wrap(sink session.Sink, note io.Writer) (session.Sink, error) {
	sel, err := f.selection()
	if err != nil {
		return nil, err
	}
	if x := f.redactor(); x != nil {
		sink = render.RedactWith(x, sink)
		sel.HoldAll = true
	}
	return render.Select(sink, sel, render.SelectOptions{Note: note, Lang: "en"}), nil
}

// wrapList joins words with ", " in lines of at most 76 columns (help
// texts).
func wrapList(words []string) string {
	var b strings.Builder
	col := 0
	for i, w := range words {
		if i < len(words)-1 {
			w += ","
		}
		if col > 0 && col+1+len(w) > 76 {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
