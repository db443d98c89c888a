package blocks_test

import (
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// fuzzRow covers every kind of cell conversion a struct column has.
type fuzzRow struct {
	S string    `gradio:"s"`
	I int8      `gradio:"i"`
	U uint      `gradio:"u"`
	F float32   `gradio:"f"`
	B bool      `gradio:"b"`
	T time.Time `gradio:"t"`
	N []int     `gradio:"n"`
	P *string   `gradio:"p"`
}

// FuzzDataframeDecode feeds arbitrary JSON to a Dataframe read as every Go
// shape a handler may take: decoding must never panic, a refusal is a
// *ValidationError, and whatever it accepts must encode back to JSON.
func FuzzDataframeDecode(f *testing.F) {
	app := blocks.New()
	table := blocks.Add(app, &blocks.Dataframe{Headers: []string{"s", "i"}})
	b := blocks.Add(app, &blocks.Button{})
	var listeners []*blocks.Listener
	add := func(fn any) { listeners = append(listeners, b.Click(fn, blocks.Inputs(table), blocks.Outputs(table))) }
	add(func(v blocks.Table) blocks.Table { return v })
	add(func(v [][]float64) [][]float64 { return v })
	add(func(v [][]int) [][]int { return v })
	add(func(v [][2]int16) [][2]int16 { return v })
	add(func(v [][]any) [][]any { return v })
	add(func(v [][]string) [][]string { return v })
	add(func(v [][]bool) [][]bool { return v })
	add(func(v []fuzzRow) []fuzzRow { return v })
	add(func(v []*fuzzRow) []*fuzzRow { return v })
	add(func(v []map[string]any) []map[string]any { return v })
	add(func(v []map[string]float64) []map[string]float64 { return v })
	app.MustBuild()
	for _, seed := range []string{
		`{"headers":["s","i"],"data":[["a",1],["b","2"]],"metadata":null}`,
		`{"headers":["s","i","u","f","b","t","n","p"],"data":[["x","-3","4","1.5","true","2024-01-02","[1,2]","p"]]}`,
		`{"headers":["s","i","u","f","b","t","n","p"],"data":[[null,128,-1,"1e40",2,5,{"a":1},[]]]}`,
		`{"headers":[],"data":[[]]}`,
		`{"headers":[1,null,true],"data":[[1,2,3]],"metadata":{"display_value":[["1"]],"styling":[[null]]}}`,
		`{"headers":["a"],"data":[[""],[" "],["NaN"],["inf"],["1e309"]]}`,
		`{"headers":["s","i"],"data":[["a"]]}`,
		`{"headers":"x","data":{}}`,
		`null`, `[]`, `""`, `{"headers":["a"],"data":[null]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) { decodesSafely(t, data, listeners) })
}
