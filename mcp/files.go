package mcp

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
)

// File inputs. MCP clients cannot upload, so, as in Gradio, a file parameter
// of a tool is a string: an http(s) URL the server downloads (fetch.go says
// which addresses it refuses), or a base64 data: URL; also, beyond Gradio, a
// /gradio_api/file= URL of this app or a path the app handed out, which are
// resolved on disk with the same rules as the /file= route. Each becomes an
// upload of the app, sent to the handler as a FileData.

// inputs returns args with every file parameter's strings replaced by
// FileData objects. Other values, and FileData objects a client sent
// itself, pass unchanged: the app checks them as it checks any input.
func (f *fetcher) inputs(ctx context.Context, e endpoint, args map[string]json.RawMessage, root string) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(args))
	for name, raw := range args {
		out[name] = raw
		p, ok := e.param(name)
		if !ok || p.file == blocks.NotFile {
			continue
		}
		var err error
		if out[name], err = f.fileValue(ctx, p, raw, root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return out, nil
}

func (f *fetcher) fileValue(ctx context.Context, p param, raw json.RawMessage, root string) (json.RawMessage, error) {
	var s string
	var list []json.RawMessage
	switch {
	case p.file == blocks.OneFile && json.Unmarshal(raw, &s) == nil:
		return f.fileData(ctx, s, root)
	case p.file == blocks.FileList && json.Unmarshal(raw, &list) == nil:
		for i, item := range list {
			if json.Unmarshal(item, &s) != nil {
				continue
			}
			fd, err := f.fileData(ctx, s, root)
			if err != nil {
				return nil, fmt.Errorf("file %d: %w", i+1, err)
			}
			list[i] = fd
		}
		return json.Marshal(list)
	}
	return raw, nil
}

// fileData turns one file string into the FileData of a file the app holds.
func (f *fetcher) fileData(ctx context.Context, s, root string) (json.RawMessage, error) {
	var path, name string
	var err error
	switch {
	case strings.HasPrefix(s, "data:"):
		path, name, err = f.saveDataURL(s)
	case strings.HasPrefix(s, root+"/gradio_api/file="):
		path, err = url.PathUnescape(strings.TrimPrefix(s, root+"/gradio_api/file="))
		if err == nil {
			path, err = f.app.ResolveFile(path)
		}
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"):
		path, name, err = f.download(ctx, s)
	default:
		if path, err = f.app.ResolveFile(s); err != nil {
			return nil, fmt.Errorf("Invalid file data format, provide a url ('http://...' or 'https://...'). Received: %s", s)
		}
	}
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = pathBase(path)
	}
	return json.Marshal(map[string]any{"path": path, "orig_name": name, "meta": map[string]any{"_type": "gradio.FileData"}})
}

func pathBase(p string) string { return path.Base(strings.ReplaceAll(p, `\`, "/")) }

// saveDataURL stores the content of a data: URL (RFC 2397) as an upload
// named file.<extension of its media type>.
func (f *fetcher) saveDataURL(s string) (path, name string, err error) {
	meta, data, ok := strings.Cut(strings.TrimPrefix(s, "data:"), ",")
	if !ok {
		return "", "", fmt.Errorf("invalid data URL: no comma")
	}
	mediaType, isBase64 := strings.CutSuffix(meta, ";base64")
	var content []byte
	if isBase64 {
		content, err = base64.StdEncoding.DecodeString(data)
		if err != nil {
			// Some clients send URL-safe base64, or none of the padding.
			content, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(data, "="))
		}
		if err != nil {
			return "", "", fmt.Errorf("invalid data URL: bad base64 content")
		}
	} else {
		unescaped, err := url.PathUnescape(data)
		if err != nil {
			return "", "", fmt.Errorf("invalid data URL: %w", err)
		}
		content = []byte(unescaped)
	}
	mediaType, _, _ = strings.Cut(mediaType, ";")
	name = "file" + extensionOf(mediaType)
	path, err = f.app.SaveUpload(name, bytes.NewReader(content))
	return path, name, err
}

// extensions are the usual file extensions of the media types MCP clients
// send; the system's tables disagree about some and list several.
var extensions = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
	"image/svg+xml": ".svg", "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/mpeg": ".mp3",
	"audio/ogg": ".ogg", "video/mp4": ".mp4", "video/webm": ".webm", "application/pdf": ".pdf",
	"text/plain": ".txt", "application/json": ".json", "text/csv": ".csv",
}

func extensionOf(mediaType string) string { return extensions[strings.ToLower(mediaType)] }

// imageTypes are the pictures a tool result carries as image content, as
// Gradio does for every file it can open as an image.
var imageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// maxImageContent bounds a picture sent inline; a larger one is sent as its
// URL only.
const maxImageContent = 10 << 20

// outputContent turns a call's outputs into tool content, as Gradio's
// postprocess_output_data: a file is its URL, a picture also the picture;
// a string is itself; any other value its JSON.
func (s *Server) outputContent(e endpoint, out *blocks.Output) ([]sdk.Content, error) {
	l := s.app.ListenerByName(e.apiName)
	content := []sdk.Content{}
	for _, v := range l.APIData(out) {
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encode output: %w", err)
		}
		var generic any
		_ = json.Unmarshal(raw, &generic)
		switch x := generic.(type) {
		case string:
			content = append(content, &sdk.TextContent{Text: x})
		case map[string]any:
			if isFile(x) {
				content = append(content, s.fileContent(x)...)
				continue
			}
			content = append(content, &sdk.TextContent{Text: string(raw)})
		case []any:
			if len(x) > 0 && allFiles(x) {
				for _, f := range x {
					content = append(content, s.fileContent(f.(map[string]any))...)
				}
				continue
			}
			content = append(content, &sdk.TextContent{Text: string(raw)})
		default:
			content = append(content, &sdk.TextContent{Text: string(raw)})
		}
	}
	return content, nil
}

func isFile(m map[string]any) bool {
	meta, _ := m["meta"].(map[string]any)
	return meta["_type"] == "gradio.FileData"
}

func allFiles(list []any) bool {
	for _, v := range list {
		if m, ok := v.(map[string]any); !ok || !isFile(m) {
			return false
		}
	}
	return true
}

// fileContent is one output file: "Image URL: …" after the picture itself
// for pictures, else its URL.
func (s *Server) fileContent(fd map[string]any) []sdk.Content {
	p, _ := fd["path"].(string)
	u, _ := fd["url"].(string)
	if u == "" {
		u = p
	}
	mediaType := blocks.MimeType(p)
	if !imageTypes[mediaType] {
		return []sdk.Content{&sdk.TextContent{Text: u}}
	}
	if real, err := s.app.ResolveFile(p); err == nil {
		if info, err := os.Stat(real); err == nil && info.Size() <= maxImageContent {
			if data, err := os.ReadFile(real); err == nil {
				return []sdk.Content{&sdk.ImageContent{Data: data, MIMEType: mediaType},
					&sdk.TextContent{Text: "Image URL: " + u}}
			}
		}
	}
	return []sdk.Content{&sdk.TextContent{Text: "Image URL: " + u}}
}
