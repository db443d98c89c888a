// Package interop checks that Gradio's official JavaScript client,
// @gradio/client (pinned in package.json, installed with npm ci from
// package-lock.json), works against Gradigo apps unchanged, and that the
// official MCP TypeScript SDK, @modelcontextprotocol/sdk (pinned the same way
// in mcp/), works against their MCP servers.
//
// Its tests start real apps on loopback listeners and run one Node script per
// scenario from scenarios/ (mcp/ for MCP), each in its own process with a
// watchdog:
//
//	go test ./interop    # runs npm ci first where node_modules is missing
//
// Node 20 or later and npm are required; the tests fail without them. The
// README's snippets run here too, as printed: the curl session, the JS and
// Go clients, the own-module commands, `gradigo dev`, and the nginx recipe,
// with Debian's nginx (make deps installs it; outside CI, its tests are
// skipped without it). The package has no code of its own.
package interop
