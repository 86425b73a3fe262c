package answers

import "strings"

// normalizeSpace trims the spaces and line breaks around every text of f.
// This is the one place soa normalizes whitespace: what a file says is read
// as trimmed, so the workbook shows it trimmed, and an import (which trims
// what it reads from cells, where stray spaces are common) gives back the
// same answers, and generate → import → generate the same bytes. Spaces
// and line breaks inside a text are kept. Reasons are a set: the workbook
// has a column for each, and import gives them in the order of Reasons.
func normalizeSpace(f *File) {
	o := &f.Org
	for _, s := range []*string{&o.Name, &o.Scope, &o.SoAVersion, &o.PreparedBy, &o.ApprovedBy} {
		*s = strings.TrimSpace(*s)
	}
	for i := range f.Revisions {
		r := &f.Revisions[i]
		for _, s := range []*string{&r.Version, &r.Author, &r.Description} {
			*s = strings.TrimSpace(*s)
		}
	}
	for _, a := range f.Controls {
		for _, s := range []*string{&a.Justification, &a.Owner, &a.Notes, &a.Review} {
			*s = strings.TrimSpace(*s)
		}
		for i, e := range a.Evidence {
			a.Evidence[i] = strings.TrimSpace(e)
		}
	}
}
