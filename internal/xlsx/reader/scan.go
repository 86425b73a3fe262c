package reader

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanner is a small XML tokenizer for the parts of a workbook: it yields
// start tags (with their attributes), end tags and text, by local name
// (prefixes such as x: are dropped, so Transitional and Strict parts and
// any namespace prefix read alike). It never copies the part; text and
// attribute values are decoded only when asked for. It is strict where a
// damaged part would otherwise be misread (unmatched tags, unknown
// entities, elements nested deeper than maxDepth) and says where.
//
// encoding/xml's Token API costs an allocation per token and per
// attribute; a sheet of a few thousand cells is some 30,000 tokens, which
// made the decoder most of an import's time.
type scanner struct {
	src      []byte
	pos      int
	part     string
	stack    [][]byte // qualified names of the open elements
	maxDepth int

	// The current token.
	kind  int
	name  []byte // local name, for start and end tags
	attrs []rawAttr
	empty bool   // a start tag that closes itself (<c/>)
	text  []byte // raw text (entities not decoded)
	cdata bool   // text is a CDATA section
	// pendingEnd is set after a self-closing start tag: the next token is
	// its end.
	pendingEnd bool
}

type rawAttr struct {
	name []byte // local name
	val  []byte // raw value (entities not decoded)
}

const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
)

func newScanner(part string, src []byte, maxDepth int) *scanner {
	return &scanner{src: src, part: part, maxDepth: maxDepth, stack: make([][]byte, 0, 16), attrs: make([]rawAttr, 0, 8)}
}

// errorf says what is wrong at byte offset at of the part.
func (s *scanner) errorf(at int, format string, args ...any) error {
	line := 1 + bytes.Count(s.src[:min(at, len(s.src))], []byte{'\n'})
	return fmt.Errorf("%s: line %d: %s", s.part, line, fmt.Sprintf(format, args...))
}

// depth is the number of elements open around the current token.
func (s *scanner) depth() int { return len(s.stack) }

// nextStart reads on to the next start tag inside the element open at
// depth (0: anywhere in the part), skipping every other token. It reports
// false at the end of that element or of the part.
func (s *scanner) nextStart(depth int) (bool, error) {
	for {
		k, err := s.next()
		switch {
		case err != nil:
			return false, err
		case k == tokEOF, k == tokEnd && s.depth() < depth:
			return false, nil
		case k == tokStart:
			return true, nil
		}
	}
}

// nextNamed reads on to the next element named name inside the element
// open at depth, skipping every other element with all it holds. It
// reports false at the end of that element or of the part.
func (s *scanner) nextNamed(depth int, name string) (bool, error) {
	for {
		ok, err := s.nextStart(depth)
		if err != nil || !ok {
			return false, err
		}
		if s.is(name) {
			return true, nil
		}
		if err := s.skip(); err != nil {
			return false, err
		}
	}
}

// next reads the next token.
func (s *scanner) next() (int, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		s.stack = s.stack[:len(s.stack)-1]
		s.kind = tokEnd
		return tokEnd, nil
	}
	src := s.src
	for {
		if s.pos >= len(src) {
			if len(s.stack) > 0 {
				return 0, s.errorf(s.pos, "the part ends inside <%s>", s.stack[len(s.stack)-1])
			}
			s.kind = tokEOF
			return tokEOF, nil
		}
		if src[s.pos] != '<' {
			end := bytes.IndexByte(src[s.pos:], '<')
			if end < 0 {
				end = len(src) - s.pos
			}
			s.text, s.cdata = src[s.pos:s.pos+end], false
			s.pos += end
			s.kind = tokText
			return tokText, nil
		}
		rest := src[s.pos:]
		if len(rest) < 2 || rest[1] != '?' && rest[1] != '!' && rest[1] != '/' {
			// Most tags are start tags: the cases below begin <? <! </.
			return s.startTag()
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return 0, s.errorf(s.pos, "unterminated <?")
			}
			if err := s.checkDecl(rest[:end]); err != nil {
				return 0, err
			}
			s.pos += end + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return 0, s.errorf(s.pos, "unterminated comment")
			}
			s.pos += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 {
				return 0, s.errorf(s.pos, "unterminated CDATA section")
			}
			s.text, s.cdata = rest[9:9+end], true
			s.pos += 9 + end + 3
			s.kind = tokText
			return tokText, nil
		case bytes.HasPrefix(rest, []byte("<!")):
			// A document type declaration: skipped, internal subset and
			// all; its entities are never expanded (an unknown entity is
			// an error), so it cannot blow up.
			if err := s.skipDoctype(); err != nil {
				return 0, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return 0, s.errorf(s.pos, "unterminated end tag")
			}
			qname := rest[2:end]
			for len(qname) > 0 && isSpace(qname[len(qname)-1]) {
				qname = qname[:len(qname)-1]
			}
			if len(s.stack) == 0 {
				return 0, s.errorf(s.pos, "</%s> closes no element", qname)
			}
			if open := s.stack[len(s.stack)-1]; !bytes.Equal(open, qname) {
				return 0, s.errorf(s.pos, "</%s> closes <%s>", qname, open)
			}
			s.stack = s.stack[:len(s.stack)-1]
			s.name = local(qname)
			s.pos += end + 1
			s.kind = tokEnd
			return tokEnd, nil
		}
		return s.startTag()
	}
}

// checkDecl refuses a part in another encoding than UTF-8.
func (s *scanner) checkDecl(decl []byte) error {
	if !bytes.HasPrefix(decl, []byte("<?xml")) {
		return nil
	}
	i := bytes.Index(decl, []byte("encoding="))
	if i < 0 || i+10 > len(decl) {
		return nil
	}
	q := decl[i+9]
	v := decl[i+10:]
	if j := bytes.IndexByte(v, q); j >= 0 {
		v = v[:j]
	}
	if e := strings.ToLower(string(v)); e != "utf-8" && e != "utf8" {
		return s.errorf(s.pos, "the part is in the encoding %q; soa reads UTF-8 parts only (save the workbook again in Excel or LibreOffice)", v)
	}
	return nil
}

