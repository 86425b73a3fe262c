package importer

import (
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// coverLabels maps the cover's labels, in both languages, to the field they
// label.
func coverLabels() map[string]string {
	m := map[string]string{}
	// soa's own cover labels, from the table of organization fields.
	for _, f := range answers.OrgFields {
		if f.Cover == "" {
			continue
		}
		for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
			m[normalize(l.T(f.Cover))] = f.Key
		}
	}
	// What hand-made SoAs call them.
	for label, field := range map[string]string{
		"organisation": "name", "company": "name", "organization name": "name", "会社名": "name", "組織": "name",
		"scope": "scope", "適用範囲": "scope", "version": "soa_version", "document version": "soa_version", "版": "soa_version",
		"date": "date", "issue date": "date", "発行日": "date", "制定日": "date", "改訂日": "date",
	} {
		if _, ok := m[label]; !ok {
			m[label] = field
		}
	}
	for field, ls := range moreCoverLabels {
		for _, label := range ls {
			if _, ok := m[labelKey(label)]; !ok {
				m[labelKey(label)] = field
			}
		}
	}
	return m
}

// labelKey folds a label for looking it up: no accents, no "(s)", no
// colon at the end.
func labelKey(s string) string { return fold(normalize(s)) }

// readCover takes the organization block and the revision history from the
// Cover sheet of soa's workbooks (表紙 in Japanese), or from label cells at
// the top of a hand-made SoA.
func (r *reader) readCover(f *answers.File) {
	covers := r.coverSheets()
	ja := slices.Contains(covers, "表紙") || r.res.Sheet == "適用宣言書" || japaneseHeadings(r.res.Columns)
	// The cover sheets, then the title block above the table.
	for _, sh := range append(covers, r.res.Sheet) {
		r.readCoverSheet(f, sh)
	}
	r.readTitleLines(f, append(covers, r.res.Sheet))
	r.readDocProps(f)
	// Said either way, so that import -o writes the language the
	// workbook is in (language: en too).
	f.Org.Language = "en"
	if ja {
		f.Org.Language = "ja"
	}
}

// readCoverSheet reads the label cells of cover, a cover sheet or the
// sheet of the table (above its header row only).
func (r *reader) readCoverSheet(f *answers.File, cover string) {
	labels := coverLabels()
	g, err := r.readGrid(cover)
	if err != nil {
		return
	}
	rows := g.rows
	o := &f.Org
	limit := len(rows)
	if cover == r.res.Sheet {
		limit = min(limit, r.res.HeaderRow-1) // only the title block above the table
	}
	date := func(v string, col, row int, field string) (string, bool) {
		v = r.raw(cover, col, row, v)
		d, ok := parseDate(v)
		if !ok {
			if hint := eraHint(v); hint != "" {
				r.warnf(r.pos(cover, col+1, row+1), "", field, "%q is not a date, not read: %s", v, hint)
			} else {
				r.warnf(r.pos(cover, col+1, row+1), "", field, "%q is not a date, not read (write 2026-04-01 or 2026/04/01, or use a date cell)", v)
			}
		}
		return d, ok
	}
	// text is a cell's value as shown: a number typed for a version, 2.0,
	// is "2.0" when its cell shows one decimal, where its value is 2.
	text := func(v string, col, row int) string {
		c, rw := g.source(col, row)
		if col < len(rows[row]) && r.numeric(cover, c+1, rw+1) {
			ref, _ := excelize.CoordinatesToCellName(c+1, rw+1)
			if shown, err := r.f.GetCellValue(cover, ref); err == nil {
				v = shown
			}
		}
		return strings.TrimSpace(v)
	}
	block := true // in the title block, above the revision history and legend
	for i := 0; i < limit; i++ {
		row := rows[i]
		if isRevisionHeader(row) {
			f.Revisions = readRevisions(rows[i+1:], i+1, date, text)
			block = false
			continue
		}
		if isSectionHeading(row) {
			block = false
		}
		if !block {
			// The revision history and the legend hold free text ("Approved
			// by the management review", "Date: moved to the 2022
			// controls"): no labels.
			continue
		}
		// A row may hold several label and value pairs side by side, or a
		// label and its value in one cell ("Date: 2023-05-02").
		for c := 0; c < len(row); c++ {
			var v string
			var at int
			field, ok := labels[labelKey(row[c])]
			switch {
			case ok && c+1 < len(row) && strings.TrimSpace(row[c+1]) == "" && r.unsavedFormula(cover, g, c+1, i):
				r.warnf(r.pos(cover, c+2, i+1), "", "organization."+field, "%s", unsavedFormulaMsg)
				c++
				continue
			case ok:
				v, at = nextValue(row, c)
				if field != "date" && field != "approved_on" {
					v = text(v, at, i)
				}
			default:
				label, value, found := strings.Cut(strings.Replace(row[c], "：", ":", 1), ":")
				if field, ok = labels[labelKey(label)]; !found || !ok || strings.TrimSpace(value) == "" {
					continue
				}
				v, at = value, c
			}
			v = strings.TrimSpace(v)
			switch field {
			case "name":
				setOnce(&o.Name, v)
			case "scope":
				setOnce(&o.Scope, v)
			case "soa_version":
				setOnce(&o.SoAVersion, v)
			case "date":
				r.dateLabel = true
				if d, ok := date(v, at, i, "organization.date"); ok {
					setOnce(&o.Date, d)
				}
			case "prepared_by":
				setOnce(&o.PreparedBy, v)
			case "approved_by":
				setOnce(&o.ApprovedBy, v)
			case "approved_on":
				if d, ok := date(v, at, i, "organization.approved_on"); ok {
					setOnce(&o.ApprovedOn, d)
				}
			}
			c = at // go on after the value
		}
	}
}

