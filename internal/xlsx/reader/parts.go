package reader

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// readSharedStrings reads the shared strings: each item's text, its rich
// text runs concatenated, its phonetic runs (rPh, the furigana of Japanese
// workbooks) left out, and Excel's _xHHHH_ escapes decoded.
func (w *Workbook) readSharedStrings(name string) error {
	src, err := w.part(name)
	if err != nil || src == nil {
		return err
	}
	s := newScanner(name, src, w.lim.MaxDepth)
	// The items' texts one after the other in one string (decoded text is
	// no longer than the part), instead of a string each: ends[k] is where
	// item k ends.
	var all strings.Builder
	all.Grow(len(src))
	var ends []int
	var b []byte
	for {
		ok, err := s.nextStart(0)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch {
		case s.depth() == 1:
			if n, ok := s.attr("uniqueCount"); ok {
				if c, err := strconv.Atoi(string(n)); err == nil && c > 0 && c <= len(src)/8 {
					ends = make([]int, 0, c)
				}
			}
		case s.depth() == 2 && s.is("si"):
			if b, err = s.stringItem(b[:0]); err != nil {
				return err
			}
			all.Write(b)
			ends = append(ends, all.Len())
		case s.depth() == 2:
			if err := s.skip(); err != nil {
				return err
			}
		}
	}
	text := all.String()
	w.strings = make([]string, len(ends))
	start := 0
	for k, end := range ends {
		w.strings[k] = unescapeBstr(text[start:end])
		start = end
	}
	return nil
}

// stringItem appends the text of the string item (<si> or <is>) whose
// start tag was just read: its <t>, and the <t> of each run <r>.
func (s *scanner) stringItem(b []byte) ([]byte, error) {
	d := s.depth()
	for {
		k, err := s.next()
		if err != nil {
			return b, err
		}
		switch k {
		case tokEnd:
			if s.depth() < d {
				return b, nil
			}
		case tokStart:
			switch {
			case s.is("t") && s.depth() == d+1, s.is("t") && s.depth() == d+2:
				if err := s.elementText(&b); err != nil {
					return b, err
				}
			case s.is("r") && s.depth() == d+1:
				// its children are read in turn
			default:
				if err := s.skip(); err != nil {
					return b, err
				}
			}
		case tokEOF:
			return b, s.errorf(s.pos, "the part ends inside a string")
		}
	}
}

// unescapeBstr decodes Excel's escapes of characters XML cannot hold:
// _x001B_ is ESC, and _x005F_ an underscore that keeps the next escape
// literal (_x005F_x0001_ is the text _x0001_). An escape of a surrogate
// half stands for nothing and is dropped.
func unescapeBstr(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	for i >= 0 {
		j := i + 7
		if j <= len(s) && s[j-1] == '_' && isHex4(s[i+2:j-1]) {
			b.WriteString(s[:i])
			n, _ := strconv.ParseUint(s[i+2:j-1], 16, 32)
			if n == 0x5F {
				b.WriteByte('_')
			} else if r := rune(n); utf8.ValidRune(r) {
				b.WriteRune(r)
			}
			s = s[j:]
			i = strings.Index(s, "_x")
			continue
		}
		k := strings.Index(s[i+1:], "_x")
		if k < 0 {
			break
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
		i = k
	}
	b.WriteString(s)
	return b.String()
}

func isHex4(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// styles is what the importer needs of xl/styles.xml.
type styles struct {
	xfs     []xf
	fonts   []string       // font names
	numFmts map[int]string // custom number formats by id
}

type xf struct {
	numFmt int
	font   int // -1 when the style applies no font
}

// Style is what a cell's style says.
type Style struct {
	Font      string // the font's name ("Wingdings"), "" when not known
	NumFmtID  int
	NumFmt    string // the format code: custom, or the built-in one of NumFmtID ("" when neither)
	HasNumFmt bool   // NumFmt is the code of a known format
}

// Style returns the cell style index idx (a cell's S).
func (w *Workbook) Style(idx int) (Style, bool) {
	if idx < 0 || idx >= len(w.styles.xfs) {
		return Style{}, false
	}
	x := w.styles.xfs[idx]
	st := Style{NumFmtID: x.numFmt}
	if x.font >= 0 && x.font < len(w.styles.fonts) {
		st.Font = w.styles.fonts[x.font]
	}
	if code, ok := w.styles.numFmts[x.numFmt]; ok {
		st.NumFmt, st.HasNumFmt = code, true
	} else if code, ok := builtInNumFmt[x.numFmt]; ok {
		st.NumFmt, st.HasNumFmt = code, true
	}
	return st, true
}

func (w *Workbook) readStyles(name string) error {
	src, err := w.part(name)
	if err != nil || src == nil {
		return err
	}
	s := newScanner(name, src, w.lim.MaxDepth)
	st := &w.styles
	st.numFmts = map[int]string{}
	section := ""
	for {
		ok, err := s.nextStart(0)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch d := s.depth(); {
		case d == 2:
			section = string(s.name)
			switch section {
			case "numFmts", "fonts", "cellXfs":
			default:
				if err := s.skip(); err != nil {
					return err
				}
			}
		case d == 3 && section == "numFmts" && s.is("numFmt"):
			id, err := strconv.Atoi(attrText(s, "numFmtId"))
			if err != nil {
				continue
			}
			code, err := s.attrString("formatCode")
			if err != nil {
				return err
			}
			if c16, _ := s.attrString("formatCode16"); c16 != "" {
				code = c16
			}
			st.numFmts[id] = code
		case d == 3 && section == "fonts" && s.is("font"):
			st.fonts = append(st.fonts, "")
		case d == 4 && section == "fonts" && s.is("name") && len(st.fonts) > 0:
			st.fonts[len(st.fonts)-1], _ = s.attrString("val")
		case d == 3 && section == "cellXfs" && s.is("xf"):
			x := xf{font: -1}
			x.numFmt, _ = strconv.Atoi(attrText(s, "numFmtId"))
			apply := attrText(s, "applyFont")
			if f, err := strconv.Atoi(attrText(s, "fontId")); err == nil && apply != "0" && apply != "false" {
				x.font = f
			}
			st.xfs = append(st.xfs, x)
			if err := s.skip(); err != nil {
				return err
			}
		}
	}
}

// attrText is an attribute's raw value: for numbers and flags, which hold
// no entities.
func attrText(s *scanner, name string) string {
	v, _ := s.attr(name)
	return string(v)
}
