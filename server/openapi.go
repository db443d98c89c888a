package server

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
)

// GET /gradio_api/openapi.json describes the app's HTTP API as an OpenAPI
// 3.1 document, as Gradio's openapi_schema (gradio/routes.py) does for its
// 3.0 one: the upload route, and for each public endpoint the curl API
// (POST /gradio_api/call/v2/{name} with named arguments, and
// GET /gradio_api/call/{name}/{event_id} for its result) — plus what Gradio
// leaves out: POST /gradio_api/call/{name} with a data list, and
// POST /gradio_api/run/{name}, which answers with the output directly. The
// parameter and return schemas are the endpoints' /info types as standard
// JSON Schema (blocks.JSONSchema), their definitions in components.schemas.
// With a login, the document says so and describes POST /login.

func (s *Server) openAPIRoutes(api *echo.Group) {
	api.GET("/openapi.json", func(c echo.Context) error {
		return c.JSON(http.StatusOK, s.openAPI(s.root(c)))
	})
}

// obj is a JSON object of the document.
type obj = map[string]any

// openAPIDoc collects the document's paths and shared schemas.
type openAPIDoc struct {
	paths   obj
	schemas obj
	opIDs   map[string]bool
}

const schemaRef = "#/components/schemas/"

func (s *Server) openAPI(root string) obj {
	d := &openAPIDoc{paths: obj{}, opIDs: map[string]bool{}, schemas: obj{
		"EventID": obj{"type": "object", "properties": obj{"event_id": obj{"type": "string"}}, "required": []string{"event_id"}},
		"Error": obj{"type": "object", "description": "Gradio's error body: a message, or a list of validation problems.",
			"properties": obj{"detail": obj{}}, "required": []string{"detail"}},
	}}
	d.paths["/gradio_api/upload"] = obj{"post": d.op("upload_file_upload_post", obj{
		"summary":     "Upload File",
		"description": "Saves the files; send the returned paths back as {\"path\": …, \"meta\": {\"_type\": \"gradio.FileData\"}}.",
		"requestBody": obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": obj{
			"type": "object", "required": []string{"files"},
			"properties": obj{"files": obj{"type": "array", "description": "One or more files to upload",
				"items": obj{"type": "string", "contentMediaType": "application/octet-stream"}}}}}}},
		"responses": obj{
			"200": jsonResponse("List of file paths where the uploaded files were saved", obj{"type": "array", "items": obj{"type": "string"}}),
			"400": textResponse("Invalid content type or multipart body"),
			"413": textResponse("File exceeds maximum allowed size"),
		},
	})}
	info := s.app.APIInfo(false)
	for _, l := range s.app.Listeners() {
		if ep := info.NamedEndpoints["/"+l.APIName()]; ep != nil {
			d.endpoint(l.APIName(), ep)
		}
	}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{"title": s.app.Config("").Title, "version": blocks.GradioVersion,
			"description": "The HTTP API of a Gradigo app, which speaks Gradio's protocol."},
		"servers": []obj{{"url": root}},
		"paths":   d.paths,
	}
	components := obj{"schemas": d.schemas}
	if s.auth.enabled() {
		components["securitySchemes"] = obj{
			"login": obj{"type": "apiKey", "in": "cookie", "name": s.auth.cookieName(false),
				"description": "The cookie POST /login sets, over http."},
			"login_secure": obj{"type": "apiKey", "in": "cookie", "name": s.auth.cookieName(true),
				"description": "The cookie POST /login sets, over https."},
		}
		doc["security"] = []obj{{"login": []string{}}, {"login_secure": []string{}}}
		d.paths["/login"] = obj{"post": d.op("login", obj{
			"summary": "Log in", "security": []obj{},
			"requestBody": obj{"required": true, "content": obj{"application/x-www-form-urlencoded": obj{"schema": obj{
				"type": "object", "required": []string{"username", "password"},
				"properties": obj{"username": obj{"type": "string"}, "password": obj{"type": "string"}}}}}},
			"responses": obj{
				"200": jsonResponse("Logged in; the response sets the login cookie", obj{"type": "object",
					"properties": obj{"success": obj{"type": "boolean"}}}),
				"400": errorResponse("Incorrect credentials"),
			},
		})}
	}
	doc["components"] = components
	return doc
}

