// Package golden compares test output with files in testdata and rewrites
// them on request: `go test ./pkg -update` for one package, or
// `SOA_UPDATE=1 go test ./...` for the whole repository (a plain -update
// fails in packages that do not import this one).
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether golden files are being rewritten.
func Updating() bool { return *update || os.Getenv("SOA_UPDATE") != "" }

// Check compares got with the golden file at path, or rewrites the file when
// updating.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update to accept):\n%s", path, diff(want, got))
	}
}

// diff shows the first differing lines of want and got, enough to see what
// changed without a diff library.
func diff(want, got []byte) string {
	wl := bytes.Split(want, []byte("\n"))
	gl := bytes.Split(got, []byte("\n"))
	var b bytes.Buffer
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 10; i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			b.WriteString(fmt.Sprintf("line %d:", i+1) + "\n  want: " + string(w) + "\n  got:  " + string(g) + "\n")
			shown++
		}
	}
	return b.String()
}
