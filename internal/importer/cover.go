package importer

import (
	"slices"
	"sort"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
)

// coverLabels maps the cover's labels, in both languages, to the field they
// label: buildCoverLabels's map, made at build time (tables_gen.go) and
// searched as the linker lays it out.
var coverLabels = sortedPairs(coverLabelPairs)

// buildCoverLabels makes the map of coverLabels, for TestTablesGenerated.
func buildCoverLabels() map[string]string {
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
	// What hand-made SoAs call them, and soa's own covers before the
	// approval block (作成者, 承認者).
	for label, field := range map[string]string{
		"作成者": "prepared_by", "承認者": "approved_by", "審査者": "reviewed_by",
		"organisation": "name", "company": "name", "organization name": "name", "会社名": "name", "組織": "name",
		"scope": "scope", "適用範囲": "scope", "version": "soa_version", "document version": "soa_version", "版": "soa_version",
		"date": "date", "issue date": "date", "発行日": "date", "制定日": "date", "改訂日": "date",
	} {
		if _, ok := m[label]; !ok {
			m[label] = field
		}
	}
	for field, ls := range moreCoverLabels() {
		for _, label := range ls {
			if _, ok := m[labelKey(label)]; !ok {
				m[labelKey(label)] = field
			}
		}
	}
	return m
}

// sortedPairs are keys and values, key after value, sorted by key (as
// tables_gen.go lists them): a map the linker lays out, where one made at
// run time costs every import its building.
type sortedPairs []string

// get returns the value of key.
func (p sortedPairs) get(key string) (string, bool) {
	i := sort.Search(len(p)/2, func(i int) bool { return p[2*i] >= key })
	if i < len(p)/2 && p[2*i] == key {
		return p[2*i+1], true
	}
	return "", false
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
			v = r.shownText(cover, c+1, rw+1)
		}
		return strings.TrimSpace(v)
	}
	block := true // in the title block, above the revision history and legend
	for i := 0; i < limit; i++ {
		row := rows[i]
		if isRevisionHeader(row) {
			f.Revisions = readRevisions(rows[i:], i, date, text)
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
			field, ok := coverLabels.get(labelKey(row[c]))
			switch {
			case ok && c+1 < len(row) && strings.TrimSpace(row[c+1]) == "" && r.unsavedFormula(cover, g, c+1, i):
				r.warnf(r.pos(cover, c+2, i+1), "", "organization."+field, "%s", unsavedFormulaMsg)
				c++
				continue
			case ok:
				v, at = nextValue(row, c)
				if f := answers.OrgFieldByKey(field); f != nil && f.Kind != answers.Date {
					v = text(v, at, i)
				}
			default:
				label, value, found := strings.Cut(strings.Replace(row[c], "：", ":", 1), ":")
				if field, ok = coverLabels.get(labelKey(label)); !found || !ok || strings.TrimSpace(value) == "" {
					continue
				}
				v, at = value, c
			}
			v = strings.TrimSpace(v)
			// In the approval block the date follows the name, and takes
			// its place when no name is given.
			if fl := answers.OrgFieldByKey(field); fl != nil && fl.Dated != "" && ok {
				if _, isDate := parseDate(r.raw(cover, at, i, v)); isDate {
					r.setOrg(o, fl.Dated, v, at, i, date)
					c = at
					continue
				}
				if d, dat := nextValue(row, at); dat < len(row) {
					if _, label := coverLabels.get(labelKey(d)); !label {
						r.setOrg(o, field, v, at, i, date)
						r.setOrg(o, fl.Dated, strings.TrimSpace(d), dat, i, date)
						c = dat
						continue
					}
				}
			}
			r.setOrg(o, field, v, at, i, date)
			c = at // go on after the value
		}
	}
}

// setOrg sets the organization field key to v, read at column col of row
// (0-based), unless an earlier cell set it; a date is read as one.
func (r *reader) setOrg(o *answers.Organization, key, v string, col, row int, date func(v string, col, row int, field string) (string, bool)) {
	f := answers.OrgFieldByKey(key)
	if f == nil {
		return
	}
	if f.Kind == answers.Date {
		if key == "date" {
			r.dateLabel = true
		}
		d, ok := date(v, col, row, f.Path())
		if !ok {
			return
		}
		v = d
	}
	if f.Get(o) == "" {
		f.Set(o, v)
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

// revisionHeads maps the revision history's headings, in both languages
// and as soa wrote them before (日付, 改訂内容), to the revision field
// under them.
func revisionHeads() map[string]string {
	m := map[string]string{"日付": "date", "改訂内容": "description"}
	for _, key := range []string{"version", "date", "author", "description", "notes"} {
		for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
			m[normalize(l.T("wb.rev."+key))] = key
		}
	}
	return m
}

func isRevisionHeader(row []string) bool {
	if len(row) < 4 {
		return false
	}
	heads := revisionHeads()
	return heads[normalize(row[0])] == "version" && heads[normalize(row[1])] == "date"
}

// readRevisions reads the revision history below its header, rows[-1]
// (rows starts with the header); first is the 0-based sheet row of the
// header. date reads a date cell, reporting one it cannot read; text
// gives a cell's value as shown. Columns are found by their headings.
func readRevisions(rows [][]string, first int, date func(v string, col, row int, field string) (string, bool), text func(v string, col, row int) string) []answers.Revision {
	heads := revisionHeads()
	cols := map[string]int{}
	for i, h := range rows[0] {
		if k, ok := heads[normalize(h)]; ok {
			if _, seen := cols[k]; !seen {
				cols[k] = i
			}
		}
	}
	var out []answers.Revision
	for n, row := range rows[1:] {
		if len(row) == 0 || strings.TrimSpace(strings.Join(row, "")) == "" {
			break
		}
		cell := func(key string) string {
			if i, ok := cols[key]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		at := first + 1 + n
		d, _ := date(cell("date"), cols["date"], at, "revisions.date")
		out = append(out, answers.Revision{Version: text(cell("version"), cols["version"], at), Date: d,
			Author: cell("author"), Description: cell("description"), Notes: cell("notes")})
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
