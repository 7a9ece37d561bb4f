package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
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
}

const credentialsHelp = `Credentials (to verify the MS-CHAP password and decrypt MPPE; never
printed): --password-file FILE (first line), the PPTPSCOPE_PASSWORD
environment variable, --nt-hash-file FILE (32 hex digits) or, when
standard input is a terminal and --user is given, a prompt; --user NAME
limits that password to one user. --credentials FILE holds user:password
lines, one per user, chosen by the name each session authenticated with.
A password that does not match the captured MS-CHAP response ends the
command with exit status 7.`

func (f *credentialFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVar(&f.user, "user", "", "the user `NAME` the password is for (default: any user)")
	fl.StringVar(&f.passwordFile, "password-file", "", "read the password from the first line of `FILE`")
	fl.StringVar(&f.ntHashFile, "nt-hash-file", "", "read the NT password hash (32 hex digits) from `FILE`")
	fl.StringVar(&f.credentialsFile, "credentials", "", "read user:password lines from `FILE` (one per user)")
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
func (f *credentialFlags) load(cmd *cobra.Command, required bool) (*session.Credentials, error) {
	if f.passwordFile != "" && f.ntHashFile != "" {
		return nil, usageError{errors.New("give either --password-file or --nt-hash-file, not both")}
	}
	c := &session.Credentials{User: f.user}
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
		what := "a password"
		if f.user != "" {
			what = "the password of user " + f.user
		}
		return "", usageError{fmt.Errorf("%s is needed: give --password-file, --nt-hash-file, --credentials or %s (standard input is not a terminal, so it cannot be asked for)", what, passwordEnv)}
	}
	label := "Password: "
	if f.user != "" {
		label = fmt.Sprintf("Password for %s: ", f.user)
	}
	fmt.Fprint(cmd.ErrOrStderr(), label)
	b, err := readPassword(fd)
	fmt.Fprintln(cmd.ErrOrStderr())
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	if len(b) == 0 {
		return "", usageError{errors.New("empty password")}
	}
	return string(b), nil
}

// readLimited reads a credential file; errors name the flag and the file,
// never its content.
func readLimited(flag, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError{fmt.Errorf("--%s: %w", flag, err)}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCredentialFile+1))
	if err != nil {
		return nil, usageError{fmt.Errorf("--%s: %w", flag, err)}
	}
	if len(b) > maxCredentialFile {
		return nil, usageError{fmt.Errorf("--%s %s: larger than %d bytes", flag, path, maxCredentialFile)}
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
		return "", usageError{fmt.Errorf("--password-file %s: the first line is empty", path)}
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
		return nil, usageError{fmt.Errorf("--nt-hash-file %s: not an NT hash (32 hex digits)", path)}
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
			return nil, usageError{fmt.Errorf("--credentials %s line %d: expected user:password", path, n)}
		}
		// The same user twice with the same password is what crack -o
		// writes for a user found in several sessions; an empty password
		// is a password too.
		if old, dup := m[user]; dup && old.Password != pw {
			return nil, usageError{fmt.Errorf("--credentials %s line %d: user %s appears twice with different passwords", path, n, user)}
		}
		m[user] = mppe.Credential{Password: pw}
	}
	if err := sc.Err(); err != nil {
		return nil, usageError{fmt.Errorf("--credentials %s: %w", path, err)}
	}
	if len(m) == 0 {
		return nil, usageError{fmt.Errorf("--credentials %s: no user:password line", path)}
	}
	return m, nil
}

// analyzeWithCredentials runs the analysis with the credentials, if any.
// A password mismatch is returned as is (one clear line); other scan
// errors are prefixed with the capture's name.
func analyzeWithCredentials(src capture.Source, creds *session.Credentials, onRecord func(*session.Record) error) (*session.Analysis, error) {
	return analyzeWithOptions(src, session.AnalyzeOptions{Credentials: creds}, onRecord)
}

// analyzeSummary is analyzeWithCredentials for commands that show only a
// line per session at the end: the analysis is streamed, each session
// handed to onSession as it ends (see session.AnalyzeOptions.OnSession),
// and no per-session message lists are kept.
func analyzeSummary(src capture.Source, creds *session.Credentials, maxSessions int, onRecord func(*session.Record) error, onSession func(*session.Session) error) (*session.Analysis, error) {
	return analyzeWithOptions(src, session.AnalyzeOptions{Credentials: creds, NoMessages: true, OnSession: onSession, MaxSessions: maxSessions}, onRecord)
}

// registerMaxSessions adds --max-sessions to a command whose analysis is
// streamed.
func registerMaxSessions(c *cobra.Command, n *int) {
	c.Flags().IntVar(n, "max-sessions", session.DefaultFileMaxSessions, "track at most `N` sessions open at once; beyond, the least recently seen are finished early, with a warning (negative: no limit)")
}

func analyzeWithOptions(src capture.Source, opts session.AnalyzeOptions, onRecord func(*session.Record) error) (*session.Analysis, error) {
	a, err := session.AnalyzeWith(src, opts, onRecord)
	if err != nil && !isMismatch(err) {
		err = fmt.Errorf("%s: %w", src.Name(), err)
	}
	return a, err
}

func isMismatch(err error) bool {
	var me *session.MismatchError
	return errors.As(err, &me)
}

// analyzeInput is what every analyzing command does first: load the
// credentials (required: the command cannot work without them), open the
// capture named by the arguments and analyze it. wrap, when set, wraps the
// source (to watch the packets go by). A password that does not match is
// returned as err, before anything is shown; a capture that stops early
// comes back as scanErr, with the analysis of what was read.
//
// summaryOnly keeps no per-session message lists (see analyzeSummary).
//
// onSession, when set and no credentials are given, streams the analysis
// (session.AnalyzeOptions.OnSession): sessions are handed over as they end
// and the Analysis lists none. With credentials the analysis is kept whole,
// so that a password that does not match is reported before anything is
// shown.
func analyzeInput(cmd *cobra.Command, in *inputFlags, creds *credentialFlags, required, summaryOnly bool, args []string,
	wrap func(capture.Source) capture.Source, onRecord func(*session.Record) error, onSession func(*session.Session) error, maxSessions int) (a *session.Analysis, scanErr, err error) {
	cr, err := creds.load(cmd, required)
	if err != nil {
		return nil, nil, err
	}
	src, err := in.open(cmd, args)
	if err != nil {
		return nil, nil, err
	}
	defer src.Close()
	if wrap != nil {
		src = wrap(src)
	}
	opts := session.AnalyzeOptions{Credentials: cr, NoMessages: summaryOnly}
	if cr == nil {
		opts.OnSession, opts.MaxSessions = onSession, maxSessions
	}
	a, scanErr = analyzeWithOptions(src, opts, onRecord)
	if isMismatch(scanErr) {
		return nil, nil, scanErr
	}
	return a, scanErr, nil
}
