package yamlfile

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

// fastParse reads the YAML that soa's files are made of — block mappings
// and sequences, flow collections, plain, quoted and block scalars,
// comments, a leading "---" — into the tree of Nodes that parseYAML makes
// of yaml.v3's for the same text: ten times faster, with a few dozen
// allocations where yaml.v3 makes twelve thousand (BenchmarkParse).
// yaml.v3 took most of a run of `soa validate` reading the answers file.
//
// It declines (ok false) whatever it does not handle exactly as yaml.v3
// does, and Parse then hands the file to yaml.v3: anchors and aliases,
// tags, directives, other document markers, explicit keys, tabs, control
// and line-separator characters, multi-line keys, and every text yaml.v3
// rejects. FuzzFastParse and TestFastParseRandom hold it to that: whenever
// it returns a tree, yaml.v3's converted is the same one. The scanning of scalars follows yaml.v3's
// scanner (scannerc.go, itself a port of libyaml) step for step, so that
// folding, escapes and positions agree.
//
// With owned, the tree's values point into src itself (see ParseOwned).
func fastParse(src []byte, owned bool) (root *Node, ok bool) {
	root, _, ok = fastParseStream(src, owned, nil)
	return root, ok
}

// fastParseStream is fastParse handing the pairs of s's mapping to s.Each
// (see Stream); streamed reports whether it did. A mapping it cannot hand
// over pair by pair (one with a merge key) is parsed again without s.
func fastParseStream(src []byte, owned bool, s *Stream) (root *Node, streamed, ok bool) {
	lines, ascii, readable := fastReadable(src)
	if !readable {
		return nil, false, false
	}
	text := ""
	if owned && len(src) > 0 {
		text = unsafe.String(unsafe.SliceData(src), len(src))
	} else {
		text = string(src)
	}
	if s != nil {
		p := &fastParser{s: text, lines: lines, ascii: ascii, stream: s}
		switch root, outcome := p.run(); outcome {
		case parsed:
			return root, p.streamed, true
		case declined:
			return nil, false, false
		}
	}
	p := &fastParser{s: text, lines: lines, ascii: ascii}
	root, outcome := p.run()
	return root, false, outcome == parsed
}

// The ways a run of the parser ends.
const (
	parsed   = iota
	declined // left to yaml.v3
	restart  // to be parsed again without streaming
)

// run parses the document, recovering the parser's own panics.
func (p *fastParser) run() (root *Node, outcome int) {
	defer func() {
		if r := recover(); r != nil {
			switch r.(type) {
			case fastDecline:
				root, outcome = nil, declined
			case fastRestart:
				root, outcome = nil, restart
			default:
				panic(r)
			}
		}
	}()
	return p.document(), parsed
}

// fastDecline is the panic value that unwinds fastParse when the text is
// not one it handles; nothing else panics with it, and fastParse recovers
// nothing else.
type fastDecline struct{}

func decline() { panic(fastDecline{}) }

// fastRestart unwinds a streaming parse that meets a mapping it cannot
// hand over pair by pair.
type fastRestart struct{}

// fastMaxDepth bounds the nesting the recursive descent follows; deeper
// text goes to yaml.v3, which has limits of its own.
const fastMaxDepth = 200

// fastMaxKey is the longest implicit key, in bytes, the parser accepts:
// yaml.v3 refuses keys longer than 1024 characters, and bytes never
// undercount characters.
const fastMaxKey = 1000

// fastReadable reports whether src holds only characters this parser
// treats exactly as yaml.v3 does: printable text, spaces, and line breaks
// as "\n" or "\r\n"; no tabs, no directives, and no document marker but
// a "---" that starts the document (yamllint asks for one). Anything else
// is left to yaml.v3.
//
// As it passes every line break anyway, it also returns the offsets at
// which lines start, for pos, and whether the text is all ASCII, where
// columns in characters are columns in bytes.
func fastReadable(src []byte) (lines []int32, ascii, ok bool) {
	// started: the start marker has been seen; seenContent: a line with
	// content, after which no marker may come.
	started, seenContent := isStart(src), hasContent(src)
	if len(src) >= 3 && isMarker(src[0], src[1], src[2]) && !started {
		return nil, false, false
	}
	lines = make([]int32, 1, 1+bytes.Count(src, []byte{'\n'}))
	ascii = true
	for i := 0; i < len(src); {
		c := src[i]
		if byteClass[c]&printable != 0 {
			i = printableRun(src, i+1)
			continue
		}
		switch {
		case c == '\n':
			i++
			lines = append(lines, int32(i))
			if !seenContent {
				seenContent = hasContent(src[i:])
			}
			if i+2 < len(src) && isMarker(src[i], src[i+1], src[i+2]) {
				if seenContent || started || !isStart(src[i:]) {
					return nil, false, false
				}
				started = true
			}
			continue
		case c == '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				return nil, false, false
			}
			i++
			continue
		case c < utf8.RuneSelf: // other control characters, tab and DEL
			return nil, false, false
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError || (r >= 0x80 && r < 0xA0) || r == 0x2028 || r == 0x2029 ||
			(r >= 0xD800 && r <= 0xDFFF) || r == 0xFEFF || r >= 0xFFFE && r <= 0xFFFF {
			return nil, false, false
		}
		ascii = false
		i += size
	}
	return lines, ascii, true
}

