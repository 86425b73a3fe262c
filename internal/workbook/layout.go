package workbook

import (
	"math"
	"strings"
	"unicode"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/textwidth"
)

// cellText is a cell's text and the width of its column, in characters.
type cellText struct {
	text  string
	width float64
}

// metrics are how a spreadsheet program lays text out in a language's
// workbook: a column's width unit is the default font's digit width (7
// pixels, 5.25 points, for Calibri; some 6.5 points for Yu Gothic) and a
// 10-point line is 12.75 points high in Calibri and 15.5 in Yu Gothic,
// whose line spacing is wide. LibreOffice without those fonts substitutes
// wider ones (DejaVu Sans, Noto Sans CJK) but also wider columns (7 points
// a unit), so text wraps less there than here and a row never hides text.
type metrics struct {
	unit float64 // points per unit of column width
	line float64 // points per line of 10-point text
}

var metricsOf = map[i18n.Lang]metrics{i18n.EN: {5.25, 12.75}, i18n.JA: {6.5, 15.5}}

func metricsFor(l i18n.Lang) metrics {
	if m, ok := metricsOf[l]; ok {
		return m
	}
	return metricsOf[i18n.EN]
}

// rowHeight returns the height in points that shows every line of the
// wrapped cells of a row in a font of size pt.
func rowHeight(l i18n.Lang, cells []cellText, pt float64) float64 {
	m := metricsFor(l)
	// Lines past what the tallest row shows need not be counted: a cell of
	// 30,000 characters stops being measured at the cap.
	limit := int(math.Ceil((maxRowHeight-3)*10/(m.line*pt))) + 1
	lines := 1
	for _, c := range cells {
		lines = max(lines, wrappedLines(c.text, m.unit*c.width, pt, limit))
	}
	// Excel refuses rows taller than 409 points; a taller cell scrolls.
	return min(maxRowHeight, math.Ceil(float64(lines)*m.line*pt/10+3))
}

// headerRowHeight is rowHeight for a header row: bold text is wider, so a
// line holds less; and a header is at least two lines tall.
func headerRowHeight(l i18n.Lang, cells []cellText) float64 {
	narrower := make([]cellText, len(cells))
	for i, c := range cells {
		narrower[i] = cellText{c.text, c.width * 0.93}
	}
	return max(30, rowHeight(l, narrower, 10))
}

// maxRowHeight is Excel's largest row height, in points.
const maxRowHeight = 409

// cellPadding is the room, in points, a cell keeps between its text and
// its borders.
const cellPadding = 5

// wrappedLines estimates how many lines text in a font of size pt takes in
// a column of width points, breaking at spaces and after hyphens, and
// anywhere in a word too long for a line; it stops counting at limit.
func wrappedLines(text string, width, pt float64, limit int) int {
	if text == "" {
		return 1
	}
	avail := max(pt, width-cellPadding)
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		if n >= limit {
			return n
		}
		lines, used := 1, 0.0
		space := advance(' ') * pt
		for word := range strings.FieldsSeq(para) {
			if n+lines > limit {
				break
			}
			// A line may also break after a hyphen (ISMS-REG-/002).
			for i := 0; word != ""; i++ {
				part := word
				if j := strings.IndexByte(word, '-'); j >= 0 {
					part, word = word[:j+1], word[j+1:]
				} else {
					word = ""
				}
				w, gap := textPoints(part, pt), space
				if i > 0 {
					gap = 0
				}
				switch {
				case used == 0:
					used = w
				case used+gap+w <= avail:
					used += gap + w
				default:
					lines++
					used = w
				}
				for used > avail { // a word longer than the line breaks anywhere
					lines++
					used -= avail
				}
			}
		}
		n += lines
	}
	return n
}

// textPoints is the width of s in points in a font of size pt.
func textPoints(s string, pt float64) float64 {
	w := 0.0
	for _, r := range s {
		w += advance(r)
	}
	return w * pt
}

// advance is the width of r in ems: Calibri's for ASCII (which Excel
// users have), a full em for a wide character, and a generous 0.6 em for
// any other letter.
func advance(r rune) float64 {
	switch {
	case r >= ' ' && r <= '~':
		return float64(calibri[r-' ']) / 2048
	case textwidth.RuneWidth(r) == 2:
		return 1
	case textwidth.RuneWidth(r) == 0 || unicode.IsControl(r):
		return 0
	}
	return 0.6
}

// calibri are Calibri's advance widths of the printable ASCII characters,
// from space to tilde, in units of 1/2048 em.
var calibri = [95]int{
	463, 548, 714, 1038, 1038, 1464, 1403, 452, 621, 621, 1038, 1038, 511, 627, 517, 792, // space … /
	1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1038, 1038, 1038, 950, // 0 … ?
	1818, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356, // @ … O
	1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959, 628, 792, 628, 1038, 1024, // P … _
	561, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080, // ` … o
	1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 714, 940, 714, 1038, // p … ~
}

// columnWidth returns a width that fits the widest line of texts, within
// [lo, hi] characters.
func columnWidth(texts []string, lo, hi float64) float64 {
	w := lo
	for _, t := range texts {
		for _, line := range strings.Split(t, "\n") {
			w = max(w, float64(textwidth.Width(line))+2)
		}
	}
	return min(w, hi)
}
