// Command timer is Gradio's demo of the same name: Timers that tick, values
// refreshed on a timer (value=fn, every=…), and buttons that start, stop and
// retime a Timer by returning an update.
//
//	go run ./demo/timer        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"math"
	"math/rand/v2"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	tick := flag.Duration("tick", time.Second, "the interval of the timers (Gradio's demo: 1s)")
	flag.Parse()
	server.Main(newApp(*tick), *addr)
}

// now is Python's round(time.time()).
func now() float64 { return math.Round(float64(time.Now().UnixNano()) / 1e9) }

func start() blocks.TimerUpdate { return blocks.TimerUpdate{Active: new(true)} }
func stop() blocks.TimerUpdate  { return blocks.TimerUpdate{Active: new(false)} }

// newApp builds the demo with timers of the interval tick (1 s in Gradio's).
func newApp(tick time.Duration) *blocks.App {
	demo := blocks.New()
	timer := blocks.Add(demo, &blocks.Timer{Interval: tick})
	timestamp := blocks.Add(demo, &blocks.Number{Label: "Time"})
	timer.Tick(func() float64 { return now() }, blocks.Outputs(timestamp))
	blocks.Add(demo, &blocks.Number{Label: "Time 2"}).LoadValue(func() float64 { return now() }, blocks.Every(tick))

	var timestamp3 *blocks.Number
	var startBtn, stopBtn *blocks.Button
	var timer3 *blocks.Timer
	demo.Row(func() {
		timestamp3 = blocks.Add(demo, &blocks.Number{})
		startBtn = blocks.Add(demo, &blocks.Button{Value: "Start"})
		stopBtn = blocks.Add(demo, &blocks.Button{Value: "Stop"})
		timer3 = blocks.Add(demo, &blocks.Timer{Interval: tick, Stopped: true})
		timer3.Tick(func() float64 { return now() }, blocks.Outputs(timestamp3))
		startBtn.Click(func() blocks.TimerUpdate { return start() }, blocks.Outputs(timer3))
		stopBtn.Click(func() blocks.TimerUpdate { return stop() }, blocks.Outputs(timer3))
	})

	var lo, hi *blocks.Number
	demo.Row(func() {
		lo = blocks.Add(demo, &blocks.Number{Value: 1, Label: "Min"})
		hi = blocks.Add(demo, &blocks.Number{Value: 10, Label: "Max"})
	})
	timer2 := blocks.Add(demo, &blocks.Timer{Interval: tick})
	number := blocks.Add(demo, &blocks.Number{Label: "Random Number"})
	number.LoadValue(func(a, b float64) float64 { return float64(int(a) + rand.IntN(int(b-a)+1)) },
		blocks.Inputs(lo, hi), blocks.EveryTimer(timer2), blocks.ParamNames("a", "b"))
	demo.Row(func() {
		blocks.Add(demo, &blocks.Button{Value: "Start"}).Click(func() blocks.TimerUpdate { return start() }, blocks.Outputs(timer2))
		blocks.Add(demo, &blocks.Button{Value: "Stop"}).Click(func() blocks.TimerUpdate { return stop() }, blocks.Outputs(timer2))
		blocks.Add(demo, &blocks.Button{Value: "Go Fast"}).Click(func() float64 { return 0.2 }, blocks.Outputs(timer2))
		blocks.Add(demo, &blocks.Button{Value: "Go Slow"}).Click(func() float64 { return 2 }, blocks.Outputs(timer2))
	})
	return demo
}
