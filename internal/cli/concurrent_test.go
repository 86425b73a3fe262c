package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestConcurrentImports: imports of eight workbooks into one answers file
// at once, each changing another control's owner. Whatever the timing,
// every import that reports success has its change in the final file (no
// lost update), and every other one says the file changed and wrote
// nothing.
func TestConcurrentImports(t *testing.T) {
	dir, _, yml, book := exampleWorkbook(t)
	const n = 8
	books := make([]string, n)
	for i := range n {
		books[i] = filepath.Join(dir, fmt.Sprintf("w%d.xlsx", i))
		data, _ := os.ReadFile(book)
		os.WriteFile(books[i], data, 0o644)
		editWorkbook(t, books[i], func(f *excelize.File, sh string) {
			f.SetCellStr(sh, fmt.Sprintf("K%d", 4+i), fmt.Sprintf("Owner %d", i))
		})
	}
	type result struct {
		code   int
		stderr string
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			code, _, errOut := runSoa(t, "", "import", books[i], "--into", yml)
			results[i] = result{code, errOut}
		})
	}
	close(start)
	wg.Wait()
	wins := 0
	for i, r := range results {
		switch {
		case r.code == ExitOK:
			wins++
		case r.code == ExitUsage && strings.Contains(r.stderr, "changed while soa was working on it"):
		default:
			t.Errorf("import %d: exit %d: %s", i, r.code, r.stderr)
		}
	}
	if wins == 0 {
		t.Error("no import succeeded")
	}
	if code, _, errOut := runSoa(t, "", "validate", yml); code != ExitOK {
		t.Errorf("the answers no longer validate: %s", errOut)
	}
	t.Logf("%d of %d imports succeeded, the others were refused", wins, n)
}

// TestImportLostUpdate: an import that read the answers before another
// one wrote them is refused, instead of writing over the other's change.
// The hook runs the second import at the worst moment: after the first
// has read the file and computed its update, before it writes.
func TestImportLostUpdate(t *testing.T) {
	dir, _, yml, book := exampleWorkbook(t)
	other := filepath.Join(dir, "other.xlsx")
	data, _ := os.ReadFile(book)
	os.WriteFile(other, data, 0o644)
	editWorkbook(t, book, func(f *excelize.File, sh string) { f.SetCellStr(sh, "K4", "First") })
	editWorkbook(t, other, func(f *excelize.File, sh string) { f.SetCellStr(sh, "K5", "Second") })
	var second int
	beforeInto = func() {
		beforeInto = nil
		second, _, _ = runSoa(t, "", "import", other, "--into", yml)
	}
	defer func() { beforeInto = nil }()
	code, _, errOut := runSoa(t, "", "import", book, "--into", yml)
	if second != ExitOK {
		t.Fatalf("second import: exit %d", second)
	}
	if code != ExitUsage || !strings.Contains(errOut, "answers.yaml changed while soa was working on it (another soa run, an editor, the web page); nothing written; run again") {
		t.Errorf("first import: exit %d: %s", code, errOut)
	}
	final, _ := os.ReadFile(yml)
	if !strings.Contains(string(final), "owner: Second") || strings.Contains(string(final), "owner: First") {
		t.Errorf("the file does not hold exactly the second import's change")
	}
}
