package workbook

import "github.com/xuri/excelize/v2"

// Colours, named for what they mean in the workbook.
const (
	colorHeader     = "1F3864" // dark blue header rows
	colorBand       = "D9E1F2" // theme band rows
	colorLabel      = "F2F2F2" // label cells on the cover
	colorBorder     = "BFBFBF"
	colorNew        = "FFF2CC" // controls new in 2022
	colorExcluded   = "EDEDED"
	colorGood       = "C6EFCE" // implemented
	colorPartial    = "FFEB9C" // partially implemented
	colorPlanned    = "DDEBF7" // planned
	colorBad        = "FFC7CE" // not implemented, errors
	colorGoodText   = "006100"
	colorPartText   = "7F6000"
	colorPlanText   = "1F4E78"
	colorBadText    = "9C0006"
	colorHeaderText = "FFFFFF"
)

// styles are the workbook's cell formats, created once and in a fixed
// order so that style indexes, and so the file's bytes, never vary.
type styles struct {
	title, subtitle           int
	header, headerRotated     int
	headerStacked             int
	band                      int
	label, value, valueWrap   int
	text, textCenter, textNew int
	date, dateLeft            int
	percent, integer          int
	note                      int
	fmtGood, fmtPart, fmtPlan int // conditional formats
	fmtBad, fmtExcluded       int
	legendGood, legendPart    int // the conditional colours as plain styles, for the legend
	legendPlan, legendBad     int
	err                       error
}

func newStyles(f *excelize.File, font string) styles {
	var s styles
	border := []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1}, {Type: "top", Color: colorBorder, Style: 1},
		{Type: "right", Color: colorBorder, Style: 1}, {Type: "bottom", Color: colorBorder, Style: 1},
	}
	fill := func(c string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	mk := func(st *excelize.Style) int {
		if s.err != nil {
			return 0
		}
		id, err := f.NewStyle(st)
		s.err = err
		return id
	}
	cond := func(bg, fg string) int {
		if s.err != nil {
			return 0
		}
		id, err := f.NewConditionalStyle(&excelize.Style{Fill: fill(bg), Font: &excelize.Font{Color: fg}})
		s.err = err
		return id
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 20, Bold: true, Color: colorHeader}})
	s.subtitle = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Color: "595959"}})
	s.header = mk(&excelize.Style{
		Font: &excelize.Font{Family: font, Size: 10, Bold: true, Color: colorHeaderText}, Fill: fill(colorHeader), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	s.headerRotated = mk(&excelize.Style{
		Font: &excelize.Font{Family: font, Size: 10, Bold: true, Color: colorHeaderText}, Fill: fill(colorHeader), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom", TextRotation: 90},
	})
	// Japanese on its side reads sideways (ベストプラクティス): stacked
	// upright, one character under the other, it reads as vertical text.
	s.headerStacked = mk(&excelize.Style{
		Font: &excelize.Font{Family: font, Size: 10, Bold: true, Color: colorHeaderText}, Fill: fill(colorHeader), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom", TextRotation: 255},
	})
	s.band = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11, Bold: true, Color: colorHeader}, Fill: fill(colorBand), Border: border})
	s.label = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Bold: true}, Fill: fill(colorLabel), Border: border, Alignment: top})
	s.value = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.valueWrap = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, Alignment: top})
	s.text = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, Alignment: top})
	s.textCenter = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	s.textNew = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Fill: fill(colorNew), Border: border, Alignment: top})
	dateFmt := "yyyy-mm-dd"
	if font == fonts["ja"] {
		dateFmt = "yyyy/mm/dd"
	}
	s.date = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	s.dateLeft = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	pct := "0.0%"
	s.percent = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Bold: true}, Border: border, CustomNumFmt: &pct, Alignment: &excelize.Alignment{Horizontal: "right"}})
	s.integer = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: border, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "right"}})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 9, Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	legend := func(bg, fg string) int {
		return mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Color: fg}, Fill: fill(bg), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	}
	s.legendGood = legend(colorGood, colorGoodText)
	s.legendPart = legend(colorPartial, colorPartText)
	s.legendPlan = legend(colorPlanned, colorPlanText)
	s.legendBad = legend(colorBad, colorBadText)
	s.fmtGood = cond(colorGood, colorGoodText)
	s.fmtPart = cond(colorPartial, colorPartText)
	s.fmtPlan = cond(colorPlanned, colorPlanText)
	s.fmtBad = cond(colorBad, colorBadText)
	s.fmtExcluded = cond(colorExcluded, "595959")
	return s
}
