//go:build unix

package cli

import (
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
// temporary file and gets SIGTERM: it must exit 143 and leave no file.
func TestSignalRemovesTemps(t *testing.T) {
	if tmp := os.Getenv("SOA_SIGNAL_CHILD"); tmp != "" {
		stop := cleanUpOnSignal()
		defer stop()
		os.WriteFile(tmp, []byte("half-written"), 0o644)
		safefile.TrackTemp(tmp)
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(10 * time.Second) // the handler exits first
		os.Exit(0)
	}
	tmp := filepath.Join(t.TempDir(), ".out.xlsx.0123.tmp")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestSignalRemovesTemps$")
	cmd.Env = append(os.Environ(), "SOA_SIGNAL_CHILD="+tmp)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("child: %v, want exit status 143", err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file left after SIGTERM: %v", err)
	}
}
