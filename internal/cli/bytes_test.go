package cli

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/golden"
)

// TestWorkbookBytes pins the exact bytes of the workbook of every bundled
// example (by SHA-256, with a fixed --as-of), in English and Japanese, so
// that a change meant to make soa faster cannot change what it writes. A
// change meant to change the workbook updates testdata/workbook-sha256.txt
// with -update, and the diff shows which workbooks it touched.
func TestWorkbookBytes(t *testing.T) {
	examples, err := filepath.Glob("../../testdata/examples/*.yaml")
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	dir := t.TempDir()
	var b strings.Builder
	for _, ex := range examples {
		for _, lang := range []string{"en", "ja"} {
			out := filepath.Join(dir, lang+"-"+filepath.Base(ex)+".xlsx")
			code, _, stderr := runSoa(t, "", "generate", ex, "-o", out, "--as-of", "2026-04-01", "--lang", lang)
			if code != 0 {
				t.Fatalf("generate %s --lang %s: exit %d: %s", ex, lang, code, stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%x  %s --lang %s\n", sha256.Sum256(data), filepath.Base(ex), lang)
		}
	}
	golden.Check(t, "testdata/workbook-sha256.txt", []byte(b.String()))
}
