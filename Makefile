# make test: installs what the tests need (Chromium for the browser tests),
# then vets and runs every test with the race detector. CI runs exactly this.

GO ?= go
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: test deps vet demo

test: deps vet
	$(GO) test -race -count=1 -timeout 8m ./...

vet:
	$(GO) vet ./...
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi

# Debian's Chromium drives the browser tests (chromedp); a test tool's own
# browser download cannot work offline.
deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (Debian package) for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

demo:
	$(GO) run ./demo/queuing
