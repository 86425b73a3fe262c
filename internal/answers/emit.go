package answers

import (
	"strings"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// emit writes the tree Encode builds the way go.yaml.in/yaml/v3's encoder
// (indent 2, unlimited width) writes it, without its event machinery:
// appended bytes, scalars judged by a port of the encoder's own rules
// (yaml_emitter_analyze_scalar and yaml_emitter_select_scalar_style).
// It reports false when the tree holds anything it cannot prove it writes
// as yaml.v3 does (a scalar that needs escapes, a comment with an odd line
// break, a block that keeps its final line breaks, invalid UTF-8); Encode
// then asks yaml.v3 for the whole document. TestEmitMatchesYAML and
// FuzzEmit compare the two byte for byte.
func emit(root *yaml.Node) ([]byte, bool) {
	e, doc, ok := startDocument(root)
	if !ok || !e.blockMapping(doc, 0) {
		return nil, false
	}
	return e.b, true
}

// emitFile is emit(tree(f, opts)) without the tree of every control at
// once: the document up to its controls, then each control's entry, made
// in the same nodes after the last one was written.
func emitFile(f *File, opts EncodeOptions) ([]byte, bool) {
	if len(opts.IDs) == 0 {
		return nil, false // an empty mapping, "{}", is left to yaml.v3
	}
	root, doc := head(f, opts)
	e, _, ok := startDocument(root)
	if !ok || !e.blockMapping(doc, 0) {
		return nil, false
	}
	// The controls' key, as pair writes it; its value is a block mapping.
	e.b = append(e.b, "controls:\n"...)
	var ns nodes
	for _, id := range opts.IDs {
		ns.reset()
		if key, value := control(&ns, f, id, opts); !e.pair(key, value, 2) {
			return nil, false
		}
	}
	return e.b, true
}

// startDocument checks that this emitter writes a document like root and
// writes its header comment, returning root's mapping.
func startDocument(root *yaml.Node) (e *emitter, doc *yaml.Node, ok bool) {
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Anchor != "" || root.LineComment != "" || root.FootComment != "" {
		return nil, nil, false
	}
	doc = root.Content[0]
	if doc.Kind != yaml.MappingNode || doc.Style&yaml.FlowStyle != 0 || len(doc.Content) == 0 {
		return nil, nil, false
	}
	e = &emitter{b: make([]byte, 0, 64<<10)}
	if root.HeadComment != "" {
		if !e.comment(root.HeadComment, 0) {
			return nil, nil, false
		}
		e.b = append(e.b, '\n')
	}
	return e, doc, true
}

type emitter struct {
	b []byte
}

func (e *emitter) indent(n int) {
	for range n {
		e.b = append(e.b, ' ')
	}
}

// comment writes a head comment at column ind, each line behind "# "
// unless it starts with "#" (yaml_emitter_write_comment).
func (e *emitter) comment(c string, ind int) bool {
	if !utf8.ValidString(c) || strings.ContainsAny(c, "\r\u0085\u2028\u2029") {
		return false
	}
	for line := range strings.SplitSeq(c, "\n") {
		if line == "" {
			return false
		}
		e.indent(ind)
		if line[0] != '#' {
			e.b = append(e.b, '#', ' ')
		}
		e.b = append(e.b, line...)
		e.b = append(e.b, '\n')
	}
	return true
}

// plainNode reports whether n is a node without the decorations this
// emitter leaves to yaml.v3.
func plainNode(n *yaml.Node) bool {
	return n.Anchor == "" && n.LineComment == "" && n.FootComment == "" && n.Alias == nil
}

func (e *emitter) blockMapping(m *yaml.Node, ind int) bool {
	if len(m.Content)%2 != 0 {
		return false
	}
	for i := 0; i < len(m.Content); i += 2 {
		if !e.pair(m.Content[i], m.Content[i+1], ind) {
			return false
		}
	}
	return true
}

// pair writes key k and its value v of a block mapping at column ind.
func (e *emitter) pair(k, v *yaml.Node, ind int) bool {
	if k.Kind != yaml.ScalarNode || !plainNode(k) {
		return false
	}
	if k.HeadComment != "" && !e.comment(k.HeadComment, ind) {
		return false
	}
	e.indent(ind)
	if !e.key(k, false) {
		return false
	}
	e.b = append(e.b, ':')
	return e.value(v, ind)
}

// key writes a simple key; a key yaml.v3 would write as "? key" is not
// one this emitter writes.
func (e *emitter) key(k *yaml.Node, flow bool) bool {
	if len(k.Value) > 128 {
		return false
	}
	s, lit, ok := e.scalar(k, flow, true)
	if !ok || lit || s == "" {
		return false
	}
	e.b = append(e.b, s...)
	return true
}

// value writes the value of a block mapping's key at column ind, after
// "key:", through the end of its last line.
func (e *emitter) value(v *yaml.Node, ind int) bool {
	if !plainNode(v) || v.HeadComment != "" {
		return false
	}
	switch v.Kind {
	case yaml.ScalarNode:
		return e.blockScalar(v, ind+2)
	case yaml.MappingNode:
		if len(v.Content) == 0 || v.Tag != "" {
			return false
		}
		if v.Style&yaml.FlowStyle != 0 {
			// Not a shape Encode builds: left to yaml.v3.
			return false
		}
		e.b = append(e.b, '\n')
		return e.blockMapping(v, ind+2)
	case yaml.SequenceNode:
		if len(v.Content) == 0 || v.Tag != "" {
			return false
		}
		if v.Style&yaml.FlowStyle != 0 {
			e.b = append(e.b, ' ')
			if !e.flowSequence(v) {
				return false
			}
			e.b = append(e.b, '\n')
			return true
		}
		e.b = append(e.b, '\n')
		return e.blockSequence(v, ind+2)
	}
	return false
}

func (e *emitter) blockSequence(s *yaml.Node, ind int) bool {
	for _, item := range s.Content {
		if !plainNode(item) || item.HeadComment != "" {
			return false
		}
		e.indent(ind)
		e.b = append(e.b, '-')
		switch {
		case item.Kind == yaml.ScalarNode:
			if !e.blockScalar(item, ind+2) {
				return false
			}
		case item.Kind == yaml.MappingNode && item.Style&yaml.FlowStyle != 0 && len(item.Content) > 0 && item.Tag == "":
			e.b = append(e.b, ' ')
			if !e.flowMapping(item) {
				return false
			}
			e.b = append(e.b, '\n')
		default:
			return false
		}
	}
	return true
}

// blockScalar writes a scalar in block context after an indicator ("key:"
// or "-"), its continuation lines at column ind, and the line break after.
func (e *emitter) blockScalar(n *yaml.Node, ind int) bool {
	s, lit, ok := e.scalar(n, false, false)
	if !ok {
		return false
	}
	if s != "" {
		e.b = append(e.b, ' ')
	}
	if !lit {
		e.b = append(e.b, s...)
		e.b = append(e.b, '\n')
		return true
	}
	// A literal block: the text's lines at ind, empty lines left empty.
	e.b = append(e.b, s...)
	e.b = append(e.b, '\n')
	v := strings.TrimSuffix(n.Value, "\n")
	for line := range strings.SplitSeq(v, "\n") {
		if line != "" {
			e.indent(ind)
			e.b = append(e.b, line...)
		}
		e.b = append(e.b, '\n')
	}
	return true
}

func (e *emitter) flowSequence(s *yaml.Node) bool {
	e.b = append(e.b, '[')
	for i, item := range s.Content {
		if item.Kind != yaml.ScalarNode || !plainNode(item) || item.HeadComment != "" {
			return false
		}
		if i > 0 {
			e.b = append(e.b, ',', ' ')
		}
		v, lit, ok := e.scalar(item, true, false)
		if !ok || lit {
			return false
		}
		e.b = append(e.b, v...)
	}
	e.b = append(e.b, ']')
	return true
}

func (e *emitter) flowMapping(m *yaml.Node) bool {
	if len(m.Content)%2 != 0 {
		return false
	}
	e.b = append(e.b, '{')
	for i := 0; i < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || !plainNode(k) || !plainNode(v) || k.HeadComment != "" || v.HeadComment != "" {
			return false
		}
		if i > 0 {
			e.b = append(e.b, ',', ' ')
		}
		if !e.key(k, true) {
			return false
		}
		e.b = append(e.b, ':', ' ')
		s, lit, ok := e.scalar(v, true, false)
		if !ok || lit {
			return false
		}
		e.b = append(e.b, s...)
	}
	e.b = append(e.b, '}')
	return true
}

