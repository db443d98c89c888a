package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// checkComponents visits every component of the app's /config in the page:
// it opens the tabs and accordions around it, then checks that the
// component has a box on screen and shows its label (a button its text).
// It resolves with the problems found and the types checked.
const checkComponents = `(async () => {
	const app = window.gradigo;
	const layouts = new Set(["row", "column", "tabs", "tabitem", "group", "accordion", "form", "sidebar"]);
	const frame = () => new Promise((done) => setTimeout(done, 0));
	const problems = [], types = [];
	for (const c of app.config.components) {
		const p = c.props || {};
		if (layouts.has(c.type) || c.type === "state" || c.type === "timer" || p.visible === false) continue;
		const el = document.querySelector('[data-component-id="' + c.id + '"]');
		if (!el) { problems.push(c.type + " " + c.id + ": not in the page"); continue; }
		const around = [];
		for (let n = el.parentElement; n; n = n.parentElement) around.unshift(n);
		for (const n of around) {
			if (n.getAttribute("role") === "tabpanel" && n.classList.contains("tab-hidden")) {
				document.querySelector('[role="tab"][aria-controls="' + CSS.escape(n.id) + '"]').click();
				await frame();
			}
			if (n.classList.contains("accordion") && n.classList.contains("closed")) {
				n.querySelector(".label-wrap").click();
				await frame();
			}
		}
		const box = el.getBoundingClientRect();
		if (box.width < 1 || box.height < 1) problems.push(c.type + " " + c.id + ": has no size on screen");
		const label = c.type === "button" ? p.value : (p.show_label === false ? null : p.label);
		if (label && !el.textContent.includes(label)) {
			problems.push(c.type + " " + c.id + ": does not show its label " + JSON.stringify(label));
		}
		if (c.type === "dataset" && el.querySelectorAll("[data-index]").length !== (p.samples || []).length) {
			problems.push("dataset " + c.id + ": shows " + el.querySelectorAll("[data-index]").length + " of " + (p.samples || []).length + " examples");
		}
		if (el.querySelector(".unsupported")) problems.push(c.type + " " + c.id + ": unsupported");
		types.push(c.type);
	}
	return {problems, types};
})()`

// CheckEveryComponent checks, in b's page, that every visible component of
// the app renders: it has a box on screen (after opening its tab and
// accordion) and shows its label; an Examples table shows all its rows.
// Problems fail the test; it returns the types checked, one per component.
func CheckEveryComponent(t *testing.T, b *Browser) []string {
	t.Helper()
	type result struct {
		Problems []string `json:"problems"`
		Types    []string `json:"types"`
	}
	Poll[bool](t, b, "the app to render", 10*time.Second, `window.gradigo && window.gradigo.blocks.size > 0 || null`)
	r, err := chromedp.Run(b.Ctx, chromedp.Evaluate[result](checkComponents, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: check the components: %v", b.name, err)
	}
	for _, p := range r.Problems {
		t.Errorf("%s: %s", b.name, p)
	}
	return r.Types
}
