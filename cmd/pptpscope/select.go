package main

import (
	"fmt"
	"io"
	"net/netip"
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

const redactHelp = `--redact replaces user names, server names, challenges, responses (an
NT-Response can be cracked), authenticator responses and passwords by
stable placeholders (user-1, <challenge-1>, ...) and leaves out frame bytes
(but MPPE ciphertext) and decrypted payloads, so that the output can be
pasted into a ticket;
--redact-addresses also replaces every IP address by a stable one of the
documentation ranges (192.0.2.0/24, ..., 2001:db8::/32).`

// registerRedact adds --redact and --redact-addresses.
func (f *selectFlags) registerRedact(c *cobra.Command) {
	c.Flags().BoolVar(&f.redact, "redact", false, "replace user names, challenges, responses and passwords by placeholders, leave out bytes and payloads")
	c.Flags().BoolVar(&f.redactAddresses, "redact-addresses", false, "--redact, and replace IP addresses too")
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

const selectHelp = `Selecting sessions: --host ADDR (client, server or tunnel address),
--auth-user NAME, --call-id N (either end's), --failed, --since/--until
TIME (RFC 3339, or +30s from the capture's first frame; a session
overlapping the window is shown). Each may be repeated or given a comma
list; a session must pass every one given. Sessions are judged when they
end; one line at the end says how many were left out and by what.
-c N stops after frame N, as tshark -c.`

func (f *selectFlags) register(c *cobra.Command, in *inputFlags) {
	fl := c.Flags()
	fl.StringSliceVar(&f.hosts, "host", nil, "only sessions with address `ADDR` at either end (outer or tunnel address)")
	fl.StringSliceVar(&f.users, "auth-user", nil, "only sessions that authenticated as user `NAME`")
	fl.IntSliceVar(&f.callIDs, "call-id", nil, "only sessions with PPTP call ID `N` (either end's)")
	fl.BoolVar(&f.failed, "failed", false, "only sessions whose verdict is failed")
	fl.StringVar(&f.since, "since", "", "only sessions still going at `TIME` (RFC 3339, or +DURATION from the capture's start)")
	fl.StringVar(&f.until, "until", "", "only sessions started by `TIME` (RFC 3339, or +DURATION from the capture's start)")
	fl.IntVarP(&in.limit, "count", "c", 0, "stop after frame `N` (as tshark -c)")
}

// selection returns the selection the flags give.
func (f *selectFlags) selection() (render.Selection, error) {
	var sel render.Selection
	for _, h := range f.hosts {
		a, err := netip.ParseAddr(h)
		if err != nil {
			return sel, usageError{fmt.Errorf("--host %q: not an IPv4 or IPv6 address", h)}
		}
		sel.Hosts = append(sel.Hosts, a)
	}
	sel.Users = f.users
	for _, id := range f.callIDs {
		if id < 0 || id > 0xffff {
			return sel, usageError{fmt.Errorf("--call-id %d: a call ID is 0 to 65535", id)}
		}
	}
	sel.CallIDs, sel.Failed = f.callIDs, f.failed
	var err error
	if f.since != "" {
		if sel.Since, err = render.ParseTimeBound(f.since); err != nil {
			return sel, usageError{fmt.Errorf("--since %w", err)}
		}
	}
	if f.until != "" {
		if sel.Until, err = render.ParseTimeBound(f.until); err != nil {
			return sel, usageError{fmt.Errorf("--until %w", err)}
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
