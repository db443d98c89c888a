package blocks_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVLoggerKeepsFlaggedSamplesAndTheirFiles(t *testing.T) {
	dir := t.TempDir()
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	photo := blocks.Add(app, &blocks.File{Label: "Photo"})
	score := blocks.Add(app, &blocks.Number{})
	src := filepath.Join(t.TempDir(), "cat.png")
	if err := os.WriteFile(src, []byte("not really a png"), 0o644); err != nil {
		t.Fatal(err)
	}
	fileData := map[string]any{"path": src, "meta": map[string]any{"_type": "gradio.FileData"}}
	logger := &blocks.CSVLogger{}
	if err := logger.Setup([]blocks.Component{name, photo, score}, dir); err != nil {
		t.Fatal(err)
	}
	n, err := logger.Flag([]any{"=SUM(A1)", fileData, 0.5}, "Incorrect", "ada")
	if err != nil || n != 1 {
		t.Fatalf("Flag: %d %v", n, err)
	}
	if n, _ := logger.Flag([]any{"Bo", nil, 1.0}, "Correct", "ada"); n != 2 {
		t.Errorf("second flag counted %d", n)
	}
	rows := readCSV(t, filepath.Join(dir, "dataset1.csv"))
	if got := strings.Join(rows[0], ","); got != "Name,Photo,component 2,flag,username,timestamp" {
		t.Errorf("header %q", got)
	}
	if rows[1][0] != "'=SUM(A1)" || rows[1][2] != "0.5" || rows[1][3] != "Incorrect" || rows[1][4] != "ada" {
		t.Errorf("row %q: want the formula defused, the number, the option and the user", rows[1])
	}
	copied, err := os.ReadFile(rows[1][1])
	if err != nil || string(copied) != "not really a png" || !strings.HasPrefix(rows[1][1], filepath.Join(dir, "Photo")) {
		t.Errorf("file cell %q: want a copy beside the CSV (%v)", rows[1][1], err)
	}
	// A different header starts dataset2.csv.
	other := &blocks.CSVLogger{}
	_ = other.Setup([]blocks.Component{name}, dir)
	if _, err := other.Flag([]any{"x"}, "", ""); err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, filepath.Join(dir, "dataset2.csv")); strings.Join(rows[0], ",") != "Name,timestamp" {
		t.Errorf("second dataset header %q", rows[0])
	}
}
