package answers

import (
	"bytes"
	"fmt"
	"github.com/soa-tool/soa/internal/lazyre"
	"maps"
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
	old, now := []rune(strings.ReplaceAll(c.Old, "\n", "⏎")), []rune(strings.ReplaceAll(c.New, "\n", "⏎"))
	// Long values that begin alike are shown from a little before where
	// they differ, so that the change can be seen.
	from := 0
	if len(old) > showWidth || len(now) > showWidth {
		same := 0
		for same < len(old) && same < len(now) && old[same] == now[same] {
			same++
		}
		from = max(0, same-showWidth/4)
	}
	return fmt.Sprintf("%s: %s: %s → %s", subject, c.Field, show(old, from), show(now, from))
}

// showWidth is how many characters of a value a change line shows.
const showWidth = 60

// show returns value from rune from on, at most showWidth runes, with
// "…" where it was cut.
func show(value []rune, from int) string {
	if len(value) == 0 {
		return "(empty)"
	}
	s := ""
	if from > 0 {
		s = "…"
		value = value[min(from, len(value)):]
	}
	if len(value) > showWidth {
		return s + string(value[:showWidth]) + "…"
	}
	return s + string(value)
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
	old, l := parse(name, src, false)
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
	p.wantOrg = old.Org
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
	out, err := p.apply()
	if err != nil {
		return nil, nil, err
	}
	if err := p.verify(out, old); err != nil {
		return nil, nil, err
	}
	if bom {
		out = append([]byte{0xEF, 0xBB, 0xBF}, out...)
	}
	return out, changes, nil
}

// field is one answer field with its old and new value and the node that
// writes the new one.
type field struct {
	key      string
	old, new string // as change lines show them
	same     bool
	node     *yaml.Node
}

func answerFields(old, a *Answer) []field {
	out := make([]field, len(Fields))
	for i, f := range Fields {
		o, n := f.Get(old), f.Get(a)
		// Reasons are a set (the same reasons in another order are no
		// change), and a kept final line break is no change either.
		out[i] = field{f.Key, f.Show(o), f.Show(n), f.Equal(o, n), f.Node(n)}
	}
	return out
}

// exactFields are a's fields, each with its value exactly as read: the
// read-back check compares them, so that an edit that loses even a kept
// final line break is caught.
func exactFields(a *Answer) [][2]string {
	out := make([][2]string, len(Fields))
	for i, f := range Fields {
		out[i] = [2]string{f.Key, strings.Join(f.Get(a), "\x00")}
	}
	return out
}

// trimEOL drops the line break a literal or folded block ends with, which a
// spreadsheet cell does not keep: "text\n" in the file and "text" in the
// workbook are the same answer.
func trimEOL(s string) string { return strings.TrimRight(s, "\n") }

// patcher edits the lines of a YAML file. Edits are collected first and
// applied from the bottom up, so that line numbers stay valid.
type patcher struct {
	name   string
	lines  []string // without their line breaks
	eol    string
	breaks []string // the break after each line, kept as it was
	root   *yaml.Node
	limits map[*yaml.Node]int // key node → the 0-based line where the next entry starts
	edits  []edit
	errs   diag.List

	// What the file must read back as once edited: see verify.
	wantOrg Organization
	want    map[string]*Answer
	// Things done or said once per file.
	saidFlow, addedControls bool
}

// edit replaces lines [from, to) (0-based) with repl; from == to inserts.
type edit struct {
	from, to int
	repl     []string
	seq      int // keeps insertions at one line in the order they were made
}

func newPatcher(name string, src []byte, root *yaml.Node) *patcher {
	lines, breaks := splitLines(string(src))
	eol := "\n"
	if len(breaks) > 0 && breaks[0] != "" {
		eol = breaks[0]
	}
	p := &patcher{name: name, lines: lines, breaks: breaks, eol: eol, root: root, limits: map[*yaml.Node]int{}, want: map[string]*Answer{}}
	p.measure(root, len(lines))
	return p
}

// yamlBreaks are the line breaks YAML counts lines by: the parser's line
// numbers and ours must agree, or an edit lands on the wrong line.
var yamlBreaks = []string{"\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"}

