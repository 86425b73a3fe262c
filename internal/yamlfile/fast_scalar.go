package yamlfile

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The scalar scanners below follow yaml.v3's scannerc.go (a port of
// libyaml: yaml_parser_scan_plain_scalar, _scan_flow_scalar and
// _scan_block_scalar) step for step. A scalar on one line with nothing to
// fold or unescape is a slice of the text and costs no allocation.

// plain scans the plain scalar at the cursor in block context, inside a
// block collection indented by indent: its continuation lines must be
// indented further. It leaves the cursor just after the scalar's last
// character and reports whether the scalar spans lines.
func (p *fastParser) plain(indent int) (*Node, bool) {
	s := p.s // a local: the loops below would reload it through p
	start := p.i
	n := p.newNode(yaml.ScalarNode, nil, start)
	// Most scalars end on their first line, which plainLine reads whole;
	// the loop below goes on only from a line break.
	i, end, ended := plainLine(s, start)
	var (
		folded         bool // the value is built in p.buf, not sliced
		leadingBlanks  bool // a line break since the last character
		trailingBreaks int  // empty lines after that break
		wsStart        = -1 // where blanks after the last character began, on its line
	)
	for !ended {
		if i < len(s) && s[i] == '#' {
			break
		}
		for i < len(s) {
			c := s[i]
			if c == ' ' || c == '\n' || c == '\r' {
				break
			}
			if c == ':' && (i+1 >= len(s) || isBlankByte(s[i+1])) {
				goto done
			}
			// What comes between the last character and this one: a fold
			// of the line breaks since, or the blanks on the same line.
			switch {
			case leadingBlanks:
				if !folded {
					p.buf = append(p.buf[:0], s[start:end]...)
					folded = true
				}
				p.buf = fold(p.buf, trailingBreaks)
				leadingBlanks, trailingBreaks = false, 0
			case folded && wsStart >= 0:
				p.buf = append(p.buf, s[wsStart:i]...)
			}
			wsStart = -1
			// The rest of the run of characters that need no decision (the
			// bytes of a multi-byte character are all among them) goes in
			// one step.
			j := i + 1
			for j < len(s) && byteClass[s[j]]&plainRun != 0 {
				j++
			}
			if folded {
				p.buf = append(p.buf, s[i:j]...)
			}
			i = j
			end = i
		}
		if i >= len(s) {
			break
		}
		lineStart := -1
		for i < len(s) && isBlankByte(s[i]) {
			if s[i] == ' ' {
				if !leadingBlanks && wsStart < 0 {
					wsStart = i
				}
				i++
				continue
			}
			if !leadingBlanks {
				wsStart = -1
				leadingBlanks = true
			} else {
				trailingBreaks++
			}
			i = p.skipBreak(i)
			lineStart = i
		}
		if lineStart >= 0 && i-lineStart < indent+1 {
			break
		}
	}
done:
	p.i = end
	multiline := folded
	if folded {
		n.Value = string(p.buf)
	} else {
		n.Value = s[start:end]
	}
	n.tag = resolvePlain(n.Value)
	return n, multiline
}

// Classes of bytes, for the scanning loops: a byte's entry in byteClass
// has the bit of each class it belongs to.
const (
	// plainRun: a byte inside a plain scalar after which the scalar goes
	// on, whatever follows: not a blank, a line break or ':'.
	plainRun = 1 << iota
	// flowRun: the same inside a flow collection, where ",?[]{}" end it
	// too.
	flowRun
	// plainStart: a byte that may start a plain scalar (see startsPlain).
	plainStart
	// printable: a byte fastReadable passes without a second look.
	printable
	// wordStart: the first byte of a word resolvePlain looks up.
	wordStart
	// plainInLine: a byte that cannot end a plain scalar's line: not a
	// line break, ':' or '#'.
	plainInLine
)

