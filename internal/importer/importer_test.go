package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/workbook"
)

func defaultCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// customCatalog is the bundled catalogue with the worked example of a
// user's catalogue over it.
func customCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	base, err := catalog.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	var user []catalog.File
	files, _ := filepath.Glob("../../testdata/catalog/custom/*.yaml")
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		user = append(user, catalog.File{Name: filepath.Base(p), Src: src})
	}
	c, err := catalog.Load(base, user)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func loadExample(t testing.TB, name string) *soa.Statement {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	st, l := soa.Load(defaultCatalog(t), name+".yaml", src)
	if st == nil {
		t.Fatal(l)
	}
	return st
}

func render(t testing.TB, st *soa.Statement, lang i18n.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	rep := gap.Analyze(st, gap.Options{AsOf: st.Org.Date, Lang: lang})
	if err := workbook.Write(&buf, st, rep, workbook.Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