// printableRun returns the end of the run of printable ASCII bytes at i,
// eight at a time while it can: most of a file is such runs.
func printableRun(src []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(src) {
		x := binary.LittleEndian.Uint64(src[i:])
		// A byte below 0x20, or above 0x7e, sets its high bit in one of
		// the two (the bit tricks of "Determine if a word has a byte less
		// than n" and "greater than n": exact on whether there is one).
		if ((x-0x20*ones)&^x|(x+ones|x))&highs != 0 {
			break
		}
		i += 8
	}
	for i < len(src) && byteClass[src[i]]&printable != 0 {
		i++
	}
	return i
}

// hasContent reports whether the line line starts holds more than spaces
// and a comment; a document marker does not count, as seen from before it.
func hasContent(line []byte) bool {
	for _, c := range line {
		switch c {
		case ' ':
			continue
		case '\n', '\r', '#':
			return false
		}
		return !(len(line) >= 3 && isMarker(line[0], line[1], line[2]))
	}
	return false
}

// isStart reports whether line begins with "---" followed by a blank or
// the end of the text: a document start marker.
func isStart(line []byte) bool {
	return len(line) >= 3 && string(line[:3]) == "---" && (len(line) == 3 || line[3] == ' ' || line[3] == '\n' || line[3] == '\r')
}

// isMarker reports whether a line starting with a, b, c may hold a
// directive or a document marker ("---", "...").
func isMarker(a, b, c byte) bool {
	return a == '%' || (a == '-' || a == '.') && b == a && c == a
}

type fastParser struct {
	s string // the whole text: values of plain one-line scalars are slices of it
	i int    // the cursor, a byte offset into s

	lines []int32 // the offset at which each line starts (fastReadable)
	ascii bool    // the text is all ASCII: columns in bytes are columns

	// The position of the last offset asked for, so that positions, asked
	// for in order, cost time in proportion to the text between them.
	posOff, posLine, posCol int

	slab []Node // nodes are carved out of slabs: one allocation for many
	// stack holds the children of the collections being parsed, innermost
	// last; each collection's are copied out at their exact length when
	// it ends (see collect), into kids, a slab of child pointers, instead
	// of growing a slice per collection.
	stack []*Node
	kids  []*Node
	depth int
	buf   []byte // scratch for scalars that need folding or unescaping

	// stream, when set, gets the pairs of its mapping as they are parsed
	// (see Stream); streamKeySeen says its key has come, streamed that its
	// mapping was handed over.
	stream                  *Stream
	streamKeySeen, streamed bool
}

// document parses the whole text: one block or flow node, then nothing
// but blank lines and comments.
func (p *fastParser) document() *Node {
	p.posLine = 1
	if !p.nextContentLine() {
		decline()
	}
	if p.column() == 0 && strings.HasPrefix(p.s[p.i:], "---") {
		// The document's start marker (fastReadable let through no other):
		// nothing else may follow it on its line.
		p.i += 3
		if !p.endLine() {
			decline()
		}
	}
	root := p.blockNode(-1, p.column(), true, false)
	if p.i < len(p.s) {
		decline()
	}
	return root
}

// newNode returns a node of kind at offset off (none when off < 0), from
// the current slab.
func (p *fastParser) newNode(kind yaml.Kind, tag *string, off int) *Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Node, 0, p.slabSize(cap(p.slab) == 0))
	}
	// The slab's memory is zero from make: the node's fields are set in
	// place, without a zero Node copied over them first.
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1]
	n.Kind, n.tag = kind, tag
	if off >= 0 {
		line, col := p.pos(off)
		n.Line, n.Column = int32(line), int32(col)
	}
	return n
}

