// Package yamlfile parses one YAML file into a node tree and reads typed
// values from it with positions, so that every problem in a user's file is
// reported at file:line:col with what is allowed.
//
// It walks node trees by hand instead of decoding into structs: struct
// decoding reports unknown fields by line only and with Go type names, turns
// an unquoted control id 5.10 into the number 5.1 when the target is untyped,
// and loses strictness inside custom unmarshalers.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/lazyre"
	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest file accepted, in bytes. Real catalogues and answers
// files are well under 1 MiB; the limit keeps a stray multi-gigabyte file from
// exhausting memory.
const MaxSize = 8 << 20

// maxNodes caps the number of nodes a document may expand to once aliases
// are followed, which stops "billion laughs" alias bombs.
const maxNodes = 1_000_000

var bom = []byte{0xEF, 0xBB, 0xBF}

// Parse parses src as a single YAML document and returns its top node (the
// content of the document node), without comments. name is used only in
// positions.
func Parse(name string, src []byte) (root *Node, err error) {
	root, _, err = parse(name, src, false, nil)
	return root, err
}

// ParseOwned is Parse for text handed over to the tree: nothing changes src
// after the call (a file read whole into a buffer of its own, an encoder's
// output), so the values of the tree point into src itself rather than
// into a copy of it. A copy is a page fault for every 4 KB of the text in
// every command that reads answers (issue 17).
func ParseOwned(name string, src []byte) (root *Node, err error) {
	root, _, err = parse(name, src, true, nil)
	return root, err
}

// Stream hands over the pairs of one mapping of a document while it is
// parsed, so that a file of many entries is read in the memory of one:
// the block mapping that is the value of the top-level key Key. Each gets
// its pairs in file order; their nodes are reused once Each returns, so
// Each keeps nothing of them but what it copies out (texts and positions;
// a node's Value is never reused). The mapping is left empty in the tree.
// An answers file's 93 controls took some 130 KB of nodes, as many page
// faults of fresh memory in every command that reads one (issue 17).
type Stream struct {
	Key  string
	Each func(key, value *Node)
}

// ParseStream is Parse, or ParseOwned with owned, handing the pairs of
// s's mapping to s.Each. It reports whether it did: a text Parse leaves to
// yaml.v3, or a mapping with a merge key ("<<"), is read whole, with the
// pairs in the tree, and Each may have been given pairs before that, which
// the caller then discards.
func ParseStream(name string, src []byte, owned bool, s *Stream) (root *Node, streamed bool, err error) {
	return parse(name, src, owned, s)
}

func parse(name string, src []byte, owned bool, s *Stream) (root *Node, streamed bool, err error) {
	file := diag.Pos{File: name}
	if len(src) > MaxSize {
		return nil, false, single(file, "file is larger than the limit of %d MiB", MaxSize>>20)
	}
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		return nil, false, single(invalidUTF8(name, src), "file is not valid UTF-8; save it as UTF-8")
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, false, single(file, "file is empty")
	}
	if root, streamed, ok := fastParseStream(src, owned, s); ok {
		root, err := checkRoot(file, root)
		return root, streamed && err == nil, err
	}
	root, err = parseYAML(name, src)
	return root, false, err
}

// parseYAML parses src with yaml.v3, for the texts fastParse leaves to it,
// and converts its tree to Nodes, which keep no comments, as fastParse
// keeps none: what a consumer sees must not depend on which of the two
// read the file.
func parseYAML(name string, src []byte) (root *Node, err error) {
	file := diag.Pos{File: name}
	defer func() {
		// yaml.v3 has panicked on malformed input in the past; a user's file
		// must never crash the tool.
		if r := recover(); r != nil {
			root, err = nil, single(file, "cannot parse YAML: %v", r)
		}
	}()
	var doc yaml.Node
	// yaml.Unmarshal reads from memory, faster than a Decoder over a
	// reader, but it looks at the first document only.
	if err := yaml.Unmarshal(src, &doc); err != nil {
		if pos, ok := tabIndent(name, src); ok {
			return nil, single(pos, "a tab indents this line; YAML indents with spaces only")
		}
		return nil, fromYAML(name, src, err)
	}
	if mayHoldDocuments(src) {
		if pos, more := secondDocument(name, src); more {
			return nil, single(pos, "file holds more than one YAML document (---); put everything in one")
		}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, single(file, "file is empty")
	}
	top := doc.Content[0]
	// Only a file with both an anchor and an alias can expand; most have
	// neither, and counting is then wasted work.
	hasAliases := bytes.IndexByte(src, '&') >= 0 && bytes.IndexByte(src, '*') >= 0
	if n := expandedSizeIf(hasAliases, top); n > maxNodes {
		return nil, single(file, "aliases expand to more than %d nodes; refusing a possible alias bomb", maxNodes)
	}
	return checkRoot(file, compact(top, map[*yaml.Node]*Node{}))
}

// checkRoot refuses a document that is nothing but null.
func checkRoot(file diag.Pos, root *Node) (*Node, error) {
	if root.Kind == yaml.ScalarNode && root.Tag() == "!!null" {
		return nil, single(file, "file is empty")
	}
	return root, nil
}

