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
	out, err := encodeTree(tree(f, opts))
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// tree is the YAML document Encode writes.
func tree(f *File, opts EncodeOptions) *yaml.Node {
	doc := mapping()
	add(doc, "edition", quoted(f.Edition))
	add(doc, "organization", organization(f.Org))
	if len(f.Revisions) > 0 {
		revs := &yaml.Node{Kind: yaml.SequenceNode}
		for _, r := range f.Revisions {
			m := mapping()
			m.Style = yaml.FlowStyle
			addIf(m, "version", quoted(r.Version), r.Version)
			addIf(m, "date", date(r.Date), r.Date)
			addIf(m, "author", text(r.Author), r.Author)
			addIf(m, "description", text(r.Description), r.Description)
			addIf(m, "notes", text(r.Notes), r.Notes)
			revs.Content = append(revs.Content, m)
		}
		add(doc, "revisions", revs)
	}
	ctls := mapping()
	for _, id := range opts.IDs {
		key := quoted(id)
		if opts.Comment != nil {
			key.HeadComment = comment(opts.Comment(id))
		}
		a := f.Lookup(id)
		var value *yaml.Node
		if a == nil {
			value = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
		} else {
			value = answer(a)
		}
		ctls.Content = append(ctls.Content, key, value)
	}
	add(doc, "controls", ctls)
	var head []string
	if opts.Schema != "" {
		head = append(head, "yaml-language-server: $schema="+opts.Schema)
	}
	head = append(head, opts.Header...)
	root := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}
	if len(head) > 0 {
		root.HeadComment = comment(strings.Join(head, "\n"))
	}
	return root
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
	m := mapping()
	for _, f := range OrgFields {
		// A required field is written even when empty, for the reader to
		// name what is missing.
		if v := f.Get(&o); v != "" || f.Required {
			add(m, f.Key, f.Node(v))
		}
	}
	return m
}

func answer(a *Answer) *yaml.Node {
	m := mapping()
	for _, f := range Fields {
		if n := f.Node(f.Get(a)); n != nil {
			add(m, f.Key, n)
		}
	}
	return m
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

func addIf(m *yaml.Node, key string, v *yaml.Node, s string) {
	if s != "" {
		add(m, key, v)
	}
}

// text is a string scalar; the encoder quotes it when it must and writes
// several lines as a literal block.
func text(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

// date writes YYYY-MM-DD unquoted, as people write it.
func date(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s}
}