// collect gives collection n the children pushed on the stack since it
// was at length base, and pops them.
func (p *fastParser) collect(n *Node, base int) {
	if k := len(p.stack) - base; k > 0 {
		if len(p.kids)+k > cap(p.kids) {
			p.kids = make([]*Node, 0, max(k, p.slabSize(cap(p.kids) == 0)))
		}
		start := len(p.kids)
		p.kids = append(p.kids, p.stack[base:]...)
		// Capped at its length, so that an append to one collection's
		// Content cannot write over the next one's.
		n.Content = p.kids[start:len(p.kids):len(p.kids)]
	}
	p.stack = p.stack[:base]
}

// slabSize is the number of nodes (or child pointers) a new slab has room
// for, the first or a later one. soa's files hold two to two and a half
// nodes a line: the first slab takes two a line, and the later ones an
// eighth of that each, so that little of the last one is left unused.
// (Every node but the root is a child of another, so the same sizes suit
// the child pointers.) The bounds keep a long text of few nodes, such as
// thousands of comment lines, from reserving room for millions.
func (p *fastParser) slabSize(first bool) int {
	if first && p.stream != nil {
		// Most nodes of a streamed file are its streamed pairs', in the
		// memory of the pair before: a few hundred serve the rest.
		return min(max(16, 2*len(p.lines)), 256)
	}
	if first {
		return min(max(16, 2*len(p.lines)), 4096)
	}
	return min(max(16, len(p.lines)/4), 1024)
}

// pos returns the 1-based line and column (in characters, as yaml.v3
// counts them) of byte offset off.
func (p *fastParser) pos(off int) (line, col int) {
	if off < p.posOff {
		p.posOff, p.posCol = 0, 0
	}
	line, lineStart := p.line(off)
	if p.ascii {
		p.posOff = off
		return line, off - lineStart + 1
	}
	if p.posOff < lineStart {
		p.posOff, p.posCol = lineStart, 0
	}
	p.posCol += utf8.RuneCountInString(p.s[p.posOff:off])
	p.posOff = off
	return line, p.posCol + 1
}

// line returns the 1-based line of offset off and the offset at which
// that line starts, from the table of line starts and the line last found
// (p.posLine): asked for in order, the answers cost little more than the
// line breaks between them. p.posOff and p.posCol stay as they were, true
// of the offset pos last saw.
func (p *fastParser) line(off int) (line, start int) {
	lines, line := p.lines, p.posLine
	if int(lines[line-1]) > off {
		line = 1
	}
	for line < len(lines) && int(lines[line]) <= off {
		line++
	}
	p.posLine = line
	return line, int(lines[line-1])
}

// column is the cursor's column in bytes from the start of its line: the
// indentation, where only spaces (and "- ") precede it.
func (p *fastParser) column() int {
	_, start := p.line(p.i)
	return p.i - start
}

func (p *fastParser) at(i int) byte {
	if i < len(p.s) {
		return p.s[i]
	}
	return 0
}

// isBreak reports a line break at i ("\n", or "\r" of "\r\n": fastReadable
// lets no other "\r" through).
func (p *fastParser) isBreak(i int) bool {
	c := p.at(i)
	return c == '\n' || c == '\r'
}

// isBlankz reports a space, a line break or the end of the text at i.
func (p *fastParser) isBlankz(i int) bool {
	return i >= len(p.s) || p.s[i] == ' ' || p.isBreak(i)
}

// skipBreak moves past the line break at i and returns the offset after it.
func (p *fastParser) skipBreak(i int) int {
	if p.s[i] == '\r' {
		i++
	}
	return i + 1
}

// skipSpaces, skipToBreak and nextContentLine keep the cursor in a local
// while they loop, which the compiler does not do for p.i.
func (p *fastParser) skipSpaces() {
	s, i := p.s, p.i
	for i < len(s) && s[i] == ' ' {
		i++
	}
	p.i = i
}

// endLine requires the rest of the cursor's line to be spaces and maybe a
// comment, then moves to the next line holding content.
func (p *fastParser) endLine() bool {
	p.skipSpaces()
	c := p.at(p.i)
	if c == '#' && p.i > 0 && (p.s[p.i-1] == ' ' || p.s[p.i-1] == '\n') {
		p.skipToBreak()
	} else if c != 0 && !p.isBreak(p.i) {
		decline()
	}
	return p.nextContentLine()
}

