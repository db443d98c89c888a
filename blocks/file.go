package blocks

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
)

// File takes or shows a file, or several with Multiple (Gradio's gr.File).
// Handlers take and return a FileData or a string (the file's path); with
// Multiple, a slice of either. A returned path outside the app's folders is
// copied into its output folder, so that clients can download it.
type File struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Multiple takes and shows a list of files (Gradio's file_count="multiple").
	Multiple bool
	// FileTypes limits the files accepted as input: extensions (".pdf") or
	// kinds ("image", "audio", "video", "text"). Empty accepts every file.
	FileTypes []string
	// Height fixes the displayed height in pixels when set.
	Height int
}

func (*File) kind() string { return "file" }

func (c *File) props(*App) map[string]any {
	p := map[string]any{"file_count": c.fileCount(), "type": "filepath", "allow_reordering": false, "buttons": []string{}}
	c.fieldProps(p, c.Label, c.Info)
	if len(c.FileTypes) > 0 {
		p["file_types"] = c.FileTypes
	}
	if c.Height != 0 {
		p["height"] = c.Height
	}
	return p
}

func (c *File) fileCount() string {
	if c.Multiple {
		return "multiple"
	}
	return "single"
}

// fileTypes are the Go types of one file in handlers.
func fileTypes(t reflect.Type) bool {
	return t == fileDataType || t == reflect.PointerTo(fileDataType) || t.Kind() == reflect.String
}

func (c *File) want() string {
	if c.Multiple {
		return "[]blocks.FileData or []string (paths)"
	}
	return "blocks.FileData or string (a path)"
}

func (c *File) checkIn(t reflect.Type) (bool, string) {
	if c.Multiple {
		return t.Kind() == reflect.Slice && (t.Elem() == fileDataType || t.Elem().Kind() == reflect.String), c.want()
	}
	return t == fileDataType || t.Kind() == reflect.String, c.want()
}

func (c *File) checkOut(t reflect.Type) (bool, string) {
	if c.Multiple {
		return t.Kind() == reflect.Slice && fileTypes(t.Elem()), c.want()
	}
	return fileTypes(t), c.want()
}

func (c *File) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	if !c.Multiple {
		f, err := c.decodeOne(raw, files)
		if err != nil {
			return v, err
		}
		setFile(v, f)
		return v, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return v, fmt.Errorf("Input should be a valid list, got %s", jsonKind(raw))
	}
	v.Set(reflect.MakeSlice(t, len(list), len(list)))
	for i, item := range list {
		f, err := c.decodeOne(item, files)
		if err != nil {
			return v, fmt.Errorf("file %d: %w", i+1, err)
		}
		setFile(v.Index(i), f)
	}
	return v, nil
}

func (c *File) decodeOne(raw json.RawMessage, files *fileStore) (FileData, error) {
	f, err := decodeFileWithMeta(raw, files)
	if err != nil {
		return f, err
	}
	if !acceptsFile(c.FileTypes, f) {
		quoted := make([]string, len(c.FileTypes))
		for i, t := range c.FileTypes {
			quoted[i] = "'" + t + "'"
		}
		return f, &Error{Message: "Invalid file type. Please upload a file that is one of these formats: [" +
			strings.Join(quoted, ", ") + "]"}
	}
	return f, nil
}

// acceptsFile checks a file against a component's file types by extension
// or media type kind, as Gradio's is_valid_file does; no types accept all.
func acceptsFile(types []string, f FileData) bool {
	if len(types) == 0 {
		return true
	}
	name := f.OrigName
	if name == "" {
		name = f.Path
	}
	ext := strings.ToLower(filepath.Ext(name))
	kind, _, _ := strings.Cut(MimeType(name), "/")
	return slices.ContainsFunc(types, func(t string) bool {
		t = strings.ToLower(t)
		if strings.HasPrefix(t, ".") {
			return t == ext
		}
		return t == kind || t == "file"
	})
}

// setFile stores f in v, a FileData or a string (its path).
func setFile(v reflect.Value, f FileData) {
	if v.Kind() == reflect.String {
		v.SetString(f.Path)
		return
	}
	v.Set(reflect.ValueOf(f))
}

func (c *File) encode(v reflect.Value, out *outputContext) (any, error) {
	if !c.Multiple {
		return encodeFileValue(v, out)
	}
	if v.IsNil() {
		return nil, nil
	}
	list := make([]any, 0, v.Len())
	for i := range v.Len() {
		f, err := encodeFileValue(v.Index(i), out)
		if err != nil {
			return nil, fmt.Errorf("file %d: %w", i+1, err)
		}
		if f != nil {
			list = append(list, f)
		}
	}
	return list, nil
}

