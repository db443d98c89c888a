package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The endpoints answer as Gradio's do (the corpus's calls.json): updates of
// both time plots for the Group by, Aggregation and date range listeners,
// sort updates for the cuisine plot, and rescale fails without a
// selection (an API client sends no event data).
func TestEndpointsAnswerAsGradio(t *testing.T) {
	s := browsertest.Start(t, newApp())
	ctx := context.Background()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, tt := range []struct {
		endpoint string
		args     []any
		want     string
	}{
		{"/lambda", []any{"None"}, `[{"__type__":"update","x_bin":null},{"__type__":"update","x_bin":null}]`},
		{"/lambda", []any{"1d"}, `[{"__type__":"update","x_bin":"1d"},{"__type__":"update","x_bin":"1d"}]`},
		{"/lambda", []any{"30m"}, `[{"__type__":"update","x_bin":"30m"},{"__type__":"update","x_bin":"30m"}]`},
		{"/lambda_1", []any{"max"}, `[{"__type__":"update","y_aggregate":"max"},{"__type__":"update","y_aggregate":"max"}]`},
		{"/lambda_2", []any{"2021-01-01 00:00:00", "2021-01-05 00:00:00"}, `[{"__type__":"update","x_lim":[1609459200,1609804800]},{"__type__":"update","x_lim":[1609459200,1609804800]}]`},
		{"/lambda_3", []any{"2021-01-02 00:00:00", "2021-01-02 00:00:00"}, `[{"__type__":"update","x_lim":[1609545600,1609545600]},{"__type__":"update","x_lim":[1609545600,1609545600]}]`},
		{"/lambda_4", nil, `[{"__type__":"update","sort":"y"}]`},
		{"/lambda_5", nil, `[{"__type__":"update","sort":"-y"}]`},
		{"/lambda_6", nil, `[{"__type__":"update","sort":["Chinese","Italian","Mexican"]}]`},
	} {
		out, err := c.Predict(ctx, tt.endpoint, tt.args...)
		if err != nil {
			t.Errorf("%s%v: %v", tt.endpoint, tt.args, err)
			continue
		}
		if got, _ := json.Marshal(out); string(got) != tt.want {
			t.Errorf("%s%v = %s\nwant %s", tt.endpoint, tt.args, got, tt.want)
		}
	}
	if _, err := c.Predict(ctx, "/rescale"); err == nil || strings.Contains(err.Error(), "panic") {
		t.Errorf("/rescale without a selection: %v, want an error", err)
	}
}