// The scalar styles of yaml.v3's emitter.
const (
	stylePlain = iota
	styleSingle
	styleDouble
	styleLiteral
)

// scalar returns n as yaml.v3 writes it in a flow or block context, as a
// simple key or not: the text of a plain or quoted scalar, or the header
// of a literal block ("|-", literal true), whose lines the caller writes.
// It reports false for what it cannot prove.
func (e *emitter) scalar(n *yaml.Node, flow, simpleKey bool) (text string, literal, ok bool) {
	v := n.Value
	if !utf8.ValidString(v) || n.Style&(yaml.TaggedStyle|yaml.SingleQuotedStyle|yaml.FoldedStyle) != 0 {
		return "", false, false
	}
	// encoder.node: a tag the value resolves to anyway is left out; a
	// string that would resolve to another type is quoted.
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.LiteralStyle) != 0
	force := false
	switch n.Tag {
	case "":
	case "!!str":
		if !quoted {
			force = yamlfile.PlainTag(v) != "!!str"
		}
	case "!!null", "!!bool", "!!timestamp", "!!int", "!!float":
		if yamlfile.PlainTag(v) != n.Tag {
			return "", false, false
		}
	default:
		return "", false, false
	}
	style := stylePlain
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		style = styleDouble
	case n.Style&yaml.LiteralStyle != 0, strings.Contains(v, "\n"):
		style = styleLiteral
	case force:
		style = styleDouble
	}
	// yaml_emitter_select_scalar_style.
	a := analyze(v)
	if simpleKey && a.multiline {
		style = styleDouble
	}
	if style == stylePlain {
		if flow && !a.flowPlain || !flow && !a.blockPlain {
			style = styleSingle
		}
		if v == "" && (flow || simpleKey) {
			style = styleSingle
		}
	}
	if style == styleSingle && !a.singleQuoted {
		style = styleDouble
	}
	if style == styleLiteral && (!a.block || flow || simpleKey) {
		style = styleDouble
	}
	switch style {
	case stylePlain:
		return v, false, true
	case styleSingle:
		if a.multiline {
			return "", false, false
		}
		return "'" + strings.ReplaceAll(v, "'", "''") + "'", false, true
	case styleDouble:
		return doubleQuoted(v), false, true
	}
	// A literal block: only "\n" breaks, and not a block that keeps its
	// final line breaks ("|+", after which yaml.v3 ends the document
	// with "...").
	if strings.ContainsAny(v, "\r\u0085\u2028\u2029") || v == "" || v == "\n" || strings.HasSuffix(v, "\n\n") {
		return "", false, false
	}
	h := "|"
	if v[0] == ' ' || v[0] == '\n' {
		h = "|2"
	}
	if v[len(v)-1] != '\n' {
		h += "-"
	}
	return h, true, true
}

