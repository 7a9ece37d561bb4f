package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// passwordEnv is the environment variable that may hold the password.
const passwordEnv = "PPTPSCOPE_PASSWORD"

// maxCredentialFile bounds what is read of a password or credentials file.
const maxCredentialFile = 1 << 20

// credentialFlags are the flags of the commands that can decrypt. A
// password is never taken from the command line (it would show in ps and
// in the shell history) and never printed.
type credentialFlags struct {
	user            string
	passwordFile    string
	ntHashFile      string
	credentialsFile string
	// find cracks the authentications no credential covers (--wordlist,
	// wordlist.go), when the command takes candidates.
	find pipeline.Finder
}

func (f *credentialFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVar(&f.user, "user", "", tr("cli.flag.user"))
	fl.StringVar(&f.passwordFile, "password-file", "", tr("cli.flag.password-file"))
	fl.StringVar(&f.ntHashFile, "nt-hash-file", "", tr("cli.flag.nt-hash-file"))
	fl.StringVar(&f.credentialsFile, "credentials", "", tr("cli.flag.credentials"))
}

// stdinTerminal reports whether r is a terminal and its file descriptor;
// readPassword reads a line without echo. Tests replace both.
var (
	stdinTerminal = func(r io.Reader) (int, bool) {
		f, ok := r.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return 0, false
		}
		return int(f.Fd()), true
	}
	readPassword = term.ReadPassword
)

// load returns the credentials the flags, the environment or the prompt
// give; nil when none were given and required is false.
func (f *credentialFlags) load(cmd *cobra.Command, required bool) (*mppe.Credentials, error) {
	if f.passwordFile != "" && f.ntHashFile != "" {
		return nil, usageError{textErr("cli.err.password-or-hash")}
	}
	c := &mppe.Credentials{User: f.user}
	switch {
	case f.ntHashFile != "":
		h, err := readNTHashFile(f.ntHashFile)
		if err != nil {
			return nil, err
		}
		c.Default = &mppe.Credential{NTHash: h}
	case f.passwordFile != "":
		pw, err := readPasswordFile(f.passwordFile)
		if err != nil {
			return nil, err
		}
		c.Default = &mppe.Credential{Password: pw}
	case os.Getenv(passwordEnv) != "":
		c.Default = &mppe.Credential{Password: os.Getenv(passwordEnv)}
	}
	if f.credentialsFile != "" {
		m, err := readCredentialsFile(f.credentialsFile)
		if err != nil {
			return nil, err
		}
		c.ByUser = m
	}
	if c.Default == nil && (f.user != "" || required && c.ByUser == nil) {
		pw, err := f.prompt(cmd)
		if err != nil {
			return nil, err
		}
		c.Default = &mppe.Credential{Password: pw}
	}
	if c.Default == nil && c.ByUser == nil {
		return nil, nil
	}
	return c, nil
}

// prompt asks for the password on the terminal, without echo.
func (f *credentialFlags) prompt(cmd *cobra.Command) (string, error) {
	fd, ok := stdinTerminal(cmd.InOrStdin())
	if !ok {
		what := textErr("cli.err.what.password")
		if f.user != "" {
			what = textErr("cli.err.what.user-password", f.user)
		}
		return "", usageError{textErr("cli.err.password-needed", what, passwordEnv)}
	}
	label := "Password: "
	if f.user != "" {
		label = fmt.Sprintf("Password for %s: ", f.user)
	}
	fmt.Fprint(cmd.ErrOrStderr(), label)
	b, err := readPassword(fd)
	fmt.Fprintln(cmd.ErrOrStderr())
	if err != nil {
		return "", textErr("cli.err.reading-password", err)
	}
	if len(b) == 0 {
		return "", usageError{textErr("cli.err.empty-password")}
	}
	return string(b), nil
}

// readLimited reads a credential file; errors name the flag and the file,
// never its content.
func readLimited(flag, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError{textErr("cli.err.flag-file", "--"+flag, err)}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCredentialFile+1))
	if err != nil {
		return nil, usageError{textErr("cli.err.flag-file", "--"+flag, err)}
	}
	if len(b) > maxCredentialFile {
		return nil, usageError{textErr("cli.err.file-too-large", "--"+flag, path, maxCredentialFile)}
	}
	return b, nil
}

func readPasswordFile(path string) (string, error) {
	b, err := readLimited("password-file", path)
	if err != nil {
		return "", err
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return "", usageError{textErr("cli.err.first-line-empty", path)}
	}
	return string(line), nil
}

func readNTHashFile(path string) ([]byte, error) {
	b, err := readLimited("nt-hash-file", path)
	if err != nil {
		return nil, err
	}
	h, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(h) != 16 {
		return nil, usageError{textErr("cli.err.not-nt-hash", path)}
	}
	return h, nil
}

