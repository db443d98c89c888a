# make test: installs what the tests need (Chromium, curl and nginx from
# Debian, Gradio's JS client and the MCP TypeScript SDK from npm), then vets
# and runs every test with the race detector. CI runs exactly this.

GO ?= go
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: test deps vet demo

test: deps vet
	$(GO) test -race -count=1 -timeout 8m ./...
	@# The queue suite and its model test again, against a real redis-server
	@# (one replica; docs/cluster.md C16). It skips without redis-server
	@# outside CI and fails under CI=true.
	$(GO) test -race -count=1 -timeout 8m ./queue -coordinator=redis

vet:
	$(GO) vet ./...
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi

# Debian's Chromium drives the browser tests (chromedp); a test tool's own
# browser download cannot work offline. curl runs the README's curl session,
# nginx the README's nginx recipe (interop/nginx_test.go runs its own nginx,
# as the test's user, on a free loopback port). redis-server serves the
# cluster tests (each starts its own on a free loopback port; no service).
deps:
	@missing=""; for p in chromium curl nginx redis-server; do command -v $$p >/dev/null 2>&1 || [ -x /usr/sbin/$$p ] || [ -x /usr/bin/$$p ] || missing="$$missing $$p"; done; \
	[ -z "$$missing" ] || { \
		echo "installing$$missing (Debian packages) for the tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }
	@# @gradio/client, pinned by interop/package-lock.json, for the interop tests. Node.js 20+
	@# and npm come with the machine; without them those tests fail and say so.
	@[ -d interop/node_modules/@gradio/client ] || ! command -v npm >/dev/null 2>&1 || { \
		echo "installing @gradio/client (npm ci) for the interop tests"; \
		cd interop && npm ci --no-audit --no-fund --loglevel=error; }
	@# The official MCP TypeScript SDK, pinned by interop/mcp/package-lock.json, for the MCP tests.
	@[ -d interop/mcp/node_modules/@modelcontextprotocol/sdk ] || ! command -v npm >/dev/null 2>&1 || { \
		echo "installing @modelcontextprotocol/sdk (npm ci) for the MCP interop tests"; \
		cd interop/mcp && npm ci --no-audit --no-fund --loglevel=error; }

demo:
	$(GO) run ./demo/queuing

# make bench: the load generator's five scenarios (issue 6), each against
# Gradigo and a raw net/http baseline in the same run, in about 4 minutes on
# 2 cores; see BENCHMARKS.md. The hot-path Go benchmarks run apart:
# go test -run '^$$' -bench . -benchmem ./bench ./client
# make bench-instr (run first by make bench): the servers' instructions per
# job and per streamed token, and per operation of the hot-path benchmarks,
# counted by valgrind's callgrind (issue 13): stable on a busy machine.
.PHONY: bench bench-instr
bench: bench-instr
	$(GO) run ./bench

bench-instr:
	@command -v valgrind >/dev/null 2>&1 || { echo "installing valgrind (Debian) for make bench-instr"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
	$(GO) run ./bench -instr
