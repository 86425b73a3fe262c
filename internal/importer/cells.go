package importer

import (
	"github.com/soa-tool/soa/internal/lazy"
	"github.com/soa-tool/soa/internal/lazyre"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
)

// A cell may show something else than its raw value: an id Excel turned
// into a date (the cell shows 10.1.1, its value is the serial 40179) or a
// number shown with a format (5.10 from 5.1), and a letter in a symbol
// font (Wingdings "ü" shows ✓). readShown puts in the grid what each such
// cell shows, so that every later step reads it as a person does.

// symbolFonts maps, for each symbol font, the letters SoAs use for marks
// to the glyph they show; built on first use, as only import reads it.
var symbolFonts = lazy.Value[map[string]map[rune]string]{Make: func() map[string]map[rune]string {
	return map[string]map[rune]string{
		"wingdings":   {'ü': "✓", 'û': "✗", 'n': "■", 'l': "●", 'þ': "☑", 'ý': "☒", 'o': "☐", 'x': "☒", '¨': "☐", 'q': "☐"},
		"wingdings 2": {'P': "✓", 'O': "✗", 'T': "☒", 'R': "☑", '£': "☐", 'Q': "☐", 'Ï': "✗", 'Ð': "✗"},
		"webdings":    {'a': "✓", 'r': "✗", 'g': "■", 'c': "☐"},
		"symbol":      {'Ö': "√", 'X': "Χ", 'x': "χ", '·': "•", '´': "×"},
	}
}}

// numberRE matches a raw numeric value; isNumber is its test, written out.
var numberRE = lazyre.New(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)

// isNumber reports whether s is a raw numeric value, as numberRE matches.
func isNumber(s string) bool {
	i := 0
	digits := func() bool {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if !digits() {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

// readShown replaces in rows, read raw from sheet, the value of each cell
// that shows another text as an id, or a mark in a symbol font.
func (r *reader) readShown(sheet string, rows [][]string) {
	sh := r.sheets[sheet]
	if r.wb == nil || sh == nil {
		return // a CSV file has neither fonts nor number formats
	}
	fonts := map[int]string{} // style → symbol font, "" for others
	font := func(col, row int) string {
		idx := sh.StyleOf(col, row)
		if idx == 0 {
			return ""
		}
		if f, ok := fonts[idx]; ok {
			return f
		}
		f := ""
		if st, ok := r.wb.Style(idx); ok {
			if n := strings.ToLower(strings.TrimSpace(st.Font)); symbolFonts.Get()[n] != nil {
				f = n
			}
		}
		fonts[idx] = f
		return f
	}
	for i, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			t := strings.TrimSpace(v)
			if t == "" {
				continue
			}
			if len(t) <= 3*utf8.UTFMax && utf8.RuneCountInString(t) <= 3 {
				if f := font(c+1, i+1); f != "" {
					row[c] = symbolText(f, t)
					continue
				}
			}
			// Only a number shows another text under its format.
			if cell := sh.Cell(c+1, i+1); cell.T == xreader.TypeNumber && cell.S != 0 && isNumber(t) {
				if shown, ok := r.shownID(r.wb.Shown(cell), t); ok {
					row[c] = shown
					if r.shown == nil {
						r.shown = map[string]map[[2]int]string{}
					}
					if r.shown[sheet] == nil {
						r.shown[sheet] = map[[2]int]string{}
					}
					r.shown[sheet][[2]int{c, i}] = v
				}
			}
		}
	}
}

// symbolText is what the text of a cell in the symbol font f shows: the
// glyph of each mark known, and for any other letter the letter with the
// font's name, which no value is, so that it is reported with its cell.
func symbolText(f, t string) string {
	var b strings.Builder
	for _, ch := range t {
		g, ok := symbolFonts.Get()[f][ch]
		if !ok {
			return t + " [a symbol in the font " + fontName(f) + " that soa cannot read]"
		}
		b.WriteString(g)
	}
	return b.String()
}

func fontName(f string) string {
	switch f {
	case "wingdings":
		return "Wingdings"
	case "wingdings 2":
		return "Wingdings 2"
	case "webdings":
		return "Webdings"
	}
	return "Symbol"
}

// shownID returns what a numeric cell shows when its number format makes
// it show an id other than its value: a date format on 2010-01-01 showing
// 10.1.1, or 0.00 on 5.1 showing 5.10.
func (r *reader) shownID(shown, raw string) (string, bool) {
	shown = strings.TrimSpace(shown)
	if shown == raw || !looksLikeID(shown) {
		return "", false
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return "", false
	}
	if strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64) == shown {
		return "", false // the number itself, without its binary noise
	}
	return shown, true
}

// raw is the value of the cell at 0-based col, row of sheet: v, or the
// number it holds when readShown read it as the id it shows (a date read
// as a date, not as 1.4.26).
func (r *reader) raw(sheet string, col, row int, v string) string {
	if n, ok := r.shown[sheet][[2]int{col, row}]; ok {
		return n
	}
	return v
}
