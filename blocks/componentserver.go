package blocks

import (
	"encoding/json"
	"errors"
	"fmt"
)

// componentServer is implemented by components whose page calls functions
// on the server (Gradio's @server methods, listed in the server_fns prop):
// FileExplorer's ls.
type componentServer interface {
	serverFns() map[string]func(data json.RawMessage) (any, error)
}

// ErrNoServerFunction is returned by CallComponentServer for a component or
// function that does not exist.
var ErrNoServerFunction = errors.New("blocks: no such component server function")

// CallComponentServer runs the server function fn of component id for a
// session, with the JSON data the page sent (Gradio's POST
// /gradio_api/component_server). It uses the session's copy of the
// component, with the props its updates set. Errors wrapping
// ErrNoServerFunction mean no such function; others say what is wrong with
// data.
func (a *App) CallComponentServer(session string, id int, fn string, data json.RawMessage) (any, error) {
	var n node
	switch {
	case id < 0:
	case id < len(a.blocks):
		n = a.blocks[id]
	default:
		n = a.renderedBlock(session, id)
	}
	c, ok := n.(Component)
	if !ok {
		return nil, fmt.Errorf("component %d: %w", id, ErrNoServerFunction)
	}
	srv, ok := a.sessionComponent(session, c).(componentServer)
	if !ok {
		return nil, fmt.Errorf("component %d: %w", id, ErrNoServerFunction)
	}
	f, ok := srv.serverFns()[fn]
	if !ok {
		return nil, fmt.Errorf("component %d, function %q: %w", id, fn, ErrNoServerFunction)
	}
	return f(data)
}
