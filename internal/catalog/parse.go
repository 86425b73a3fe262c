package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/lazy"
	"github.com/soa-tool/soa/internal/lazyre"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/soa-tool/soa/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// File is one catalogue file: its name as shown in messages and its bytes.
type File struct {
	Name string
	Src  []byte
}

// fieldNames are the field lists of each mapping in a catalogue file,
// taken from the schema so that the loader and `soa schema catalog`
// cannot disagree; made on first use, since a run with only the bundled
// catalogue reads no catalogue YAML.
var fieldNames = lazy.Value[struct{ set, theme, objective, control, overlay, overlayControl []string }]{Make: func() (n struct{ set, theme, objective, control, overlay, overlayControl []string }) {
	s := specs.Get()
	n.set, n.theme, n.objective = schema.Names(s.set), schema.Names(s.theme), schema.Names(s.objective)
	n.control, n.overlay, n.overlayControl = schema.Names(s.control), schema.Names(s.overlay), schema.Names(s.overlayControl)
	return n
}}

var (
	setIDRE     = lazyre.New(`^[a-z0-9][a-z0-9._-]*$`)
	controlIDRE = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	id2022RE    = lazyre.New(`^([5-8])\.[1-9][0-9]*$`)
	id2013RE    = lazyre.New(`^A\.[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*$`)
)

// parsed is what one file contributes before the files are merged.
type parsed struct {
	set     *Set
	overlay *overlayFile
	mapPos  map[string][]diag.Pos // control id → position of each maps_to item, for messages after the merge
}

type overlayFile struct {
	name     string
	file     string
	controls []overlayControl
}

type overlayControl struct {
	id         string
	pos        diag.Pos
	titleJA    string
	summary    string
	summaryJA  string
	text       string
	guidance   string
	extra      []KV
	attributes *Attributes
}

// parseFile decodes one catalogue file: a control set or an overlay. A
// bundled file comes already decoded, from the Go generated at build time
// (bundled.go), unless its bytes are not the ones it was generated from.
func parseFile(f File) (*parsed, diag.List) {
	if p := bundled(f); p != nil {
		return p, nil
	}
	return parseYAML(f)
}

// parseYAML decodes one catalogue file from its YAML.
func parseYAML(f File) (*parsed, diag.List) {
	root, err := yamlfile.Parse(f.Name, f.Src)
	if err != nil {
		return nil, err.(diag.List)
	}
	r := &yamlfile.Reader{File: f.Name}
	fields, ok := r.Mapping(root, yamlfile.At{}, nil)
	if !ok {
		return nil, r.Diags
	}
	p := &parsed{mapPos: map[string][]diag.Pos{}}
	switch {
	case hasKey(fields, "overlay"):
		p.overlay = parseOverlay(r, root)
	case hasKey(fields, "set"):
		p.set = parseSet(r, root, p)
	default:
		r.Errorf(root, yamlfile.At{}, "a catalogue file starts with \"set:\" (a control set) or \"overlay:\" (fields added to existing controls)")
	}
	return p, r.Diags
}

