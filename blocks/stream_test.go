package blocks_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// TestStreamYields runs streaming handlers of each iterator shape, those
// ranged with a typed yield (string, int, []Message, an unnamed iterator
// type, iter.Seq2) and those through reflection (a struct per outputs):
// every step reaches the page in order, and an error ends the stream.
func TestStreamYields(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		outputs func(app *blocks.App) []blocks.OutputBlock
		fn      any
		steps   []string // each step's data, as JSON
		err     error
	}{
		{"iter.Seq[string]", textbox, func() iter.Seq[string] {
			return func(yield func(string) bool) { _ = yield("a") && yield("ab") }
		}, []string{`["a"]`, `["ab"]`}, nil},
		{"unnamed iterator type", textbox, func() func(func(string) bool) {
			return func(yield func(string) bool) { _ = yield("x") && yield("xy") }
		}, []string{`["x"]`, `["xy"]`}, nil},
		{"iter.Seq2 with an error", textbox, func() iter.Seq2[string, error] {
			return func(yield func(string, error) bool) { _ = yield("a", nil) && yield("", boom) && yield("never", nil) }
		}, []string{`["a"]`}, boom},
		{"iter.Seq[int]", func(app *blocks.App) []blocks.OutputBlock {
			return []blocks.OutputBlock{blocks.Add(app, &blocks.Number{})}
		}, func() iter.Seq[int] {
			return func(yield func(int) bool) { _ = yield(1) && yield(2) }
		}, []string{`[1]`, `[2]`}, nil},
		{"iter.Seq[[]Message]", func(app *blocks.App) []blocks.OutputBlock {
			return []blocks.OutputBlock{blocks.Add(app, &blocks.Chatbot{})}
		}, func() iter.Seq[[]blocks.Message] {
			return func(yield func([]blocks.Message) bool) {
				yield([]blocks.Message{{Role: "assistant", Content: "Hi"}})
			}
		}, []string{`[[{"role":"assistant","metadata":null,"content":[{"text":"Hi","type":"text"}],"options":null}]]`}, nil},
		{"a struct per outputs (reflection)", func(app *blocks.App) []blocks.OutputBlock {
			return []blocks.OutputBlock{blocks.Add(app, &blocks.Textbox{}), blocks.Add(app, &blocks.Number{})}
		}, func() iter.Seq2[pair, error] {
			return func(yield func(pair, error) bool) { _ = yield(pair{"a", 1}, nil) && yield(pair{}, boom) }
		}, []string{`["a",1]`}, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := blocks.New()
			outs := tt.outputs(app)
			l := blocks.Add(app, &blocks.Button{}).Click(tt.fn, blocks.Outputs(outs...))
			app.MustBuild()
			call, err := l.Prepare("s", nil, "")
			if err != nil {
				t.Fatal(err)
			}
			rec := &stepRecorder{}
			_, err = call.Run(context.Background(), rec)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Run: %v, want %v", err, tt.err)
			}
			if len(rec.outs) != len(tt.steps) {
				t.Fatalf("%d steps reported, want %d", len(rec.outs), len(tt.steps))
			}
			for i, o := range rec.outs {
				if got := jsonOf(o.Data); got != tt.steps[i] {
					t.Errorf("step %d: %s, want %s", i, got, tt.steps[i])
				}
			}
		})
	}
}

type pair struct {
	Text string
	N    int
}

func textbox(app *blocks.App) []blocks.OutputBlock {
	return []blocks.OutputBlock{blocks.Add(app, &blocks.Textbox{})}
}

// TestStreamStopsWhenCancelled: a typed yield returns false once the job's
// context is done, so the generator stops.
func TestStreamStopsWhenCancelled(t *testing.T) {
	app := blocks.New()
	out := blocks.Add(app, &blocks.Textbox{})
	ctx, cancel := context.WithCancel(context.Background())
	yields := 0
	l := blocks.Add(app, &blocks.Button{}).Click(func() iter.Seq[string] {
		return func(yield func(string) bool) {
			for yields < 10 {
				yields++
				cancel()
				if !yield("x") {
					return
				}
			}
		}
	}, blocks.Outputs(out))
	app.MustBuild()
	call, _ := l.Prepare("s", nil, "")
	if _, err := call.Run(ctx, &stepRecorder{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v, want context.Canceled", err)
	}
	if yields != 1 {
		t.Errorf("the generator yielded %d times after its job was cancelled, want 1", yields)
	}
}
