// Package workbook writes the Statement of Applicability as an Excel
// workbook: Cover, SoA, Summary, Gaps, Mapping and Attributes sheets.
//
// The same statement and options always give the same bytes: styles are
// created in a fixed order, nothing ranges over a map, the document
// properties take the SoA's date rather than the clock, and package xlsx
// writes the zip's parts in one fixed order without timestamps.
package workbook

import (
	"fmt"
	"io"

	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/xlsx"
)

// Options say how to render.
type Options struct {
	Lang  i18n.Lang
	Paper string // a name in Papers; "" for DefaultPaper(Lang)
	// Changes, when set, is what changed since an earlier version (soa
	// generate --since): a Changes sheet lists it.
	Changes *diff.Report
}

// The statement must be valid (see rules.CellLimits): the workbook writes
// what it is given and refuses, rather than cuts, a text too long for its
// cell.

// Fonts used per language: what Excel users of each language have, and
// what LibreOffice substitutes sensibly.
var fonts = map[i18n.Lang]string{i18n.EN: "Calibri", i18n.JA: "Yu Gothic"}

// Write renders st and its gap report to w.
func Write(w io.Writer, st *soa.Statement, rep *gap.Report, opts Options) error {
	if opts.Lang == "" {
		opts.Lang = i18n.EN
	}
	if opts.Paper == "" {
		opts.Paper = DefaultPaper(opts.Lang)
	}
	paper, err := PaperByName(opts.Paper)
	if err != nil {
		return err
	}
	wb, err := build(st, rep, opts.Lang, paper, opts.Changes)
	if err != nil {
		return err
	}
	return wb.Write(w)
}

// build assembles the workbook in memory.
func build(st *soa.Statement, rep *gap.Report, l i18n.Lang, paper Paper, changes *diff.Report) (*xlsx.Workbook, error) {
	b := &builder{wb: xlsx.New(fonts[l]), st: st, rep: rep, l: l, paper: paper, changes: changes, cols: layout.Columns(st.Edition)}
	steps := []func() error{
		b.setup,
		b.cover,
		b.soaSheet,
		b.summary,
		b.gaps,
		b.changeSheet,
		b.mapping,
		b.attributes,
		b.finish,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("build workbook: %w", err)
		}
	}
	return b.wb, nil
}

// builder carries the workbook and the fixed styles while sheets are
// written. Cell writes go through set* helpers that remember the first
// error, so sheet code stays readable.
type builder struct {
	wb     *xlsx.Workbook
	sheets map[string]*xlsx.Sheet // by the key of their name's message
	st     *soa.Statement
	rep    *gap.Report
	l      i18n.Lang
	paper  Paper
	cols   layout.Table // the SoA sheet's columns

	changes *diff.Report
	s       styles
	err     error

	lastSoARow int // the SoA sheet's last row, for Summary formulas
}

// sheet is the sheet named by the message wb.sheet.<key>.
func (b *builder) sheet(key string) *xlsx.Sheet { return b.sheets[key] }

func (b *builder) setup() error {
	b.s = newStyles(b.wb, fonts[b.l])
	keys := []string{"cover", "soa", "summary", "gaps", "mapping", "attributes"}
	if b.changes != nil {
		keys = []string{"cover", "soa", "summary", "gaps", "changes", "mapping", "attributes"}
	}
	b.sheets = make(map[string]*xlsx.Sheet, len(keys))
	for _, key := range keys {
		sh, err := b.wb.AddSheet(b.l.T("wb.sheet." + key))
		if err != nil {
			return err
		}
		b.sheets[key] = sh
	}
	return nil
}

// finish sets the document properties from the statement, never the clock,
// and asks spreadsheet programs to compute the Summary formulas on load.
func (b *builder) finish() error {
	date := b.st.Org.Date
	if date == "" {
		date = "2000-01-01"
	}
	stamp := date + "T00:00:00Z"
	title := b.l.T("wb.title") + " - " + b.st.Org.Name
	b.wb.Props = xlsx.Properties{
		Creator: "soa", LastModifiedBy: "soa", Title: title, Subject: b.l.T("wb.standard." + b.st.Edition),
		Created: stamp, Modified: stamp, Language: string(b.l), Version: b.st.Org.SoAVersion,
		Application: "soa", Company: b.st.Org.Name,
	}
	b.wb.FullCalcOnLoad = true
	b.wb.Active = 1 // open on the SoA itself
	return b.err
}

// str writes text as a string cell: never a formula, whatever it starts
// with. Empty text writes nothing: an answer listed with empty fields then
// gives the same cells, and the same bytes, as no answer at all, which is
// what soa import reads back from either. Text too long for a cell is an
// error, never cut: rules.CellLimits names the answers' fields first, so
// this only guards against a statement that was not checked.
func (b *builder) str(sh *xlsx.Sheet, col, row int, text string) {
	if b.err != nil || text == "" {
		return
	}
	// A text of n bytes has at most n UTF-16 code units: count them only
	// in a text that might be too long.
	if len(text) > layout.MaxCellText {
		if n := layout.TextLen(text); n > layout.MaxCellText {
			b.err = fmt.Errorf("%s!%s: %d characters; an Excel cell holds at most %d", sh.Name(), xlsx.CellName(col, row), n, layout.MaxCellText)
			return
		}
	}
	sh.SetString(col, row, text)
}

// style gives the cells from (col1, row1) to (col2, row2) the style id.
func (b *builder) style(sh *xlsx.Sheet, col1, row1, col2, row2 int, id xlsx.StyleID) {
	sh.SetStyle(xlsx.Cells(col1, row1, col2, row2), id)
}

// merge merges the cells from (col1, row1) to (col2, row2).
func (b *builder) merge(sh *xlsx.Sheet, col1, row1, col2, row2 int) {
	sh.Merge(xlsx.Cells(col1, row1, col2, row2))
}

func (b *builder) width(sh *xlsx.Sheet, col int, w float64) { sh.SetColWidth(col, w) }

func (b *builder) height(sh *xlsx.Sheet, row int, h float64) { sh.SetRowHeight(row, h) }

// colName returns the letters of column col (1-based).
func colName(col int) string { return xlsx.ColumnName(col) }
