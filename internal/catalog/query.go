package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Query selects controls. The zero Query selects every control of the 2022
// edition.
type Query struct {
	Edition string   // "2022" (default) or "2013"
	Theme   string   // theme id ("people"), theme number ("6") or 2013 clause ("A.9"); "" for all
	Attrs   []string // KEY=VALUE filters on 2022 attributes; all must match; 2022 only
	New     bool     // only controls new in 2022
}

// Select returns the controls q selects, in catalogue order. A query that
// names an unknown edition, theme or attribute is an error that lists what
// is allowed.
func (c *Catalog) Select(q Query) ([]*Control, error) {
	if q.Edition == "" {
		q.Edition = "2022"
	}
	if !slices.Contains(Editions, q.Edition) {
		return nil, fmt.Errorf("unknown edition %q (allowed: %s)", q.Edition, strings.Join(Editions, ", "))
	}
	sets := c.EditionSets(q.Edition)
	if len(sets) == 0 {
		return nil, fmt.Errorf("the catalogue has no %s controls", q.Edition)
	}
	theme, err := resolveTheme(sets, q.Theme)
	if err != nil {
		return nil, err
	}
	// Attributes come from ISO/IEC 27002:2022: filtering 2013 controls on
	// them would only ever give an empty list.
	if len(q.Attrs) > 0 && q.Edition != "2022" {
		return nil, fmt.Errorf("--attr filters on the ISO/IEC 27002:2022 attributes, which only 2022 controls have; it needs --edition 2022")
	}
	type attr struct{ key, value string }
	var attrs []attr
	for _, a := range q.Attrs {
		key, value, ok := strings.Cut(a, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		t, known := LookupAttributeType(key)
		// Values in any case: the Attributes sheet shows them capitalized
		// (Detect).
		at := -1
		if known {
			at = slices.IndexFunc(t.Values, func(v string) bool { return strings.EqualFold(v, strings.TrimSpace(value)) })
		}
		switch {
		case !ok:
			return nil, fmt.Errorf("--attr %q: want KEY=VALUE, such as cybersecurity_concepts=detect", a)
		case !known:
			return nil, fmt.Errorf("--attr %q: unknown attribute type %q (allowed: %s)", a, key, strings.Join(AttributeKeys(), ", "))
		case at < 0:
			return nil, fmt.Errorf("--attr %q: %s has no value %q (allowed: %s)", a, key, value, strings.Join(t.Values, ", "))
		}
		value = t.Values[at]
		attrs = append(attrs, attr{key, value})
	}
	if q.New && q.Edition != "2022" {
		return nil, fmt.Errorf("--new selects controls new in 2022; it needs --edition 2022")
	}
	var out []*Control
	for _, s := range sets {
		for _, ctl := range s.Controls {
			if theme != "" && ctl.Theme != theme {
				continue
			}
			if q.New && !ctl.New {
				continue
			}
			if !slices.ContainsFunc(attrs, func(a attr) bool { return !slices.Contains(ctl.Attributes.Get(a.key), a.value) }) {
				out = append(out, ctl)
			}
		}
	}
	return out, nil
}

// resolveTheme maps what a user typed (id, number, title, any case) to a
// theme id.
func resolveTheme(sets []*Set, typed string) (string, error) {
	if typed == "" {
		return "", nil
	}
	var allowed []string
	for _, s := range sets {
		for _, t := range s.Themes {
			if strings.EqualFold(typed, t.ID) || (t.Number != "" && typed == t.Number) || strings.EqualFold(typed, t.Title) {
				return t.ID, nil
			}
			allowed = append(allowed, t.ID)
		}
	}
	return "", fmt.Errorf("unknown theme %q (allowed: %s)", typed, strings.Join(allowed, ", "))
}

// SetOf returns the set that holds ctl.
func (c *Catalog) SetOf(ctl *Control) *Set { return c.Set(ctl.Set) }

// ThemeOf returns the theme of ctl, or nil for a set without themes.
func (c *Catalog) ThemeOf(ctl *Control) *Theme {
	if s := c.SetOf(ctl); s != nil {
		return s.Theme(ctl.Theme)
	}
	return nil
}
