// Package controllist renders catalogue controls for `soa controls`: an
// aligned table for terminals, JSON and YAML for tools, CSV for
// spreadsheets, and the detail view of one control.
package controllist

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/format"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/textwidth"
	"go.yaml.in/yaml/v3"
)

// List is what a listing prints: the controls of a catalogue.
type List struct {
	Catalog  *catalog.Catalog
	Controls []*catalog.Control
	Options  Options
}

// Formats are the listing's formats, the default first.
var Formats = format.Set[List]{
	{Name: "table", Render: func(w io.Writer, l List) error { return writeTable(w, l.Catalog, l.Controls, l.Options) }},
	{Name: "json", Render: func(w io.Writer, l List) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(records(l.Catalog, l.Controls))
	}},
	{Name: "yaml", Render: func(w io.Writer, l List) error {
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(records(l.Catalog, l.Controls)); err != nil {
			return err
		}
		return enc.Close()
	}},
	{Name: "csv", Render: func(w io.Writer, l List) error { return writeCSV(w, l.Catalog, l.Controls) }},
}

// Options say how to render.
type Options struct {
	Format string
	Lang   i18n.Lang
	Width  int // table width in columns; 0 means 100
}

// Write renders ctls from cat in the format of opts.
func Write(w io.Writer, cat *catalog.Catalog, ctls []*catalog.Control, opts Options) error {
	return Formats.Render(w, opts.Format, List{cat, ctls, opts})
}

// Record is the stable JSON and YAML shape of a 2022 control (and of a
// user's control). Field order is output order.
type Record struct {
	ID         string            `json:"id" yaml:"id"`
	Title      string            `json:"title" yaml:"title"`
	TitleJA    string            `json:"title_ja" yaml:"title_ja"`
	Theme      string            `json:"theme" yaml:"theme"`
	New        bool              `json:"new" yaml:"new"`
	Summary    string            `json:"summary" yaml:"summary"`
	SummaryJA  string            `json:"summary_ja" yaml:"summary_ja"`
	Attributes AttributesRecord  `json:"attributes" yaml:"attributes"`
	From2013   []string          `json:"from_2013" yaml:"from_2013"`
	Text       string            `json:"text,omitempty" yaml:"text,omitempty"`
	Guidance   string            `json:"guidance,omitempty" yaml:"guidance,omitempty"`
	Extra      map[string]string `json:"extra,omitempty" yaml:"extra,omitempty"`
}

// AttributesRecord holds the five attribute types; lists are never null.
type AttributesRecord struct {
	ControlType             []string `json:"control_type" yaml:"control_type"`
	SecurityProperties      []string `json:"security_properties" yaml:"security_properties"`
	CybersecurityConcepts   []string `json:"cybersecurity_concepts" yaml:"cybersecurity_concepts"`
	OperationalCapabilities []string `json:"operational_capabilities" yaml:"operational_capabilities"`
	SecurityDomains         []string `json:"security_domains" yaml:"security_domains"`
}

// Record2013 is the stable JSON and YAML shape of a 2013 control.
type Record2013 struct {
	ID             string   `json:"id" yaml:"id"`
	Title          string   `json:"title" yaml:"title"`
	TitleJA        string   `json:"title_ja" yaml:"title_ja"`
	Clause         string   `json:"clause" yaml:"clause"`
	ClauseTitle    string   `json:"clause_title" yaml:"clause_title"`
	Objective      string   `json:"objective" yaml:"objective"`
	ObjectiveTitle string   `json:"objective_title" yaml:"objective_title"`
	MapsTo         []string `json:"maps_to" yaml:"maps_to"`
}

func records(cat *catalog.Catalog, ctls []*catalog.Control) []any {
	out := make([]any, 0, len(ctls))
	for _, c := range ctls {
		out = append(out, recordOf(cat, c))
	}
	return out
}

