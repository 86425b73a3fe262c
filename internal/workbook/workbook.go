// Package workbook writes the Statement of Applicability as an Excel
// workbook: Cover, SoA, Summary, Gaps, Mapping and Attributes sheets.
//
// The same statement and options always give the same bytes: styles are
// created in a fixed order, nothing ranges over a map, the document
// properties take the SoA's date rather than the clock, and only the cell
// API is used (excelize's stream writers can reorder parts between runs).
package workbook

import (
	"fmt"
	"io"
	"sort"

	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/xuri/excelize/v2"
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
	f, err := build(st, rep, opts.Lang, paper, opts.Changes)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteTo(w)
	return err
}

// build assembles the workbook in memory.
func build(st *soa.Statement, rep *gap.Report, l i18n.Lang, paper Paper, changes *diff.Report) (*excelize.File, error) {
	b := &builder{f: excelize.NewFile(), st: st, rep: rep, l: l, paper: paper, changes: changes, cols: layout.Columns(st.Edition)}
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
			b.f.Close()
			return nil, fmt.Errorf("build workbook: %w", err)
		}
	}
	return b.f, nil
}

// builder carries the file and the fixed styles while sheets are written.
// Every excelize call goes through set* helpers that remember the first
// error, so sheet code stays readable.
type builder struct {
	f     *excelize.File
	st    *soa.Statement
	rep   *gap.Report
	l     i18n.Lang
	paper Paper
	cols  layout.Table

	changes *diff.Report // the SoA sheet's columns
	s       styles
	err     error

	lastSoARow int // the SoA sheet's last row, for Summary formulas
}

func (b *builder) sheet(key string) string { return b.l.T("wb.sheet." + key) }

func (b *builder) setup() error {
	if err := b.f.SetDefaultFont(fonts[b.l]); err != nil {
		return err
	}
	b.s = newStyles(b.f, fonts[b.l])
	if err := b.f.SetSheetName("Sheet1", b.sheet("cover")); err != nil {
		return err
	}
	keys := []string{"soa", "summary", "gaps", "mapping", "attributes"}
	if b.changes != nil {
		keys = []string{"soa", "summary", "gaps", "changes", "mapping", "attributes"}
	}
	for _, key := range keys {
		if _, err := b.f.NewSheet(b.sheet(key)); err != nil {
			return err
		}
	}
	return b.s.err
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
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Creator: "soa", LastModifiedBy: "soa", Title: title, Subject: b.l.T("wb.standard." + b.st.Edition),
		Created: stamp, Modified: stamp, Language: string(b.l), Version: b.st.Org.SoAVersion,
	}); err != nil {
		return err
	}
	if err := b.f.SetAppProps(&excelize.AppProperties{Application: "soa", Company: b.st.Org.Name}); err != nil {
		return err
	}
	on := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &on}); err != nil {
		return err
	}
	b.f.SetActiveSheet(1) // open on the SoA itself
	// AddChart registers the image content types by ranging over a map, so
	// their order in [Content_Types].xml varies between runs. Sorting them
	// restores identical bytes (excelize v2.11.1).
	if ct := b.f.ContentTypes; ct != nil {
		d := ct.Defaults
		sort.Slice(d, func(i, j int) bool { return d[i].Extension < d[j].Extension })
	}
	return b.err
}

// str writes text as a string cell: never a formula, whatever it starts
// with. Empty text writes nothing: an answer listed with empty fields then
// gives the same cells, and the same bytes, as no answer at all, which is
// what soa import reads back from either. Text too long for a cell is an
// error, never cut: rules.CellLimits names the answers' fields first, so
// this only guards against a statement that was not checked.
func (b *builder) str(sheet, cell, text string) {
	if b.err != nil || text == "" {
		return
	}
	if n := layout.TextLen(text); n > layout.MaxCellText {
		b.err = fmt.Errorf("%s!%s: %d characters; an Excel cell holds at most %d", sheet, cell, n, layout.MaxCellText)
		return
	}
	b.err = b.f.SetCellStr(sheet, cell, text)
}

func (b *builder) num(sheet, cell string, v any) {
	if b.err == nil {
		b.err = b.f.SetCellValue(sheet, cell, v)
	}
}

func (b *builder) formula(sheet, cell, f string) {
	if b.err == nil {
		b.err = b.f.SetCellFormula(sheet, cell, f)
	}
}

func (b *builder) style(sheet, from, to string, id int) {
	if b.err == nil {
		b.err = b.f.SetCellStyle(sheet, from, to, id)
	}
}

func (b *builder) merge(sheet, from, to string) {
	if b.err == nil {
		b.err = b.f.MergeCell(sheet, from, to)
	}
}

func (b *builder) width(sheet, col string, w float64) {
	if b.err == nil {
		b.err = b.f.SetColWidth(sheet, col, col, w)
	}
}

func (b *builder) height(sheet string, row int, h float64) {
	if b.err == nil {
		b.err = b.f.SetRowHeight(sheet, row, h)
	}
}

// cell returns the A1 reference of column col (1-based) and row.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName returns the letters of column col (1-based).
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}
