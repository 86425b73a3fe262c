// Package termsafe makes text from users' files safe to print on a
// terminal or into a CI log: control characters (C0 but tab, DEL, C1),
// line and paragraph separators and the bidirectional overrides are shown
// escaped (\x1b, \n, \u0085, \u202e), so that no value can move the
// cursor, change colours, ring the bell, forge an output line (a GitHub
// Actions "::error::" command) or reorder what is shown. Every printer of
// text meant for people uses it on every value from a user's file.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r is a rune String escapes.
func Unsafe(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi overrides
		return true
	}
	return false
}

// Control reports whether r is a C0 or C1 control character or DEL.
func Control(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0
}

// String returns s with every unsafe rune escaped; line breaks too, so the
// result is one line. Invalid UTF-8 bytes are shown as \xNN.
func String(s string) string {
	if safe(s, false) {
		return s
	}
	return escape(s, false)
}

// Text is String but keeps line breaks (\n), for output that lays out a
// multi-line value itself, such as an indented block.
func Text(s string) string {
	if safe(s, true) {
		return s
	}
	return escape(s, true)
}

func safe(s string, keepNewline bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && !(keepNewline && c == '\n') || c >= 0x7f {
			// Slow path only for what may need it.
			for _, r := range s[i:] {
				if r == utf8.RuneError || Unsafe(r) && !(keepNewline && r == '\n') {
					return false
				}
			}
			return true
		}
	}
	return true
}

func escape(s string, keepNewline bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && keepNewline:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case Unsafe(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Writer passes text to W with every unsafe rune but the line break
// escaped, for printers whose layout has line breaks of its own but no
// escape sequences (colour) of its own. A rune split between two writes
// is kept back until the next one; Flush is not needed for valid UTF-8.
type Writer struct {
	W    io.Writer
	rest []byte
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{W: w} }

func (w *Writer) Write(p []byte) (int, error) {
	buf := append(w.rest, p...)
	w.rest = nil
	// Keep back an incomplete rune at the end.
	if i := lastRuneStart(buf); i >= 0 && !utf8.FullRune(buf[i:]) && len(buf)-i < utf8.UTFMax {
		w.rest = append([]byte(nil), buf[i:]...)
		buf = buf[:i]
	}
	if _, err := io.WriteString(w.W, Text(string(buf))); err != nil {
		return 0, err
	}
	return len(p), nil
}

func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return -1
}