func recordOf(cat *catalog.Catalog, c *catalog.Control) any {
	if c.Set == catalog.Set2013 {
		r := Record2013{ID: c.ID, Title: c.Title, TitleJA: c.TitleJA, Clause: c.Theme, Objective: c.Objective, MapsTo: nonNil(c.MapsTo)}
		if t := cat.ThemeOf(c); t != nil {
			r.ClauseTitle = t.Title
		}
		if s := cat.SetOf(c); s != nil {
			if o := s.Objective(c.Objective); o != nil {
				r.ObjectiveTitle = o.Title
			}
		}
		return r
	}
	a := &c.Attributes
	r := Record{
		ID: c.ID, Title: c.Title, TitleJA: c.TitleJA, Theme: c.Theme, New: c.New, Summary: c.Summary, SummaryJA: c.SummaryJA,
		Attributes: AttributesRecord{
			ControlType:             nonNil(a.ControlType),
			SecurityProperties:      nonNil(a.SecurityProperties),
			CybersecurityConcepts:   nonNil(a.CybersecurityConcepts),
			OperationalCapabilities: nonNil(a.OperationalCapabilities),
			SecurityDomains:         nonNil(a.SecurityDomains),
		},
		From2013: nonNil(from2013(cat, c)),
		Text:     c.Text,
		Guidance: c.Guidance,
	}
	if len(c.Extra) > 0 {
		r.Extra = map[string]string{} // encoding/json and yaml.v3 both sort map keys
		for _, kv := range c.Extra {
			r.Extra[kv.Key] = kv.Value
		}
	}
	return r
}

// from2013 returns the 2013 controls that map to c.
func from2013(cat *catalog.Catalog, c *catalog.Control) []string {
	var ids []string
	for _, id := range c.MappedFrom {
		if src := cat.Control(id); src != nil && src.Set == catalog.Set2013 {
			ids = append(ids, id)
		}
	}
	return ids
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeCSV(w io.Writer, cat *catalog.Catalog, ctls []*catalog.Control) error {
	cw := csv.NewWriter(w)
	header := []string{"id", "title", "title_ja", "theme", "new", "summary", "summary_ja"}
	header = append(header, catalog.AttributeKeys()...)
	header = append(header, "from_2013", "maps_to")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, c := range ctls {
		row := []string{c.ID, c.Title, c.TitleJA, c.Theme, fmt.Sprint(c.New), c.Summary, c.SummaryJA}
		for _, k := range catalog.AttributeKeys() {
			row = append(row, strings.Join(c.Attributes.Get(k), ";"))
		}
		row = append(row, strings.Join(from2013(cat, c), ";"), strings.Join(c.MapsTo, ";"))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeTable(w io.Writer, cat *catalog.Catalog, ctls []*catalog.Control, opts Options) error {
	width := opts.Width
	if width <= 0 {
		width = 100
	}
	l := opts.Lang
	// The 2013 controls are grouped in clauses, shown by number ("A.5")
	// in both languages, and none is new.
	only2013 := !slices.ContainsFunc(ctls, func(c *catalog.Control) bool { return c.Set != catalog.Set2013 })
	themeHead, newHead := l.T("col.theme"), l.T("col.new")
	if only2013 {
		themeHead, newHead = l.T("col.clause"), ""
	}
	idW := textwidth.Width(l.T("col.id"))
	themeW := textwidth.Width(themeHead)
	themeName := func(c *catalog.Control) string {
		if t := cat.ThemeOf(c); t != nil && l == i18n.JA && t.TitleJA != "" && c.Set != catalog.Set2013 {
			return t.TitleJA
		}
		return c.Theme
	}
	for _, c := range ctls {
		idW = max(idW, textwidth.Width(c.ID))
		themeW = max(themeW, textwidth.Width(themeName(c)))
	}
	newW := textwidth.Width(newHead)
	gaps := 6
	if newHead == "" {
		gaps = 4
	}
	titleW := max(20, width-idW-themeW-newW-gaps)
	var b strings.Builder
	line := func(id, theme, isNew, title string) {
		b.WriteString(textwidth.Pad(id, idW) + "  " + textwidth.Pad(theme, themeW) + "  ")
		if newHead != "" {
			b.WriteString(textwidth.Pad(isNew, newW) + "  ")
		}
		b.WriteString(strings.TrimRight(textwidth.Truncate(title, titleW), " ") + "\n")
	}
	line(l.T("col.id"), themeHead, newHead, l.T("col.title"))
	for _, c := range ctls {
		isNew := ""
		if c.New {
			isNew = "*"
		}
		line(c.ID, themeName(c), isNew, l.Title(c.Title, c.TitleJA))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