// doubleQuoted is yaml_emitter_write_double_quoted_scalar with unicode
// output and no width: escapes for what is not printable, line breaks,
// quotes and backslashes, and for every character of a text that starts
// with a byte order mark (yaml.v3's is_bom looks at the text's start).
func doubleQuoted(v string) string {
	bom := strings.HasPrefix(v, "\ufeff")
	b := make([]byte, 0, len(v)+2)
	b = append(b, '"')
	for i := 0; i < len(v); {
		c := v[i]
		if !bom && printable(v, i) && !isBreak(v, i) && c != '"' && c != '\\' {
			w := width(c)
			b = append(b, v[i:i+w]...)
			i += w
			continue
		}
		r, w := utf8.DecodeRuneInString(v[i:])
		i += w
		b = append(b, '\\')
		if e := escape(r); e != 0 {
			b = append(b, e)
			continue
		}
		digits := 8
		switch {
		case r <= 0xFF:
			b, digits = append(b, 'x'), 2
		case r <= 0xFFFF:
			b, digits = append(b, 'u'), 4
		default:
			b = append(b, 'U')
		}
		for k := (digits - 1) * 4; k >= 0; k -= 4 {
			b = append(b, "0123456789ABCDEF"[(r>>k)&0xF])
		}
	}
	return string(append(b, '"'))
}

// escape is the short escape of r in yaml.v3's double-quoted scalars, 0
// when it has none. A switch, not a map: package initialisation runs in
// every soa process.
func escape(r rune) byte {
	switch r {
	case 0x00:
		return '0'
	case 0x07:
		return 'a'
	case 0x08:
		return 'b'
	case 0x09:
		return 't'
	case 0x0A:
		return 'n'
	case 0x0B:
		return 'v'
	case 0x0C:
		return 'f'
	case 0x0D:
		return 'r'
	case 0x1B:
		return 'e'
	case '"':
		return '"'
	case '\\':
		return '\\'
	case 0x85:
		return 'N'
	case 0xA0:
		return '_'
	case 0x2028:
		return 'L'
	case 0x2029:
		return 'P'
	}
	return 0
}

// analysis is what yaml_emitter_analyze_scalar finds of a scalar.
type analysis struct {
	multiline, flowPlain, blockPlain, singleQuoted, block bool
}

