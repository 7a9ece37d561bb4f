# pptpscope — see README.md. Every target works on a fresh Debian machine with Go.
GO        ?= go
BIN       := bin/pptpscope
DEMO_PCAP := testdata/pcaps/pppd__mschapv2-mppe128.pcap
STATICCHECK_VERSION := v0.8.2
FUZZTIME  ?= 3s

.PHONY: all build demo test race lint fuzz crosscheck bench golden clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/pptpscope

# Builds pptpscope and lists the handshake of a bundled real capture.
demo: build
	./$(BIN) packets $(DEMO_PCAP)

# All tests (unit, golden, tshark cross-check from committed data, README examples).
test:
	$(GO) test ./...

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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