// splitLines cuts s into lines and the break that ends each ("" for a last
// line without one).
func splitLines(s string) (lines, breaks []string) {
	for len(s) > 0 {
		end, br := len(s), ""
		for i := 0; i < len(s) && br == ""; i++ {
			for _, b := range yamlBreaks {
				if strings.HasPrefix(s[i:], b) {
					end, br = i, b
					break
				}
			}
		}
		lines, breaks = append(lines, s[:end]), append(breaks, br)
		s = s[end+len(br):]
	}
	return lines, breaks
}

// measure records, for every mapping entry under n, the line where the
// entry after it begins: the next key of its mapping or, for a last entry,
// the limit of the mapping itself. Everything before that line that is not
// a trailing comment belongs to the entry, however its value is written
// (a flow list closed at the key's column, a quoted text continued on
// lines of its own, a literal block with lines that start with "#").
func (p *patcher) measure(n *yaml.Node, limit int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			next := limit
			if i+2 < len(n.Content) {
				next = n.Content[i+2].Line - 1
			}
			p.limits[n.Content[i]] = next
			p.measure(n.Content[i+1], next)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			next := limit
			if i+1 < len(n.Content) {
				next = n.Content[i+1].Line - 1
			}
			p.measure(c, next)
		}
	}
}

func (p *patcher) add(from, to int, repl []string) {
	p.edits = append(p.edits, edit{from: from, to: to, repl: repl, seq: len(p.edits)})
}

// apply makes the edits, from the bottom of the file up. At one line a
// replacement goes first and insertions after it, newest first, so that the
// inserted lines end up above the replaced ones in the order they were
// made. Edits that overlap are a bug in the caller: they are refused rather
// than allowed to mangle the file.
func (p *patcher) apply() ([]byte, error) {
	sort.SliceStable(p.edits, func(i, j int) bool {
		a, b := p.edits[i], p.edits[j]
		if a.from != b.from {
			return a.from > b.from
		}
		if (a.to > a.from) != (b.to > b.from) {
			return a.to > a.from
		}
		return a.seq > b.seq
	})
	lines, breaks := slices.Clone(p.lines), slices.Clone(p.breaks)
	for i, e := range p.edits {
		if i > 0 && e.to > p.edits[i-1].from {
			return nil, fmt.Errorf("%s: lines %d-%d: two changes overlap; update the file by hand", p.name, e.from+1, e.to)
		}
		// New lines end with the file's usual break; a last line without
		// one stays without one.
		brs := make([]string, len(e.repl))
		for k := range brs {
			brs[k] = p.eol
		}
		if e.to == len(breaks) && e.to > e.from && len(brs) > 0 {
			brs[len(brs)-1] = breaks[e.to-1]
		}
		if e.from == len(breaks) && e.from > 0 && breaks[e.from-1] == "" && len(brs) > 0 {
			breaks[e.from-1], brs[len(brs)-1] = p.eol, ""
		}
		// Removing the last lines leaves the line before them last: it
		// ends as the file ended.
		if e.to == len(breaks) && e.to > e.from && len(brs) == 0 && e.from > 0 {
			breaks[e.from-1] = breaks[e.to-1]
		}
		lines = slices.Replace(lines, e.from, e.to, e.repl...)
		breaks = slices.Replace(breaks, e.from, e.to, brs...)
	}
	var out strings.Builder
	for i, l := range lines {
		out.WriteString(l)
		if i < len(lines)-1 && breaks[i] == "" {
			breaks[i] = p.eol
		}
		out.WriteString(breaks[i])
	}
	return []byte(out.String()), nil
}

// keepChomping finds a block scalar's header that keeps its final line
// breaks: "|+", ">+", "|2+", "|+2".
var keepChomping = lazyre.New(`[|>]([1-9]?\+|\+[1-9])\s*(#.*)?$`)

// indent returns the number of leading spaces of a line.
func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

func isBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// span returns the 0-based lines [start, end) of the mapping entry whose
// key is k and value v: from the key's line up to where the next entry
// begins, less the blank and comment lines at its end, which belong to what
// follows. The lines of a literal or folded block are its text, even those
// that start with "#".
func (p *patcher) span(k, v *yaml.Node) (int, int) {
	start := k.Line - 1
	end, ok := p.limits[k]
	if !ok {
		end = len(p.lines)
	}
	// An indented entry ends at the latest where a line starts at the left
	// margin: a top-level key, or a document marker ("..." or "---").
	if k.Column > 1 {
		for i := start + 1; i < end; i++ {
			if line := p.lines[i]; indent(line) == 0 && !isBlankOrComment(line) {
				end = i
				break
			}
		}
	}
	block := v.Kind == yaml.ScalarNode && (v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0)
	// A block that keeps its final line breaks ("|+") owns the blank
	// lines after it.
	keep := block && keepChomping.MatchString(p.lines[v.Line-1])
	for end > start+1 {
		line := p.lines[end-1]
		blank := strings.TrimSpace(line) == ""
		if !isBlankOrComment(line) || (block && !blank && indent(line) > k.Column-1) || (keep && blank) {
			break
		}
		end--
	}
	return start, end
}

// render writes "key: value" as lines indented by col spaces.
func render(key string, v *yaml.Node, col int) []string {
	m := mapping()
	add(m, key, v)
	return encodeLines(m, col)
}

// encodeLines writes n as YAML lines indented by col spaces.
func encodeLines(n *yaml.Node, col int) []string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	_ = enc.Encode(n)
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
		// The loader trims keys: "5.1 " is 5.1.
		if strings.TrimSpace(m.Content[i].Value) == key {
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
		start, end := p.span(k, val)
		if remove {
			p.add(start, end, nil)
			return
		}
		if p.setItems(val, v) {
			return
		}
		// A list written in flow style ([a, b]) stays in flow style.
		if val.Kind == yaml.SequenceNode && val.Style == yaml.FlowStyle && v.Kind == yaml.SequenceNode {
			flow := *v
			flow.Style = yaml.FlowStyle
			v = &flow
		}
		repl := render(key, v, k.Column-1)
		// A comment at the end of the key's line stays there.
		if c := lineComment(k, val); c != "" {
			repl[0] += " " + c
		}
		p.add(start, end, repl)
		return
	}
	if remove {
		return
	}
	// A new field goes after the mapping's last entry, at its column.
	lastK, lastV := m.Content[len(m.Content)-2], m.Content[len(m.Content)-1]
	_, end := p.span(lastK, lastV)
	p.add(end, end, render(key, v, m.Content[0].Column-1))
}

func (p *patcher) organization(old, upd Organization) []Change {
	_, org := find(p.root, "organization")
	var out []Change
	for _, f := range OrgFields {
		if f.Cover == "" {
			continue // the workbook does not show it
		}
		was, now := trimEOL(f.Get(&old)), trimEOL(f.Get(&upd))
		// The workbook's cover says nothing about a field it leaves empty.
		if now == "" || now == was {
			continue
		}
		if org == nil || org.Kind != yaml.MappingNode || org.Style == yaml.FlowStyle || sharesAnchors(org) {
			p.errs.Add(diag.Diagnostic{Pos: diag.Pos{File: p.name}, Severity: diag.Error, Field: f.Path(),
				Msg: fmt.Sprintf("the workbook says %q; write organization as a block mapping (one field per line) to have it updated, or edit it by hand", now)})
			continue
		}
		p.setField(org, f.Key, f.Node(now), false)
		f.Set(&p.wantOrg, now)
		out = append(out, Change{Field: f.Path(), Old: was, New: now})
	}
	return out
}

// lineComment returns the comment at the end of the line of key k (after
// its value when the value is on that line), or "".
func lineComment(k, v *yaml.Node) string {
	if k.LineComment != "" {
		return k.LineComment
	}
	if v.Line == k.Line {
		return v.LineComment
	}
	return ""
}

