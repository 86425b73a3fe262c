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
