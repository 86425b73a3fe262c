package xlsx

import (
	"fmt"
	"math"
	"strconv"
)

// A BarChart is a clustered chart of horizontal bars: one bar per series
// for each category.
type BarChart struct {
	Title  string
	Series []Series
	// Width and Height are the chart's size in pixels.
	Width, Height int
	// Legend is where the legend sits: "b" (bottom), "t", "l", "r", or ""
	// for none.
	Legend string
	// AxisColor is the colour of the axes' labels, RRGGBB.
	AxisColor string
	// ReverseCategories lists the categories from the top down, in the
	// order of the cells, rather than from the bottom up.
	ReverseCategories bool
	// Gridlines draws the value axis's major gridlines.
	Gridlines bool
}

// A Series is one set of bars: formula references to its name's cell, the
// categories' cells and the values' cells ('Summary'!$F$4:$F$7), and its
// colour (RRGGBB).
type Series struct {
	Name, Categories, Values string
	Color                    string
}

type chart struct {
	sheet    *Sheet
	id       int // chartN.xml
	drawing  int // drawingN.xml of its sheet
	col, row int // the top-left cell
	c        BarChart
}

// AddBarChart draws c with its top-left corner at the top-left of cell
// (col, row).
func (s *Sheet) AddBarChart(col, row int, c BarChart) error {
	if !inSheet(col, row) {
		return fmt.Errorf("chart: cell %d,%d is outside the sheet", col, row)
	}
	if len(c.Series) == 0 || c.Width <= 0 || c.Height <= 0 {
		return fmt.Errorf("chart %q: a chart has series and a size", c.Title)
	}
	s.wb.charts++
	d := 0
	if len(s.charts) > 0 {
		d = s.charts[0].drawing
	} else {
		for _, o := range s.wb.sheets {
			if len(o.charts) > 0 {
				d++
			}
		}
		d++
	}
	s.charts = append(s.charts, &chart{s, s.wb.charts, d, col, row, c})
	return nil
}

// Pixels, as the chart's anchor measures the sheet: 8 a unit of column
// width (64 for a column of the default width) and 4/3.4 a point of row
// height (20 for a row of the default height). The goldens pin anchors so
// measured.
func (s *Sheet) colPixels(col int) int {
	if col <= len(s.cols) && s.cols[col-1].width > 0 {
		return int(s.cols[col-1].width*8 + 0.5)
	}
	return 64
}

func (s *Sheet) rowPixels(row int) int {
	if row <= len(s.rows) && s.rows[row-1].height > 0 {
		return int(math.Ceil(4.0 / 3.4 * s.rows[row-1].height))
	}
	return 20
}

// anchor is the chart's bottom-right corner: the 0-based column and row it
// falls in and the offsets into them, in pixels.
func (c *chart) anchor() (col, colOff, row, rowOff int) {
	col, row = c.col-1, c.row-1
	x, y := c.c.Width, c.c.Height
	for x >= c.sheet.colPixels(col+1) {
		col++
		x -= c.sheet.colPixels(col)
	}
	for y >= c.sheet.rowPixels(row+1) {
		row++
		y -= c.sheet.rowPixels(row)
	}
	return col, x, row, y
}

const emuPerPixel = 9525

func (s *Sheet) appendSheetRels(b []byte) []byte {
	b = append(b, xmlHeader+`<Relationships xmlns="`+nsPkgRel+`">`...)
	b = appendRel(b, 1, relOffice+"drawing", "../drawings/drawing"+strconv.Itoa(s.charts[0].drawing)+".xml")
	return append(b, `</Relationships>`...)
}

func (s *Sheet) appendDrawingRels(b []byte) []byte {
	b = append(b, xmlHeader+`<Relationships xmlns="`+nsPkgRel+`">`...)
	for i, c := range s.charts {
		b = appendRel(b, i+1, relOffice+"chart", "../charts/chart"+strconv.Itoa(c.id)+".xml")
	}
	return append(b, `</Relationships>`...)
}

func appendInt(b []byte, open string, v int, close string) []byte {
	b = append(b, open...)
	b = strconv.AppendInt(b, int64(v), 10)
	return append(b, close...)
}

func (s *Sheet) appendDrawing(b []byte) []byte {
	b = append(b, xmlHeader+`<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">`...)
	for i, c := range s.charts {
		col, x, row, y := c.anchor()
		b = append(b, `<xdr:twoCellAnchor>`...)
		b = appendInt(b, `<xdr:from><xdr:col>`, c.col-1, `</xdr:col><xdr:colOff>0</xdr:colOff>`)
		b = appendInt(b, `<xdr:row>`, c.row-1, `</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`)
		b = appendInt(b, `<xdr:to><xdr:col>`, col, `</xdr:col>`)
		b = appendInt(b, `<xdr:colOff>`, x*emuPerPixel, `</xdr:colOff>`)
		b = appendInt(b, `<xdr:row>`, row, `</xdr:row>`)
		b = appendInt(b, `<xdr:rowOff>`, y*emuPerPixel, `</xdr:rowOff></xdr:to>`)
		b = appendInt(b, `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="`, i+2, `" name="`)
		b = appendInt(b, `Chart `, i+2, `"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`)
		b = append(b, `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`...)
		b = appendInt(b, `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="`+nsRel+`" r:id="rId`, i+1, `"/>`)
		b = append(b, `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`...)
	}
	return append(b, `</xdr:wsDr>`...)
}

