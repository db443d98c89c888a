package mcp

import (
	"context"
	"sync"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// The SDK ends a session gracefully: a client's DELETE or a dropped SSE
// stream waits for the session's running calls to finish, for nobody. calls
// lets ServeHTTP cancel them first, as a browser's closed stream cancels its
// jobs. Calls are keyed by session: the Mcp-Session-Id of a Streamable HTTP
// session, or for an SSE session (which has none) the id given to it when
// its stream opened.
type calls struct {
	mu      sync.Mutex
	running map[string]map[*int]context.CancelFunc
}

func sessionKey(ss *sdk.ServerSession, cl client) string {
	if ss != nil && ss.ID() != "" {
		return ss.ID()
	}
	return cl.session
}

// bind returns a context for a call of session key, cancelled by cancel(key),
// and the function that forgets the call once it is over.
func (c *calls) bind(ctx context.Context, key string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	id := new(int)
	c.mu.Lock()
	if c.running == nil {
		c.running = map[string]map[*int]context.CancelFunc{}
	}
	if c.running[key] == nil {
		c.running[key] = map[*int]context.CancelFunc{}
	}
	c.running[key][id] = cancel
	c.mu.Unlock()
	return ctx, func() {
		c.mu.Lock()
		delete(c.running[key], id)
		if len(c.running[key]) == 0 {
			delete(c.running, key)
		}
		c.mu.Unlock()
		cancel()
	}
}

// cancel cancels the running calls of session key.
func (c *calls) cancel(key string) {
	c.mu.Lock()
	running := c.running[key]
	delete(c.running, key)
	c.mu.Unlock()
	for _, cancel := range running {
		cancel()
	}
}