// nextValue is the first non-empty cell after column c, and its column:
// merged value cells keep their text in their first cell.
func nextValue(row []string, c int) (string, int) {
	for i := c + 1; i < len(row); i++ {
		if strings.TrimSpace(row[i]) != "" {
			return row[i], i
		}
	}
	return "", len(row)
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// isSectionHeading reports whether a row is the heading of the Cover's
// revision history or legend ("Revision history", "凡例"), in its first
// non-empty cell: the title block ends above it.
func isSectionHeading(row []string) bool {
	for _, v := range row {
		if n := normalize(v); n != "" {
			for _, key := range []string{"wb.revisions", "wb.legend"} {
				if n == normalize(i18n.EN.T(key)) || n == normalize(i18n.JA.T(key)) {
					return true
				}
			}
			return n == "revisions" || n == "change history" || n == "変更履歴" || n == "改版履歴"
		}
	}
	return false
}

func isRevisionHeader(row []string) bool {
	if len(row) < 4 {
		return false
	}
	want := [][]string{
		{normalize(i18n.EN.T("wb.rev.version")), normalize(i18n.JA.T("wb.rev.version"))},
		{normalize(i18n.EN.T("wb.rev.date")), normalize(i18n.JA.T("wb.rev.date"))},
	}
	return slices.Contains(want[0], normalize(row[0])) && slices.Contains(want[1], normalize(row[1]))
}

// readRevisions reads the revision history below its header; first is the
// 0-based sheet row of rows[0]. date reads a date cell, reporting one it
// cannot read; text gives a cell's value as shown.
func readRevisions(rows [][]string, first int, date func(v string, col, row int, field string) (string, bool), text func(v string, col, row int) string) []answers.Revision {
	var out []answers.Revision
	for n, row := range rows {
		if len(row) == 0 || strings.TrimSpace(strings.Join(row, "")) == "" {
			break
		}
		cell := func(i int) string {
			if i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		d, _ := date(cell(1), 1, first+n, "revisions.date")
		out = append(out, answers.Revision{Version: text(cell(0), 0, first+n), Date: d, Author: cell(2), Description: cell(3)})
	}
	return out
}

// japaneseHeadings reports whether most of the headings read are Japanese:
// a hand-made Japanese SoA, whatever its sheets are called.
func japaneseHeadings(cols []Column) bool {
	n := 0
	for _, c := range cols {
		if strings.ContainsFunc(c.Heading, cjk) {
			n++
		}
	}
	return 2*n > len(cols)
}
