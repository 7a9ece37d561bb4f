# pptpscope — see README.md. Every target works on a fresh Debian machine with Go.
GO        ?= go
BIN       := bin/pptpscope
DEMO_PCAP := testdata/pcaps/pppd__mschapv2-mppe128.pcap
STATICCHECK_VERSION := v0.8.2
FUZZTIME  ?= 3s
# make install: PREFIX (default /usr/local) and DESTDIR (staging root for packagers), as usual.
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share
# The packages whose tests define -update (make golden).
GOLDEN_PKGS = $(shell grep -rlE --include='*_test.go' 'flag\.Bool."update"' . | xargs -r -n1 dirname | sort -u)

.PHONY: all build install uninstall demo test browser live-deps live-test race lint fuzz crosscheck bench bench-crack bench-live soak golden clean

all: build

# With the libpcap headers (installed when missing and root) the binary captures live through libpcap;
# without them it is built without cgo and captures through AF_PACKET (Linux).
build:
	@if [ -f /usr/include/pcap.h ] || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcap-dev >/dev/null; }; then \
		echo "$(GO) build -o $(BIN) ./cmd/pptpscope"; $(GO) build -o $(BIN) ./cmd/pptpscope; \
	else echo "no libpcap headers: building without cgo (live capture through AF_PACKET)"; \
		CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/pptpscope; fi

# Installs the binary, a man page per command (generated from the command tree; English in man1, Chinese in
# zh_CN/man1, whatever the locale of the build) and the bash, zsh and fish completions under $(DESTDIR)$(PREFIX).
install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/zh_CN/man1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(DATADIR)/zsh/site-functions $(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/pptpscope
	$(BIN) man --lang en $(DESTDIR)$(MANDIR)/man1
	$(BIN) man --lang zh $(DESTDIR)$(MANDIR)/zh_CN/man1
	$(BIN) completion bash > $(DESTDIR)$(DATADIR)/bash-completion/completions/pptpscope
	$(BIN) completion zsh > $(DESTDIR)$(DATADIR)/zsh/site-functions/_pptpscope
	$(BIN) completion fish > $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/pptpscope.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pptpscope $(DESTDIR)$(MANDIR)/man1/pptpscope.1 $(DESTDIR)$(MANDIR)/man1/pptpscope-*.1 \
		$(DESTDIR)$(MANDIR)/zh_CN/man1/pptpscope.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/pptpscope-*.1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/pptpscope $(DESTDIR)$(DATADIR)/zsh/site-functions/_pptpscope \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/pptpscope.fish

# Builds pptpscope and lists the handshake of a bundled real capture.
demo: build
	./$(BIN) packets $(DEMO_PCAP)

# All tests (unit, golden, tshark cross-check from committed data, README examples, the report in a browser).
test: browser live-deps
	$(GO) test -timeout 20m ./...
	CGO_ENABLED=0 $(GO) test ./capture # the AF_PACKET build's files (live_afpacket.go, live_queue.go)

# Headless Chromium and a CJK font (any: fonts-noto-cjk will do; fonts-wqy-microhei is installed when there is
# none) for the report's browser test: Debian's packages, installed when missing. Installing needs root; without
# chromium TestReportInBrowser fails.
browser:
	@command -v chromium >/dev/null && test -n "$$(fc-list :lang=zh 2>/dev/null)" || { \
		test "$$(id -u)" = 0 || { echo "make test needs Debian's chromium and a CJK font (fonts-wqy-microhei or fonts-noto-cjk): run as root or apt-get install them"; exit 1; }; \
		pkgs=""; command -v chromium >/dev/null || pkgs="chromium"; \
		test -n "$$(fc-list :lang=zh 2>/dev/null)" || pkgs="$$pkgs fonts-wqy-microhei"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs >/dev/null; }

# libpcap headers (the cgo build of the live capture) and iproute2 (the namespace test): installed when missing.
live-deps:
	@test -f /usr/include/pcap.h && command -v ip >/dev/null || { \
		test "$$(id -u)" = 0 || { echo "live capture needs libpcap-dev and iproute2: run as root or apt-get install them"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcap-dev iproute2 >/dev/null; }

# pptpscope live on a veth pair in a network namespace, both backends (libpcap with cgo, AF_PACKET without); root.
live-test: live-deps
	$(GO) test -count=1 -run TestLiveVeth ./cmd/pptpscope
	CGO_ENABLED=0 $(GO) test -count=1 -run TestLiveVeth ./cmd/pptpscope

race: live-deps
	CGO_ENABLED=1 $(GO) test -race -timeout 30m ./...

lint: live-deps
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Runs every fuzz target for FUZZTIME (default 3s; FUZZTIME=5m for a real run).
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Regenerates testdata/tshark/ from tshark's dissection, and testdata/simulate/ (tshark's view and sha256 of
# every generated capture of `pptpscope simulate`) (needs tshark; installs it when missing).
crosscheck:
	@command -v tshark >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark; }
	./scripts/tshark-crosscheck.sh
	./scripts/simulate-crosscheck.sh

# Rewrites the golden files from the current output (review the diff!): only the packages whose tests have -update.
golden:
	$(GO) test $(GOLDEN_PKGS) -run Golden -update

# Generates a large capture in bench-out/ (BENCH_SESSIONS=500, BENCH_PACKETS=2300000), runs the Go benchmarks
# (BENCH_COUNT=5) and times a bare read loop, pptpscope analyze and tshark on it; see scripts/bench.sh.
# Quick: make bench BENCH_PACKETS=200000 BENCH_SCALE=1000 BENCH_COUNT=1
# (BENCH_* variables reach the script through the environment; make exports those given on its command line.)
# As root it also runs make bench-live (BENCH_LIVE=0 leaves it out); its summary gives every row of issue 16's
# table against its target. Ends with the soak check of live mode (make soak; SOAK=0 leaves it out).
bench:
	GO="$(GO)" ./scripts/bench.sh
	@if [ "$${CRACK:-1}" != 0 ]; then $(MAKE) bench-crack; fi
	@if [ "$${SOAK:-1}" != 0 ]; then $(MAKE) soak; fi

# pptpscope crack against Debian's hashcat (-m 5500 on the CPU through pocl), side by side in one run, and
# hashcat cracking every exported line of the bundled captures; see scripts/bench-crack.sh (CRACK=0 leaves it
# out of make bench). Installs hashcat and pocl-opencl-icd when missing (root).
bench-crack:
	@command -v hashcat >/dev/null || { test "$$(id -u)" = 0 || { echo "bench-crack needs hashcat: run as root or apt-get install hashcat pocl-opencl-icd"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hashcat pocl-opencl-icd >/dev/null; }
	GO="$(GO)" ./scripts/bench-crack.sh

# pptpscope live against tcpdump (root): a PPTP-only capture replayed with tcpreplay --topspeed on a veth pair
# into both at once, each backend (libpcap, AF_PACKET), the default buffer and -B 32768; prints the replay rate and
# both tools' drops. Quick: make bench-live BENCH_LIVE_SESSIONS=100; see scripts/bench-live.sh.
bench-live: live-deps
	GO="$(GO)" ./scripts/bench-live.sh

# Soak check (root): replays a long generated capture on a veth pair into `pptpscope live` for
# SOAK_SECONDS (60) and fails if its RSS grows after the warm-up; see scripts/soak.sh.
soak: live-deps
	GO="$(GO)" ./scripts/soak.sh

clean:
	rm -rf bin
