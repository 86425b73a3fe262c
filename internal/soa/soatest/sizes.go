package soatest

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/soa"
)

// Sizes runs run as sub-benchmarks over the large inputs at 1× and 10×
// their size: every text of every control 1,000 and then 10,000 characters
// long (10,000 is as far as the 8 MiB file limit lets every text go), and
// 100 and then 1,000 controls of the user's own, all answered. cat is the
// default catalogue, with the extra controls when there are.
func Sizes(b *testing.B, run func(b *testing.B, cat *catalog.Catalog, src []byte)) {
	base, err := catalog.DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Load(base, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("text=%d", n), func(b *testing.B) { run(b, cat, Answers(n, nil)) })
	}
	for _, n := range []int{100, 1_000} {
		extra, ids := ExtraControls(n)
		cat, err := catalog.Load(base, []catalog.File{extra})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("controls=%d", n), func(b *testing.B) { run(b, cat, Answers(100, ids)) })
	}
}

// Load reads src as answers over the default catalogue, failing t on any
// error.
func Load(t testing.TB, name string, src []byte) *soa.Statement {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return LoadOver(t, cat, name, src)
}

// LoadOver reads src as answers over cat, failing t on any error.
func LoadOver(t testing.TB, cat *catalog.Catalog, name string, src []byte) *soa.Statement {
	t.Helper()
	st, l := soa.Load(cat, name, src)
	if st == nil {
		t.Fatal(l)
	}
	return st
}

// OwnCatalog returns the bundled catalogue loaded afresh, from copies of
// its files, for a test that changes it: catalog.Default's is one value
// shared by every caller, and read-only.
func OwnCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := freshCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func freshCatalog() (*catalog.Catalog, error) {
	files, err := catalog.DefaultFiles()
	if err != nil {
		return nil, err
	}
	for i := range files {
		files[i].Src = bytes.Clone(files[i].Src)
	}
	return catalog.Load(files, nil)
}

// RunUnchanged runs m's tests and fails them if they changed the bundled
// catalogue: catalog.Default returns one value to every caller, read-only,
// and a change made by one test would be seen by the others (and, in soa
// itself, by every later use in the process). For a package's TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(soatest.RunUnchanged(m)) }
func RunUnchanged(m *testing.M) int {
	code := m.Run()
	shared, err := catalog.Default()
	if err == nil {
		var fresh *catalog.Catalog
		if fresh, err = freshCatalog(); err == nil && !reflect.DeepEqual(shared, fresh) {
			err = fmt.Errorf("a test changed the bundled catalogue that catalog.Default shares; load one of its own with soatest.OwnCatalog")
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "soatest:", err)
		return 1
	}
	return code
}
