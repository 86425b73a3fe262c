// Package catalog holds the control catalogue: the ISO/IEC 27001:2022 and
// 2013 Annex A control sets, the 2013→2022 correspondence, the ISO/IEC
// 27002:2022 attributes, a user's own control sets, and overlays that add
// fields (such as licensed control text) to existing controls.
package catalog

import (
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
)

// The ids of the two bundled ISO control sets.
const (
	Set2022 = "iso27001-2022"
	Set2013 = "iso27001-2013"
)

// Editions lists the Annex A editions soa knows, newest first.
var Editions = []string{"2022", "2013"}

// EditionSet returns the id of the ISO control set of an edition, or "".
func EditionSet(edition string) string {
	switch edition {
	case "2022":
		return Set2022
	case "2013":
		return Set2013
	}
	return ""
}

// Catalog is a parsed and checked catalogue. Slices keep file order, which
// is the canonical order of every output.
type Catalog struct {
	Sets     []*Set
	Overlays []Overlay
	// byID holds every control sorted by id, for Control. A sorted slice
	// rather than a map, so that the bundled catalogue can be a value the
	// compiler lays out in the binary (bundled_gen.go) with nothing built
	// when a process starts.
	byID []*Control
}

// Overlay records one overlay file that was applied.
type Overlay struct {
	Name string // the overlay's own description
	File string
	N    int // number of controls it touched
}

// Set is one control set: an edition of Annex A or a user's own set.
type Set struct {
	ID       string
	Title    string
	Edition  string // "2022" or "2013" for the ISO sets; for a user's set, the edition whose SoA includes it ("" for none)
	Prefix   string // required id prefix of a user's set, such as "CLD." or "ORG-"
	Themes   []*Theme
	Controls []*Control
	Pos      diag.Pos
}

// ISO reports whether s is one of the bundled ISO/IEC 27001 Annex A sets.
func (s *Set) ISO() bool { return s.ID == Set2022 || s.ID == Set2013 }

// Theme is a group of controls: a 2022 theme ("organizational", numbered
// "5") or a 2013 clause ("A.5", with control objectives).
type Theme struct {
	ID         string
	Number     string
	Title      string
	TitleJA    string
	Objectives []*Objective
	Pos        diag.Pos
}

// Objective is a 2013 control objective such as A.5.1.
type Objective struct {
	ID      string
	Title   string
	TitleJA string
	Pos     diag.Pos
}

// Control is one control. Ids are strings ("5.10"), never numbers.
type Control struct {
	ID         string
	Set        string
	Theme      string // Theme.ID
	Objective  string // Objective.ID, 2013 only
	Title      string
	TitleJA    string
	Summary    string // one sentence in our own words (English)
	SummaryJA  string // the summary in Japanese; "" falls back to Summary
	New        bool   // new in ISO/IEC 27001:2022
	Attributes Attributes
	MapsTo     []string // ids this control corresponds to in another set (2013 → 2022)
	MappedFrom []string // ids of controls whose MapsTo names this one, in catalogue order

	// Filled by overlays.
	Text     string
	Guidance string
	Extra    []KV

	Pos diag.Pos
}

// KV is one extra field added by an overlay, kept in file order.
type KV struct {
	Key, Value string
}

// Control returns the control with id, or nil.
func (c *Catalog) Control(id string) *Control {
	i, found := slices.BinarySearchFunc(c.byID, id, compareID)
	if !found {
		return nil
	}
	return c.byID[i]
}

func compareID(ctl *Control, id string) int { return strings.Compare(ctl.ID, id) }

// Set returns the set with id, or nil.
func (c *Catalog) Set(id string) *Set {
	i := slices.IndexFunc(c.Sets, func(s *Set) bool { return s.ID == id })
	if i < 0 {
		return nil
	}
	return c.Sets[i]
}

// Theme returns the theme of set s with id, or nil.
func (s *Set) Theme(id string) *Theme {
	i := slices.IndexFunc(s.Themes, func(t *Theme) bool { return t.ID == id })
	if i < 0 {
		return nil
	}
	return s.Themes[i]
}

// Objective returns the objective with id in any theme of s, or nil.
func (s *Set) Objective(id string) *Objective {
	for _, t := range s.Themes {
		for _, o := range t.Objectives {
			if o.ID == id {
				return o
			}
		}
	}
	return nil
}

// ControlIDs returns the ids of every control in the sets that make up the
// SoA of edition: the ISO set first, then users' sets that extend it.
func (c *Catalog) ControlIDs(edition string) []string {
	var ids []string
	for _, s := range c.EditionSets(edition) {
		for _, ctl := range s.Controls {
			ids = append(ids, ctl.ID)
		}
	}
	return ids
}

// EditionSets returns the ISO set of edition followed by the user sets that
// extend it, in catalogue order.
func (c *Catalog) EditionSets(edition string) []*Set {
	var out []*Set
	if s := c.Set(EditionSet(edition)); s != nil {
		out = append(out, s)
	}
	for _, s := range c.Sets {
		if !s.ISO() && s.Edition == edition && edition != "" {
			out = append(out, s)
		}
	}
	return out
}