// encodeFileValue serves one returned FileData, *FileData or path; the zero
// value shows no file.
func encodeFileValue(v reflect.Value, out *outputContext) (any, error) {
	switch x := v.Interface().(type) {
	case FileData:
		if x.Path == "" {
			return nil, nil
		}
		return encodeFilePath(x.Path, x.OrigName, out)
	case *FileData:
		if x == nil || x.Path == "" {
			return nil, nil
		}
		return encodeFilePath(x.Path, x.OrigName, out)
	}
	if v.String() == "" {
		return nil, nil
	}
	return encodeFilePath(v.String(), "", out)
}

func (c *File) apiInfo() map[string]any {
	if c.Multiple {
		return listFilesSchema()
	}
	return fileDataSchema()
}

func (c *File) pythonType() string {
	if c.Multiple {
		return "list[filepath]"
	}
	return "filepath"
}

func (c *File) exampleInput() any {
	ex := exampleFile("https://github.com/gradio-app/gradio/raw/main/test/test_files/sample_file.pdf")
	if c.Multiple {
		return []any{ex}
	}
	return ex
}

func (*File) initialValue(*App) any { return nil }

// exampleFile is the FileData Gradio shows as example input for a URL.
func exampleFile(u string) map[string]any {
	return map[string]any{"path": u, "meta": map[string]any{"_type": "gradio.FileData"},
		"orig_name": filepath.Base(u), "url": u}
}

// fileDataDoc is the FileData class docstring Gradio puts in its schemas.
const fileDataDoc = "The FileData class is a subclass of the GradioModel class that represents a file object within a Gradio interface. It is used to store file data and metadata when a file is uploaded.\n\nAttributes:\n    path: The server file path where the file is stored.\n    url: The normalized server URL pointing to the file.\n    size: The size of the file in bytes.\n    orig_name: The original filename before upload.\n    mime_type: The MIME type of the file.\n    is_stream: Indicates whether the file is a stream.\n    meta: Additional metadata used internally (should not be changed)."

// fileDataProps are the properties of Gradio's FileData schema (components
// doc A.1); the Python client recognises file parameters by their shape.
func fileDataProps() map[string]any {
	opt := func(kind, title string) map[string]any {
		return map[string]any{"anyOf": []any{map[string]any{"type": kind}, map[string]any{"type": "null"}},
			"default": nil, "title": title}
	}
	return map[string]any{
		"path":      map[string]any{"title": "Path", "type": "string"},
		"url":       opt("string", "Url"),
		"size":      opt("integer", "Size"),
		"orig_name": opt("string", "Orig Name"),
		"mime_type": opt("string", "Mime Type"),
		"is_stream": map[string]any{"default": false, "title": "Is Stream", "type": "boolean"},
		"meta":      map[string]any{"$ref": "#/$defs/FileDataMeta"},
	}
}

func fileDataMetaSchema() map[string]any {
	return map[string]any{
		"properties": map[string]any{"_type": map[string]any{"const": "gradio.FileData", "title": "Type", "type": "string"}},
		"required":   []string{"_type"}, "title": "FileDataMeta", "type": "object",
	}
}

// fileDataSchema is Gradio's FileData schema (components doc A.1), for File
// and Audio.
func fileDataSchema() map[string]any {
	return map[string]any{
		"$defs":      map[string]any{"FileDataMeta": fileDataMetaSchema()},
		"properties": fileDataProps(), "required": []string{"path"}, "title": "FileData", "type": "object",
		"additional_description": fileDataDoc,
	}
}

// fileDataDef is FileData as a $defs entry of a larger schema.
func fileDataDef() map[string]any {
	return map[string]any{"description": fileDataDoc, "properties": fileDataProps(), "required": []string{"path"},
		"title": "FileData", "type": "object"}
}

// listFilesSchema is Gradio's ListFiles schema (components doc A.3).
func listFilesSchema() map[string]any {
	return map[string]any{
		"$defs":                  map[string]any{"FileData": fileDataDef(), "FileDataMeta": fileDataMetaSchema()},
		"items":                  map[string]any{"$ref": "#/$defs/FileData"},
		"title":                  "ListFiles",
		"type":                   "array",
		"additional_description": nil,
	}
}

// FileUpdate changes a File's value and props.
type FileUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the File shows as an output.
	Value      any       `json:"-"`
	ClearValue bool      `json:"-"` // empties the component
	Label      *string   `json:"label,omitempty"`
	ShowLabel  *bool     `json:"show_label,omitempty"`
	FileTypes  *[]string `json:"file_types,omitempty"`
	Height     *int      `json:"height,omitempty"`
}

func (FileUpdate) updateKind() string { return "file" }
