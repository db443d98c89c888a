package server_test

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"testing"
	"unsafe"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/server"
)

// openPTY opens a pseudo-terminal pair: what is written to tty is read
// from master.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	var unlock int32
	var n uint32
	if err := ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		t.Fatal(err)
	}
	if err := ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		t.Fatal(err)
	}
	tty, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return master, tty
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}

// consoleLine logs one line through ConsoleLogger to w and returns what
// reached the reader.
func consoleLine(t *testing.T, w *os.File, r *os.File) []byte {
	t.Helper()
	log := server.ConsoleLogger(w, zerolog.InfoLevel)
	log.Info().Str("fn", "greet").Msg("job started")
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	return buf[:n]
}

// The console log is coloured on a terminal, unless NO_COLOR is set, and
// plain anywhere else.
func TestConsoleColoursOnlyATerminal(t *testing.T) {
	master, tty := openPTY(t)
	if got := consoleLine(t, tty, master); !bytes.Contains(got, []byte("\x1b[")) {
		t.Errorf("on a terminal: %q, want ANSI colours", got)
	}
	t.Run("NO_COLOR", func(t *testing.T) {
		t.Setenv("NO_COLOR", "1")
		if got := consoleLine(t, tty, master); bytes.Contains(got, []byte("\x1b[")) {
			t.Errorf("on a terminal with NO_COLOR: %q, want no colours", got)
		}
	})
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if got := consoleLine(t, w, r); bytes.Contains(got, []byte("\x1b[")) || !bytes.Contains(got, []byte("INF job started fn=greet")) {
		t.Errorf("on a pipe: %q, want the plain line", got)
	}
}
