package controllist

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/format"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/textwidth"
)

// Detail is the JSON shape of `soa controls show`: the control's record plus
// both directions of the mapping with titles.
type Detail struct {
	Control    any       `json:"control"`
	Set        string    `json:"set"`
	MapsTo     []Related `json:"maps_to"`
	MappedFrom []Related `json:"mapped_from"`
	MergedWith []Related `json:"merged_with"`
}

// Related is another control named in a detail view.
type Related struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	TitleJA string `json:"title_ja"`
}

type detailView struct {
	cat  *catalog.Catalog
	c    *catalog.Control
	d    Detail
	lang i18n.Lang
}

// DetailFormats are the formats of one control's detail, the default first.
var DetailFormats = format.Set[detailView]{
	{Name: "text", Render: func(w io.Writer, v detailView) error {
		_, err := io.WriteString(w, detailText(v.cat, v.c, v.d, v.lang))
		return err
	}},
	{Name: "json", Render: func(w io.Writer, v detailView) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v.d)
	}},
}

// WriteDetail renders everything known about c: as text for people, or as
// JSON with format "json".
func WriteDetail(w io.Writer, cat *catalog.Catalog, c *catalog.Control, opts Options) error {
	d := Detail{
		Control:    recordOf(cat, c),
		Set:        c.Set,
		MapsTo:     related(cat, c.MapsTo),
		MappedFrom: related(cat, c.MappedFrom),
		MergedWith: related(cat, mergedWith(cat, c)),
	}
	return DetailFormats.Render(w, opts.Format, detailView{cat, c, d, opts.Lang})
}

// mergedWith returns the other controls of c's set that map to the same
// targets: the 2013 controls that were merged with c into one 2022 control.
func mergedWith(cat *catalog.Catalog, c *catalog.Control) []string {
	var ids []string
	for _, t := range c.MapsTo {
		target := cat.Control(t)
		if target == nil {
			continue
		}
		for _, id := range target.MappedFrom {
			if id != c.ID && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func related(cat *catalog.Catalog, ids []string) []Related {
	out := []Related{}
	for _, id := range ids {
		if c := cat.Control(id); c != nil {
			out = append(out, Related{ID: c.ID, Title: c.Title, TitleJA: c.TitleJA})
		}
	}
	return out
}

func detailText(cat *catalog.Catalog, c *catalog.Control, d Detail, l i18n.Lang) string {
	var b strings.Builder
	// Both titles, the one of the output's language first.
	first, second := c.Title, c.TitleJA
	if l == i18n.JA && c.TitleJA != "" {
		first, second = c.TitleJA, c.Title
	}
	fmt.Fprintf(&b, "%s  %s\n", c.ID, first)
	if second != "" {
		fmt.Fprintf(&b, "%s  %s\n", strings.Repeat(" ", textwidth.Width(c.ID)), second)
	}
	b.WriteString("\n")
	var rows [][2]string
	add := func(key, value string) { rows = append(rows, [2]string{l.T(key), value}) }
	if s := cat.SetOf(c); s != nil {
		add("show.set", setTitle(s, l))
	}
	if t := cat.ThemeOf(c); t != nil {
		name := l.Title(t.Title, t.TitleJA)
		// "5 Organizational controls", "A.9 Access control"; a user's theme
		// without a number is its title alone (its id is a key for files,
		// not for readers).
		switch {
		case t.Number != "":
			name = t.Number + " " + name
		case c.Set == catalog.Set2013:
			name = t.ID + " " + name
		}
		if c.Set == catalog.Set2013 {
			add("show.clause", name)
		} else {
			add("show.theme", name)
		}
	}
	if c.Objective != "" {
		if o := cat.SetOf(c).Objective(c.Objective); o != nil {
			add("show.objective", o.ID+" "+l.Title(o.Title, o.TitleJA))
		}
	}
	if c.Set == catalog.Set2022 {
		add("show.new", map[bool]string{true: l.T("yes"), false: l.T("no")}[c.New])
	}
	if s := l.Pick(c.Summary, c.SummaryJA); s != "" {
		add("show.summary", s)
	}
	writeRows(&b, rows, l)
	if !c.Attributes.Empty() {
		fmt.Fprintf(&b, "\n%s\n", l.F("show.label", l.T("show.attributes")))
		var attrs [][2]string
		for _, t := range catalog.AttributeTypes {
			var names []string
			for _, v := range c.Attributes.Get(t.Key) {
				names = append(names, attrValue(v, l))
			}
			attrs = append(attrs, [2]string{"  " + l.Title(t.Title, t.TitleJA), strings.Join(names, l.T("list.comma"))})
		}
		writeRows(&b, attrs, l)
	}
	section := func(key string, rel []Related, empty string) {
		if len(rel) == 0 && empty == "" {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", l.F("show.label", l.T(key)))
		if len(rel) == 0 {
			fmt.Fprintf(&b, "  %s\n", empty)
		}
		for _, r := range rel {
			fmt.Fprintf(&b, "  %-9s %s\n", r.ID, l.Title(r.Title, r.TitleJA))
		}
	}
	switch c.Set {
	case catalog.Set2022:
		var from13, others []Related
		for _, r := range d.MappedFrom {
			if cat.Control(r.ID).Set == catalog.Set2013 {
				from13 = append(from13, r)
			} else {
				others = append(others, r)
			}
		}
		none := ""
		if c.New {
			none = l.T("show.none")
		}
		section("show.from2013", from13, none)
		section("show.mapped_from", others, "")
	case catalog.Set2013:
		section("show.maps_to", d.MapsTo, "")
		section("show.merged", d.MergedWith, "")
	default:
		section("show.maps_to", d.MapsTo, "")
		section("show.mapped_from", d.MappedFrom, "")
	}
	if c.Text != "" {
		fmt.Fprintf(&b, "\n%s\n%s\n", l.F("show.label", l.T("show.text")), indent(c.Text))
	}
	if c.Guidance != "" {
		fmt.Fprintf(&b, "\n%s\n%s\n", l.F("show.label", l.T("show.guidance")), indent(c.Guidance))
	}
	if len(c.Extra) > 0 {
		b.WriteString("\n")
		var extra [][2]string
		for _, kv := range c.Extra {
			extra = append(extra, [2]string{kv.Key, kv.Value})
		}
		writeRows(&b, extra, l)
	}
	return b.String()
}

// setTitle names a set in l: its own title, except that the bundled sets
// have a Japanese name.
func setTitle(s *catalog.Set, l i18n.Lang) string {
	if l == i18n.JA && s.ISO() {
		return l.T("set." + s.ID)
	}
	return s.Title
}

// attrValue is an attribute value as people read it in l: the key itself
// in English ("preventive", as --attr takes it), the JIS name in Japanese.
func attrValue(v string, l i18n.Lang) string {
	if l == i18n.JA {
		return l.Attr(v)
	}
	return v
}

// writeRows writes label: value rows with the values aligned.
func writeRows(b *strings.Builder, rows [][2]string, l i18n.Lang) {
	w := 0
	for _, r := range rows {
		w = max(w, textwidth.Width(l.F("show.label", r[0])))
	}
	for _, r := range rows {
		fmt.Fprintf(b, "%s  %s\n", textwidth.Pad(l.F("show.label", r[0]), w), r[1])
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}
