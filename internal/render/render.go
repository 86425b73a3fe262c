// Package render holds the few steps every command and the local web page
// share to turn answers into documents: load and check an answers file as
// soa validate judges it, pick the document language, render the workbook.
// It reads no files and no clock: the caller passes the bytes and the date.
package render

import (
	"bytes"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/workbook"
)

// Load loads an answers file as validate judges it: parsed and joined with
// the catalogue (soa.Load), every text checked against the workbook's cell
// limits in every language (rules.CellLimits), and, unless forReport, the
// rules' errors and warnings added as diagnostics. The statement is nil
// when there is an error. The gap report lists the rules' findings itself,
// so forReport leaves them out: an exclusion without a justification is a
// finding there, not a file soa cannot read.
func Load(cat *catalog.Catalog, name string, src []byte, forReport bool, ro rules.Options) (*soa.Statement, diag.List) {
	f, l := answers.Parse(name, src)
	return Check(cat, f, l, forReport, ro)
}

// Check is Load's second half, for a file already parsed (f and l, what
// answers.Parse gave): the statement joined with cat (soa.Join) and checked.
func Check(cat *catalog.Catalog, f *answers.File, l diag.List, forReport bool, ro rules.Options) (*soa.Statement, diag.List) {
	st, l := soa.Join(cat, f, l)
	if st == nil {
		return nil, l
	}
	if forReport {
		l = diag.Merge(l, rules.CellLimits(st))
	} else {
		l = diag.Merge(l, rules.Validate(st, ro))
	}
	if l.HasErrors() {
		return nil, l
	}
	return st, l
}

// Lang is the language of st's documents: code (a --lang flag) when given,
// else the answers' organization.language, else English.
func Lang(code string, st *soa.Statement) i18n.Lang {
	if code == "" && st != nil {
		code = st.Org.Language
	}
	if l, err := i18n.Parse(code); err == nil && code != "" {
		return l
	}
	return i18n.EN
}

// Workbook renders the SoA workbook of st, judged by ro, in lang: the bytes
// soa generate writes.
func Workbook(st *soa.Statement, ro rules.Options, opts workbook.Options) ([]byte, error) {
	rep := gap.Analyze(st, gap.Options{AsOf: ro.AsOf, MaxReviewAge: ro.MaxReviewAge, Lang: opts.Lang})
	var buf bytes.Buffer
	if err := workbook.Write(&buf, st, rep, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
