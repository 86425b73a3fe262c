package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text reaches the XML as Excel writes it:
//
//   - &, < and > (and, in attributes, ") are entities; in attributes, tab,
//     line feed and carriage return are character references, which keep
//     them from being read as spaces;
//   - a character XML 1.0 cannot hold (the C0 controls but tab and line
//     feed, U+FFFE, U+FFFF) is _xHHHH_, Excel's escape, and so is a
//     carriage return in text, which XML parsers would drop before a line
//     feed;
//   - a literal _xHHHH_ in the text gets its underscore escaped
//     (_x005F_xHHHH_), so that it reads back as itself;
//   - bytes that are not UTF-8 become U+FFFD.
//
// Leading and trailing spaces are kept by the caller (xml:space="preserve"
// on <t>, see needsPreserve).

// appendText appends s escaped as XML character data.
func appendText(b []byte, s string) []byte { return appendEscaped(b, s, false) }

// appendAttr appends s escaped as an XML attribute value in double quotes.
func appendAttr(b []byte, s string) []byte { return appendEscaped(b, s, true) }

func appendEscaped(b []byte, s string, attr bool) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '"' && attr:
			esc = "&quot;"
		case c == '\n':
			if !attr {
				continue
			}
			esc = "&#10;"
		case c == '\t':
			if !attr {
				continue
			}
			esc = "&#9;"
		case c < 0x20:
			b = append(b, s[last:i]...)
			b = appendExcelEscape(b, rune(c))
			last = i + 1
			continue
		case c == '_':
			if !isExcelEscape(s[i:]) {
				continue
			}
			esc = "_x005F_"
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF):
			b = append(b, s[last:i]...)
			b = appendExcelEscape(b, 0xFFFE+rune(s[i+2]-0xBE))
			i += 2
			last = i + 1
			continue
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// appendExcelEscape appends r as _xHHHH_.
func appendExcelEscape(b []byte, r rune) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, '_', 'x', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15], '_')
}

// isExcelEscape reports whether s starts with _xHHHH_.
func isExcelEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// needsPreserve reports whether s starts or ends with white space, which
// an XML reader drops unless told xml:space="preserve".
func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// appendNumber appends v as a cell value: at most 15 significant digits,
// as Excel keeps, the rest cut; never in exponent form.
func appendNumber(b []byte, v float64) []byte {
	if v == float64(int64(v)) && v > -1e15 && v < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	s := b[start:]
	dot := -1
	for i, c := range s {
		if c == '.' {
			dot = i
			break
		}
	}
	significant := 0
	for i, c := range s {
		if c < '0' || c > '9' || significant == 0 && c == '0' {
			continue
		}
		significant++
		if significant <= 15 {
			continue
		}
		if dot >= 0 && i > dot { // cut the fraction
			b = b[:start+i]
			if b[len(b)-1] == '.' {
				b = b[:len(b)-1]
			}
			return b
		}
		if dot < 0 {
			dot = len(s)
		}
		for j := i; j < dot; j++ { // zero the integer's digits past 15
			s[j] = '0'
		}
		return b[:start+dot]
	}
	return b
}

// appendFloat appends v as an attribute's decimal number.
func appendFloat(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }

// appendCell appends the A1 reference of (col, row), with $ before the
// column and the row when absolute.
func appendCell(b []byte, col, row int, absolute bool) []byte {
	if absolute {
		b = append(b, '$')
	}
	b = appendColumn(b, col)
	if absolute {
		b = append(b, '$')
	}
	return strconv.AppendInt(b, int64(row), 10)
}

func appendColumn(b []byte, col int) []byte {
	var buf [3]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, buf[i:]...)
}
