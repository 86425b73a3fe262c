package cli

import (
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/workbook"
)

// loadChecked loads an answers file as validate judges it: soa.Load (for
// the gap report, soa.LoadForReport), then the texts too long for their
// workbook cell in any language, so that a file validate passes can be
// generated in either. The statement is nil when there is an error.
func loadChecked(cat *catalog.Catalog, name string, src []byte, forReport bool) (*soa.Statement, diag.List) {
	load := soa.Load
	if forReport {
		load = soa.LoadForReport
	}
	st, l := load(cat, name, src)
	if st == nil {
		return nil, l
	}
	if long := cellLimits(st); len(long) > 0 {
		l = append(l, long...)
		l.Sort()
		return nil, l
	}
	return st, l
}

// cellLimits lists, once per field, the texts of st too long for their
// cell in a workbook of any language (the labels that share a cell differ
// in length between languages).
func cellLimits(st *soa.Statement) diag.List {
	type key struct {
		pos            diag.Pos
		control, field string
	}
	seen := map[key]bool{}
	var out diag.List
	for _, code := range i18n.Languages {
		lang, _ := i18n.Parse(code)
		rep := gap.Analyze(st, gap.Options{AsOf: st.Org.Date, Lang: lang})
		for _, d := range workbook.CheckText(st, rep, lang) {
			k := key{d.Pos, d.Control, d.Field}
			if !seen[k] {
				seen[k] = true
				out = append(out, d)
			}
		}
	}
	return out
}