func (p *fastParser) skipToBreak() {
	s, i := p.s, p.i
	for i < len(s) && s[i] != '\n' && s[i] != '\r' {
		i++
	}
	p.i = i
}

// nextContentLine moves the cursor from the end of a line (or the start of
// the text) past blank and comment-only lines to the first character of
// the next line with content, and reports whether there is one.
func (p *fastParser) nextContentLine() bool {
	s, i := p.s, p.i
	defer func() { p.i = i }()
	for i < len(s) {
		if s[i] == '\n' || s[i] == '\r' {
			i = p.skipBreak(i)
		}
		for i < len(s) && s[i] == ' ' {
			i++
		}
		switch {
		case i >= len(s):
			return false
		case s[i] == '#':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case s[i] == '\n' || s[i] == '\r':
		default:
			return true
		}
	}
	return false
}

func (p *fastParser) enter() {
	p.depth++
	if p.depth > fastMaxDepth {
		decline()
	}
}

// blockNode parses the node at the cursor, at column col, inside a block
// collection indented by indent (-1 for the top). mappingOK says whether
// the node may be a block mapping starting on this line (not after
// "key: "). It returns with the cursor at the start of the next line with
// content, or at the end of the text. A block mapping it finds is the
// one streamed when stream is set (see blockMapping).
func (p *fastParser) blockNode(indent, col int, mappingOK, stream bool) *Node {
	p.enter()
	defer func() { p.depth-- }()
	start := p.i
	switch c := p.at(p.i); c {
	case '-':
		if p.isBlankz(p.i + 1) {
			if !mappingOK {
				decline() // "key: - a": a sequence entry after a key on its line
			}
			return p.blockSequence(col, false)
		}
	case '[', '{':
		n := p.flowNode()
		p.endLine()
		return n
	case '|', '>':
		return p.blockScalar(indent, c == '|')
	case '"', '\'':
		n, multiline := p.quoted(c == '\'')
		p.skipSpaces()
		if p.at(p.i) == ':' && p.isBlankz(p.i+1) {
			if !mappingOK || multiline || p.i-start > fastMaxKey {
				decline()
			}
			return p.blockMapping(col, start, n, stream)
		}
		p.endLine()
		return n
	}
	if !startsPlain(p.at(p.i)) {
		decline()
	}
	n, multiline := p.plain(indent)
	if p.at(p.i) == ':' {
		// The scalar stopped at ": ": it is a key.
		if !mappingOK || multiline || p.i-start > fastMaxKey {
			decline()
		}
		return p.blockMapping(col, start, n, stream)
	}
	p.endLine()
	return n
}

// blockMapping parses the block mapping at column col whose first key,
// which starts at offset keyStart, has been read, with the cursor on the
// ':' after it. The mapping's position is its first key's.
//
// With stream, its pairs go to p.stream.Each instead, each in the memory
// of the one before.
func (p *fastParser) blockMapping(col, keyStart int, key *Node, stream bool) *Node {
	m := p.newNode(yaml.MappingNode, &tagMap, keyStart)
	defer p.collect(m, len(p.stack))
	var mark slabMark
	if stream {
		p.streamed, mark = true, p.mark()
	}
	for {
		// The value of the top-level key streamed is, the first time the key
		// comes: a reader of the tree reports a second one as a duplicate.
		streamValue := p.stream != nil && p.depth == 1 && !p.streamKeySeen && key.Kind == yaml.ScalarNode && key.Tag() == "!!str" && key.Value == p.stream.Key
		p.streamKeySeen = p.streamKeySeen || streamValue
		value := p.mappingValue(col, streamValue)
		if stream {
			if key.Tag() == "!!merge" {
				panic(fastRestart{})
			}
			p.stream.Each(key, value)
			p.rewind(mark)
		} else {
			p.stack = append(p.stack, key, value)
		}
		if !p.sameBlock(col) {
			return m
		}
		key = p.blockKey()
	}
}

// slabMark is how far the slabs of nodes and of child pointers were
// filled, and which slabs they were.
type slabMark struct {
	nodes []Node
	kids  []*Node
}

func (p *fastParser) mark() slabMark { return slabMark{p.slab, p.kids} }

