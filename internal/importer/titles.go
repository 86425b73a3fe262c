package importer

import (
	"strings"

	"github.com/soa-tool/soa/internal/diag"
)

// A row whose title is another control's was numbered wrong, as when a
// template row "6.1.2 Contact with authorities" lands on A.6.1.2
// Segregation of duties: its answers would go to the wrong control. Such a
// row is a warning naming both; a title that is no control's is fine
// (people shorten and reword titles).

// rowTitle is the title a row gives its control: the title column's
// cell, or the text after the id in the id cell ("A.5.1 Policies for …").
func (r *reader) rowTitle(t *table, i int) (string, int) {
	idText, idCol, _ := t.cell("", fID, i)
	if title, c, ok := t.cell("", fTitle, i); ok && c != idCol && strings.TrimSpace(title) != "" && !t.grid.copied(c, i) {
		return title, c
	}
	if m := idPrefixRE.FindStringSubmatchIndex(idCellText(idText)); m != nil {
		return strings.TrimSpace(idCellText(idText)[m[3]:]), idCol
	}
	return "", -1
}

// titleOwner returns the control of edition whose title, in either
// language, title is, or "".
func (r *reader) titleOwner(edition, title string) string {
	if r.titles == nil {
		r.titles = map[string]map[string]string{}
	}
	m := r.titles[edition]
	if m == nil {
		m = map[string]string{}
		for _, id := range r.cat.ControlIDs(edition) {
			c := r.cat.Control(id)
			for _, tt := range []string{c.Title, c.TitleJA} {
				if k := titleKey(tt); k != "" {
					if _, dup := m[k]; !dup {
						m[k] = id
					}
				}
			}
		}
		r.titles[edition] = m
	}
	return m[titleKey(title)]
}

func titleKey(s string) string {
	return strings.TrimLeft(strings.TrimRight(fold(normalize(s)), ".。 "), ":：.- ")
}

// checkTitle warns when row i of control id, of edition, has another
// control's title.
func (r *reader) checkTitle(t *table, i int, id, edition string) {
	title, c := r.rowTitle(t, i)
	if title == "" {
		return
	}
	// A row with its own control's title is fine whoever else has it: the
	// table of all titles is made only for a row that has another.
	if own := r.cat.Control(id).Title; title == own || titleKey(own) == titleKey(title) {
		return
	}
	owner := r.titleOwner(edition, title)
	if owner == "" || owner == id {
		return
	}
	r.res.Diags.Add(diag.Diagnostic{Pos: r.pos(t.sheet, c+1, i+1), Severity: diag.Warning, Control: id, Field: "title",
		Msg: "the row of " + id + " (" + r.cat.Control(id).Title + ") has the title of " + owner + " (\"" + strings.TrimSpace(title) +
			"\"): its answers are read as " + id + "'s; if they are " + owner + "'s, fix the id"})
}