// setItems edits the block list old into the list v item by item: the
// lines of items that stay are kept as they are, with their comments and
// the comments between them; items that go are removed and new ones added
// where they belong. It reports false, changing nothing, when old or v is
// not a list of plain values.
func (p *patcher) setItems(old, v *yaml.Node) bool {
	if old.Kind != yaml.SequenceNode || old.Style == yaml.FlowStyle || len(old.Content) == 0 ||
		v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		return false
	}
	for _, n := range slices.Concat(old.Content, v.Content) {
		if n.Kind != yaml.ScalarNode || n.Anchor != "" {
			return false
		}
	}
	dash := indent(p.lines[old.Content[0].Line-1])
	itemLines := func(n *yaml.Node) []string {
		return encodeLines(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{n}}, dash)
	}
	// The old items' lines: from each item to the next, less the comments
	// before the next, which stay.
	limit := func(i int) int {
		if i+1 < len(old.Content) {
			return old.Content[i+1].Line - 1
		}
		return -1
	}
	spans := make([][2]int, len(old.Content))
	for i, n := range old.Content {
		end := limit(i)
		if end < 0 {
			end = n.Line // a last item: its line, or the lines of its block
			for end < len(p.lines) && !isBlankOrComment(p.lines[end]) && indent(p.lines[end]) > dash {
				end++
			}
		}
		for end > n.Line && isBlankOrComment(p.lines[end-1]) {
			end--
		}
		spans[i] = [2]int{n.Line - 1, end}
	}
	keep := commonItems(old.Content, v.Content)
	oi := 0
	for ni, n := range v.Content {
		if j, ok := keep[ni]; ok {
			for ; oi < j; oi++ {
				p.add(spans[oi][0], spans[oi][1], nil)
			}
			oi = j + 1
			continue
		}
		at := spans[len(spans)-1][1]
		if oi < len(spans) {
			at = spans[oi][0]
		}
		p.add(at, at, itemLines(n))
	}
	for ; oi < len(spans); oi++ {
		p.add(spans[oi][0], spans[oi][1], nil)
	}
	return true
}

// commonItems matches the items of b to the items of a with the same
// value, keeping their order (a longest common subsequence): index in b →
// index in a.
func commonItems(a, b []*yaml.Node) map[int]int {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i].Value == b[j].Value {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := map[int]int{}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i].Value == b[j].Value:
			out[j] = i
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
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
		if !slices.Contains(opts.Fields, f.key) || f.same {
			continue
		}
		changed = append(changed, f)
		out = append(out, Change{Control: a.ID, Field: f.key, Old: f.old, New: f.new})
	}
	if len(changed) == 0 {
		return nil
	}
	p.want[a.ID] = mergeAnswer(old, a, changed)
	ctlsKey, ctls := find(p.root, "controls")
	if ctls != nil && ((ctls.Style == yaml.FlowStyle && len(ctls.Content) > 0) || (ctls.Kind != yaml.MappingNode && ctls.Tag != "!!null")) {
		if !p.saidFlow {
			p.saidFlow = true
			p.errs.Add(diag.Diagnostic{Pos: diag.Pos{File: p.name, Line: ctlsKey.Line, Col: ctlsKey.Column}, Severity: diag.Error, Field: "controls",
				Msg: "the controls are written in flow style ({...}): write them as a block, one control per entry, to have them updated, or edit the file by hand"})
		}
		return out
	}
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
			p.setField(entry, f.key, f.node, f.node == nil)
		}
	case entry != nil:
		// "5.1:" with nothing under it, or a flow mapping: write the whole
		// entry anew, with the old fields kept.
		merged := mergeAnswer(old, a, changed)
		start, end := p.span(key, entry)
		lines := render(a.ID, answer(merged), key.Column-1)
		lines[0] = strings.Repeat(" ", key.Column-1) + strings.TrimLeft(p.lines[start][:keyEnd(p.lines[start], key.Column-1)], " ") + ":"
		// Comments after the key or after a flow mapping stay on its line.
		for _, c := range []string{key.LineComment, entry.LineComment} {
			if c != "" {
				lines[0] += " " + c
			}
		}
		p.add(start, end, lines)
	default:
		p.insertControl(ctls, a.ID, mergeAnswer(old, a, changed), opts.Order)
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

// mergeAnswer is old with the changed fields taken from a.
func mergeAnswer(old, a *Answer, changed []field) *Answer {
	m := *old
	for _, f := range changed {
		m.SetField(f.key, a)
	}
	return &m
}

