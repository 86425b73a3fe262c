package workbook

import "github.com/soa-tool/soa/internal/xlsx"

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
	title, subtitle           xlsx.StyleID
	header, headerRotated     xlsx.StyleID
	headerStacked             xlsx.StyleID
	band                      xlsx.StyleID
	label, value, valueWrap   xlsx.StyleID
	text, textCenter, textNew xlsx.StyleID
	date, dateLeft            xlsx.StyleID
	percent, integer          xlsx.StyleID
	note                      xlsx.StyleID
	legendGood, legendPart    xlsx.StyleID // the conditional colours as plain styles, for the legend
	legendPlan, legendBad     xlsx.StyleID

	fmtGood, fmtPart, fmtPlan xlsx.HighlightID // conditional formats
	fmtBad, fmtExcluded       xlsx.HighlightID
}

func newStyles(wb *xlsx.Workbook, font string) styles {
	var s styles
	mk := wb.AddStyle
	cond := func(bg, fg string) xlsx.HighlightID { return wb.AddHighlight(xlsx.Highlight{Color: fg, Fill: bg}) }
	f := func(size float64) xlsx.Font { return xlsx.Font{Name: font, Size: size} }
	bold := func(size float64, color string) xlsx.Font {
		return xlsx.Font{Name: font, Size: size, Bold: true, Color: color}
	}
	top := xlsx.Alignment{Vertical: "top", Wrap: true}
	s.title = mk(xlsx.Style{Font: bold(20, colorHeader)})
	s.subtitle = mk(xlsx.Style{Font: xlsx.Font{Name: font, Size: 12, Color: "595959"}})
	s.header = mk(xlsx.Style{
		Font: bold(10, colorHeaderText), Fill: colorHeader, Border: colorBorder,
		Align: xlsx.Alignment{Horizontal: "center", Vertical: "center", Wrap: true},
	})
	s.headerRotated = mk(xlsx.Style{
		Font: bold(10, colorHeaderText), Fill: colorHeader, Border: colorBorder,
		Align: xlsx.Alignment{Horizontal: "center", Vertical: "bottom", Rotation: 90},
	})
	// Japanese on its side reads sideways (ベストプラクティス): stacked
	// upright, one character under the other, it reads as vertical text.
	s.headerStacked = mk(xlsx.Style{
		Font: bold(10, colorHeaderText), Fill: colorHeader, Border: colorBorder,
		Align: xlsx.Alignment{Horizontal: "center", Vertical: "bottom", Rotation: 255},
	})
	s.band = mk(xlsx.Style{Font: bold(11, colorHeader), Fill: colorBand, Border: colorBorder})
	s.label = mk(xlsx.Style{Font: bold(10, ""), Fill: colorLabel, Border: colorBorder, Align: top})
	s.value = mk(xlsx.Style{Font: f(10), Border: colorBorder, Align: xlsx.Alignment{Vertical: "top"}})
	s.valueWrap = mk(xlsx.Style{Font: f(10), Border: colorBorder, Align: top})
	s.text = mk(xlsx.Style{Font: f(10), Border: colorBorder, Align: top})
	s.textCenter = mk(xlsx.Style{Font: f(10), Border: colorBorder, Align: xlsx.Alignment{Horizontal: "center", Vertical: "top", Wrap: true}})
	s.textNew = mk(xlsx.Style{Font: f(10), Fill: colorNew, Border: colorBorder, Align: top})
	dateFmt := "yyyy-mm-dd"
	if font == fonts["ja"] {
		dateFmt = "yyyy/mm/dd"
	}
	s.date = mk(xlsx.Style{Font: f(10), Border: colorBorder, Format: dateFmt, Align: xlsx.Alignment{Horizontal: "center", Vertical: "top"}})
	s.dateLeft = mk(xlsx.Style{Font: f(10), Border: colorBorder, Format: dateFmt, Align: xlsx.Alignment{Horizontal: "left", Vertical: "top"}})
	s.percent = mk(xlsx.Style{Font: bold(10, ""), Border: colorBorder, Format: "0.0%", Align: xlsx.Alignment{Horizontal: "right"}})
	s.integer = mk(xlsx.Style{Font: f(10), Border: colorBorder, NumFmt: 1, Align: xlsx.Alignment{Horizontal: "right"}})
	s.note = mk(xlsx.Style{Font: xlsx.Font{Name: font, Size: 9, Italic: true, Color: "595959"}, Align: xlsx.Alignment{Wrap: true, Vertical: "top"}})
	legend := func(bg, fg string) xlsx.StyleID {
		return mk(xlsx.Style{Font: xlsx.Font{Name: font, Size: 10, Color: fg}, Fill: bg, Border: colorBorder,
			Align: xlsx.Alignment{Horizontal: "center", Vertical: "top"}})
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
