package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchReportsInInputOrder: a batch prints each file's messages in the
// order the files were given, however the workers finish (small bad files
// fail at once, full ones take a workbook's time), each failure's summary
// right after its messages, and exactly the messages each file gives alone
// (but its "wrote" line: the batch's summary counts them).
func TestBatchReportsInInputOrder(t *testing.T) {
	full, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "saas-cloud.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bad", "bad-enum.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []string
	for i := range 16 {
		src := full
		if i%3 != 0 {
			src = bad
		}
		name := filepath.Join(dir, fmt.Sprintf("f%02d.yaml", i))
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, name)
	}
	var want strings.Builder
	for _, in := range inputs {
		var stderr bytes.Buffer
		run([]string{"generate", in, "-o", filepath.Join(t.TempDir(), "x.xlsx"), "--as-of", "2026-04-01"}, nil, io.Discard, &stderr)
		for _, line := range strings.SplitAfter(stderr.String(), "\n") {
			if !strings.HasPrefix(line, "wrote ") { // a batch says how many it wrote, at the end
				want.WriteString(line)
			}
		}
	}
	var stderr bytes.Buffer
	args := append([]string{"generate"}, inputs...)
	code := run(append(args, "-o", t.TempDir(), "--as-of", "2026-04-01"), nil, io.Discard, &stderr)
	if code != ExitInvalid {
		t.Errorf("exit %d, want %d", code, ExitInvalid)
	}
	got, summary, _ := strings.Cut(stderr.String(), "generated ")
	if got != want.String() {
		t.Errorf("batch messages differ from the files' own, in input order:\n got %s\nwant %s", got, want.String())
	}
	if !strings.HasPrefix(summary, "6 of 16 workbooks in ") || !strings.HasSuffix(summary, " (10 failed)\n") {
		t.Errorf("summary %q", summary)
	}
}
