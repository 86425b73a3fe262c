package workbook

import (
	"math"
	"strings"

	"github.com/soa-tool/soa/internal/textwidth"
)

// cellText is a cell's text and the width of its column, in characters.
type cellText struct {
	text  string
	width float64
}

// rowHeight returns the height in points that shows every line of the
// wrapped cells of a row in a font of size pt. Wide (CJK) characters count
// double, which is how spreadsheet column widths measure them.
func rowHeight(cells []cellText, pt float64) float64 {
	lines := 1
	for _, c := range cells {
		lines = max(lines, wrappedLines(c.text, c.width))
	}
	// Excel refuses rows taller than 409 points; a taller cell scrolls.
	return min(maxRowHeight, math.Ceil(float64(lines)*pt*1.3+4))
}

// headerRowHeight is rowHeight for a header row: bold text is wider, so a
// line holds less; and a header is at least two lines tall.
func headerRowHeight(cells []cellText) float64 {
	narrower := make([]cellText, len(cells))
	for i, c := range cells {
		narrower[i] = cellText{c.text, c.width * 0.9}
	}
	return max(30, rowHeight(narrower, 10))
}

// maxRowHeight is Excel's largest row height, in points.
const maxRowHeight = 409

// wrappedLines estimates how many lines text takes in a column of width
// characters, breaking at words where it can.
func wrappedLines(text string, width float64) int {
	if text == "" {
		return 1
	}
	// Column widths count characters of the default 11-point font; cells
	// use 10 points, so a little more fits than the width says.
	return linesIn(text, max(1, int(width*1.1)-1))
}

// linesIn counts the lines text takes when wrapped at spaces (or anywhere
// in a word too long for a line) in lines of avail columns (wide
// characters count two).
func linesIn(text string, avail int) int {
	n := 0
	for _, para := range strings.Split(text, "\n") {
		used, lines := 0, 1
		for _, word := range strings.Fields(para) {
			w := textwidth.Width(word)
			switch {
			case used == 0:
				used = w
			case used+1+w <= avail:
				used += 1 + w
			default:
				lines++
				used = w
			}
			for used > avail { // a word longer than the column breaks anywhere
				lines++
				used -= avail
			}
		}
		n += lines
	}
	return n
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