// The pieces of a chart's XML that do not vary.
const (
	bodyPr    = `<a:bodyPr rot="0" spcFirstLastPara="0" anchorCtr="0"/>`
	fontRefs  = `<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>`
	axisLine  = `<c:spPr><a:ln w="9525" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="tx1"><a:lumMod val="15000"/><a:lumOff val="85000"/></a:schemeClr></a:solidFill></a:ln></c:spPr>`
	noLabels  = `<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>`
	catAxisID = 100000000
	valAxisID = 100000001
)

func (c *chart) appendChart(b []byte) []byte {
	b = append(b, xmlHeader+`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="`+nsRel+`"><c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/><c:chart>`...)
	if c.c.Title != "" {
		b = append(b, `<c:title><c:tx><c:rich>`+bodyPr+`<a:p><a:pPr><a:defRPr b="0" i="0" kern="0" spc="0" baseline="0">`+fontRefs+`</a:defRPr></a:pPr><a:r><a:rPr sz="1400" b="0" i="0" kern="0" spc="0" baseline="0"><a:solidFill><a:srgbClr val="595959"/></a:solidFill></a:rPr><a:t>`...)
		b = appendText(b, c.c.Title)
		b = append(b, `</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`...)
	}
	b = append(b, `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="1"/>`...)
	for i, s := range c.c.Series {
		b = appendInt(b, `<c:ser><c:idx val="`, i, `"/>`)
		b = appendInt(b, `<c:order val="`, i, `"/><c:tx><c:strRef><c:f>`)
		b = appendText(b, s.Name)
		b = append(b, `</c:f></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="`...)
		b = appendAttr(b, s.Color)
		b = append(b, `"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>`...)
		b = appendText(b, s.Categories)
		b = append(b, `</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>`...)
		b = appendText(b, s.Values)
		b = append(b, `</c:f></c:numRef></c:val></c:ser>`...)
	}
	b = append(b, `<c:dLbls>`+noLabels+`</c:dLbls><c:gapWidth val="150"/>`...)
	b = appendInt(b, `<c:axId val="`, catAxisID, `"/>`)
	b = appendInt(b, `<c:axId val="`, valAxisID, `"/></c:barChart>`)
	orient := "minMax"
	if c.c.ReverseCategories {
		orient = "maxMin"
	}
	// The axes' positions are what soa's charts have always said (t and
	// l; excelize wrote them): programs place a bar chart's axes by its
	// direction.
	b = appendInt(b, `<c:catAx><c:axId val="`, catAxisID, `"/><c:scaling><c:orientation val="`+orient+`"/></c:scaling><c:delete val="0"/><c:axPos val="t"/>`)
	b = append(b, `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`+axisLine...)
	b = c.axisText(b)
	b = appendInt(b, `<c:crossAx val="`, valAxisID, `"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	b = appendInt(b, `<c:valAx><c:axId val="`, valAxisID, `"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>`)
	if c.c.Gridlines {
		b = append(b, `<c:majorGridlines>`+axisLine+`</c:majorGridlines>`...)
	}
	b = append(b, `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`+axisLine...)
	b = c.axisText(b)
	b = appendInt(b, `<c:crossAx val="`, catAxisID, `"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>`)
	if c.c.Legend != "" {
		b = append(b, `<c:legend><c:legendPos val="`...)
		b = appendAttr(b, c.c.Legend)
		b = append(b, `"/><c:overlay val="0"/></c:legend>`...)
	}
	return append(b, `<c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`...)
}

// axisText is an axis's labels: 9 points, in the chart's axis colour.
func (c *chart) axisText(b []byte) []byte {
	b = append(b, `<c:txPr><a:bodyPr rot="-60000000" spcFirstLastPara="1" vertOverflow="ellipsis" vert="horz" wrap="square" anchor="ctr" anchorCtr="1"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0" i="0" u="none" strike="noStrike" kern="1200" baseline="0">`...)
	if c.c.AxisColor != "" {
		b = append(b, `<a:solidFill><a:srgbClr val="`...)
		b = appendAttr(b, c.c.AxisColor)
		b = append(b, `"/></a:solidFill>`...)
	}
	return append(b, fontRefs+`</a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`...)
}
