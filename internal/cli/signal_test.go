//go:build unix

package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/soa-tool/soa/internal/safefile"
)

// TestSignalRemovesTemps runs this test binary again as a soa that has a
// temporary file and gets SIGTERM: it must exit 143 and leave no file,
// with the handler installed at once (cleanUpOnSignal) or lazily before
// the first temporary file (Main's way).
func TestSignalRemovesTemps(t *testing.T) {
	if tmp := os.Getenv("SOA_SIGNAL_CHILD"); tmp != "" {
		switch os.Getenv("SOA_SIGNAL_HANDLER") {
		case "now":
			defer cleanUpOnSignal()()
			safefile.TrackTemp(tmp)
		case "lazy":
			defer cleanUpOnSignalWhenNeeded()()
			safefile.TrackTemp(tmp) // installs the handler first
		}
		os.WriteFile(tmp, []byte("half-written"), 0o644)
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(10 * time.Second) // the handler exits first
		os.Exit(0)
	}
	for _, how := range []string{"now", "lazy"} {
		t.Run(how, func(t *testing.T) {
			tmp := filepath.Join(t.TempDir(), ".out.xlsx.0123.tmp")
			err := signalChild(tmp, how, "^TestSignalRemovesTemps$")
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 143 {
				t.Fatalf("child: %v, want exit status 143", err)
			}
			if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("temporary file left after SIGTERM: %v", err)
			}
		})
	}
}

// TestServeStopsOnSignal: soa serve's first SIGTERM (or Ctrl-C) ends its
// context and nothing else, however many temporary files the page made
// (Main's handler, which would exit 143 at once, stays off), so the page
// stops gracefully and soa exits 0; a second signal removes the temporary
// files and exits 143 at once.
func TestServeStopsOnSignal(t *testing.T) {
	if tmp := os.Getenv("SOA_SIGNAL_CHILD"); tmp != "" {
		defer cleanUpOnSignalWhenNeeded()()
		ctx, release := stopOnSignal(context.Background())
		safefile.TrackTemp(tmp) // a save in flight
		os.WriteFile(tmp, []byte("half-written"), 0o644)
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			os.Exit(3)
		}
		if os.Getenv("SOA_SIGNAL_HANDLER") == "graceful" {
			release()
			os.Exit(0)
		}
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(10 * time.Second) // the handler exits first
		os.Exit(4)
	}
	for how, want := range map[string]int{"graceful": 0, "second": 143} {
		t.Run(how, func(t *testing.T) {
			tmp := filepath.Join(t.TempDir(), ".answers.yaml.0123.tmp")
			err := signalChild(tmp, how, "^TestServeStopsOnSignal$")
			var ee *exec.ExitError
			if got := 0; err != nil {
				if !errors.As(err, &ee) {
					t.Fatal(err)
				}
				got = ee.ExitCode()
				if got != want {
					t.Fatalf("child: %v, want exit %d", err, want)
				}
			} else if want != 0 {
				t.Fatalf("child exited 0, want %d", want)
			}
			_, err = os.Stat(tmp)
			if left := err == nil; left != (how == "graceful") {
				t.Errorf("temporary file left: %v (the graceful stop leaves it to the page, the second signal removes it)", left)
			}
		})
	}
}

// TestNoSignalHandlerUntilNeeded: a soa that has created no temporary
// file has no handler of its own, so SIGTERM ends it as it ends any
// process (a shell reports 143 for that too).
func TestNoSignalHandlerUntilNeeded(t *testing.T) {
	if os.Getenv("SOA_SIGNAL_CHILD") != "" {
		defer cleanUpOnSignalWhenNeeded()()
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(10 * time.Second)
		os.Exit(0)
	}
	err := signalChild("-", "", "^TestNoSignalHandlerUntilNeeded$")
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child: %v, want it killed by SIGTERM", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("child: %v, want it killed by SIGTERM", err)
	}
}

// signalChild runs the test run names again as a child, with tmp and how
// in its environment.
func signalChild(tmp, how, run string) error {
	cmd := exec.Command(os.Args[0], "-test.run", run)
	cmd.Env = append(os.Environ(), "SOA_SIGNAL_CHILD="+tmp, "SOA_SIGNAL_HANDLER="+how)
	return cmd.Run()
}
