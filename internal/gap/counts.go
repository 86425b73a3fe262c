package gap

import (
	"cmp"
	"slices"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
)

// PartialWeight is how much a partially implemented control counts
// towards the percentage implemented; reports state it.
const PartialWeight = 0.5

// Counts are the numbers of controls in each state.
type Counts struct {
	Total          int
	Applicable     int
	Excluded       int
	Unanswered     int
	Implemented    int
	Partial        int
	Planned        int
	NotImplemented int
	NoStatus       int // applicable, status not given
}

// Percent is the share of applicable controls implemented, partial ones
// counting PartialWeight; -1 when no control is applicable.
func (c Counts) Percent() float64 {
	if c.Applicable == 0 {
		return -1
	}
	return (float64(c.Implemented) + PartialWeight*float64(c.Partial)) * 100 / float64(c.Applicable)
}

func (c *Counts) add(row soa.Row) {
	c.Total++
	switch {
	case !row.Answered():
		c.Unanswered++
	case row.Excluded():
		c.Excluded++
	default:
		c.Applicable++
		switch row.Answer.Status {
		case answers.Implemented:
			c.Implemented++
		case answers.Partial:
			c.Partial++
		case answers.Planned:
			c.Planned++
		case answers.NotImplemented:
			c.NotImplemented++
		default:
			c.NoStatus++
		}
	}
}

// ThemeCounts are the counts of one theme.
type ThemeCounts struct {
	ID     string // theme id, or the set id for a set without themes
	Number string
	Title  string // in the report's language
	Counts
}

func count(st *soa.Statement, l i18n.Lang) (Counts, []ThemeCounts) {
	var total Counts
	var themes []ThemeCounts
	for _, row := range st.Rows {
		total.add(row)
		id, number, title := row.Control.Set, "", row.Control.Set
		if t := row.Theme; t != nil {
			id, number, title = t.ID, t.Number, l.Title(t.Title, t.TitleJA)
		}
		i := slices.IndexFunc(themes, func(t ThemeCounts) bool { return t.ID == id })
		if i < 0 {
			themes = append(themes, ThemeCounts{ID: id, Number: number, Title: title})
			i = len(themes) - 1
		}
		themes[i].add(row)
	}
	return total, themes
}

// Group is a set of controls that share a theme or an attribute value,
// with their counts.
type Group struct {
	Kind  string // "theme" or an attribute type key
	Value string // theme id or attribute value
	Title string // what to call it in the report's language
	Counts
}

// weakest returns the n groups (themes and attribute values) with the
// lowest percentage implemented, ties broken by kind and value so the
// order is stable. Groups with fewer than three applicable controls are
// left out: one missing control would make them look worst. themes, the
// number of count's themes, bounds the number of theme groups.
func weakest(st *soa.Statement, l i18n.Lang, n, themes int) []Group {
	// Room for every group at once: one per theme, one per attribute value.
	size := themes
	for _, at := range catalog.AttributeTypes {
		size += len(at.Values)
	}
	gl := groupList{groups: make([]Group, 0, size)}
	for _, row := range st.Rows {
		if t := row.Theme; t != nil {
			gl.add(row, "theme", t.ID, func() string { return l.Title(t.Title, t.TitleJA) })
		}
	}
	for _, at := range catalog.AttributeTypes {
		gl.nextKind()
		label := l.Title(at.Title, at.TitleJA) + l.T("label.sep")
		for _, row := range st.Rows {
			for _, v := range row.Control.Attributes.Get(at.Key) {
				gl.add(row, at.Key, v, func() string { return label + l.Attr(v) })
			}
		}
	}
	groups := slices.DeleteFunc(gl.groups, func(g Group) bool { return g.Applicable < 3 })
	// No two groups share a kind and a value, so the order is total and
	// needs no stable sort, whose merging of these large values took more
	// than the 8 KB of stack the rest of soa gap needs.
	slices.SortFunc(groups, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.Percent(), b.Percent()), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Value, b.Value))
	})
	return groups[:min(n, len(groups))]
}

// groupList collects the groups of weakest one kind at a time: the groups
// of the kind being collected, groups[from:], are few (an attribute type
// has at most 15 values), and a search through them costs less than making
// a map of them. The order they are made in does not matter: weakest sorts
// them by keys that tell every two apart.
type groupList struct {
	groups []Group
	from   int
}

// nextKind starts the groups of the next kind.
func (gl *groupList) nextKind() { gl.from = len(gl.groups) }

// add counts row in the group of value, made with title() on first use.
func (gl *groupList) add(row soa.Row, kind, value string, title func() string) {
	gl.group(kind, value, title).add(row)
}

// group finds the group of value, or makes it. It reads the groups in
// place: slices.IndexFunc would copy each (120 bytes) to its function.
func (gl *groupList) group(kind, value string, title func() string) *Group {
	for i := gl.from; i < len(gl.groups); i++ {
		if gl.groups[i].Value == value {
			return &gl.groups[i]
		}
	}
	gl.groups = append(gl.groups, Group{Kind: kind, Value: value, Title: title()})
	return &gl.groups[len(gl.groups)-1]
}
