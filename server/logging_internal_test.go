package server

import (
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

func TestHumanDurationCarriesItsUnit(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{-time.Second, "0s"},
		{381 * time.Microsecond, "0.381ms"},
		{381*time.Microsecond + 400, "0.381ms"},
		{5 * time.Microsecond, "0.005ms"},
		{156531791, "156.5ms"},
		{2314 * time.Millisecond, "2.31s"},
		{65*time.Second + 300*time.Millisecond, "1m5s"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.d); got != tt.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestLogLevelFlagAcceptsTheFourLevels(t *testing.T) {
	level := zerolog.InfoLevel
	f := levelFlag{&level}
	for _, tt := range []struct {
		in   string
		want zerolog.Level
	}{{"debug", zerolog.DebugLevel}, {"WARN", zerolog.WarnLevel}, {" error ", zerolog.ErrorLevel}, {"info", zerolog.InfoLevel}} {
		if err := f.Set(tt.in); err != nil || level != tt.want {
			t.Errorf("-log-level %q: %v, %v; want %v", tt.in, level, err, tt.want)
		}
	}
	for _, bad := range []string{"", "loud", "trace", "5"} {
		if err := f.Set(bad); err == nil || !strings.Contains(err.Error(), "debug, info, warn, error") {
			t.Errorf("-log-level %q: error %v, want one listing the levels", bad, err)
		}
	}
	if got := f.String(); got != "info" {
		t.Errorf("String() = %q after a refused value, want the level kept (info)", got)
	}
}