// analyze is yaml_emitter_analyze_scalar for valid UTF-8 with unicode
// output (the encoder's setting).
func analyze(v string) analysis {
	if v == "" {
		return analysis{blockPlain: true, singleQuoted: true}
	}
	var blockInd, flowInd, lineBreaks, special, tabs bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	var prevSpace, prevBreak bool
	if strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...") {
		blockInd, flowInd = true, true
	}
	precededByWS := true
	for i, w := 0, 0; i < len(v); i += w {
		if i > 0 {
			// What most of a text is: letters, digits, punctuation that
			// means nothing in YAML inside a scalar, single spaces.
			j := i
			for j < len(v) {
				if c := v[j]; ordinary(c) {
					prevSpace, prevBreak, precededByWS = false, false, false
				} else if c == ' ' {
					if prevBreak {
						breakSpace = true
					}
					prevSpace, prevBreak, precededByWS = true, false, true
				} else {
					break
				}
				j++
			}
			if j > i {
				if j == len(v) && v[j-1] == ' ' {
					trailingSpace = true
				}
				w = j - i
				continue
			}
		}
		w = width(v[i])
		followedByWS := i+w >= len(v) || v[i+w] == ' ' || v[i+w] == '\t'
		c := v[i]
		if i == 0 {
			switch c {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				flowInd, blockInd = true, true
			case '?', ':':
				flowInd = true
				if followedByWS {
					blockInd = true
				}
			case '-':
				if followedByWS {
					flowInd, blockInd = true, true
				}
			}
		} else {
			switch c {
			case ',', '?', '[', ']', '{', '}':
				flowInd = true
			case ':':
				flowInd = true
				if followedByWS {
					blockInd = true
				}
			case '#':
				if precededByWS {
					flowInd, blockInd = true, true
				}
			}
		}
		if c == '\t' {
			tabs = true
		} else if !printable(v, i) {
			special = true
		}
		switch {
		case c == ' ':
			if i == 0 {
				leadingSpace = true
			}
			if i+w == len(v) {
				trailingSpace = true
			}
			if prevBreak {
				breakSpace = true
			}
			prevSpace, prevBreak = true, false
		case isBreak(v, i):
			lineBreaks = true
			if i == 0 {
				leadingBreak = true
			}
			if i+w == len(v) {
				trailingBreak = true
			}
			if prevSpace {
				spaceBreak = true
			}
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededByWS = c == ' ' || c == '\t' || c == 0 || isBreak(v, i)
	}
	a := analysis{multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.flowPlain, a.blockPlain = false, false
	}
	if trailingSpace {
		a.block = false
	}
	if breakSpace {
		a.flowPlain, a.blockPlain, a.singleQuoted = false, false, false
	}
	if spaceBreak || tabs || special {
		a.flowPlain, a.blockPlain, a.singleQuoted = false, false, false
	}
	if spaceBreak || special {
		a.block = false
	}
	if lineBreaks {
		a.flowPlain, a.blockPlain = false, false
	}
	if flowInd {
		a.flowPlain = false
	}
	if blockInd {
		a.blockPlain = false
	}
	return a
}

// ordinary reports the ASCII bytes that analyze needs not look at past
// the first: printable, not a space, and not an indicator inside a scalar.
// A test, not a table computed at start-up: package initialisation runs in
// every soa process.
func ordinary(c byte) bool {
	switch c {
	case ',', '?', '[', ']', '{', '}', ':', '#':
		return false
	}
	return c >= 0x21 && c <= 0x7e
}

// width is the length of the UTF-8 sequence that starts with b.
func width(b byte) int {
	switch {
	case b&0x80 == 0:
		return 1
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 0
}

func isBreak(v string, i int) bool {
	switch v[i] {
	case '\r', '\n':
		return true
	case 0xC2:
		return v[i+1] == 0x85
	case 0xE2:
		return v[i+1] == 0x80 && (v[i+2] == 0xA8 || v[i+2] == 0xA9)
	}
	return false
}

// printable is yaml.v3's is_printable: no control characters, no
// surrogates, no BOM or non-characters, and nothing beyond the BMP.
func printable(v string, i int) bool {
	c := v[i]
	switch {
	case c == 0x0A, c >= 0x20 && c <= 0x7E:
		return true
	case c == 0xC2:
		return v[i+1] >= 0xA0
	case c > 0xC2 && c < 0xED, c == 0xEE:
		return true
	case c == 0xED:
		return v[i+1] < 0xA0
	case c == 0xEF:
		return !(v[i+1] == 0xBB && v[i+2] == 0xBF) && !(v[i+1] == 0xBF && (v[i+2] == 0xBE || v[i+2] == 0xBF))
	}
	return false
}
