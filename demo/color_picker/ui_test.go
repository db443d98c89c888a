package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person uploads an icon, picks a colour by typing it in the picker and
// presses Enter (the colour picker's submit runs the Interface's function):
// the coloured icon appears, painted in that colour. Flag saves the sample:
// a CSV row whose image cells are copies kept beside it.
func TestUI(t *testing.T) {
	app, dir := newTestApp(t)
	s := browsertest.Start(t, app)
	b := browsertest.New(t)
	icon, paint, colored := browsertest.Sel(s.IDs["image:icon"]), browsertest.Sel(s.IDs["colorpicker:color"]), browsertest.Sel(s.IDs["image:colored icon"])
	browsertest.Do(t, b, "upload the icon", chromedp.Navigate(s.URL), chromedp.WaitReady(chromedp.CSS(icon+` input[type="file"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(icon+` input[type="file"]`), []string{writeIcon(t)}))
	browsertest.Poll[bool](t, b, "the icon's preview", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.complete || null`, icon+" img"))
	browsertest.Do(t, b, "type a colour and press Enter", chromedp.Click(chromedp.CSS(paint+" .dialog-button")),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, paint+" .color-text")),
		chromedp.SendKeys(chromedp.CSS(paint+" .color-text"), "#00ff80\r"))
	got := browsertest.Poll[string](t, b, "the coloured icon", 20*time.Second, fmt.Sprintf(`(() => {
		const img = document.querySelector(%q);
		if (!img || !img.complete || !img.naturalWidth) return null;
		const c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		return [...g.getImageData(0, 0, 1, 1).data, ...g.getImageData(3, 1, 1, 1).data].join(",");
	})()`, colored+" img"))
	if got != "0,255,128,255,0,0,0,0" {
		t.Errorf("coloured icon pixels (0,0) and (3,1): %s, want green then transparent", got)
	}
	if swatch := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).style.background`, paint+" .dialog-button")); swatch != "rgb(0, 255, 128)" {
		t.Errorf("the picker's swatch is %s", swatch)
	}
	flag := browsertest.Sel(s.IDs["button:Flag"])
	browsertest.Flag(t, b, flag, "Flag")
	if browsertest.Eval[bool](t, b, fmt.Sprintf(`document.querySelector(%q).disabled`, flag)) {
		t.Error("the Flag button stays disabled after saving")
	}
	f, err := os.Open(filepath.Join(dir, "dataset1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 2 || strings.Join(rows[0][:3], ",") != "icon,color,colored icon" || rows[1][1] != "#00ff80" {
		t.Fatalf("dataset1.csv: %q, %v", rows, err)
	}
	for k, folder := range map[int]string{0: "icon", 2: "colored icon"} {
		if rel, err := filepath.Rel(filepath.Join(dir, folder), rows[1][k]); err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("the %s cell %q is not a copy in %s", folder, rows[1][k], filepath.Join(dir, folder))
		} else if img := readPNG(t, rows[1][k]); img.Bounds().Dx() != 4 {
			t.Errorf("the flagged %s is %v wide, want the 4-pixel icon", folder, img.Bounds().Dx())
		}
	}
	b.Screenshot(t, "color_picker")
	browsertest.LoopbackOnly(t, b)
}
