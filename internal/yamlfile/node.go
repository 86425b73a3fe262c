package yamlfile

import "go.yaml.in/yaml/v3"

// Node is one node of a parsed YAML document: what soa reads of yaml.v3's
// Node, in 64 bytes instead of 152. An answers file is a few thousand
// nodes, and each page of them is a page fault the first time it is
// written, so the size shows in every run of soa.
//
// An alias keeps its own position and has the node it names as its one
// child, so that resolve can follow it: a message about the alias itself
// points at the alias, one about its value at the anchored node, as with
// yaml.v3's tree.
type Node struct {
	Kind         yaml.Kind
	Style        yaml.Style
	Line, Column int32
	// tag points to the tag's text: one of the tags below for the ones
	// YAML resolves, which makes it a word where a string would be two.
	tag     *string
	Value   string
	Content []*Node
}

// Tag returns the node's tag, such as "!!str" or "!!null".
func (n *Node) Tag() string {
	if n.tag == nil {
		return ""
	}
	return *n.tag
}

// The tags the parsers give; a node's tag points to one of them, or, for
// a tag of the file's own (yaml.v3 only), to a copy.
var (
	tagStr       = "!!str"
	tagNull      = "!!null"
	tagBool      = "!!bool"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagTimestamp = "!!timestamp"
	tagMerge     = "!!merge"
	tagSeq       = "!!seq"
	tagMap       = "!!map"
)

// internTag returns a pointer to tag's text, one of the shared ones when
// it is one of them.
func internTag(tag string) *string {
	for _, t := range [...]*string{&tagStr, &tagNull, &tagBool, &tagInt, &tagFloat, &tagTimestamp, &tagMerge, &tagSeq, &tagMap} {
		if *t == tag {
			return t
		}
	}
	if tag == "" {
		return nil
	}
	return &tag
}

// compact converts yaml.v3's tree under n into Nodes, without comments and
// anchors, which soa does not read. An anchored node is converted once
// however many aliases name it, through memo, so that a tree whose aliases
// expand to many nodes stays as small as the text.
func compact(n *yaml.Node, memo map[*yaml.Node]*Node) *Node {
	if n == nil {
		return nil
	}
	if c, ok := memo[n]; ok {
		return c
	}
	c := &Node{Kind: n.Kind, Style: n.Style, Line: int32(n.Line), Column: int32(n.Column), tag: internTag(n.Tag), Value: n.Value}
	if n.Anchor != "" {
		memo[n] = c
	}
	if n.Kind == yaml.AliasNode {
		if t := compact(n.Alias, memo); t != nil {
			c.Content = []*Node{t}
		}
		return c
	}
	if len(n.Content) > 0 {
		c.Content = make([]*Node, len(n.Content))
		for i, child := range n.Content {
			c.Content[i] = compact(child, memo)
		}
	}
	return c
}
