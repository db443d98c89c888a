package blocks

import (
	"encoding/json"
	"errors"
	"reflect"
)

// The layouts' handles: what App.Row, App.Column… return, so that a
// listener can write to a layout (show a Row, open an Accordion, select a
// Tab) and listen to its events (an Accordion's Expand, a Tab's Select).

// Row is a row of blocks (App.Row). As an output it takes a RowUpdate.
type Row struct{ *layoutBlock }

// Column is a column of blocks (App.Column). As an output it takes a
// ColumnUpdate.
type Column struct{ *layoutBlock }

// Group is a gapless panel of blocks (App.Group). As an output it takes a
// GroupUpdate.
type Group struct{ *layoutBlock }

// Accordion is a collapsible section (App.Accordion). As an output it takes
// an AccordionUpdate.
type Accordion struct{ *layoutBlock }

// Sidebar is a collapsible panel at the side of the page (App.Sidebar).
// As an output it takes a SidebarUpdate, e.g. to open it.
type Sidebar struct{ *layoutBlock }

// Tabs holds Tab pages (App.Tabs). As an output it takes a TabsUpdate, e.g.
// to select a tab.
type Tabs struct{ *layoutBlock }

// Tab is one page of a Tabs (App.Tab). As an output it takes a TabUpdate.
type Tab struct{ *layoutBlock }

// RowUpdate changes a Row's props.
type RowUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Variant     *string     `json:"variant,omitempty"`
	EqualHeight *bool       `json:"equal_height,omitempty"`
	Height      *int        `json:"height,omitempty"`
}

// ColumnUpdate changes a Column's props.
type ColumnUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Variant     *string     `json:"variant,omitempty"`
}

// GroupUpdate changes a Group's props.
type GroupUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
}

// AccordionUpdate changes an Accordion's props: open or close it, relabel it.
type AccordionUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Open        *bool       `json:"open,omitempty"`
	Label       *string     `json:"label,omitempty"`
}

// SidebarUpdate changes a Sidebar's props: open or close it, relabel it.
type SidebarUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Open        *bool       `json:"open,omitempty"`
	Label       *string     `json:"label,omitempty"`
	Width       *int        `json:"width,omitempty"`
}

// TabsUpdate changes a Tabs' props: Selected picks the tab with that ID
// (see TabID).
type TabsUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Selected    *string     `json:"selected,omitempty"`
}

// TabUpdate changes a Tab's props.
type TabUpdate struct {
	// Visible, ElemID and ElemClasses are the props every layout has.
	Visible     *Visibility `json:"visible,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Label       *string     `json:"label,omitempty"`
}

func (RowUpdate) updateKind() string       { return "row" }
func (ColumnUpdate) updateKind() string    { return "column" }
func (GroupUpdate) updateKind() string     { return "group" }
func (AccordionUpdate) updateKind() string { return "accordion" }
func (SidebarUpdate) updateKind() string   { return "sidebar" }
func (TabsUpdate) updateKind() string      { return "tabs" }
func (TabUpdate) updateKind() string       { return "tabitem" }

// TabID gives a Tab the id that a TabsUpdate's Selected names (Gradio's
// gr.Tab(id=…)).
func TabID(id string) LayoutOption { return func(l *layoutBlock) { l.props["id"] = id } }

// Selected starts a Tabs on the tab with that id (see TabID).
func Selected(id string) LayoutOption { return func(l *layoutBlock) { l.props["selected"] = id } }

func (l *layoutBlock) kind() string { return l.typ }

// A layout takes only updates (checked by checkOutput), never a value.
func (l *layoutBlock) checkOut(reflect.Type) (bool, string) {
	return false, "a blocks." + updateTypeName(l.typ)
}

func (l *layoutBlock) encode(reflect.Value, *outputContext) (any, error) {
	return nil, errors.New("a layout shows no value; return an update")
}

// Layouts are never inputs.
func (l *layoutBlock) checkIn(reflect.Type) (bool, string) {
	return false, "no value: a layout is not an input"
}

func (l *layoutBlock) decode(json.RawMessage, reflect.Type, *fileStore) (reflect.Value, error) {
	return reflect.Value{}, errors.New("a layout has no value")
}