// rewind frees the memory used since m for the nodes to come: no node made
// since then is used any more. A slab begun since then is reused from its
// start. Freed nodes are zeroed, as newNode expects of its slab; child
// pointers are always written before they are read.
func (p *fastParser) rewind(m slabMark) {
	from := 0
	if unsafe.SliceData(p.slab) == unsafe.SliceData(m.nodes) {
		from = len(m.nodes)
	}
	clear(p.slab[from:])
	p.slab = p.slab[:from]
	from = 0
	if unsafe.SliceData(p.kids) == unsafe.SliceData(m.kids) {
		from = len(m.kids)
	}
	p.kids = p.kids[:from]
}

// startsPlain reports whether c may start a plain scalar as this parser
// reads them: not an indicator, nor '?' or ':' (which yaml.v3 lets start
// one before a non-blank), nor the end of the text. A '-' may, before a
// non-blank; the callers see to that.
func startsPlain(c byte) bool {
	return byteClass[c]&plainStart != 0
}

// sameBlock reports whether the line at the cursor goes on the block
// collection at column col: false at the end of the text or on a line
// indented less; a line indented more, where the collection's next entry
// should be, declines.
func (p *fastParser) sameBlock(col int) bool {
	if p.i >= len(p.s) {
		return false
	}
	c := p.column()
	if c > col {
		decline()
	}
	return c == col
}

// blockKey reads the key at the cursor, a plain or quoted scalar on one
// line followed by ':' and a blank, leaving the cursor on the ':'.
func (p *fastParser) blockKey() *Node {
	start := p.i
	var key *Node
	switch c := p.at(p.i); c {
	case '"', '\'':
		var multiline bool
		key, multiline = p.quoted(c == '\'')
		if multiline {
			decline()
		}
		p.skipSpaces()
	default:
		if !startsPlain(c) || c == '-' {
			decline()
		}
		var multiline bool
		key, multiline = p.plain(len(p.s)) // a key never continues on the next line
		if multiline {
			decline()
		}
	}
	if p.at(p.i) != ':' || !p.isBlankz(p.i+1) || p.i-start > fastMaxKey {
		decline()
	}
	return key
}

// mappingValue parses the value after the ':' at the cursor, in a mapping
// at column col; with stream, a block mapping there is the one streamed.
func (p *fastParser) mappingValue(col int, stream bool) *Node {
	// An empty value is placed just after the ':', as yaml.v3 places it;
	// the position is taken now, while the cursor is still before it.
	p.i++
	line, lcol := p.pos(p.i)
	p.skipSpaces()
	if c := p.at(p.i); c != 0 && !p.isBreak(p.i) && c != '#' {
		return p.blockNode(col, p.column(), false, stream)
	}
	if !p.endLine() {
		return p.empty(line, lcol)
	}
	c := p.column()
	if c > col {
		return p.blockNode(col, c, true, stream)
	}
	if c == col && p.at(p.i) == '-' && p.isBlankz(p.i+1) {
		return p.blockSequence(col, true)
	}
	return p.empty(line, lcol)
}

// empty is the null scalar of a key or entry with no value, at line and
// col.
func (p *fastParser) empty(line, col int) *Node {
	n := p.newNode(yaml.ScalarNode, &tagNull, -1)
	n.Line, n.Column = int32(line), int32(col)
	return n
}

// blockSequence parses the block sequence whose first '-' is at the
// cursor, at column col. An indentless sequence (the value of a key at the
// same column) ends at the first line at col that is not an entry.
func (p *fastParser) blockSequence(col int, indentless bool) *Node {
	s := p.newNode(yaml.SequenceNode, &tagSeq, p.i)
	defer p.collect(s, len(p.stack))
	for {
		p.i++
		line, lcol := p.pos(p.i) // of an empty entry: just after the '-'
		p.skipSpaces()
		var entry *Node
		if c := p.at(p.i); c != 0 && !p.isBreak(p.i) && c != '#' {
			if c == '-' && p.isBlankz(p.i+1) {
				decline() // "- - a"
			}
			entry = p.blockNode(col, p.column(), true, false)
		} else if p.endLine() && p.column() > col {
			entry = p.blockNode(col, p.column(), true, false)
		} else {
			entry = p.empty(line, lcol)
		}
		p.stack = append(p.stack, entry)
		if !p.sameBlock(col) {
			return s
		}
		if p.at(p.i) != '-' || !p.isBlankz(p.i+1) {
			if indentless {
				return s
			}
			decline()
		}
	}
}
