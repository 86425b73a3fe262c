package answers

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
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
// upd. Only the lines of the fields whose values differ are rewritten:
// comments, blank lines, key order, quoting and line endings elsewhere stay
// byte for byte. It returns the new bytes and the changes; with no changes
// the bytes are src itself. An answer that shares its fields with others
// through YAML anchors is not edited: that is an error naming it.
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
	bom := bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF})
	text := bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF})
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, nil, err
	}
	p := newPatcher(name, text, doc.Content[0])
	var changes []Change
	changes = append(changes, p.organization(old.Org, upd.Org)...)
	for _, a := range upd.Controls {
		changes = append(changes, p.control(old.Lookup(a.ID), a, opts)...)
	}
	if err := p.errs.Err(); err != nil {
		return nil, nil, err
	}
	if len(changes) == 0 {
		return src, nil, nil
	}
	out := p.apply()
	if bom {
		out = append([]byte{0xEF, 0xBB, 0xBF}, out...)
	}
	return out, changes, nil
}

// field is one answer field with its old and new value and the node that
// writes the new one.
type field struct {
	key      string
	old, new string
	node     *yaml.Node
}

func answerFields(old, a *Answer) []field {
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
	return []field{
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

// patcher edits the lines of a YAML file. Edits are collected first and
// applied from the bottom up, so that line numbers stay valid.
type patcher struct {
	name  string
	lines []string // without their line breaks
	eol   string
	root  *yaml.Node
	edits []edit
	errs  diag.List
}

// edit replaces lines [from, to) (0-based) with repl; from == to inserts.
type edit struct {
	from, to int
	repl     []string
	seq      int // keeps insertions at one line in the order they were made
}

func newPatcher(name string, src []byte, root *yaml.Node) *patcher {
	s := string(src)
	eol := "\n"
	if strings.Contains(s, "\r\n") {
		eol = "\r\n"
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return &patcher{name: name, lines: lines, eol: eol, root: root}
}

func (p *patcher) add(from, to int, repl []string) {
	p.edits = append(p.edits, edit{from: from, to: to, repl: repl, seq: len(p.edits)})
}

func (p *patcher) apply() []byte {
	sort.SliceStable(p.edits, func(i, j int) bool {
		if p.edits[i].from != p.edits[j].from {
			return p.edits[i].from > p.edits[j].from
		}
		return p.edits[i].seq > p.edits[j].seq
	})
	lines := p.lines
	for _, e := range p.edits {
		lines = slices.Replace(slices.Clone(lines), e.from, e.to, e.repl...)
	}
	return []byte(strings.Join(lines, p.eol) + p.eol)
}

// indent returns the number of leading spaces of a line.
func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

func isBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// entryEnd returns the 0-based line after the block of a mapping entry
// whose key is on 0-based line start at column col (0-based): the lines
// indented deeper (or, for a sequence value, list items at the key's
// column) belong to it; trailing blank and comment lines do not.
func (p *patcher) entryEnd(start, col int, seqValue bool) int {
	end := start + 1
	for i := start + 1; i < len(p.lines); i++ {
		line := p.lines[i]
		if isBlankOrComment(line) {
			continue
		}
		in := indent(line)
		if in > col || (seqValue && in == col && strings.HasPrefix(strings.TrimSpace(line), "-")) {
			end = i + 1
			continue
		}
		break
	}
	return end
}

// render writes "key: value" as lines indented by col spaces.
func render(key string, v *yaml.Node, col int) []string {
	m := mapping()
	add(m, key, v)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	_ = enc.Encode(m)
	_ = enc.Close()
	out := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	pad := strings.Repeat(" ", col)
	for i := range out {
		out[i] = pad + out[i]
	}
	return out
}

// find returns the key and value nodes of key in mapping m.
func find(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func sharesAnchors(m *yaml.Node) bool {
	if m == nil {
		return false
	}
	if m.Anchor != "" || m.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range m.Content {
		if c.Tag == "!!merge" || c.Kind == yaml.AliasNode || c.Anchor != "" {
			return true
		}
	}
	return false
}

// setField replaces, adds or removes field key of block mapping m.
func (p *patcher) setField(m *yaml.Node, key string, v *yaml.Node, remove bool) {
	k, val := find(m, key)
	if k != nil {
		start := k.Line - 1
		end := p.entryEnd(start, k.Column-1, val.Kind == yaml.SequenceNode && val.Style != yaml.FlowStyle)
		if remove {
			p.add(start, end, nil)
			return
		}
		repl := render(key, v, k.Column-1)
		// A comment at the end of a one-line entry stays with it.
		if end == start+1 && val.LineComment != "" && len(repl) == 1 {
			repl[0] += " " + val.LineComment
		}
		p.add(start, end, repl)
		return
	}
	if remove {
		return
	}
	// A new field goes after the mapping's last entry, at its column.
	lastK, lastV := m.Content[len(m.Content)-2], m.Content[len(m.Content)-1]
	end := p.entryEnd(lastK.Line-1, lastK.Column-1, lastV.Kind == yaml.SequenceNode && lastV.Style != yaml.FlowStyle)
	p.add(end, end, render(key, v, m.Content[0].Column-1))
}

func (p *patcher) organization(old, upd Organization) []Change {
	fields := []struct {
		key      string
		old, new string
		node     func(string) *yaml.Node
	}{
		{"name", old.Name, upd.Name, text}, {"scope", old.Scope, upd.Scope, text}, {"soa_version", old.SoAVersion, upd.SoAVersion, quoted},
		{"date", old.Date, upd.Date, date}, {"prepared_by", old.PreparedBy, upd.PreparedBy, text},
		{"approved_by", old.ApprovedBy, upd.ApprovedBy, text}, {"approved_on", old.ApprovedOn, upd.ApprovedOn, date},
	}
	_, org := find(p.root, "organization")
	var out []Change
	for _, f := range fields {
		// The workbook's cover says nothing about a field it leaves empty.
		if f.new == "" || f.new == f.old {
			continue
		}
		if org == nil || org.Kind != yaml.MappingNode || org.Style == yaml.FlowStyle || sharesAnchors(org) {
			p.errs.Add(diag.Diagnostic{Pos: diag.Pos{File: p.name}, Severity: diag.Error, Field: "organization." + f.key,
				Msg: fmt.Sprintf("the workbook says %q; write organization as a block mapping (one field per line) to have it updated, or edit it by hand", f.new)})
			continue
		}
		p.setField(org, f.key, f.node(f.new), false)
		out = append(out, Change{Field: "organization." + f.key, Old: f.old, New: f.new})
	}
	return out
}

// control brings the entry of a.ID up to a, for the fields opts names.
func (p *patcher) control(old, a *Answer, opts UpdateOptions) []Change {
	if old == nil {
		old = &Answer{}
	}
	var changed []field
	var out []Change
	for _, f := range answerFields(old, a) {
		if !slices.Contains(opts.Fields, f.key) || f.old == f.new {
			continue
		}
		changed = append(changed, f)
		out = append(out, Change{Control: a.ID, Field: f.key, Old: f.old, New: f.new})
	}
	if len(changed) == 0 {
		return nil
	}
	_, ctls := find(p.root, "controls")
	key, entry := find(ctls, a.ID)
	if sharesAnchors(entry) || (entry != nil && entry.Kind == yaml.MappingNode && slices.ContainsFunc(changed, func(f field) bool {
		_, v := find(entry, f.key)
		return sharesAnchors(v)
	})) {
		p.errs.Add(diag.Diagnostic{Pos: diag.Pos{File: p.name, Line: key.Line, Col: key.Column}, Severity: diag.Error, Control: a.ID,
			Msg: "its answer shares fields with other controls through YAML anchors (&, *, <<): changing it here would change them too; update it by hand"})
		return out
	}
	switch {
	case entry != nil && entry.Kind == yaml.MappingNode && entry.Style != yaml.FlowStyle && len(entry.Content) > 0:
		for _, f := range changed {
			p.setField(entry, f.key, f.node, f.new == "")
		}
	case entry != nil:
		// "5.1:" with nothing under it, or a flow mapping: write the whole
		// entry anew, with the old fields kept.
		merged := mergeAnswer(old, changed)
		start := key.Line - 1
		end := p.entryEnd(start, key.Column-1, false)
		lines := render(a.ID, answer(merged), key.Column-1)
		lines[0] = strings.Repeat(" ", key.Column-1) + strings.TrimLeft(p.lines[start][:keyEnd(p.lines[start], key.Column-1)], " ") + ":"
		if key.LineComment != "" {
			lines[0] += " " + key.LineComment
		}
		p.add(start, end, lines)
	default:
		p.insertControl(ctls, a.ID, mergeAnswer(old, changed), opts.Order)
	}
	return out
}

// keyEnd finds the end of the key written at col on line: up to the colon.
func keyEnd(line string, col int) int {
	rest := line[col:]
	if strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, "'") {
		if i := strings.IndexByte(rest[1:], rest[0]); i >= 0 {
			return col + i + 2
		}
	}
	if i := strings.Index(rest, ":"); i >= 0 {
		return col + i
	}
	return len(line)
}

func mergeAnswer(old *Answer, changed []field) *Answer {
	a := *old
	for _, f := range changed {
		switch f.key {
		case "applicable":
			b := f.new == "true"
			a.Applicable = &b
			if f.new == "" {
				a.Applicable = nil
			}
		case "reasons":
			a.Reasons = nil
			for _, n := range f.node.Content {
				a.Reasons = append(a.Reasons, n.Value)
			}
		case "justification":
			a.Justification = f.new
		case "status":
			a.Status = Status(f.new)
		case "owner":
			a.Owner = f.new
		case "evidence":
			a.Evidence = nil
			for _, n := range f.node.Content {
				a.Evidence = append(a.Evidence, n.Value)
			}
		case "target_date":
			a.TargetDate = f.new
		case "notes":
			a.Notes = f.new
		case "review":
			a.Review = f.new
		}
	}
	return &a
}

// insertControl adds a control the file lacks, before the first control
// that comes after it in catalogue order (and that control's comments), or
// after the last one.
func (p *patcher) insertControl(ctls *yaml.Node, id string, a *Answer, order []string) {
	col := 2
	if ctls != nil && ctls.Kind == yaml.MappingNode && len(ctls.Content) > 0 {
		col = ctls.Content[0].Column - 1
	}
	lines := render(id, answer(a), col)
	lines[0] = strings.Repeat(" ", col) + `"` + id + `":`
	if ctls == nil || ctls.Kind != yaml.MappingNode || ctls.Style == yaml.FlowStyle {
		p.errs.Add(diag.Diagnostic{Pos: diag.Pos{File: p.name}, Severity: diag.Error, Control: id,
			Msg: "the file has no block mapping of controls to add this control to; add \"controls:\" with one control per entry"})
		return
	}
	at := slices.Index(order, id)
	for i := 0; i+1 < len(ctls.Content); i += 2 {
		k := ctls.Content[i]
		if j := slices.Index(order, k.Value); at >= 0 && j > at {
			line := k.Line - 1
			for line > 0 && strings.HasPrefix(strings.TrimSpace(p.lines[line-1]), "#") && indent(p.lines[line-1]) == k.Column-1 {
				line--
			}
			p.add(line, line, lines)
			return
		}
	}
	lastK, lastV := ctls.Content[len(ctls.Content)-2], ctls.Content[len(ctls.Content)-1]
	end := p.entryEnd(lastK.Line-1, lastK.Column-1, lastV.Kind == yaml.SequenceNode)
	p.add(end, end, lines)
}
