package catalog

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/soa-tool/soa/internal/diag"
)

// Load parses the base catalogue files (the embedded default) and then the
// user's files over them, and checks the result as a whole. A user's set
// with the id of a base set replaces it (and must still satisfy the ISO
// invariants); other user sets are added; overlays add fields to existing
// controls. Problems come back as a diag.List holding every one found.
//
// The catalogue returned is read-only: Load of the bundled files alone, as
// DefaultFiles gives them, returns one value made at build time (see
// bundledCatalog) to every caller.
func Load(base, user []File) (*Catalog, error) {
	if len(user) == 0 && bundledCatalog != nil && isBundled(base) {
		return bundledCatalog, nil
	}
	return load(base, user)
}

func load(base, user []File) (*Catalog, error) {
	var diags diag.List
	c := &Catalog{}
	var overlays []*overlayFile
	mapPos := map[string][]diag.Pos{}
	baseIDs := map[string]bool{}
	userIDs := map[string]diag.Pos{}
	all := slices.Concat(base, user)
	results := parseAll(all)
	for i := range all {
		p, d := results[i].p, results[i].d
		diags = append(diags, d...)
		if p == nil {
			continue
		}
		if p.overlay != nil {
			overlays = append(overlays, p.overlay)
		}
		s := p.set
		if s == nil || s.ID == "" {
			continue
		}
		for id, pos := range p.mapPos {
			mapPos[id] = pos
		}
		fromUser := i >= len(base)
		if fromUser {
			if prev, dup := userIDs[s.ID]; dup {
				errorf(&diags, s.Pos, "", "set", "set %s is defined twice (first at %s)", s.ID, prev)
				continue
			}
			userIDs[s.ID] = s.Pos
		} else {
			baseIDs[s.ID] = true
		}
		if j := slices.IndexFunc(c.Sets, func(x *Set) bool { return x.ID == s.ID }); j >= 0 {
			if fromUser && baseIDs[s.ID] {
				c.Sets[j] = s // the user's copy of a bundled set replaces it
				continue
			}
			errorf(&diags, s.Pos, "", "set", "set %s is defined twice", s.ID)
			continue
		}
		c.Sets = append(c.Sets, s)
	}
	// The 2022 edition leads every listing, then 2013, then users' sets in
	// the order their files were read.
	slices.SortStableFunc(c.Sets, func(a, b *Set) int { return setRank(a) - setRank(b) })
	c.index(&diags)
	c.linkMappings(&diags, mapPos)
	// Overlays first: the bundled attributes arrive as one, and the ISO
	// checks need them.
	for _, o := range overlays {
		c.applyOverlay(&diags, o)
	}
	for _, s := range c.Sets {
		checkISO(&diags, c, s)
	}
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

type parseResult struct {
	p *parsed
	d diag.List
}

// parseAll parses the files: those decoded at build time (see bundled)
// right away, the others concurrently, since YAML decoding is most of the
// cost of loading them and the files are independent. A goroutine for a
// bundled file would cost more than its copy: in a fresh process it starts
// an OS thread. Results keep the files' order.
func parseAll(files []File) []parseResult {
	results := make([]parseResult, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		if p := bundled(f); p != nil {
			results[i] = parseResult{p: p}
			continue
		}
		wg.Go(func() {
			p, d := parseYAML(f)
			results[i] = parseResult{p, d}
		})
	}
	wg.Wait()
	return results
}

// index builds the id lookup and reports ids used twice anywhere. The
// sort is stable, so of controls with one id the first in catalogue order
// comes first: it is the one kept, and the others are reported.
func (c *Catalog) index(diags *diag.List) {
	var all []*Control
	for _, s := range c.Sets {
		all = append(all, s.Controls...)
	}
	slices.SortStableFunc(all, func(a, b *Control) int { return strings.Compare(a.ID, b.ID) })
	c.byID = all[:0]
	for _, ctl := range all {
		if n := len(c.byID); n > 0 && c.byID[n-1].ID == ctl.ID {
			errorf(diags, ctl.Pos, ctl.ID, "id", "duplicate control id (first defined at %s)", c.byID[n-1].Pos)
			continue
		}
		c.byID = append(c.byID, ctl)
	}
}

// linkMappings checks every maps_to edge and fills MappedFrom, in catalogue
// order.
func (c *Catalog) linkMappings(diags *diag.List, mapPos map[string][]diag.Pos) {
	for _, s := range c.Sets {
		for _, ctl := range s.Controls {
			for i, id := range ctl.MapsTo {
				pos := ctl.Pos
				if ps := mapPos[ctl.ID]; i < len(ps) {
					pos = ps[i]
				}
				target := c.Control(id)
				switch {
				case target == nil:
					msg := fmt.Sprintf("maps to %s, which is no control", id)
					msg += diag.DidYouMean(id, c.allIDs(), false)
					errorf(diags, pos, ctl.ID, "maps_to", "%s", msg)
					continue
				case target.Set == ctl.Set:
					errorf(diags, pos, ctl.ID, "maps_to", "maps to %s in its own set %s; maps_to points at another set", id, ctl.Set)
					continue
				case ctl.Set == Set2013 && target.Set != Set2022:
					errorf(diags, pos, ctl.ID, "maps_to", "2013 controls map to 2022 controls, not to %s of set %s", id, target.Set)
					continue
				case slices.Contains(target.MappedFrom, ctl.ID):
					errorf(diags, pos, ctl.ID, "maps_to", "%s is listed twice", id)
					continue
				}
				target.MappedFrom = append(target.MappedFrom, ctl.ID)
			}
		}
	}
}

func (c *Catalog) allIDs() []string {
	var ids []string
	for _, s := range c.Sets {
		for _, ctl := range s.Controls {
			ids = append(ids, ctl.ID)
		}
	}
	return ids
}

// The published shape of the two ISO sets. A catalogue that differs has
// lost or invented a control.
var (
	themeCounts2022 = [...]struct {
		theme    string
		controls int
	}{{"organizational", 37}, {"people", 8}, {"physical", 14}, {"technological", 34}}
)

const (
	controls2022   = 93
	new2022        = 11
	controls2013   = 114
	clauses2013    = 14
	objectives2013 = 35
)

// checkISO checks the fixed counts and the completeness of the mapping.
func checkISO(diags *diag.List, c *Catalog, s *Set) {
	switch s.ID {
	case Set2022:
		if n := len(s.Controls); n != controls2022 {
			errorf(diags, s.Pos, "", "controls", "set %s has %d controls; ISO/IEC 27001:2022 Annex A has %d", s.ID, n, controls2022)
		}
		counts := map[string]int{}
		nNew := 0
		for _, ctl := range s.Controls {
			for _, t := range AttributeTypes {
				if len(ctl.Attributes.Get(t.Key)) == 0 {
					errorf(diags, ctl.Pos, ctl.ID, "attributes."+t.Key, "missing the ISO/IEC 27002:2022 attribute: give one or more of %s, in the control or an overlay", strings.Join(t.Values, ", "))
				}
			}
			counts[ctl.Theme]++
			if ctl.New {
				nNew++
			}
			from2013 := slices.ContainsFunc(ctl.MappedFrom, func(id string) bool { return c.Control(id).Set == Set2013 })
			hasBase := c.Set(Set2013) != nil
			switch {
			case hasBase && !ctl.New && !from2013:
				errorf(diags, ctl.Pos, ctl.ID, "maps_to", "no 2013 control maps to this control, and it is not marked new: add it to the maps_to of its 2013 source(s)")
			case hasBase && ctl.New && from2013:
				errorf(diags, ctl.Pos, ctl.ID, "new", "marked new in 2022, but 2013 control(s) %s map to it", strings.Join(ctl.MappedFrom, ", "))
			}
		}
		if nNew != new2022 {
			errorf(diags, s.Pos, "", "new", "set %s marks %d controls new; ISO/IEC 27001:2022 has %d new controls", s.ID, nNew, new2022)
		}
		for _, t := range themeCounts2022 {
			if counts[t.theme] != t.controls {
				errorf(diags, s.Pos, "", "theme", "theme %s has %d controls; ISO/IEC 27001:2022 has %d", t.theme, counts[t.theme], t.controls)
			}
		}
	case Set2013:
		if n := len(s.Controls); n != controls2013 {
			errorf(diags, s.Pos, "", "controls", "set %s has %d controls; ISO/IEC 27001:2013 Annex A has %d", s.ID, n, controls2013)
		}
		nObj := 0
		for _, t := range s.Themes {
			nObj += len(t.Objectives)
		}
		if len(s.Themes) != clauses2013 || nObj != objectives2013 {
			errorf(diags, s.Pos, "", "themes", "set %s has %d clauses and %d objectives; ISO/IEC 27001:2013 Annex A has %d and %d", s.ID, len(s.Themes), nObj, clauses2013, objectives2013)
		}
		if c.Set(Set2022) == nil {
			return
		}
		for _, ctl := range s.Controls {
			if len(ctl.MapsTo) == 0 {
				errorf(diags, ctl.Pos, ctl.ID, "maps_to", "missing: every 2013 control maps to one or more 2022 controls")
			}
		}
	}
}

// applyOverlay adds an overlay's fields to the controls it names.
func (c *Catalog) applyOverlay(diags *diag.List, o *overlayFile) {
	n := 0
	for _, oc := range o.controls {
		ctl := c.Control(oc.id)
		if ctl == nil {
			msg := fmt.Sprintf("overlay names control %s, which is not in the catalogue", oc.id)
			msg += diag.DidYouMean(oc.id, c.allIDs(), false)
			errorf(diags, oc.pos, oc.id, "", "%s", msg)
			continue
		}
		n++
		setIf(&ctl.TitleJA, oc.titleJA)
		setIf(&ctl.Summary, oc.summary)
		setIf(&ctl.SummaryJA, oc.summaryJA)
		setIf(&ctl.Text, oc.text)
		setIf(&ctl.Guidance, oc.guidance)
		if a := oc.attributes; a != nil {
			for _, t := range AttributeTypes {
				if v := a.Get(t.Key); len(v) > 0 {
					*ctl.Attributes.field(t.Key) = v
				}
			}
		}
		for _, kv := range oc.extra {
			i := slices.IndexFunc(ctl.Extra, func(x KV) bool { return x.Key == kv.Key })
			if i >= 0 {
				ctl.Extra[i] = kv
			} else {
				ctl.Extra = append(ctl.Extra, kv)
			}
		}
	}
	c.Overlays = append(c.Overlays, Overlay{Name: o.name, File: o.file, N: n})
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func setRank(s *Set) int {
	switch s.ID {
	case Set2022:
		return 0
	case Set2013:
		return 1
	}
	return 2
}
