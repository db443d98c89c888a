package browsertest

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Drag presses the left mouse button over the element sel at (fx0, fy0),
// moves it in steps to (fx1, fy1) and releases it there, as a person draws
// a stroke or drags a handle; the points are fractions of the element's
// width and height.
func Drag(t *testing.T, b *Browser, sel string, fx0, fy0, fx1, fy1 float64) {
	t.Helper()
	box := Eval[[]float64](t, b, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`, sel))
	at := func(f float64) (float64, float64) {
		return box[0] + (fx0+(fx1-fx0)*f)*box[2], box[1] + (fy0+(fy1-fy0)*f)*box[3]
	}
	x, y := at(0)
	actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))}
	const steps = 8
	for i := 1; i <= steps; i++ {
		x, y = at(float64(i) / steps)
		actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y, chromedp.ButtonLeft))
	}
	actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	Do(t, b, "drag across "+sel, actions...)
}