func expandedSizeIf(check bool, root *yaml.Node) int {
	if !check {
		return 0
	}
	return expandedSize(root, map[*yaml.Node]int{}, 0)
}

// expandedSize counts the nodes of n with every alias followed, stopping
// early once the count passes maxNodes. Memoizing by node keeps it linear.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int, depth int) int {
	if n == nil {
		return 0
	}
	if v, ok := memo[n]; ok {
		return v
	}
	if depth > 1000 {
		return maxNodes + 1
	}
	memo[n] = maxNodes + 1 // a cycle counts as too large
	size := 1
	if n.Kind == yaml.AliasNode {
		size += expandedSize(n.Alias, memo, depth+1)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo, depth+1)
		if size > maxNodes {
			break
		}
	}
	memo[n] = size
	return size
}

// Pos returns the position of node n in file name.
func Pos(name string, n *Node) diag.Pos {
	return diag.Pos{File: name, Line: int(n.Line), Col: int(n.Column)}
}

func single(pos diag.Pos, format string, args ...any) diag.List {
	return diag.List{{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf(format, args...)}}
}

var lineRE = lazyre.New(`^(?:yaml: )?line (\d+): (.*)$`)

// fromYAML turns a yaml.v3 error ("yaml: line 4: did not find expected key")
// into diagnostics at that line. yaml.v3 gives no column, so none is invented.
func fromYAML(name string, src []byte, err error) diag.List {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var l diag.List
	for _, m := range msgs {
		pos := diag.Pos{File: name}
		if sm := lineRE.FindStringSubmatch(m); sm != nil {
			pos.Line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		m = trimYAMLPrefix(m)
		if te == nil {
			pos.Line, pos.Col = syntaxPos(src, pos.Line, m)
		}
		l.Errorf(pos, "invalid YAML: %s", m)
	}
	return l
}

// syntaxPos finds the line and column of a syntax error. yaml.v3's message
// gives a line only sometimes (none for the first line, and for parser
// errors the 0-based line where the enclosing block began), so the file is
// parsed again through a reader that hands over one byte at a time: when
// the parser fails, the bytes it has taken end just past the offending
// token, whose line that is. The column is where that line's text begins,
// the place to start looking. A quoted text never closed runs to the end
// of the file: it is placed where yaml.v3 says it began.
func syntaxPos(src []byte, msgLine int, msg string) (line, col int) {
	r := &oneByteReader{src: src}
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err == nil {
		return msgLine, 0
	}
	lines := bytes.Split(src, []byte("\n"))
	if strings.Contains(msg, "unexpected end of stream") && msgLine > 0 {
		line = msgLine
	} else {
		line = bytes.Count(src[:max(0, r.n-1)], []byte("\n")) + 1
	}
	// The last line of a file that ends with a line break is empty: the
	// problem is on the one before.
	for line > 1 && (line > len(lines) || len(bytes.TrimSpace(lines[line-1])) == 0) {
		line--
	}
	if line > len(lines) {
		return msgLine, 0
	}
	text := string(lines[line-1])
	return line, utf8.RuneCountInString(text[:len(text)-len(strings.TrimLeft(text, " \t"))]) + 1
}

// oneByteReader hands src to the YAML parser a byte at a time, counting
// what it has handed over.
type oneByteReader struct {
	src []byte
	n   int
}

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.n >= len(r.src) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.src[r.n]
	r.n++
	return 1, nil
}

func trimYAMLPrefix(s string) string {
	for _, p := range []string{"yaml: ", "yaml:"} {
		if len(s) >= len(p) && s[:len(p)] == p {
			return s[len(p):]
		}
	}
	return s
}

// invalidUTF8 returns the position of the first byte of src that is not UTF-8.
func invalidUTF8(name string, src []byte) diag.Pos {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.Pos{File: name, Line: line, Col: col}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return diag.Pos{File: name}
}

// tabIndent finds the first line indented with a tab, the usual cause of
// yaml.v3's "found character that cannot start any token".
func tabIndent(name string, src []byte) (diag.Pos, bool) {
	for i, line := range bytes.Split(src, []byte("\n")) {
		for j, c := range line {
			if c == '\t' {
				return diag.Pos{File: name, Line: i + 1, Col: j + 1}, true
			}
			if c != ' ' {
				break
			}
		}
	}
	return diag.Pos{}, false
}

// mayHoldDocuments reports whether src has a document marker at the start
// of a line, the only way a second document can begin.
func mayHoldDocuments(src []byte) bool {
	return bytes.HasPrefix(src, []byte("---")) || bytes.HasPrefix(src, []byte("...")) ||
		bytes.Contains(src, []byte("\n---")) || bytes.Contains(src, []byte("\n..."))
}

// secondDocument decodes src document by document and reports where a
// second one starts, if there is one.
func secondDocument(name string, src []byte) (diag.Pos, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var first, extra yaml.Node
	if err := dec.Decode(&first); err != nil {
		return diag.Pos{}, false
	}
	err := dec.Decode(&extra)
	switch {
	case errors.Is(err, io.EOF):
		return diag.Pos{}, false
	case err == nil:
		return diag.Pos{File: name, Line: extra.Line, Col: extra.Column}, true
	}
	return diag.Pos{File: name}, true
}
