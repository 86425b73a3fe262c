// Package diff compares two versions of one organization's answers: what
// changed per control and field, and in the organization block, with a
// line for the revision history. The answers may come from files or from
// workbooks read back by soa import; both must be of one edition.
package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/format"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/markdown"
)

// Change is one field that differs between the two versions.
type Change struct {
	Control string `json:"control,omitempty"` // "" for an organization field
	Field   string `json:"field"`             // an answer field's key, or "organization.<key>"
	Old     string `json:"old"`               // as Field.Show writes it; "" when empty
	New     string `json:"new"`
	// The values compared, for documents that show them as the workbook
	// does (labels, dates in the document's form); nil for organization
	// fields.
	OldValue answers.Value `json:"-"`
	NewValue answers.Value `json:"-"`
}

// Version names one side of the comparison.
type Version struct {
	Name       string `json:"file"`
	SoAVersion string `json:"soa_version,omitempty"`
	Date       string `json:"date,omitempty"`
}

// Report is the comparison of Old with New.
type Report struct {
	Edition  string    `json:"edition"`
	Old      Version   `json:"old"`
	New      Version   `json:"new"`
	Changes  []Change  `json:"changes"`
	Lang     i18n.Lang `json:"-"`
	Revision string    `json:"suggested_revision"` // a description for the revision history
}

// Compare compares old with new, in the order of ids (the catalogue's
// controls of the edition); controls answered in only one file count as
// changes from or to empty fields. The review remarks are soa's notes to a
// person, not answers, and organization.language is how the document is
// written, not what it says: neither is compared.
func Compare(old, new *answers.File, ids []string, lang i18n.Lang) (*Report, error) {
	if lang == "" {
		lang = i18n.EN
	}
	if old.Edition != new.Edition {
		return nil, fmt.Errorf("%s is edition %s and %s is edition %s: compare answers of one edition (soa transition compares 2013 with 2022)",
			old.Name, old.Edition, new.Name, new.Edition)
	}
	r := &Report{Edition: new.Edition, Lang: lang, Changes: []Change{},
		Old: Version{old.Name, old.Org.SoAVersion, old.Org.Date}, New: Version{new.Name, new.Org.SoAVersion, new.Org.Date}}
	for _, f := range answers.OrgFields {
		if f.Cover == "" {
			continue // not part of the document (the language it is written in)
		}
		if o, n := f.Get(&old.Org), f.Get(&new.Org); strings.TrimRight(o, "\n") != strings.TrimRight(n, "\n") {
			r.Changes = append(r.Changes, Change{Field: f.Path(), Old: o, New: n})
		}
	}
	byID := func(f *answers.File) map[string]*answers.Answer {
		m := map[string]*answers.Answer{}
		for _, a := range f.Controls {
			m[a.ID] = a
		}
		return m
	}
	olds, news := byID(old), byID(new)
	seen := map[string]bool{}
	var order []string
	for _, list := range [][]string{ids, keys(old), keys(new)} {
		for _, id := range list {
			if !seen[id] {
				seen[id] = true
				order = append(order, id)
			}
		}
	}
	for _, id := range order {
		a, b := olds[id], news[id]
		for _, f := range answers.Fields {
			if f.Remark {
				continue
			}
			x, y := f.Get(a), f.Get(b)
			if !f.Equal(x, y) {
				r.Changes = append(r.Changes, Change{Control: id, Field: f.Key, Old: f.Show(x), New: f.Show(y), OldValue: x, NewValue: y})
			}
		}
	}
	r.Revision = r.suggest()
	return r, nil
}

func keys(f *answers.File) []string {
	out := make([]string, len(f.Controls))
	for i, a := range f.Controls {
		out[i] = a.ID
	}
	return out
}

// Controls lists the controls that changed, in order.
func (r *Report) Controls() []string {
	var out []string
	for _, c := range r.Changes {
		if c.Control != "" && (len(out) == 0 || out[len(out)-1] != c.Control) {
			out = append(out, c.Control)
		}
	}
	return out
}

// maxNamed is the most controls the suggested revision line names.
const maxNamed = 8

// suggest is a line for the revision history: which controls changed
// (up to maxNamed by id) and which fields, most changed first.
func (r *Report) suggest() string {
	l := r.Lang
	ids := r.Controls()
	if len(ids) == 0 {
		if len(r.Changes) == 0 {
			return l.T("diff.rev.none")
		}
		return l.T("diff.rev.org")
	}
	count := map[string]int{}
	var fields []string
	for _, c := range r.Changes {
		if c.Control == "" {
			continue
		}
		if count[c.Field] == 0 {
			fields = append(fields, c.Field)
		}
		count[c.Field]++
	}
	named := ids
	more := ""
	if len(ids) > maxNamed {
		named, more = ids[:maxNamed], l.F("diff.rev.more", len(ids)-maxNamed)
	}
	var what []string
	for _, f := range fields {
		what = append(what, l.T("field."+f))
	}
	return l.F("diff.rev.controls", len(ids), strings.Join(named, l.T("list.comma"))+more, strings.Join(what, l.T("list.comma")))
}

// Formats are the outputs of soa diff.
var Formats = format.Set[*Report]{{Name: "text", Render: Text}, {Name: "markdown", Render: Markdown}, {Name: "json", Render: JSON}}

func label(r *Report, c Change) string {
	if c.Control == "" {
		return c.Field
	}
	return c.Control + " " + c.Field
}

func show(l i18n.Lang, s string) string {
	if s == "" {
		return l.T("diff.empty")
	}
	return strings.ReplaceAll(s, "\n", " ⏎ ")
}

// Text writes one line per change: "5.7 status: partial → implemented".
func Text(w io.Writer, r *Report) error {
	var b strings.Builder
	l := r.lang()
	b.WriteString(l.F("diff.text.head", r.Old.Name, r.Old.SoAVersion, r.New.Name, r.New.SoAVersion, r.Edition, len(r.Changes), len(r.Controls())) + "\n")
	for _, c := range r.Changes {
		fmt.Fprintf(&b, "%s: %s → %s\n", label(r, c), show(l, c.Old), show(l, c.New))
	}
	b.WriteString(l.F("diff.text.revision", r.Revision) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown writes the changes as a table.
func Markdown(w io.Writer, r *Report) error {
	var b strings.Builder
	l := r.lang()
	b.WriteString(l.F("diff.md.title", markdown.Line(firstOf(r.Old.SoAVersion, r.Old.Name)), markdown.Line(firstOf(r.New.SoAVersion, r.New.Name))) + "\n\n")
	b.WriteString(l.F("diff.md.summary", r.Edition, len(r.Changes), len(r.Controls())) + "\n\n")
	if len(r.Changes) > 0 {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", l.T("col.control"), l.T("gaps.field"), l.T("wb.changes.old"), l.T("wb.changes.new"))
		for _, c := range r.Changes {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", markdown.Cell(c.Control), markdown.Cell(c.Field), markdown.Cell(c.Old), markdown.Cell(c.New))
		}
		b.WriteString("\n")
	}
	b.WriteString(l.F("diff.md.revision", markdown.Line(r.Revision)) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// JSON writes the report as JSON.
func JSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Version int `json:"version"`
		*Report
	}{1, r})
}

// lang is the report's language, English when unset.
func (r *Report) lang() i18n.Lang {
	if r.Lang == "" {
		return i18n.EN
	}
	return r.Lang
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
