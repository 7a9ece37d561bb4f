package simulate

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/mppe"
)

// ErrOption marks a bad or contradictory option; the command maps it to
// its usage exit status.
var ErrOption error = msg("option")

// Auth is an authentication method.
type Auth string

// Authentication methods.
const (
	AuthPAP         Auth = "pap"
	AuthCHAPMD5     Auth = "chap-md5"
	AuthMSCHAPv1    Auth = "mschapv1"
	AuthMSCHAPv2    Auth = "mschapv2"
	AuthEAPMD5      Auth = "eap-md5"
	AuthEAPMSCHAPv2 Auth = "eap-mschapv2"
)

// Auths lists the methods in the order of the command's help.
var Auths = []Auth{AuthPAP, AuthCHAPMD5, AuthMSCHAPv1, AuthMSCHAPv2, AuthEAPMD5, AuthEAPMSCHAPv2}

// KeysMPPE reports whether the method derives MPPE keys.
func (a Auth) KeysMPPE() bool {
	return a == AuthMSCHAPv1 || a == AuthMSCHAPv2 || a == AuthEAPMSCHAPv2
}

// Client is the PPTP client's implementation.
type Client string

// Clients.
const (
	ClientPPPd    Client = "pppd"    // pptp-linux and pppd
	ClientWindows Client = "windows" // the Windows built-in client
)

// Link is the capture's link type.
type Link string

// Link types.
const (
	LinkEthernet Link = "ether"
	LinkSLL      Link = "sll"
	LinkRaw      Link = "raw"
)

// Traffic is the inner traffic of each session.
type Traffic struct {
	Ping, DNS, HTTP bool
	Bulk            int64 // bytes of a bulk download (0: none)
}

// ParseTraffic reads "ping,dns,http,bulk=N" (any subset; N may end in k, M
// or G for 2^10, 2^20, 2^30).
func ParseTraffic(s string) (Traffic, error) {
	var t Traffic
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		switch {
		case item == "ping":
			t.Ping = true
		case item == "dns":
			t.DNS = true
		case item == "http":
			t.HTTP = true
		case item == "none" || item == "":
		case strings.HasPrefix(item, "bulk="):
			n, err := parseSize(strings.TrimPrefix(item, "bulk="))
			if err != nil || n <= 0 {
				return t, msg("traffic.bulk", ErrOption, item)
			}
			t.Bulk = n
		default:
			return t, msg("traffic.unknown", ErrOption, item)
		}
	}
	return t, nil
}

func parseSize(s string) (int64, error) {
	mul := int64(1)
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mul, s = 1<<10, s[:len(s)-1]
	case strings.HasSuffix(s, "M"):
		mul, s = 1<<20, s[:len(s)-1]
	case strings.HasSuffix(s, "G"):
		mul, s = 1<<30, s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > (1<<62)/mul {
		return 0, errors.New("bad size")
	}
	return n * mul, nil
}

// MaxPassword is the longest password MS-CHAP takes (RFC 2759 section 8:
// 256 Unicode characters).
const MaxPassword = 256

// Options describe the capture to write.
type Options struct {
	Auth           Auth
	Client         Client
	User, Password string
	MPPE           int // 0 (none), 40, 56 or 128
	Stateful       bool
	MPPC           bool
	IPv6           bool // IPv6 inside the tunnel (IPV6CP and IPv6 traffic)
	OuterIPv6      bool // IPv6 between client and server
	Link           Link
	Traffic        Traffic
	Sessions       int
	// Overlap is the time between the starts of consecutive sessions; 0
	// starts each one a second after the previous ended.
	Overlap time.Duration
	Seed    uint64
	Faults  []Fault
	// PCAPNG writes pcapng instead of pcap.
	PCAPNG bool
	// Start is the time of the first packet (default 2026-01-05 09:00 UTC).
	Start time.Time

	// OnInner, when set, is called with every inner IP packet that reaches
	// the capture in clear or encrypted (tests compare them with decrypt).
	OnInner func(session int, ip []byte)
	// fixed, when set (tests), replaces the random challenges.
	fixed *fixedChallenges
}

type fixedChallenges struct {
	auth, peer [16]byte
}

// Defaults fills the zero fields with the defaults of the command.
func (o *Options) Defaults() {
	if o.Auth == "" {
		o.Auth = AuthMSCHAPv2
	}
	if o.Client == "" {
		o.Client = ClientPPPd
	}
	if o.User == "" {
		o.User = "student"
	}
	if o.Link == "" {
		o.Link = LinkEthernet
	}
	if o.Sessions == 0 {
		o.Sessions = 1
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	}
	if o.Traffic == (Traffic{}) {
		o.Traffic = Traffic{Ping: true, DNS: true, HTTP: true}
	}
}

// Validate checks the options and their combinations; every error wraps
// ErrOption. Nothing is written before it passes.
func (o *Options) Validate() error {
	known := false
	for _, a := range Auths {
		known = known || a == o.Auth
	}
	if !known {
		return msg("auth", ErrOption, o.Auth)
	}
	if o.Client != ClientPPPd && o.Client != ClientWindows {
		return msg("client", ErrOption, o.Client)
	}
	switch o.MPPE {
	case 0, 40, 56, 128:
	default:
		return msg("mppe", ErrOption, o.MPPE)
	}
	if o.MPPE != 0 && !o.Auth.KeysMPPE() {
		return msg("auth-no-mppe", ErrOption, o.Auth)
	}
	if o.Auth == AuthMSCHAPv1 && o.MPPE == 40 {
		// pppd/ccp.c: after MS-CHAPv1 "Disabling 40-bit MPPE; MS-CHAP LM
		// not supported", then "MPPE required, but both 40-bit and 128-bit
		// disabled": a pptpd server never agrees to it.
		return msg("mschapv1-40", ErrOption)
	}
	if o.Auth == AuthMSCHAPv1 && o.MPPE == 56 {
		if _, err := mppe.LmPasswordHash(o.Password); err != nil {
			return msg("mschapv1-56", ErrOption, err.Error())
		}
	}
	if o.MPPE == 0 && (o.Stateful || o.MPPC) {
		return msg("stateful-mppc", ErrOption)
	}
	if o.User == "" || len(o.User) > 255 {
		return msg("user", ErrOption)
	}
	if o.Password == "" {
		return msg("no-password", ErrOption)
	}
	if n := len([]rune(o.Password)); n > MaxPassword {
		return msg("password-long", ErrOption, n, MaxPassword)
	}
	if o.Auth == AuthPAP && len(o.Password) > 255 {
		return msg("pap-password", ErrOption)
	}
	switch o.Link {
	case LinkEthernet, LinkSLL, LinkRaw:
	default:
		return msg("link", ErrOption, o.Link)
	}
	if o.Sessions < 1 {
		return msg("sessions", ErrOption)
	}
	if o.Overlap < 0 {
		return msg("overlap", ErrOption)
	}
	if err := checkFaults(o); err != nil {
		return err
	}
	return nil
}
