// Command lineplot_component is Gradio's demo of the same name: a LinePlot
// of the stock prices of five companies from 2000 to 2010, one line per
// company. Gradio's demo reads vega_datasets' stocks table; stocks.csv is
// that table (BSD-3-Clause, the vega-datasets project), with ISO dates.
//
//	go run ./demo/lineplot_component        # then open http://127.0.0.1:7860/
package main

import (
	_ "embed"
	"encoding/csv"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

//go:embed stocks.csv
var stocksCSV string

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// stock is one row of the table: a company's price on a day.
type stock struct {
	Symbol string    `json:"symbol"`
	Date   time.Time `json:"date"`
	Price  float64   `json:"price"`
}

// stocks reads the table (data.stocks() in Gradio's demo).
func stocks() ([]stock, error) {
	rows, err := csv.NewReader(strings.NewReader(stocksCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("stocks.csv: %w", err)
	}
	out := make([]stock, 0, len(rows))
	for i, r := range rows[1:] {
		day, err := time.Parse(time.DateOnly, r[1])
		if err != nil {
			return nil, fmt.Errorf("stocks.csv line %d: %w", i+2, err)
		}
		price, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			return nil, fmt.Errorf("stocks.csv line %d: %w", i+2, err)
		}
		out = append(out, stock{Symbol: r[0], Date: day, Price: price})
	}
	return out, nil
}

func newApp() *blocks.App {
	data, err := stocks()
	if err != nil {
		panic(err) // the embedded table is part of the program
	}
	demo := blocks.New()
	blocks.Add(demo, &blocks.LinePlot{
		Value:          data,
		X:              "date",
		Y:              "price",
		Color:          "symbol",
		Title:          "Stock Prices",
		TooltipColumns: []string{"date", "price", "symbol"},
		Height:         300,
		Block:          blocks.Block{NoContainer: true},
	})
	return demo
}
