package answers

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Change is one field whose value an update changed.
type Change struct {
	Control string // "" for the organization block
	Field   string
	Old     string
	New     string
}

func (c Change) String() string {
	subject := c.Control
	if subject == "" {
		subject = "organization"
	}
	return fmt.Sprintf("%s: %s: %s → %s", subject, c.Field, show(c.Old), show(c.New))
}

func show(s string) string {
	if s == "" {
		return "(empty)"
	}
	s = strings.ReplaceAll(s, "\n", "⏎")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// UpdateOptions say what an update may touch.
type UpdateOptions struct {
	// Fields are the answer fields the new answers speak for (the columns a
	// workbook had); others are left as they are.
	Fields []string
	// Order is the catalogue order, for placing controls the file lacks.
	Order []string
}

// Update rewrites src, an answers file, so that it holds the answers of
// upd: only the fields whose values differ change, and comments, key order
// and formatting are kept (yaml.v3's node API). It returns the new bytes
// and the changes; with no changes the bytes are src itself.
func Update(name string, src []byte, upd *File, opts UpdateOptions) ([]byte, []Change, error) {
	old, l := Parse(name, src)
	if old == nil || l.HasErrors() {
		l.Sort()
		return nil, nil, l
	}
	if old.Edition != upd.Edition {
		return nil, nil, diag.List{{Pos: old.EditionPos, Severity: diag.Error, Field: "edition",
			Msg: fmt.Sprintf("the file answers edition %s, the workbook edition %s", old.Edition, upd.Edition)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF}), &doc); err != nil {
		return nil, nil, err
	}
	root := doc.Content[0]
	var changes []Change
	changes = append(changes, updateOrganization(root, old.Org, upd.Org)...)
	ctls := child(root, "controls")
	if ctls == nil || ctls.Kind != yaml.MappingNode {
		ctls = mapping()
		setChild(root, "controls", ctls)
	}
	for _, a := range upd.Controls {
		changes = append(changes, updateControl(ctls, old.Lookup(a.ID), a, opts)...)
	}
	if len(changes) == 0 {
		return src, nil, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(indentOf(src))
	if err := enc.Encode(&doc); err != nil {
		return nil, nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), changes, nil
}

// indentOf guesses the file's indentation from its first indented line.
func indentOf(src []byte) int {
	for _, line := range bytes.Split(src, []byte("\n")) {
		n := len(line) - len(bytes.TrimLeft(line, " "))
		if n > 0 && n < len(line) && line[n] != '#' {
			return min(n, 8)
		}
	}
	return 2
}

func child(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setChild(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			// Keep the old value's comments with the new value.
			v.LineComment, v.HeadComment, v.FootComment = m.Content[i+1].LineComment, m.Content[i+1].HeadComment, m.Content[i+1].FootComment
			m.Content[i+1] = v
			return
		}
	}
	add(m, key, v)
}

func removeChild(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
	}
}

func updateOrganization(root *yaml.Node, old, upd Organization) []Change {
	fields := []struct {
		key      string
		old, new string
		node     func(string) *yaml.Node
	}{
		{"name", old.Name, upd.Name, text}, {"scope", old.Scope, upd.Scope, text}, {"soa_version", old.SoAVersion, upd.SoAVersion, quoted},
		{"date", old.Date, upd.Date, date}, {"prepared_by", old.PreparedBy, upd.PreparedBy, text},
		{"approved_by", old.ApprovedBy, upd.ApprovedBy, text}, {"approved_on", old.ApprovedOn, upd.ApprovedOn, date},
	}
	org := child(root, "organization")
	var out []Change
	for _, f := range fields {
		// The workbook's cover says nothing about a field it leaves empty.
		if f.new == "" || f.new == f.old {
			continue
		}
		if org == nil {
			org = mapping()
			setChild(root, "organization", org)
		}
		setChild(org, f.key, f.node(f.new))
		out = append(out, Change{Field: "organization." + f.key, Old: f.old, New: f.new})
	}
	return out
}

// updateControl brings the entry of a.ID in ctls up to a.
func updateControl(ctls *yaml.Node, old, a *Answer, opts UpdateOptions) []Change {
	var out []Change
	entry := child(ctls, a.ID)
	ensure := func() *yaml.Node {
		if entry == nil || entry.Kind != yaml.MappingNode {
			n := mapping()
			if entry == nil {
				insertControl(ctls, a.ID, n, opts.Order)
			} else {
				setChild(ctls, a.ID, n)
			}
			entry = n
		}
		return entry
	}
	if old == nil {
		old = &Answer{}
	}
	type field struct {
		key      string
		old, new string
		node     *yaml.Node
	}
	boolText := func(b *bool) string {
		if b == nil {
			return ""
		}
		return fmt.Sprint(*b)
	}
	reasons := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, r := range a.Reasons {
		reasons.Content = append(reasons.Content, text(r))
	}
	evidence := &yaml.Node{Kind: yaml.SequenceNode}
	for _, e := range a.Evidence {
		evidence.Content = append(evidence.Content, text(e))
	}
	fields := []field{
		{"applicable", boolText(old.Applicable), boolText(a.Applicable), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: boolText(a.Applicable)}},
		// Reasons are a set: the same reasons in another order are no change.
		{"reasons", strings.Join(canonicalReasons(old.Reasons), ", "), strings.Join(canonicalReasons(a.Reasons), ", "), reasons},
		{"justification", old.Justification, a.Justification, text(a.Justification)},
		{"status", string(old.Status), string(a.Status), text(string(a.Status))},
		{"owner", old.Owner, a.Owner, text(a.Owner)},
		{"evidence", strings.Join(old.Evidence, "\n"), strings.Join(a.Evidence, "\n"), evidence},
		{"target_date", old.TargetDate, a.TargetDate, date(a.TargetDate)},
		{"notes", old.Notes, a.Notes, text(a.Notes)},
		{"review", old.Review, a.Review, text(a.Review)},
	}
	for _, f := range fields {
		if !slices.Contains(opts.Fields, f.key) || f.old == f.new {
			continue
		}
		if f.new == "" {
			if entry != nil && entry.Kind == yaml.MappingNode {
				removeChild(entry, f.key)
			}
		} else {
			setChild(ensure(), f.key, f.node)
		}
		out = append(out, Change{Control: a.ID, Field: f.key, Old: f.old, New: f.new})
	}
	return out
}

// insertControl adds a control's entry before the first entry that comes
// after it in catalogue order, or at the end.
func insertControl(ctls *yaml.Node, id string, v *yaml.Node, order []string) {
	key := quoted(id)
	at := slices.Index(order, id)
	for i := 0; i+1 < len(ctls.Content); i += 2 {
		if j := slices.Index(order, ctls.Content[i].Value); at >= 0 && j > at {
			ctls.Content = slices.Insert(ctls.Content, i, key, v)
			return
		}
	}
	ctls.Content = append(ctls.Content, key, v)
}

func canonicalReasons(rs []string) []string {
	var out []string
	for _, r := range Reasons {
		if slices.Contains(rs, r) {
			out = append(out, r)
		}
	}
	return out
}
