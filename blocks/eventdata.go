package blocks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
)

// Event data: a handler that declares a parameter of one of these types
// receives what the page says about the event that ran it (Gradio's
// gr.EventData and its subclasses). The parameter may sit anywhere among the
// input parameters; it takes no input. The page then sends the event's data
// with every call (collects_event_data in /config).
//
// The types with a value are generic over the value's Go type: a Radio's
// select gives SelectData[string], a Chatbot's like LikeData[[]any] or
// LikeData[any]. A value that does not fit T is refused with a 422.

// EventData is the data of any event: which block fired it, and the raw data
// the page sent (Gradio's gr.EventData; an HTML component's trigger('click',
// {option: "A"}) sends {"option": "A"}).
type EventData struct {
	// Target is the block whose event ran the listener: compare it with the
	// blocks you hold, or switch on its type. Nil when the caller did not
	// say (an API client).
	Target Node
	raw    json.RawMessage
}

// Decode reads the event's raw data into v, as json.Unmarshal does.
func (e EventData) Decode(v any) error {
	if len(e.raw) == 0 {
		return errors.New("blocks: the event carries no data")
	}
	return json.Unmarshal(e.raw, v)
}

// Raw returns the event's data as the page sent it (nil if none).
func (e EventData) Raw() json.RawMessage { return e.raw }

// SelectData is the data of a select event (Gradio's gr.SelectData).
type SelectData[T any] struct {
	EventData
	// Index is where the selection is: one number for a list's item (a
	// choice, a message, a gallery image, a tab), two for a table's row and
	// column or a text's [start, end) range, or a plot's selected x range
	// rounded down (Value holds it exactly: use SelectData[[]float64]).
	Index []int
	// Value is the selected item's value.
	Value T
	// Selected is false when the item was deselected.
	Selected bool
	// RowValue and ColValue hold the selected cell's whole row and column,
	// for tables.
	RowValue []T
	ColValue []T
}

// LikeData is the data of a Chatbot's like event (Gradio's gr.LikeData).
type LikeData[T any] struct {
	EventData
	// Index is the message's position.
	Index []int
	// Value is the liked message's content.
	Value T
	// Liked is true for a like, false for a dislike or another feedback.
	Liked bool
	// Feedback is the chosen option when it is neither Like nor Dislike.
	Feedback string
}

// KeyUpData is the data of a key_up event (Gradio's gr.KeyUpData).
type KeyUpData struct {
	EventData
	// Key is the key released, as the browser names it ("Enter", "a").
	Key string
	// InputValue is the text shown in the field after the key, which may
	// differ from the component's value (a Dropdown's filter text).
	InputValue string
}

// EditData is the data of an edit event (Gradio's gr.EditData).
type EditData[T any] struct {
	EventData
	// Index is the edited item's position.
	Index []int
	// Value is the new content; PreviousValue the content before the edit.
	Value, PreviousValue T
}

// CopyData is the data of a copy event (Gradio's gr.CopyData).
type CopyData[T any] struct {
	EventData
	// Value is what was copied.
	Value T
}

// RetryData is the data of a Chatbot's retry event (Gradio's gr.RetryData).
type RetryData[T any] struct {
	EventData
	// Index is the position of the user message to answer again.
	Index []int
	// Value is that message's content.
	Value T
}

// UndoData is the data of a Chatbot's undo event (Gradio's gr.UndoData).
type UndoData[T any] struct {
	EventData
	// Index is the position of the user message to take back.
	Index []int
	// Value is that message's content.
	Value T
}

// DeletedFileData is the data of a delete event: the file the user removed
// (Gradio's gr.DeletedFileData), and for a Gallery its position.
type DeletedFileData struct {
	EventData
	File FileData
	// Index is the removed item's position in a Gallery (0 for a File).
	Index int
}

// DownloadData is the data of a download event: the file the user
// downloaded (Gradio's gr.DownloadData).
type DownloadData struct {
	EventData
	File FileData
}

// eventDecoder is implemented by a pointer to each event data type.
type eventDecoder interface {
	decodeEvent(target Node, raw json.RawMessage) error
}

var eventDecoderType = reflect.TypeFor[eventDecoder]()

func isEventData(t reflect.Type) bool { return reflect.PointerTo(t).Implements(eventDecoderType) }

// decodeEventData makes the value of a handler's event data parameter of
// type t.
func decodeEventData(t reflect.Type, target Node, raw json.RawMessage) (reflect.Value, error) {
	v := reflect.New(t)
	if err := v.Interface().(eventDecoder).decodeEvent(target, raw); err != nil {
		return reflect.Value{}, err
	}
	return v.Elem(), nil
}

func (e *EventData) decodeEvent(target Node, raw json.RawMessage) error {
	e.Target = target
	if !isNull(raw) {
		e.raw = raw
	}
	return nil
}

