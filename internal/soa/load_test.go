package soa_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/yamlfile"
)

var repo = filepath.Join("..", "..")

func defaultCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestBadAnswers checks every message for each file of testdata/bad against
// testdata/bad/<case>.want, which lists the diagnostics exactly as
// `soa validate` prints them (rewrite with -update).
func TestBadAnswers(t *testing.T) {
	cat := defaultCatalog(t)
	files, err := filepath.Glob(filepath.Join(repo, "testdata", "bad", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad inputs: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			st, l := soa.Load(cat, "testdata/bad/"+filepath.Base(path), src)
			if st != nil {
				// What validate adds: the rules, as of a fixed date.
				l = append(l, rules.Validate(st, rules.Options{AsOf: "2026-11-01"})...)
				l.Sort()
				if l.HasErrors() {
					st = nil
				}
			}
			if (st == nil) != l.HasErrors() {
				t.Errorf("statement %v with errors=%v: a statement comes back exactly when there are no errors", st != nil, l.HasErrors())
			}
			var buf bytes.Buffer
			if err := diag.Write(&buf, "text", l); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(path, ".yaml")+".want", buf.Bytes())
		})
	}
}

// TestAcceptedEncodings: a byte-order mark and CRLF line endings are what
// Windows editors write; both must load like the plain file.
func TestAcceptedEncodings(t *testing.T) {
	cat := defaultCatalog(t)
	for _, name := range []string{"bom.yaml", "crlf.yaml"} {
		src, err := os.ReadFile(filepath.Join(repo, "testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		st, l := soa.Load(cat, name, src)
		if st == nil || l.HasErrors() {
			t.Errorf("%s: %v", name, l)
			continue
		}
		if st.Org.Name != "Example KK" || !st.Rows[0].Applicable() {
			t.Errorf("%s: loaded %q, row 5.1 applicable=%v", name, st.Org.Name, st.Rows[0].Applicable())
		}
	}
}

// TestTooLarge: the size limit is checked before parsing. The file is made
// here rather than kept in testdata: 8 MiB has no place in the repository.
func TestTooLarge(t *testing.T) {
	src := bytes.Repeat([]byte("# padding\n"), yamlfile.MaxSize/10+1)
	_, l := soa.Load(defaultCatalog(t), "big.yaml", src)
	if got, want := l.Error(), "big.yaml: error: file is larger than the limit of 8 MiB"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestUnquotedIDs: 5.10 written unquoted must stay 5.10, not become 5.1.
func TestUnquotedIDs(t *testing.T) {
	src := []byte("organization: {name: X, date: 2026-04-01}\ncontrols:\n  5.10: {applicable: true, reasons: [risk], status: planned, owner: CISO, target_date: 2026-12-31}\n  5.1: {applicable: false, justification: none}\n")
	st, l := soa.Load(defaultCatalog(t), "ids.yaml", src)
	if st == nil {
		t.Fatal(l)
	}
	for _, r := range st.Rows {
		switch r.Control.ID {
		case "5.10":
			if !r.Applicable() {
				t.Error("5.10 lost its answer")
			}
		case "5.1":
			if !r.Excluded() {
				t.Error("5.1 lost its answer")
			}
		}
	}
}

func BenchmarkValidateAnswers(b *testing.B) {
	cat := defaultCatalog(b)
	src, err := os.ReadFile(filepath.Join(repo, "testdata", "examples", "saas-cloud.yaml"))
	if err != nil {
		b.Skip("example not present:", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if st, l := soa.Load(cat, "saas-cloud.yaml", src); st == nil {
			b.Fatal(l)
		}
	}
}
