package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportReadBack: answers that do not read back valid (here damaged
// after encoding, as an encoder bug would) are not written — not to a new
// file, not over an existing one with --force, not to standard output —
// and no temporary file is left, although the check runs while the file
// is written.
func TestImportReadBack(t *testing.T) {
	dir, _, yml, book := exampleWorkbook(t)
	afterEncode = func(b *bytes.Buffer) {
		damaged := strings.Replace(b.String(), "applicable: true", "applicable: perhaps", 1)
		b.Reset()
		b.WriteString(damaged)
	}
	defer func() { afterEncode = nil }()
	before, _ := os.ReadFile(yml)
	fresh := filepath.Join(dir, "fresh.yaml")
	for _, args := range [][]string{
		{"import", book, "-o", fresh},
		{"import", book, "-o", yml, "--force"},
		{"import", book, "-o", yml},
		{"import", book, "-o", "-"},
	} {
		code, out, errOut := runSoa(t, "", args...)
		if code != ExitInvalid || !strings.Contains(errOut, "applicable") || !strings.Contains(errOut, "the imported answers do not validate; nothing written") {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
		if out != "" {
			t.Errorf("%v: wrote %d bytes to standard output", args, len(out))
		}
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("fresh.yaml was written")
	}
	if after, _ := os.ReadFile(yml); !bytes.Equal(after, before) {
		t.Error("answers.yaml changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
	afterEncode = nil
	if code, _, errOut := runSoa(t, "", "import", book, "-o", fresh); code != ExitOK {
		t.Errorf("undamaged import: exit %d: %s", code, errOut)
	}
}
