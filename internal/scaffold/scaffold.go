// Package scaffold writes an empty answers file: every control of an
// edition with its title as a comment and blank answers, ready to fill in.
package scaffold

import (
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"go.yaml.in/yaml/v3"
)

// Options say what to scaffold.
type Options struct {
	Edition    string // "2022" or "2013"
	Org        string // organization name; may be empty
	Date       string // YYYY-MM-DD for organization.date
	Lang       i18n.Lang
	SchemaPath string // for the yaml-language-server modeline; "" leaves it out
}

// Write prints the scaffold of opts.Edition from cat to w.
func Write(w io.Writer, cat *catalog.Catalog, opts Options) error {
	l := opts.Lang
	var b strings.Builder
	if opts.SchemaPath != "" {
		fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", opts.SchemaPath)
	}
	for _, line := range strings.Split(l.T("init.header"), "\n") {
		b.WriteString(commentLine(line))
	}
	// A legend line for each field that has one: what its values are.
	for _, f := range answers.Fields {
		if key := "init.legend." + f.Key; i18n.Has(key) {
			b.WriteString(commentLine(l.F(key, strings.Join(f.Values, ", "))))
		}
	}
	fmt.Fprintf(&b, "edition: %q\n", opts.Edition)
	b.WriteString("organization:\n")
	fmt.Fprintf(&b, "  name: %s\n", scalar(opts.Org))
	b.WriteString("  scope:\n  soa_version: \"1.0\"\n")
	fmt.Fprintf(&b, "  date: %s\n", opts.Date)
	b.WriteString("  prepared_by:\n  approved_by:\n  approved_on:\n")
	fmt.Fprintf(&b, "  language: %s\n", l)
	b.WriteString("revisions:\n")
	fmt.Fprintf(&b, "  - {version: \"1.0\", date: %s, author: , description: %s}\n", opts.Date, scalar(l.T("init.first_revision")))
	b.WriteString("controls:\n")
	for _, s := range cat.EditionSets(opts.Edition) {
		themeOf := ""
		objOf := ""
		for _, c := range s.Controls {
			if c.Theme != themeOf {
				themeOf = c.Theme
				if t := s.Theme(c.Theme); t != nil {
					b.WriteString("\n  " + commentLine(heading(t, l)))
				}
			}
			if c.Objective != "" && c.Objective != objOf {
				objOf = c.Objective
				if o := s.Objective(c.Objective); o != nil {
					b.WriteString("  " + commentLine(o.ID+" "+l.Title(o.Title, o.TitleJA)))
				}
			}
			title := l.Title(c.Title, c.TitleJA)
			if c.New {
				title += " " + l.T("init.new")
			}
			fmt.Fprintf(&b, "  %q: # %s\n", c.ID, title)
			for _, f := range answers.Fields {
				if !f.Remark { // soa's own notes are not for people to fill in
					b.WriteString("    " + f.Scaffold() + "\n")
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func heading(t *catalog.Theme, l i18n.Lang) string {
	id := t.ID
	if t.Number != "" {
		id = t.Number
	}
	return id + " " + l.Title(t.Title, t.TitleJA)
}

func commentLine(s string) string {
	if s == "" {
		return "#\n"
	}
	return "# " + s + "\n"
}

// scalar quotes s for YAML when it needs it; empty stays empty (null).
func scalar(s string) string {
	if s == "" {
		return ""
	}
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