// eventFields reads raw's JSON object into into, field by field, after
// filling the EventData; a missing or null raw leaves the zero values.
func (e *EventData) decodeInto(target Node, raw json.RawMessage, into any) error {
	_ = e.decodeEvent(target, raw)
	if e.raw == nil {
		return nil
	}
	if err := json.Unmarshal(e.raw, into); err != nil {
		return fmt.Errorf("event data: %w", err)
	}
	return nil
}

// index reads Gradio's index: a number or a list of numbers (null: none).
type index []int

func (x *index) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*x = nil
		return nil
	case len(b) > 0 && b[0] == '[':
		var list []float64
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("index: expected a number or a list of numbers")
		}
		*x = make(index, len(list))
		for i, f := range list {
			(*x)[i] = int(math.Floor(f))
		}
		return nil
	}
	var n float64
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("index: expected a number or a list of numbers")
	}
	*x = index{int(math.Floor(n))}
	return nil
}

func (d *SelectData[T]) decodeEvent(target Node, raw json.RawMessage) error {
	w := struct {
		Index    index `json:"index"`
		Value    T     `json:"value"`
		Selected *bool `json:"selected"`
		RowValue []T   `json:"row_value"`
		ColValue []T   `json:"col_value"`
	}{}
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Index, d.Value, d.RowValue, d.ColValue = w.Index, w.Value, w.RowValue, w.ColValue
	d.Selected = w.Selected == nil || *w.Selected // Gradio: selected defaults to True
	return nil
}

func (d *LikeData[T]) decodeEvent(target Node, raw json.RawMessage) error {
	w := struct {
		Index index           `json:"index"`
		Value T               `json:"value"`
		Liked json.RawMessage `json:"liked"`
	}{}
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Index, d.Value, d.Liked = w.Index, w.Value, true // Gradio: liked defaults to True
	if len(w.Liked) > 0 {
		if err := json.Unmarshal(w.Liked, &d.Liked); err != nil {
			d.Liked = false
			if err := json.Unmarshal(w.Liked, &d.Feedback); err != nil {
				return errors.New("event data: liked: expected a boolean or a string")
			}
		}
	}
	return nil
}

func (d *KeyUpData) decodeEvent(target Node, raw json.RawMessage) error {
	w := struct {
		Key        string `json:"key"`
		InputValue string `json:"input_value"`
	}{}
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Key, d.InputValue = w.Key, w.InputValue
	return nil
}

func (d *EditData[T]) decodeEvent(target Node, raw json.RawMessage) error {
	w := struct {
		Index         index `json:"index"`
		Value         T     `json:"value"`
		PreviousValue T     `json:"previous_value"`
	}{}
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Index, d.Value, d.PreviousValue = w.Index, w.Value, w.PreviousValue
	return nil
}

func (d *CopyData[T]) decodeEvent(target Node, raw json.RawMessage) error {
	w := struct {
		Value T `json:"value"`
	}{}
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Value = w.Value
	return nil
}

// indexValue is the shape of retry and undo data.
type indexValue[T any] struct {
	Index index `json:"index"`
	Value T     `json:"value"`
}

func (d *RetryData[T]) decodeEvent(target Node, raw json.RawMessage) error {
	var w indexValue[T]
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Index, d.Value = w.Index, w.Value
	return nil
}

func (d *UndoData[T]) decodeEvent(target Node, raw json.RawMessage) error {
	var w indexValue[T]
	if err := d.decodeInto(target, raw, &w); err != nil {
		return err
	}
	d.Index, d.Value = w.Index, w.Value
	return nil
}

// eventFile reads a FileData sent as event data. The file is not opened:
// it describes what the user deleted or downloaded.
func eventFile(e *EventData, target Node, raw json.RawMessage) (FileData, error) {
	var w wireFile
	if err := e.decodeInto(target, raw, &w); err != nil {
		return FileData{}, err
	}
	f := FileData{Path: w.Path}
	if w.URL != nil {
		f.URL = *w.URL
	}
	if w.Size != nil {
		f.Size = *w.Size
	}
	if w.OrigName != nil {
		f.OrigName = *w.OrigName
	}
	if w.MimeType != nil {
		f.MimeType = *w.MimeType
	}
	return f, nil
}

func (d *DeletedFileData) decodeEvent(target Node, raw json.RawMessage) (err error) {
	// A Gallery sends {file, index}; a File the FileData itself.
	var g struct {
		File  json.RawMessage `json:"file"`
		Index int             `json:"index"`
	}
	if json.Unmarshal(raw, &g) == nil && len(g.File) > 0 {
		d.Index = g.Index
		d.File, err = eventFile(&d.EventData, target, g.File)
		d.EventData.raw = raw
		return err
	}
	d.File, err = eventFile(&d.EventData, target, raw)
	return err
}

func (d *DownloadData) decodeEvent(target Node, raw json.RawMessage) (err error) {
	d.File, err = eventFile(&d.EventData, target, raw)
	return err
}