// endpoint adds the paths of one endpoint.
func (d *openAPIDoc) endpoint(name string, ep *blocks.Endpoint) {
	params := make([]any, len(ep.Parameters))
	named := obj{}
	required := []string{}
	example := obj{}
	files := false
	for i, p := range ep.Parameters {
		schema := d.schema(p.Type)
		schema["title"] = p.Label
		if p.ParameterHasDefault {
			schema["default"] = p.ParameterDefault
		} else {
			required = append(required, p.ParameterName)
		}
		params[i], named[p.ParameterName] = schema, schema
		example[p.ParameterName] = p.ExampleInput
		if p.ParameterHasDefault {
			example[p.ParameterName] = p.ParameterDefault
		}
		files = files || blocks.FileKindOf(p.Type) != blocks.NotFile
	}
	returns := make([]any, len(ep.Returns))
	for i, r := range ep.Returns {
		returns[i] = d.schema(r.Type)
		returns[i].(obj)["title"] = r.Label
	}
	summary := ep.Description
	if summary == "" {
		summary = "Endpoint /" + name
	}
	if files {
		summary += ". File inputs must first be uploaded via POST /gradio_api/upload (multipart/form-data with a \"files\" field). Use the returned path in the request body as {\"path\": \"<uploaded_path>\", \"meta\": {\"_type\": \"gradio.FileData\"}}."
	}
	result := fmt.Sprintf("Output must be fetched from GET /gradio_api/call/%s/{event_id}, an event stream whose last event is `event: complete` with `data:` a JSON array of %d outputs, or `event: error`.", name, len(returns))
	dataList := tuple(params)
	queued := obj{
		"200": jsonResponse("The call is queued", obj{"$ref": schemaRef + "EventID"}),
		"404": errorResponse("No such endpoint"),
		"422": errorResponse("Missing, unknown or invalid arguments"),
		"503": errorResponse("The queue is full or stopped"),
	}
	d.paths["/gradio_api/call/v2/"+name] = obj{"post": d.op(name, obj{
		"summary": summary, "description": result,
		"requestBody": obj{"required": true, "content": obj{"application/json": obj{
			"schema":   obj{"type": "object", "properties": named, "required": required},
			"examples": obj{"example1": obj{"value": example}}}}},
		"responses": queued,
	})}
	d.paths["/gradio_api/call/"+name] = obj{"post": d.op(name+"_call", obj{
		"summary": summary, "description": "The same call with the arguments as a list, in order. " + result,
		"requestBody": obj{"required": true, "content": obj{"application/json": obj{"schema": obj{
			"type": "object", "required": []string{"data"},
			"properties": obj{"data": dataList, "session_hash": obj{"type": "string",
				"description": "A session whose State values the call uses"}}}}}},
		"responses": queued,
	})}
	d.paths["/gradio_api/call/"+name+"/{event_id}"] = obj{"get": d.op(name+"_get", obj{
		"summary":     "Fetch results for /" + name,
		"description": "Returns a stream of server-sent events (SSE): `event: generating` for each intermediate output of a streaming endpoint, then `event: complete` with `data` containing a JSON array of outputs, or `event: error`.",
		"parameters": []obj{{"name": "event_id", "in": "path", "required": true, "schema": obj{"type": "string"},
			"description": "The event_id returned by the POST request"}},
		"responses": obj{"200": obj{"description": "SSE stream with event: complete containing a JSON array of outputs",
			"content": obj{"text/event-stream": obj{"schema": obj{"type": "string"}}}}},
	})}
	d.paths["/gradio_api/run/"+name] = obj{"post": d.op(name+"_run", obj{
		"summary": summary, "description": "Runs the call at once, outside the queue, and answers with its output.",
		"requestBody": obj{"required": true, "content": obj{"application/json": obj{"schema": obj{
			"type": "object", "required": []string{"data"},
			"properties": obj{"data": dataList, "session_hash": obj{"type": "string"}}}}}},
		"responses": obj{
			"200": jsonResponse("The call's output", obj{"type": "object", "required": []string{"data"},
				"properties": obj{"data": tuple(returns), "is_generating": obj{"type": "boolean"},
					"duration": obj{"type": "number"}, "average_duration": obj{"type": []string{"number", "null"}},
					"render_config": obj{}, "changed_state_ids": obj{"type": "array", "items": obj{"type": "integer"}},
					"used_cache": obj{}}}),
			"404": errorResponse("No such endpoint"),
			"422": errorResponse("Missing or invalid arguments"),
			"500": jsonResponse("The handler failed", obj{"type": "object", "properties": obj{
				"error": obj{"type": []string{"string", "null"}}, "title": obj{"type": "string"}}}),
		},
	})}
}

// schema is an /info type as standard JSON Schema, its definitions moved to
// components.schemas.
func (d *openAPIDoc) schema(t map[string]any) obj {
	schema, defs := blocks.JSONSchema(t, schemaRef)
	for name, def := range defs {
		d.schemas[name] = def
	}
	return schema
}

// op finishes an operation with a unique operationId: id, or id with a
// number when two endpoints' names would give the same one.
func (d *openAPIDoc) op(id string, o obj) obj {
	unique := id
	for i := 2; d.opIDs[unique]; i++ {
		unique = fmt.Sprintf("%s_%d", id, i)
	}
	d.opIDs[unique] = true
	o["operationId"] = unique
	return o
}

// tuple is a JSON array of exactly the given items, in order.
func tuple(items []any) obj {
	if len(items) == 0 {
		return obj{"type": "array", "maxItems": 0}
	}
	return obj{"type": "array", "prefixItems": slices.Clone(items), "minItems": len(items), "maxItems": len(items)}
}

func jsonResponse(desc string, schema obj) obj {
	return obj{"description": desc, "content": obj{"application/json": obj{"schema": schema}}}
}

func textResponse(desc string) obj {
	return obj{"description": desc, "content": obj{"text/plain": obj{"schema": obj{"type": "string"}}}}
}

func errorResponse(desc string) obj { return jsonResponse(desc, obj{"$ref": schemaRef + "Error"}) }