var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch c {
		case ' ', '\n', '\r', ':':
		case ',', '?', '[', ']', '{', '}':
			t[c] = plainRun
		default:
			t[c] = plainRun | flowRun
		}
		if c != 0 && !strings.ContainsRune("?:,[]{}#&*!|>'\"%@`", rune(c)) {
			t[c] |= plainStart
		}
		if c >= 0x20 && c < 0x7f {
			t[c] |= printable
		}
		if strings.ContainsRune("yYnNtTfFoO~<", rune(c)) {
			t[c] |= wordStart
		}
		if c != '\n' && c != '\r' && c != ':' && c != '#' {
			t[c] |= plainInLine
		}
	}
	return t
}()

// isBlankByte reports a space or a line break (fastReadable lets no "\r"
// through but in "\r\n").
func isBlankByte(c byte) bool { return c == ' ' || c == '\n' || c == '\r' }

// plainLine scans the first line of the plain scalar at start in block
// context, to where the loop of plain stops at the end of that line or
// earlier: at ": " (or ':' before a line break or the end of the text),
// at " #", or at the line's break. It returns the offset it stopped at,
// the end of the scalar's text so far (before the blanks that precede the
// stop) and whether the scalar ended there, at anything but a line break.
func plainLine(s string, start int) (i, end int, ended bool) {
	i = start
	for {
		i = plainInLineRun(s, i)
		if i >= len(s) || s[i] == '\n' || s[i] == '\r' {
			break
		}
		// ':' or '#': the end only before a blank, or after one.
		if s[i] == ':' && (i+1 >= len(s) || isBlankByte(s[i+1])) || s[i] == '#' && s[i-1] == ' ' {
			ended = true
			break
		}
		i++
	}
	end = i
	for end > start && s[end-1] == ' ' {
		end--
	}
	return i, end, ended || i >= len(s)
}

// plainInLineRun returns the end of the run of plainInLine bytes at i,
// eight at a time while it can, as printableRun does: a scalar's line is
// mostly such runs.
func plainInLineRun(s string, i int) int {
	const ones = 0x0101010101010101
	for i+8 <= len(s) {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte of x equal to c leaves a zero byte in x^(c*ones), which
		// sets its high bit in v-ones&^v ("Determine if a word has a zero
		// byte": exact on whether there is one).
		if hasZeroByte(x^('\n'*ones))|hasZeroByte(x^('\r'*ones))|
			hasZeroByte(x^(':'*ones))|hasZeroByte(x^('#'*ones)) != 0 {
			break
		}
		i += 8
	}
	for i < len(s) && byteClass[s[i]]&plainInLine != 0 {
		i++
	}
	return i
}

// hasZeroByte is nonzero when a byte of v is zero.
func hasZeroByte(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (v - ones) &^ v & highs
}

// fold appends what a line break between two characters of a flow or
// plain scalar becomes: a space, or a newline for each empty line after
// it.
func fold(b []byte, emptyLines int) []byte {
	if emptyLines == 0 {
		return append(b, ' ')
	}
	return appendBreaks(b, emptyLines)
}

// quoted scans the single- or double-quoted scalar at the cursor, leaving
// the cursor after its closing quote. Like yaml.v3, it does not check the
// indentation of continuation lines.
func (p *fastParser) quoted(single bool) (*Node, bool) {
	start := p.i
	n := p.newNode(yaml.ScalarNode, &tagStr, start)
	if single {
		n.Style = yaml.SingleQuotedStyle
	} else {
		n.Style = yaml.DoubleQuotedStyle
	}
	i := start + 1
	// The common case: one line, nothing escaped.
	for i < len(p.s) {
		c := p.s[i]
		if c == '\\' && !single || c == '\'' && single && p.at(i+1) == '\'' || c == '\n' || c == '\r' {
			break
		}
		if c == '\'' && single || c == '"' && !single {
			n.Value = p.s[start+1 : i]
			p.i = i + 1
			return n, false
		}
		i++
	}
	v, end, multiline := p.quotedSlow(single, start+1)
	n.Value, p.i = v, end
	return n, multiline
}