func hasKey(fields []yamlfile.Field, key string) bool {
	for _, f := range fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

func parseSet(r *yamlfile.Reader, root *yamlfile.Node, p *parsed) *Set {
	fields, _ := r.Mapping(root, yamlfile.At{}, fieldNames.Get().set)
	s := &Set{Pos: r.Pos(root)}
	var themes, controls *yamlfile.Node
	for _, f := range fields {
		at := yamlfile.At{Field: f.Key}
		switch f.Key {
		case "set":
			s.ID, _ = r.String(f.Value, at)
			s.Pos = r.Pos(f.Value)
			if s.ID != "" && !setIDRE.MatchString(s.ID) {
				r.Errorf(f.Value, at, "set id %q must be lower case letters, digits, '.', '_' or '-'", s.ID)
			}
		case "title":
			s.Title, _ = r.String(f.Value, at)
		case "edition":
			s.Edition, _ = r.Enum(f.Value, at, Editions)
		case "prefix":
			s.Prefix, _ = r.String(f.Value, at)
		case "themes":
			themes = f.Value
		case "controls":
			controls = f.Value
		}
	}
	if s.ID == "" {
		r.Errorf(root, yamlfile.At{Field: "set"}, "missing set id")
	}
	if strings.TrimSpace(s.Title) == "" {
		r.Errorf(root, yamlfile.At{Field: "title"}, "missing title")
	}
	switch {
	case s.ISO():
		if want := map[string]string{Set2022: "2022", Set2013: "2013"}[s.ID]; s.Edition != want {
			r.Errorf(root, yamlfile.At{Field: "edition"}, "set %s must say edition: %q", s.ID, want)
		}
		if s.Prefix != "" {
			r.Errorf(root, yamlfile.At{Field: "prefix"}, "the ISO sets take no prefix")
		}
	case s.ID != "":
		if s.Prefix == "" {
			r.Errorf(root, yamlfile.At{Field: "prefix"}, "set %s needs a prefix, such as \"ORG-\" or \"CLD.\", so its ids cannot be mistaken for Annex A ids", s.ID)
		} else if looksLikeISO(s.Prefix) {
			r.Errorf(root, yamlfile.At{Field: "prefix"}, "prefix %q could be mistaken for an Annex A id; start it with a letter other than a lone \"A.\"", s.Prefix)
		}
	}
	if themes != nil && !yamlfile.IsNull(themes) {
		parseThemes(r, themes, s)
	}
	if controls == nil || yamlfile.IsNull(controls) {
		r.Errorf(root, yamlfile.At{Field: "controls"}, "set %s has no controls", s.ID)
		return s
	}
	items, _ := r.Seq(controls, yamlfile.At{Field: "controls"})
	for _, item := range items {
		if c := parseControl(r, item, s, p); c != nil {
			s.Controls = append(s.Controls, c)
		}
	}
	return s
}

func looksLikeISO(prefix string) bool {
	return prefix == "A." || prefix == "A" || (prefix[0] >= '0' && prefix[0] <= '9')
}

func parseThemes(r *yamlfile.Reader, n *yamlfile.Node, s *Set) {
	items, _ := r.Seq(n, yamlfile.At{Field: "themes"})
	for _, item := range items {
		fields, ok := r.Mapping(item, yamlfile.At{Field: "themes"}, fieldNames.Get().theme)
		if !ok {
			continue
		}
		t := &Theme{Pos: r.Pos(item)}
		for _, f := range fields {
			at := yamlfile.At{Field: "themes." + f.Key}
			switch f.Key {
			case "id":
				t.ID, _ = r.String(f.Value, at)
				t.Pos = r.Pos(f.Value)
			case "number":
				t.Number, _ = r.String(f.Value, at)
			case "title":
				t.Title, _ = r.String(f.Value, at)
			case "title_ja":
				t.TitleJA, _ = r.String(f.Value, at)
			case "objectives":
				t.Objectives = parseObjectives(r, f.Value, t)
			}
		}
		if t.ID == "" {
			r.Errorf(item, yamlfile.At{Field: "themes.id"}, "missing theme id")
			continue
		}
		if strings.TrimSpace(t.Title) == "" {
			r.Errorf(item, yamlfile.At{Field: "themes.title"}, "theme %s has no title", t.ID)
		}
		if prev := s.Theme(t.ID); prev != nil {
			r.Errorf(item, yamlfile.At{Field: "themes.id"}, "duplicate theme %q (first defined at line %d)", t.ID, prev.Pos.Line)
			continue
		}
		s.Themes = append(s.Themes, t)
	}
}

func parseObjectives(r *yamlfile.Reader, n *yamlfile.Node, t *Theme) []*Objective {
	items, _ := r.Seq(n, yamlfile.At{Field: "objectives"})
	var out []*Objective
	for _, item := range items {
		fields, ok := r.Mapping(item, yamlfile.At{Field: "objectives"}, fieldNames.Get().objective)
		if !ok {
			continue
		}
		o := &Objective{Pos: r.Pos(item)}
		for _, f := range fields {
			at := yamlfile.At{Field: "objectives." + f.Key}
			switch f.Key {
			case "id":
				o.ID, _ = r.String(f.Value, at)
				o.Pos = r.Pos(f.Value)
			case "title":
				o.Title, _ = r.String(f.Value, at)
			case "title_ja":
				o.TitleJA, _ = r.String(f.Value, at)
			}
		}
		switch {
		case o.ID == "":
			r.Errorf(item, yamlfile.At{Field: "objectives.id"}, "missing objective id")
			continue
		case !strings.HasPrefix(o.ID, t.ID+"."):
			r.Errorf(item, yamlfile.At{Field: "objectives.id"}, "objective %s is not under theme %s", o.ID, t.ID)
		}
		if strings.TrimSpace(o.Title) == "" {
			r.Errorf(item, yamlfile.At{Field: "objectives.title"}, "objective %s has no title", o.ID)
		}
		out = append(out, o)
	}
	return out
}

func parseControl(r *yamlfile.Reader, item *yamlfile.Node, s *Set, p *parsed) *Control {
	// The id is read first so that every other message can name the control.
	c := &Control{Set: s.ID, Pos: r.Pos(item), ID: peekID(item)}
	fields, ok := r.Mapping(item, yamlfile.At{Control: c.ID}, fieldNames.Get().control)
	if !ok {
		return nil
	}
	for _, f := range fields {
		if f.Key == "id" {
			c.ID, _ = r.String(f.Value, yamlfile.At{Control: c.ID, Field: "id"})
			c.Pos = r.Pos(f.Value)
		}
	}
	if c.ID == "" {
		r.Errorf(item, yamlfile.At{Field: "id"}, "missing control id")
		return nil
	}
	at := yamlfile.At{Control: c.ID}
	for _, f := range fields {
		fat := at.Sub(f.Key)
		switch f.Key {
		case "theme":
			c.Theme, _ = r.String(f.Value, fat)
			if c.Theme != "" && s.Theme(c.Theme) == nil {
				r.Errorf(f.Value, fat, "unknown theme %q (allowed: %s)", c.Theme, strings.Join(themeIDs(s), ", "))
			}
		case "objective":
			c.Objective, _ = r.String(f.Value, fat)
			if c.Objective != "" {
				checkObjective(r, f.Value, fat, s, c)
			}
		case "title":
			c.Title, _ = r.String(f.Value, fat)
		case "title_ja":
			c.TitleJA, _ = r.String(f.Value, fat)
		case "summary":
			c.Summary, _ = r.String(f.Value, fat)
		case "summary_ja":
			c.SummaryJA, _ = r.String(f.Value, fat)
		case "new":
			c.New, _ = r.Bool(f.Value, fat)
		case "attributes":
			parseAttributes(r, f.Value, fat, &c.Attributes)
		case "maps_to":
			c.MapsTo = parseMapsTo(r, f.Value, fat, c, p)
		case "text":
			c.Text, _ = r.String(f.Value, fat)
		case "guidance":
			c.Guidance, _ = r.String(f.Value, fat)
		}
	}
	deriveGroup(r, item, at, s, c)
	checkControl(r, item, at, s, c)
	return c
}

// deriveGroup fills in the theme or objective of an ISO control from its
// id when the file leaves it out: 8.9 is in theme 8, A.9.2.1 under
// objective A.9.2. The bundled files rely on this, which leaves one less
// thing in them that could contradict the id.
func deriveGroup(r *yamlfile.Reader, item *yamlfile.Node, at yamlfile.At, s *Set, c *Control) {
	switch s.ID {
	case Set2022:
		if c.Theme != "" {
			return
		}
		num, _, _ := strings.Cut(c.ID, ".")
		for _, t := range s.Themes {
			if t.Number == num {
				c.Theme = t.ID
			}
		}
	case Set2013:
		if c.Objective != "" {
			return
		}
		if i := strings.LastIndex(c.ID, "."); i > 0 {
			c.Objective = c.ID[:i]
			checkObjective(r, item, at.Sub("objective"), s, c)
		}
	}
}

// peekID returns the text of the id key of mapping n, or "".
func peekID(n *yamlfile.Node) string {
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func checkObjective(r *yamlfile.Reader, n *yamlfile.Node, at yamlfile.At, s *Set, c *Control) {
	for _, t := range s.Themes {
		for _, o := range t.Objectives {
			if o.ID == c.Objective {
				if c.Theme == "" {
					c.Theme = t.ID
				} else if c.Theme != t.ID {
					r.Errorf(n, at, "objective %s belongs to theme %s, not %s", o.ID, t.ID, c.Theme)
				}
				if !strings.HasPrefix(c.ID, o.ID+".") {
					r.Errorf(n, at, "control %s is not numbered under objective %s", c.ID, o.ID)
				}
				return
			}
		}
	}
	r.Errorf(n, at, "unknown objective %q", c.Objective)
}

// checkControl applies the rules that need the whole control.
func checkControl(r *yamlfile.Reader, item *yamlfile.Node, at yamlfile.At, s *Set, c *Control) {
	switch s.ID {
	case Set2022:
		m := id2022RE.FindStringSubmatch(c.ID)
		if m == nil {
			r.Errorf(item, at.Sub("id"), "malformed id: 2022 Annex A ids are 5.1 … 8.34")
		} else if t := s.Theme(c.Theme); t != nil && t.Number != m[1] {
			r.Errorf(item, at.Sub("theme"), "control %s is numbered under theme %s, not %s (%s)", c.ID, m[1], t.Number, t.ID)
		}
		if c.Summary == "" {
			r.Errorf(item, at.Sub("summary"), "missing summary")
		}
	case Set2013:
		if !id2013RE.MatchString(c.ID) {
			r.Errorf(item, at.Sub("id"), "malformed id: 2013 Annex A ids are A.5.1.1 … A.18.2.3")
		}
		if c.Objective == "" {
			r.Errorf(item, at.Sub("objective"), "missing objective (such as A.5.1)")
		}
		if c.New {
			r.Errorf(item, at.Sub("new"), "only 2022 controls can be new")
		}
	default:
		if s.Prefix != "" && !strings.HasPrefix(c.ID, s.Prefix) {
			r.Errorf(item, at.Sub("id"), "malformed id: ids of set %s start with %q", s.ID, s.Prefix)
		} else if !controlIDRE.MatchString(c.ID) {
			r.Errorf(item, at.Sub("id"), "malformed id: use letters, digits, '.', '_' or '-'")
		}
		if c.New {
			r.Errorf(item, at.Sub("new"), "only 2022 Annex A controls can be new")
		}
	}
	if strings.TrimSpace(c.Title) == "" {
		r.Errorf(item, at.Sub("title"), "missing title")
	}
	if c.Theme == "" && len(s.Themes) > 0 {
		r.Errorf(item, at.Sub("theme"), "missing theme (allowed: %s)", strings.Join(themeIDs(s), ", "))
	}
}

func themeIDs(s *Set) []string {
	ids := make([]string, len(s.Themes))
	for i, t := range s.Themes {
		ids[i] = t.ID
	}
	return ids
}

func parseAttributes(r *yamlfile.Reader, n *yamlfile.Node, at yamlfile.At, a *Attributes) {
	fields, _ := r.Mapping(n, at, AttributeKeys())
	for _, f := range fields {
		t, _ := LookupAttributeType(f.Key)
		vals, _ := r.EnumList(f.Value, at.Sub(f.Key), t.Values)
		*a.field(f.Key) = canonicalOrder(vals, t.Values)
	}
}

// canonicalOrder sorts vals, in place, into the order of allowed, so output
// does not depend on how a file happened to list them.
func canonicalOrder(vals, allowed []string) []string {
	slices.SortFunc(vals, func(a, b string) int { return slices.Index(allowed, a) - slices.Index(allowed, b) })
	return vals
}

func parseMapsTo(r *yamlfile.Reader, n *yamlfile.Node, at yamlfile.At, c *Control, p *parsed) []string {
	items := []*yamlfile.Node{n}
	if !yamlfile.IsNull(n) && n.Kind == yaml.SequenceNode {
		items, _ = r.Seq(n, at)
	}
	var ids []string
	for _, item := range items {
		id, ok := r.String(item, at)
		if !ok || id == "" {
			continue
		}
		ids = append(ids, id)
		p.mapPos[c.ID] = append(p.mapPos[c.ID], r.Pos(item))
	}
	return ids
}

func parseOverlay(r *yamlfile.Reader, root *yamlfile.Node) *overlayFile {
	fields, _ := r.Mapping(root, yamlfile.At{}, fieldNames.Get().overlay)
	o := &overlayFile{file: r.File}
	for _, f := range fields {
		switch f.Key {
		case "overlay":
			o.name, _ = r.String(f.Value, yamlfile.At{Field: "overlay"})
		case "controls":
			ctls, _ := r.Mapping(f.Value, yamlfile.At{Field: "controls", KeysAreControls: true}, nil)
			for _, cf := range ctls {
				o.controls = append(o.controls, parseOverlayControl(r, cf))
			}
		}
	}
	if strings.TrimSpace(o.name) == "" {
		r.Errorf(root, yamlfile.At{Field: "overlay"}, "missing overlay name: say what the overlay adds, such as \"Licensed ISO/IEC 27002:2022 text\"")
	}
	return o
}

func parseOverlayControl(r *yamlfile.Reader, cf yamlfile.Field) overlayControl {
	oc := overlayControl{id: cf.Key, pos: r.Pos(cf.KeyNode)}
	at := yamlfile.At{Control: cf.Key}
	fields, _ := r.Mapping(cf.Value, at, fieldNames.Get().overlayControl)
	for _, f := range fields {
		fat := at.Sub(f.Key)
		switch f.Key {
		case "title_ja":
			oc.titleJA, _ = r.String(f.Value, fat)
		case "summary":
			oc.summary, _ = r.String(f.Value, fat)
		case "summary_ja":
			oc.summaryJA, _ = r.String(f.Value, fat)
		case "text":
			oc.text, _ = r.String(f.Value, fat)
		case "guidance":
			oc.guidance, _ = r.String(f.Value, fat)
		case "attributes":
			oc.attributes = &Attributes{}
			parseAttributes(r, f.Value, fat, oc.attributes)
		case "extra":
			kvs, _ := r.Mapping(f.Value, fat, nil)
			for _, kv := range kvs {
				v, _ := r.String(kv.Value, fat.Sub(kv.Key))
				oc.extra = append(oc.extra, KV{Key: kv.Key, Value: v})
			}
		}
	}
	return oc
}

// errorf is a shorthand for a diagnostic outside a Reader.
func errorf(l *diag.List, pos diag.Pos, control, field, format string, args ...any) {
	l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Control: control, Field: field, Msg: fmt.Sprintf(format, args...)})
}
