package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
)

// componentServerBody is Gradio's ComponentServerJSONBody.
type componentServerBody struct {
	SessionHash string          `json:"session_hash"`
	ComponentID *int            `json:"component_id"`
	FnName      string          `json:"fn_name"`
	Data        json.RawMessage `json:"data"`
}

// componentServer serves POST /gradio_api/component_server: a component's
// server function called by the page (a FileExplorer listing a folder).
func (s *Server) componentServer(c echo.Context) error {
	var body componentServerBody
	if err := decodeBody(c, &body); err != nil {
		return err
	}
	if err := checkSessionHash(body.SessionHash); err != nil {
		return err
	}
	if body.ComponentID == nil || body.FnName == "" {
		return detail(c, http.StatusUnprocessableEntity, "component_id and fn_name are required.")
	}
	out, err := s.app.CallComponentServer(body.SessionHash, *body.ComponentID, body.FnName, body.Data)
	switch {
	case errors.Is(err, blocks.ErrNoServerFunction):
		return detail(c, http.StatusNotFound, "Function not found.")
	case err != nil:
		return detail(c, http.StatusBadRequest, err.Error())
	}
	return c.JSON(http.StatusOK, out)
}
