package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// screen is the list as a person reads it, below the Task Name box:
// headings, task boxes and [buttons], joined by " | ".
const screen = `[...document.querySelectorAll('[data-testid="markdown"], [data-testid="textbox"], [data-testid="button"]')]
	.filter((el) => el.dataset.componentId !== %q && el.getClientRects().length)
	.map((el) => el.dataset.testid === "textbox" ? el.querySelector("input, textarea").value
		: el.dataset.testid === "button" ? "[" + el.textContent.trim() + "]" : el.textContent.trim())
	.join(" | ")`

// TestUIListGrowsAndDoneMovesATask.
func TestUIListGrowsAndDoneMovesATask(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	name := s.IDs["textbox:Task Name"]
	box := browsertest.TextField(name)
	list := fmt.Sprintf(screen, fmt.Sprint(name))
	await := func(what, want string) {
		t.Helper()
		browsertest.Poll[bool](t, b, what+": "+want, 5*time.Second, fmt.Sprintf(`%s === %q || null`, list, want))
	}
	// clickIn clicks the button with this text in the row of the task.
	clickIn := func(task, button string) {
		t.Helper()
		browsertest.Do(t, b, button+" "+task, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll('[data-testid="row"]')]
			.find((r) => r.querySelector("input, textarea")?.value === %q)
			.querySelectorAll("button").values().find((b) => b.textContent.trim() === %q).click()`, task, button)))
	}
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(box)))
	await("at load", "Incomplete Tasks (0) | Complete Tasks (0)")
	if focused := browsertest.Eval[bool](t, b, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, box)); !focused {
		t.Errorf("the Task Name box has no focus at load (autofocus)")
	}

	browsertest.Do(t, b, "add a task", chromedp.SendKeys(chromedp.CSS(box), "buy milk"), chromedp.KeyEvent(kb.Enter))
	await("one task", "Incomplete Tasks (1) | buy milk | [Done] | [Delete] | Complete Tasks (0)")
	if v := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).value`, box)); v != "" {
		t.Errorf("after Enter the Task Name box holds %q, want it emptied", v)
	}
	browsertest.Do(t, b, "add another", chromedp.SendKeys(chromedp.CSS(box), "walk the dog"), chromedp.KeyEvent(kb.Enter))
	await("two tasks", "Incomplete Tasks (2) | buy milk | [Done] | [Delete] | walk the dog | [Done] | [Delete] | Complete Tasks (0)")
	b.Screenshot(t, "todo_list-two-tasks")

	clickIn("buy milk", "Done")
	await("the first done", "Incomplete Tasks (1) | walk the dog | [Done] | [Delete] | Complete Tasks (1) | buy milk")
	clickIn("walk the dog", "Delete")
	await("the second deleted", "Incomplete Tasks (0) | Complete Tasks (1) | buy milk")
	b.Screenshot(t, "todo_list-done")
}
