package workbook

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/i18n"
)

// Paper is a paper size the workbook prints on.
type Paper struct {
	Name          string  // as --paper spells it
	code          int     // the OOXML paperSize
	width, height float64 // portrait, in points
}

// Papers are the sizes soa prints on; the first is the default.
var Papers = []Paper{
	{"a4", 9, 595.3, 841.9},
	{"a3", 8, 841.9, 1190.6},
	{"letter", 1, 612, 792},
}

// PaperNames lists the names of Papers, for help and messages.
func PaperNames() []string {
	names := make([]string, len(Papers))
	for i, p := range Papers {
		names[i] = p.Name
	}
	return names
}

// PaperByName returns the paper called name (in any case); "" is A4.
func PaperByName(name string) (Paper, error) {
	if name == "" {
		return Papers[0], nil
	}
	for _, p := range Papers {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	return Paper{}, fmt.Errorf("unknown paper %q: use one of %s", name, strings.Join(PaperNames(), ", "))
}

// Page margins, in inches: narrow at the sides, where the SoA's columns
// need the room, with the header and footer inside the top and bottom.
const (
	marginSide   = 0.4
	marginTop    = 0.7
	marginBottom = 0.7
	marginHF     = 0.3
)

// printable is the width in points between the side margins, landscape or
// portrait.
func (p Paper) printable(landscape bool) float64 {
	w := p.width
	if landscape {
		w = p.height
	}
	return w - 2*marginSide*72
}

// minPrintScale is the smallest scale a sheet printed one page wide may
// take: 10-point text then prints at 7 points or more, with a little to
// spare. It is measured
// where columns are widest: LibreOffice without Calibri or Yu Gothic gives
// a column 7 points a unit of width, a third more than Excel's Calibri,
// and the boxes pdftotext reports are 1.3 times the font size.
const minPrintScale = 0.6

// columnBudget is the total width, in units, of the columns that fit one
// page wide on p at minPrintScale or larger.
func columnBudget(p Paper, landscape bool) float64 {
	return p.printable(landscape) / (7 * minPrintScale)
}

// DefaultPaper is the paper of a workbook in l when none is asked for: A3
// for Japanese, where SoAs are commonly printed on A3 landscape and
// Japanese prose in the columns A4 leaves takes twice the pages; A4
// otherwise.
func DefaultPaper(l i18n.Lang) string {
	if l == i18n.JA {
		return "a3"
	}
	return "a4"
}