// quotedSlow scans a quoted scalar's text from i, folding line breaks and
// (in double quotes) resolving escapes, and returns the value, the offset
// after the closing quote and whether the scalar spans lines.
func (p *fastParser) quotedSlow(single bool, i int) (string, int, bool) {
	b := p.buf[:0]
	multiline := false
	for {
		// leadingBlanks: a line break (escaped or not) since the last
		// character; leadingBreak: the first of them was not escaped.
		leadingBlanks, leadingBreak := false, false
	text:
		for !p.isBlankz(i) {
			c := p.s[i]
			switch {
			case single && c == '\'' && p.at(i+1) == '\'':
				b = append(b, '\'')
				i += 2
			case single && c == '\'', !single && c == '"':
				break text
			case !single && c == '\\' && p.isBreak(i+1):
				i = p.skipBreak(i + 1)
				leadingBlanks = true
				break text
			case !single && c == '\\':
				var size int
				b, size = unescape(b, p.s[i:])
				i += size
			default:
				size := runeSize(p.s, i)
				b = append(b, p.s[i:i+size]...)
				i += size
			}
		}
		if i >= len(p.s) {
			decline() // never closed
		}
		if c := p.s[i]; single && c == '\'' || !single && c == '"' {
			p.buf = b
			return string(b), i + 1, multiline
		}
		wsStart, breaks := i, 0
		for p.at(i) == ' ' || p.isBreak(i) {
			if p.s[i] == ' ' {
				i++
				continue
			}
			if !leadingBlanks {
				leadingBlanks, leadingBreak = true, true
			} else {
				breaks++
			}
			i = p.skipBreak(i)
		}
		switch {
		case leadingBlanks:
			multiline = true
			if leadingBreak {
				b = fold(b, breaks)
			} else { // after an escaped line break, only the empty lines count
				b = appendBreaks(b, breaks)
			}
		default:
			b = append(b, p.s[wsStart:i]...)
		}
	}
}

// unescape appends the character the escape sequence at the start of s
// ("\n", "\x41", "\u00e9", ...) stands for, and returns how many bytes it
// took. An escape yaml.v3 rejects declines.
func unescape(b []byte, s string) ([]byte, int) {
	if len(s) < 2 {
		decline()
	}
	if text := escapes[s[1]]; text != "" {
		return append(b, text...), 2
	}
	codeLen := 0
	switch s[1] {
	case 'x':
		codeLen = 2
	case 'u':
		codeLen = 4
	case 'U':
		codeLen = 8
	default:
		decline()
	}

	if len(s) < 2+codeLen {
		decline()
	}
	v := 0
	for _, c := range []byte(s[2 : 2+codeLen]) {
		d, ok := hexDigit(c)
		if !ok {
			decline()
		}
		v = v<<4 + d
	}
	if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
		decline()
	}
	return utf8.AppendRune(b, rune(v)), 2 + codeLen
}

// escapes are the one-character escapes of double-quoted scalars and what
// each stands for, as yaml.v3 knows them.
var escapes = [256]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
	'e': "\x1b", ' ': " ", '"': "\"", '\'': "'", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

