# pptpscope — see README.md. Every target works on a fresh Debian machine with Go.
GO        ?= go
BIN       := bin/pptpscope
DEMO_PCAP := testdata/pcaps/pppd__mschapv2-mppe128.pcap
STATICCHECK_VERSION := v0.8.2
FUZZTIME  ?= 3s

.PHONY: all build demo test browser race lint fuzz crosscheck bench golden clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/pptpscope

# Builds pptpscope and lists the handshake of a bundled real capture.
demo: build
	./$(BIN) packets $(DEMO_PCAP)

# All tests (unit, golden, tshark cross-check from committed data, README examples, the report in a browser).
test: browser
	$(GO) test ./...

# Headless Chromium (and a CJK font for the Chinese report) for the report's browser test: Debian's packages,
# installed when missing. Installing needs root; without chromium TestReportInBrowser fails.
browser:
	@command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi wenquanyi || { \
		test "$$(id -u)" = 0 || { echo "make test needs Debian's chromium and fonts-wqy-microhei: run as root or apt-get install them"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

race:
	CGO_ENABLED=1 $(GO) test -race ./...

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Runs every fuzz target for FUZZTIME (default 3s; FUZZTIME=5m for a real run).
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Regenerates testdata/tshark/ from tshark's dissection (needs tshark; installs it when missing).
crosscheck:
	@command -v tshark >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark; }
	./scripts/tshark-crosscheck.sh

# Rewrites the golden files from the current output (review the diff!).
golden:
	$(GO) test ./... -run Golden -update

# Generates a large capture in bench-out/ (BENCH_SESSIONS=500, BENCH_PACKETS=2300000), runs the Go benchmarks
# (BENCH_COUNT=5) and times a bare read loop, pptpscope analyze and tshark on it; see scripts/bench.sh.
# Quick: make bench BENCH_PACKETS=200000 BENCH_SCALE=1000 BENCH_COUNT=1
# (BENCH_* variables reach the script through the environment; make exports those given on its command line.)
bench:
	GO="$(GO)" ./scripts/bench.sh

clean:
	rm -rf bin