// insertControl adds a control the file lacks, before the first control
// that comes after it in catalogue order (and that control's comments), or
// after the last one. A file whose "controls:" is empty, or missing, gets
// its first entries under it.
func (p *patcher) insertControl(ctls *yaml.Node, id string, a *Answer, order []string) {
	col := 2
	if ctls != nil && ctls.Kind == yaml.MappingNode && len(ctls.Content) > 0 {
		col = ctls.Content[0].Column - 1
	}
	lines := render(id, answer(a), col)
	lines[0] = strings.Repeat(" ", col) + `"` + id + `":`
	if ctls == nil || ctls.Kind != yaml.MappingNode || len(ctls.Content) == 0 {
		p.addControlsKey(lines)
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
	_, end := p.span(lastK, lastV)
	p.add(end, end, lines)
}

// addControlsKey adds an entry to a file whose "controls:" has none: under
// the key, or under a new key at the end of the file.
func (p *patcher) addControlsKey(lines []string) {
	k, v := find(p.root, "controls")
	if k != nil {
		start, end := p.span(k, v)
		// "controls: ~" or "controls: {}": the key's line becomes
		// "controls:", keeping its comment, and the entries go under it.
		if v.Line == k.Line && !p.addedControls && (v.Value != "" || v.Kind == yaml.MappingNode) {
			p.addedControls = true
			line := p.lines[start][:k.Column-1] + "controls:"
			if c := lineComment(k, v); c != "" {
				line += " " + c
			}
			p.add(start, start+1, []string{line})
		}
		p.add(end, end, lines)
		return
	}
	if !p.addedControls {
		p.addedControls = true
		p.add(len(p.lines), len(p.lines), []string{"controls:"})
	}
	p.add(len(p.lines), len(p.lines), lines)
}

// verify reads the edited file back and checks that it says what the update
// meant and nothing else: every answer, the organization and the revisions
// as before but for the changes made. The patcher edits lines, and a file
// laid out in a way it does not foresee could otherwise come out changed in
// a place nobody asked for; then the file is left alone and the user told.
func (p *patcher) verify(out []byte, old *File) error {
	got, l := parse(p.name, out, false)
	if got == nil || l.HasErrors() {
		return diag.List{{Pos: diag.Pos{File: p.name}, Severity: diag.Error,
			Msg: "the file is laid out in a way soa cannot edit in place (the edited file would not read back); it is left as it was: make the changes by hand, or write the controls in block style, one field per line"}}
	}
	var errs diag.List
	whole := func(field string) {
		errs.Add(diag.Diagnostic{Pos: diag.Pos{File: p.name}, Severity: diag.Error, Field: field,
			Msg: "soa cannot edit this part of the file in place without changing other text; it is left as it was: make the changes by hand"})
	}
	if got.Edition != old.Edition {
		whole("edition")
	}
	if got.Org != p.wantOrg {
		whole("organization")
	}
	if !slices.Equal(got.Revisions, old.Revisions) {
		whole("revisions")
	}
	ids := make([]string, 0, len(old.Controls)+len(p.want))
	for _, a := range old.Controls {
		ids = append(ids, a.ID)
	}
	for _, a := range got.Controls {
		if old.Lookup(a.ID) == nil {
			ids = append(ids, a.ID)
		}
	}
	// Controls the update added, in a fixed order, so that the messages are.
	for _, id := range slices.Sorted(maps.Keys(p.want)) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		want, pos := p.want[id], diag.Pos{File: p.name}
		if o := old.Lookup(id); o != nil {
			pos = o.Pos
			if want == nil {
				want = o
			}
		}
		have := got.Lookup(id)
		if want == nil {
			want = &Answer{}
		}
		if have == nil {
			have = &Answer{}
		}
		h := exactFields(have)
		for i, w := range exactFields(want) {
			if w != h[i] {
				errs.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Control: id, Field: w[0],
					Msg: "soa cannot edit this entry in place without changing other text (it is laid out in a way the editor does not foresee); the file is left as it was: make the changes by hand, or write the entry in block style, one field per line"})
				break
			}
		}
	}
	if errs.HasErrors() {
		errs.Sort()
		return errs
	}
	return nil
}