func hexDigit(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

func appendBreaks(b []byte, n int) []byte {
	for range n {
		b = append(b, '\n')
	}
	return b
}

func runeSize(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// blockScalar scans the literal (|) or folded (>) scalar whose indicator
// is at the cursor, inside a block collection indented by indent, and
// leaves the cursor at the start of the next line with content.
func (p *fastParser) blockScalar(indent int, literal bool) *Node {
	n := p.newNode(yaml.ScalarNode, &tagStr, p.i)
	n.Style = yaml.FoldedStyle
	if literal {
		n.Style = yaml.LiteralStyle
	}
	chomping, increment := p.blockHeader()
	blockIndent := 0
	if increment > 0 {
		blockIndent = max(indent, 0) + increment
	}
	b := p.buf[:0]
	var breaks []byte
	i := p.i
	i, breaks = p.blockBreaks(i, indent, &blockIndent, breaks[:0])
	var leadingBreak []byte
	leadingBlank := false
	for i < len(p.s) && p.lineColumn(i) == blockIndent {
		trailingBlank := p.s[i] == ' '
		if !literal && !leadingBlank && !trailingBlank && len(leadingBreak) > 0 && leadingBreak[0] == '\n' {
			if len(breaks) == 0 {
				b = append(b, ' ')
			}
		} else {
			b = append(b, leadingBreak...)
		}
		leadingBreak = leadingBreak[:0]
		b = append(b, breaks...)
		breaks = breaks[:0]
		leadingBlank = p.s[i] == ' '
		for i < len(p.s) && !p.isBreak(i) {
			i++
		}
		b = append(b, p.s[p.lineStartOf(i)+blockIndent:i]...)
		if i < len(p.s) {
			i = p.skipBreak(i)
			leadingBreak = append(leadingBreak, '\n')
		}
		i, breaks = p.blockBreaks(i, indent, &blockIndent, breaks)
	}
	if chomping != -1 {
		b = append(b, leadingBreak...)
	}
	if chomping == 1 {
		b = append(b, breaks...)
	}
	n.Value = string(b)
	p.buf = b
	// The line that ended the scalar (or the end of the text) is where the
	// block structure resumes.
	p.i = p.lineStartOf(i)
	if i >= len(p.s) {
		p.i = len(p.s)
	}
	if p.i < len(p.s) && !p.nextContentLine() {
		p.i = len(p.s)
	}
	return n
}

// blockHeader reads a block scalar's indicators after '|' or '>' (a
// chomping sign and an indentation digit, in either order) and the rest
// of the header line, leaving the cursor at the start of the next line.
func (p *fastParser) blockHeader() (chomping, increment int) {
	p.i++
	for range 2 {
		switch c := p.at(p.i); {
		case (c == '+' || c == '-') && chomping == 0:
			chomping = 1
			if c == '-' {
				chomping = -1
			}
			p.i++
		case c >= '1' && c <= '9' && increment == 0:
			increment = int(c - '0')
			p.i++
		case c == '0':
			decline()
		}
	}
	p.skipSpaces()
	if p.at(p.i) == '#' {
		if p.s[p.i-1] != ' ' {
			decline()
		}
		p.skipToBreak()
	}
	if p.i < len(p.s) {
		if !p.isBreak(p.i) {
			decline()
		}
		p.i = p.skipBreak(p.i)
	}
	return chomping, increment
}

// blockBreaks is yaml_parser_scan_block_scalar_breaks: it eats the
// indentation and the empty lines before a block scalar's next line,
// collecting their breaks, and settles the indentation when the header
// did not give it. It returns the offset of that line's content (after
// the indentation).
func (p *fastParser) blockBreaks(i, indent int, blockIndent *int, breaks []byte) (int, []byte) {
	maxIndent := 0
	for {
		lineStart := p.lineStartOf(i)
		for (*blockIndent == 0 || i-lineStart < *blockIndent) && p.at(i) == ' ' {
			i++
		}
		maxIndent = max(maxIndent, i-lineStart)
		if !p.isBreak(i) {
			break
		}
		i = p.skipBreak(i)
		breaks = append(breaks, '\n')
	}
	if *blockIndent == 0 {
		*blockIndent = max(maxIndent, indent+1, 1)
	}
	return i, breaks
}

// lineStartOf returns the offset of the start of the line holding i.
func (p *fastParser) lineStartOf(i int) int {
	for j := min(i, len(p.s)) - 1; j >= 0; j-- {
		if p.s[j] == '\n' {
			return j + 1
		}
	}
	return 0
}

// lineColumn is i's column in bytes from its line's start, which in a
// block scalar's indentation is its column in characters.
func (p *fastParser) lineColumn(i int) int { return i - p.lineStartOf(i) }
