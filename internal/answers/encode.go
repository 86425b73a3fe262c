package answers

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// EncodeOptions say how to write an answers file.
type EncodeOptions struct {
	Schema string   // path or URL for the yaml-language-server modeline; "" for none
	Header []string // comment lines at the top of the file
	// IDs lists the controls to write, in order: answered ones with their
	// answer, the others as an empty entry to fill in.
	IDs []string
	// Comment returns the comment above a control's entry ("" for none).
	Comment func(id string) string
}

// Encode writes f as an answers file that Parse reads back to the same
// answers. Fields are written in the documented order, empty ones left out.
func Encode(w io.Writer, f *File, opts EncodeOptions) error {
	out, ok := emitFile(f, opts)
	if !ok {
		var err error
		if out, err = encodeTree(tree(f, opts)); err != nil {
			return err
		}
	}
	_, err := w.Write(out)
	return err
}

// tree is the YAML document Encode writes.
func tree(f *File, opts EncodeOptions) *yaml.Node {
	root, doc := head(f, opts)
	ctls := onHeap.mapping(len(opts.IDs))
	for _, id := range opts.IDs {
		key, value := control(onHeap, f, id, opts)
		ctls.Content = append(ctls.Content, key, value)
	}
	onHeap.add(doc, "controls", ctls)
	return root
}

// head is the document Encode writes up to its controls: root, with the
// header comment, holding doc, the top mapping, which the controls end.
func head(f *File, opts EncodeOptions) (root, doc *yaml.Node) {
	doc = onHeap.mapping(4)
	onHeap.add(doc, "edition", onHeap.quoted(f.Edition))
	onHeap.add(doc, "organization", organization(f.Org))
	if len(f.Revisions) > 0 {
		revs := onHeap.new(yaml.Node{Kind: yaml.SequenceNode})
		for _, r := range f.Revisions {
			m := onHeap.mapping(5)
			m.Style = yaml.FlowStyle
			addIf(m, "version", onHeap.quoted(r.Version), r.Version)
			addIf(m, "date", onHeap.date(r.Date), r.Date)
			addIf(m, "author", onHeap.text(r.Author), r.Author)
			addIf(m, "description", onHeap.text(r.Description), r.Description)
			addIf(m, "notes", onHeap.text(r.Notes), r.Notes)
			revs.Content = append(revs.Content, m)
		}
		onHeap.add(doc, "revisions", revs)
	}
	var lines []string
	if opts.Schema != "" {
		lines = append(lines, "yaml-language-server: $schema="+opts.Schema)
	}
	lines = append(lines, opts.Header...)
	root = &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}
	if len(lines) > 0 {
		root.HeadComment = comment(strings.Join(lines, "\n"))
	}
	return root, doc
}

// control is the entry of control id: its key, with the comment above it,
// and its answer (null for a control not answered), made in ns.
func control(ns *nodes, f *File, id string, opts EncodeOptions) (key, value *yaml.Node) {
	key = ns.quoted(id)
	if opts.Comment != nil {
		key.HeadComment = comment(opts.Comment(id))
	}
	if a := f.Lookup(id); a != nil {
		return key, ns.answer(a)
	}
	return key, ns.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"})
}

// encodeTree writes root as go.yaml.in/yaml/v3 writes it with an indent of
// 2: with emit where emit can prove the bytes are the same, with yaml.v3
// itself otherwise.
func encodeTree(root *yaml.Node) ([]byte, error) {
	if out, ok := emit(root); ok {
		return out, nil
	}
	return encodeYAML(root)
}

// encodeYAML is yaml.v3's encoding of root, the reference emit is held to.
// yaml.v3 panics on some input (a comment that is not UTF-8, such as the
// header naming a workbook whose file name is not): that is an error.
func encodeYAML(root *yaml.Node) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("cannot write the answers as YAML: %v", r)
		}
	}()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// comment is c with what is not UTF-8 (a file name the header quotes)
// replaced by U+FFFD: yaml.v3 panics on such a comment.
func comment(c string) string { return strings.ToValidUTF8(c, "\uFFFD") }

func organization(o Organization) *yaml.Node {
	m := onHeap.mapping(len(OrgFields))
	for _, f := range OrgFields {
		// A required field is written even when empty, for the reader to
		// name what is missing.
		if v := f.Get(&o); v != "" || f.Required {
			onHeap.add(m, f.Key, f.Node(v))
		}
	}
	return m
}

func answer(a *Answer) *yaml.Node { return onHeap.answer(a) }

// answer is a's fields as a mapping, made in ns.
func (ns *nodes) answer(a *Answer) *yaml.Node {
	n := 0
	for _, f := range Fields {
		if f.Size(a) > 0 {
			n++
		}
	}
	m := ns.mapping(n)
	var one [1]string
	for _, f := range Fields {
		if v := f.valueIn(a, &one); len(v) > 0 {
			ns.add(m, f.Key, f.node(ns, v))
		}
	}
	return m
}

func mapping() *yaml.Node { return onHeap.mapping(0) }

func add(m *yaml.Node, key string, v *yaml.Node) { onHeap.add(m, key, v) }

func addIf(m *yaml.Node, key string, v *yaml.Node, s string) {
	if s != "" {
		onHeap.add(m, key, v)
	}
}

// nodes hands out the nodes of a tree and their lists of children from
// slabs. Encode makes the tree of one control at a time in the same nodes,
// reset after it is written: the trees of the 93 controls of an import,
// some 300 KB, were as many page faults of fresh memory in every run
// (issue 17). A nil *nodes, onHeap, allocates each node on its own, for
// trees that are kept.
type nodes struct {
	slab []yaml.Node
	kids []*yaml.Node
}

// onHeap makes nodes that are each allocated on their own.
var onHeap *nodes

// reset lets the slabs be used again: no node handed out before is used
// after.
func (ns *nodes) reset() {
	ns.slab, ns.kids = ns.slab[:0], ns.kids[:0]
}

// new returns a node holding n. A full slab is left to the nodes it holds
// and a new one started, so that no node handed out moves.
func (ns *nodes) new(n yaml.Node) *yaml.Node {
	if ns == nil {
		p := new(yaml.Node)
		*p = n
		return p
	}
	if len(ns.slab) == cap(ns.slab) {
		ns.slab = make([]yaml.Node, 0, max(64, 2*cap(ns.slab)))
	}
	ns.slab = append(ns.slab, n)
	return &ns.slab[len(ns.slab)-1]
}

// list returns an empty list of children with room for n.
func (ns *nodes) list(n int) []*yaml.Node {
	if ns == nil || n == 0 {
		return make([]*yaml.Node, 0, n)
	}
	if len(ns.kids)+n > cap(ns.kids) {
		ns.kids = make([]*yaml.Node, 0, max(256, 2*cap(ns.kids), n))
	}
	start := len(ns.kids)
	ns.kids = ns.kids[:start+n]
	return ns.kids[start : start : start+n]
}

// mapping is an empty mapping with room for the given number of pairs.
func (ns *nodes) mapping(pairs int) *yaml.Node {
	return ns.new(yaml.Node{Kind: yaml.MappingNode, Content: ns.list(2 * pairs)})
}

func (ns *nodes) add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, ns.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}), v)
}

// text is a string scalar; the encoder quotes it when it must and writes
// several lines as a literal block.
func (ns *nodes) text(s string) *yaml.Node {
	n := yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return ns.new(n)
}

func (ns *nodes) quoted(s string) *yaml.Node {
	return ns.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle})
}

// date writes YYYY-MM-DD unquoted, as people write it.
func (ns *nodes) date(s string) *yaml.Node {
	return ns.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s})
}
