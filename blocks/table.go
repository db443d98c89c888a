package blocks

// Table is a table of values: column names and rows of cells, the way a
// pandas DataFrame reaches Gradio's components. Cells are numbers (any Go
// number type), strings, bools, time.Time values or nil (an empty cell);
// every row has one cell per header.
//
// The plots (LinePlot, BarPlot, ScatterPlot) take a Table as well as a slice
// of structs; as a handler input they give one with float64 numbers,
// strings, bools, time.Time for temporal columns and nil.
type Table struct {
	Headers []string
	Rows    [][]any
}