// readCredentialsFile reads user:password lines (the password is
// everything after the first colon, possibly empty); blank lines and lines
// starting with # are skipped. A user may appear more than once with the
// same password.
func readCredentialsFile(path string) (map[string]mppe.Credential, error) {
	b, err := readLimited("credentials", path)
	if err != nil {
		return nil, err
	}
	m := map[string]mppe.Credential{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), maxCredentialFile)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, pw, ok := strings.Cut(line, ":")
		if !ok || user == "" {
			return nil, usageError{textErr("cli.err.credentials-line", path, n)}
		}
		// The same user twice with the same password is what crack -o
		// writes for a user found in several sessions; an empty password
		// is a password too.
		if old, dup := m[user]; dup && old.Password != pw {
			return nil, usageError{textErr("cli.err.credentials-twice", path, n, user)}
		}
		m[user] = mppe.Credential{Password: pw}
	}
	if err := sc.Err(); err != nil {
		return nil, usageError{fmt.Errorf("--credentials %s: %w", path, err)}
	}
	if len(m) == 0 {
		return nil, usageError{textErr("cli.err.credentials-empty", path)}
	}
	return m, nil
}

// registerMaxSessions adds --max-sessions to a command whose analysis is
// streamed.
func registerMaxSessions(c *cobra.Command, n *int) {
	c.Flags().IntVar(n, "max-sessions", pipeline.DefaultFileMaxSessions, tr("cli.flag.max-sessions"))
}

// runLoop runs the packet loop over src. A password mismatch is returned
// as is (one clear line); other errors are prefixed with the capture's
// name.
func runLoop(src capture.Source, pol pipeline.Policy, creds *mppe.Credentials, sink session.Sink, find ...pipeline.Finder) (*session.Analysis, error) {
	opts := pipeline.Options{Policy: pol, Credentials: creds}
	if len(find) > 0 {
		opts.Find = find[0]
	}
	a, err := pipeline.Run(src, opts, sink)
	if err != nil && !isMismatch(err) {
		err = fmt.Errorf("%s: %w", src.Name(), err)
	}
	return a, err
}

func isMismatch(err error) bool {
	var me *mppe.MismatchError
	return errors.As(err, &me)
}

// analyzeInput is what every analyzing command does: load the credentials
// (required: the command cannot work without them), open the capture named
// by the arguments and run the packet loop into sink with the policy pol.
// A password is checked as soon as its authentication is seen: a session
// whose password does not match is never shown, but sessions that ended
// before it may have been. A password that does not match, or a failure
// before the capture is read, comes back as err; a capture that stops
// early comes back as scanErr, after the sink had the analysis of what was
// read.
//
// onOpen, when set, sees the source once it is open (to label frames of
// several captures).
func analyzeInput(cmd *cobra.Command, in *inputFlags, creds *credentialFlags, required bool, args []string,
	pol pipeline.Policy, sink session.Sink, onOpen func(capture.Source)) (a *session.Analysis, scanErr, err error) {
	cr, err := creds.load(cmd, required)
	if err != nil {
		return nil, nil, err
	}
	src, err := in.open(cmd, args)
	if err != nil {
		return nil, nil, err
	}
	defer src.Close()
	if onOpen != nil {
		onOpen(src)
	}
	a, scanErr = runLoop(src, pol, cr, sink, creds.find)
	if isMismatch(scanErr) {
		return nil, nil, scanErr
	}
	return a, scanErr, nil
}

// usersSeen notes the sessions of a capture and the users they
// authenticated as, so that keys and decrypt say when there is nothing to
// work on (exit 11) instead of succeeding with nothing done.
type usersSeen struct {
	session.NopSink
	sessions int
	users    []string
	ended    []endedSession
}

// endedSession is what completion shows of a session.
type endedSession struct {
	index          int
	client, server netip.Addr
}

// SessionEnd notes a session (usersSeen is a sink).
func (u *usersSeen) SessionEnd(s *session.Session) error {
	u.add(s)
	u.ended = append(u.ended, endedSession{s.Index, s.Client.Addr, s.Server.Addr})
	return nil
}

func (u *usersSeen) add(s *session.Session) {
	if s.PPPLink {
		return // no PPTP: nothing for keys or decrypt
	}
	u.sessions++
	if s.Auth != nil && s.Auth.User != "" && !contains(u.users, s.Auth.User) {
		u.users = append(u.users, s.Auth.User)
	}
}

// check returns a nothingError when the capture has no PPTP session, or
// when --user names a user no session authenticated as.
func (u *usersSeen) check(cr *mppe.Credentials) error {
	if u.sessions == 0 {
		return nothingError{textErr("cli.err.no-session")}
	}
	if cr == nil || cr.User == "" {
		return nil
	}
	for _, name := range u.users {
		if mppe.SameUser(cr.User, name) {
			return nil
		}
	}
	if len(u.users) == 0 {
		return nothingError{textErr("cli.err.no-user-in-capture", strconv.Quote(cr.User))}
	}
	return nothingError{textErr("cli.err.no-such-user", strconv.Quote(cr.User), strings.Join(u.users, ", "))}
}