func (s *scanner) skipDoctype() error {
	depth := 0
	for i := s.pos + 2; i < len(s.src); i++ {
		switch s.src[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				s.pos = i + 1
				return nil
			}
		}
	}
	return s.errorf(s.pos, "unterminated <!")
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startTag reads the start tag at s.pos.
func (s *scanner) startTag() (int, error) {
	src := s.src
	start := s.pos
	i := s.pos + 1
	n := i
	for i < len(src) && !isSpace(src[i]) && src[i] != '>' && src[i] != '/' {
		i++
	}
	qname := src[n:i]
	if len(qname) == 0 {
		return 0, s.errorf(start, "a tag without a name")
	}
	s.attrs = s.attrs[:0]
	s.empty = false
	for {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			return 0, s.errorf(start, "unterminated tag <%s", qname)
		}
		if src[i] == '>' {
			i++
			break
		}
		if src[i] == '/' {
			if i+1 >= len(src) || src[i+1] != '>' {
				return 0, s.errorf(start, "malformed tag <%s", qname)
			}
			s.empty = true
			i += 2
			break
		}
		a := i
		for i < len(src) && src[i] != '=' && !isSpace(src[i]) && src[i] != '>' && src[i] != '/' {
			i++
		}
		aname := src[a:i]
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) || src[i] != '=' || len(aname) == 0 {
			return 0, s.errorf(start, "malformed attribute in <%s", qname)
		}
		i++
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) || (src[i] != '"' && src[i] != '\'') {
			return 0, s.errorf(start, "unquoted attribute %s in <%s", aname, qname)
		}
		q := src[i]
		i++
		end := bytes.IndexByte(src[i:], q)
		if end < 0 {
			return 0, s.errorf(start, "unterminated attribute %s in <%s", aname, qname)
		}
		s.attrs = append(s.attrs, rawAttr{name: local(aname), val: src[i : i+end]})
		i += end + 1
	}
	if len(s.stack) >= s.maxDepth {
		return 0, s.errorf(start, "elements are nested more than %d deep", s.maxDepth)
	}
	s.stack = append(s.stack, qname)
	s.name = local(qname)
	s.pendingEnd = s.empty
	s.pos = i
	s.kind = tokStart
	return tokStart, nil
}

func local(qname []byte) []byte {
	if i := bytes.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// is reports whether the current tag's local name is name.
func (s *scanner) is(name string) bool { return string(s.name) == name }

// attr returns the raw value of the current start tag's attribute of the
// local name, and whether it is there.
func (s *scanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.val, true
		}
	}
	return nil, false
}

// attrString returns the decoded value of an attribute, "" when absent.
func (s *scanner) attrString(name string) (string, error) {
	v, ok := s.attr(name)
	if !ok {
		return "", nil
	}
	return s.decode(v, false)
}

// skip skips the rest of the element whose start tag was just read.
func (s *scanner) skip() error {
	d := len(s.stack)
	for len(s.stack) >= d {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEOF {
			return s.errorf(s.pos, "the part ends inside an element")
		}
	}
	return nil
}

// text reads the text of the element whose start tag was just read, up to
// its end tag: character data and CDATA, with nested elements skipped.
func (s *scanner) elementText(b *[]byte) error {
	d := len(s.stack)
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokText:
			if s.cdata {
				*b = append(*b, s.text...)
			} else if *b, err = s.appendDecoded(*b, s.text); err != nil {
				return err
			}
		case tokStart:
			if err := s.skip(); err != nil {
				return err
			}
		case tokEnd:
			if len(s.stack) < d {
				return nil
			}
		case tokEOF:
			return s.errorf(s.pos, "the part ends inside an element")
		}
	}
}

// decode decodes raw text or an attribute value.
func (s *scanner) decode(raw []byte, cdata bool) (string, error) {
	if cdata || bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return string(raw), nil
	}
	b, err := s.appendDecoded(nil, raw)
	return string(b), err
}

// appendDecoded appends raw with its entities and character references
// decoded and its line ends normalized (CR LF and CR read as LF), as an
// XML parser does.
func (s *scanner) appendDecoded(b, raw []byte) ([]byte, error) {
	for i := 0; i < len(raw); {
		// The plain bytes up to the next one to decode, at once.
		j := i
		for j < len(raw) && raw[j] != '&' && raw[j] != '\r' {
			j++
		}
		b = append(b, raw[i:j]...)
		if i = j; i == len(raw) {
			break
		}
		if raw[i] == '\r' {
			b = append(b, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
			continue
		}
		// raw[i] is '&'.
		end := bytes.IndexByte(raw[i:], ';')
		if end < 0 || end > 12 {
			return b, s.errorf(s.pos, "a & that starts no entity (write &amp;)")
		}
		name := raw[i+1 : i+end]
		i += end + 1
		switch string(name) {
		case "lt":
			b = append(b, '<')
		case "gt":
			b = append(b, '>')
		case "amp":
			b = append(b, '&')
		case "quot":
			b = append(b, '"')
		case "apos":
			b = append(b, '\'')
		default:
			ent := string(name)
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ent, "#x"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case strings.HasPrefix(ent, "#"):
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				return b, s.errorf(s.pos, "unknown entity &%s;", ent)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return b, s.errorf(s.pos, "invalid character reference &%s;", ent)
			}
			b = utf8.AppendRune(b, rune(n))
		}
	}
	return b, nil
}
