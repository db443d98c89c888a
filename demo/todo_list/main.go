// Command todo_list is Gradio's demo of the same name: a task list kept in a
// State and drawn by a Render, whose Done and Delete buttons change the
// State and so redraw the list.
//
//	go run ./demo/todo_list        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"slices"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// task is one entry of the list (Python: {"name": …, "complete": …}).
type task struct {
	Name     string `json:"name"`
	Complete bool   `json:"complete"`
}

func addTask(tasks []*task, newTaskName string) ([]*task, string) {
	return append(slices.Clone(tasks), &task{Name: newTaskName}), ""
}

func newApp() *blocks.App {
	demo := blocks.New()
	tasks := blocks.Add(demo, &blocks.State{Value: []*task{}})
	newTask := blocks.Add(demo, &blocks.Textbox{Label: "Task Name", MaxLines: 1, Autofocus: true})
	newTask.Submit(addTask, blocks.Inputs(tasks, newTask), blocks.Outputs(tasks, newTask),
		blocks.ParamNames("tasks", "new_task_name"))

	demo.Render(func(taskList []*task) {
		var complete, incomplete []*task
		for _, t := range taskList {
			if t.Complete {
				complete = append(complete, t)
			} else {
				incomplete = append(incomplete, t)
			}
		}
		blocks.Add(demo, &blocks.Markdown{Value: fmt.Sprintf("### Incomplete Tasks (%d)", len(incomplete))})
		for _, t := range incomplete {
			demo.Row(func() {
				blocks.Add(demo, &blocks.Textbox{Value: t.Name, Block: blocks.Block{HideLabel: true, NoContainer: true}})
				doneBtn := blocks.Add(demo, &blocks.Button{Value: "Done", Block: blocks.Block{Scale: blocks.Shrink}})
				doneBtn.Click(func() []*task {
					t.Complete = true
					return taskList
				}, blocks.Outputs(tasks), blocks.APIName("mark_done"))
				deleteBtn := blocks.Add(demo, &blocks.Button{Value: "Delete", Variant: "stop", Block: blocks.Block{Scale: blocks.Shrink}})
				deleteBtn.Click(func() []*task {
					return slices.DeleteFunc(slices.Clone(taskList), func(x *task) bool { return x == t })
				}, blocks.Outputs(tasks), blocks.APIName("delete"))
			})
		}
		blocks.Add(demo, &blocks.Markdown{Value: fmt.Sprintf("### Complete Tasks (%d)", len(complete))})
		for _, t := range complete {
			blocks.Add(demo, &blocks.Textbox{Value: t.Name, Block: blocks.Block{HideLabel: true, NoContainer: true}})
		}
	}, blocks.Inputs(tasks))
	return demo
}
