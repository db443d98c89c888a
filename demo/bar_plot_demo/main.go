// Command bar_plot_demo is Gradio's demo of the same name: bar plots of
// temperature readings over four days, regrouped, re-aggregated and
// zoomed (a brush on a plot sets the date range), and of food prices by
// cuisine and by rating, sorted by buttons. Gradio's demo draws random
// readings; these come from a seeded generator, so every run is the same.
//
//	go run ./demo/bar_plot_demo        # then open http://127.0.0.1:7860/
package main

import (
	"errors"
	"flag"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// reading is one row of temp_sensor_data.
type reading struct {
	Time        time.Time `json:"time"`
	Temperature int       `json:"temperature"`
	Humidity    int       `json:"humidity"`
	Location    string    `json:"location"`
}

// rating is one row of food_rating_data.
type rating struct {
	Cuisine string  `json:"cuisine"`
	Rating  float64 `json:"rating"`
	Price   int     `json:"price"`
	Wait    float64 `json:"wait"`
}

// randint is Python's random.randint: a to b, both included.
func randint(r *rand.Rand, a, b int) int { return a + r.IntN(b-a+1) }

// tempSensorData has 200 readings from 2021-01-01 to 2021-01-05 evenly
// spaced (pandas' date_range with periods=200), indoor and outdoor in turn.
func tempSensorData(r *rand.Rand) []reading {
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	span := 4 * 24 * time.Hour
	rows := make([]reading, 200)
	for i := range rows {
		rows[i] = reading{
			Time:        start.Add(span * time.Duration(i) / 199).Truncate(time.Millisecond),
			Temperature: randint(r, 50+10*(i%2), 65+15*(i%2)),
			Humidity:    randint(r, 50+10*(i%2), 65+15*(i%2)),
			Location:    []string{"indoor", "outdoor"}[i%2],
		}
	}
	return rows
}

func foodRatingData(r *rand.Rand) []rating {
	rows := make([]rating, 100)
	for i := range rows {
		rows[i] = rating{
			Cuisine: []string{"Italian", "Mexican", "Chinese"}[i%3],
			Rating:  r.Float64()*4 + 0.5*float64(i%3),
			Price:   randint(r, 10, 50) + 4*(i%3),
			Wait:    r.Float64(),
		}
	}
	return rows
}

// binDuration reads the Group by choices ("30m", "4h", "1d").
func binDuration(group string) time.Duration {
	n, _ := strconv.Atoi(group[:len(group)-1])
	unit := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour}[group[len(group)-1]]
	return time.Duration(n) * unit
}

// both is one update for each of the two time plots.
func both(u blocks.BarPlotUpdate) (blocks.BarPlotUpdate, blocks.BarPlotUpdate) { return u, u }

// rescale sets the date range to the range brushed on a plot.
func rescale(sel blocks.SelectData[[]float64]) (float64, float64, error) {
	if len(sel.Value) != 2 {
		return 0, 0, errors.New("rescale needs the plot's selection")
	}
	return sel.Value[0], sel.Value[1], nil
}

func newApp() *blocks.App {
	r := rand.New(rand.NewPCG(1, 2))
	temps, food := tempSensorData(r), foodRatingData(r)

	demo := blocks.New()
	var start, end *blocks.DateTime
	var applyBtn *blocks.Button
	demo.Row(func() {
		start = blocks.Add(demo, &blocks.DateTime{Value: "2021-01-01 00:00:00", Label: "Start"})
		end = blocks.Add(demo, &blocks.DateTime{Value: "2021-01-05 00:00:00", Label: "End"})
		applyBtn = blocks.Add(demo, &blocks.Button{Value: "Apply", Block: blocks.Block{Scale: blocks.Shrink}})
	})
	var groupBy, aggregate *blocks.Radio
	demo.Row(func() {
		groupBy = blocks.Add(demo, &blocks.Radio{Choices: []string{"None", "30m", "1h", "4h", "1d"}, Value: "None", Label: "Group by"})
		aggregate = blocks.Add(demo, &blocks.Radio{Choices: []string{"sum", "mean", "median", "min", "max"}, Value: "sum", Label: "Aggregation"})
	})

	tempByTime := blocks.Add(demo, &blocks.BarPlot{Value: temps, X: "time", Y: "temperature"})
	tempByTimeLocation := blocks.Add(demo, &blocks.BarPlot{Value: temps, X: "time", Y: "temperature", Color: "location"})
	timeGraphs := blocks.Outputs(tempByTime, tempByTimeLocation)

	groupBy.Change(func(group string) (blocks.BarPlotUpdate, blocks.BarPlotUpdate) {
		if group == "None" {
			return both(blocks.BarPlotUpdate{ClearXBin: true})
		}
		bin := binDuration(group)
		return both(blocks.BarPlotUpdate{XBinTime: &bin})
	}, blocks.Inputs(groupBy), timeGraphs, blocks.ParamNames("group"))
	aggregate.Change(func(aggregate string) (blocks.BarPlotUpdate, blocks.BarPlotUpdate) {
		return both(blocks.BarPlotUpdate{YAggregate: &aggregate})
	}, blocks.Inputs(aggregate), timeGraphs, blocks.ParamNames("aggregate"))

	rescaleEvt := demo.On([]blocks.Trigger{tempByTime.Trigger("select"), tempByTimeLocation.Trigger("select")}, rescale,
		blocks.Outputs(start, end))
	zoom := func(start, end float64) (blocks.BarPlotUpdate, blocks.BarPlotUpdate) {
		return both(blocks.BarPlotUpdate{XLim: &[]float64{start, end}})
	}
	applyBtn.Click(zoom, blocks.Inputs(start, end), timeGraphs, blocks.ParamNames("start", "end"))
	rescaleEvt.Then(zoom, blocks.Inputs(start, end), timeGraphs, blocks.ParamNames("start", "end"))

	demo.Row(func() {
		priceByCuisine := blocks.Add(demo, &blocks.BarPlot{Value: food, X: "cuisine", Y: "price"})
		demo.Column(func() {
			sortBy := func(u blocks.BarPlotUpdate) func() blocks.BarPlotUpdate {
				return func() blocks.BarPlotUpdate { return u }
			}
			blocks.Add(demo, &blocks.Button{Value: "Sort $ > $$$"}).Click(sortBy(blocks.BarPlotUpdate{Sort: ptr("y")}), blocks.Outputs(priceByCuisine))
			blocks.Add(demo, &blocks.Button{Value: "Sort $$$ > $"}).Click(sortBy(blocks.BarPlotUpdate{Sort: ptr("-y")}), blocks.Outputs(priceByCuisine))
			blocks.Add(demo, &blocks.Button{Value: "Sort A > Z"}).Click(sortBy(blocks.BarPlotUpdate{SortOrder: &[]string{"Chinese", "Italian", "Mexican"}}),
				blocks.Outputs(priceByCuisine))
		}, blocks.Scale(0))
	})

	demo.Row(func() {
		blocks.Add(demo, &blocks.BarPlot{Value: food, X: "rating", Y: "price", XBin: 1})
		blocks.Add(demo, &blocks.BarPlot{Value: food, X: "rating", Y: "price", Color: "cuisine", XBin: 1,
			ColorMap: map[string]string{"Italian": "red", "Mexican": "green", "Chinese": "blue"}})
	})
	return demo
}

func ptr[T any](v T) *T { return &v }
