package xlsx

import "strconv"

// A Style is how a cell looks. The zero Style is the default: the
// workbook's font, no fill, no border, the General number format.
// Colours are RRGGBB hex, "" for none (or, for a font, the default).
type Style struct {
	Font   Font
	Fill   string // a solid fill
	Border string // a thin border of this colour on all four sides
	// NumFmt is a built-in number format (1 is "0", 14 a short date);
	// Format, when set, is a custom format code ("yyyy-mm-dd", "0.0%")
	// and takes precedence.
	NumFmt int
	Format string
	Align  Alignment
}

// A Font is a typeface, its size in points (0: 11), weight, slant and
// colour. A zero Name is the workbook's default font.
type Font struct {
	Name         string
	Size         float64
	Bold, Italic bool
	Color        string
}

// Alignment places text in its cell. Horizontal is "", "left", "center" or
// "right"; Vertical "", "top", "center" or "bottom" ("" is bottom).
// Rotation is in degrees counter-clockwise (0 to 180), or 255 for text
// stacked one character under another.
type Alignment struct {
	Horizontal, Vertical string
	Wrap                 bool
	Rotation             int
}

// StyleID names a style added to a workbook; 0 is the default style.
type StyleID int32

// HighlightID names a highlight (the look a conditional format gives).
type HighlightID int32

// A Highlight is what a conditional format changes: the font's colour and
// the fill.
type Highlight struct {
	Color string // the font's
	Fill  string
}

// AddStyle returns the id of st, adding it to the workbook's styles the
// first time it is seen: the same style always has the same id, and
// styles added in the same order get the same ids.
func (wb *Workbook) AddStyle(st Style) StyleID { return wb.styles.add(st) }

// AddHighlight returns the id of a highlight for conditional formats.
func (wb *Workbook) AddHighlight(h Highlight) HighlightID {
	wb.styles.dxfs = append(wb.styles.dxfs, h)
	return HighlightID(len(wb.styles.dxfs) - 1)
}

// xf is a style as styles.xml lists it: indexes into the tables.
type xf struct {
	numFmt, font, fill, border int
	align                      Alignment
}

// styleTable holds each distinct font, fill, border, number format and
// style once, in the order first seen.
type styleTable struct {
	ids     map[Style]StyleID
	xfs     []xf
	fonts   []Font
	fontIDs map[Font]int
	fills   []string // 0 and 1 are the reserved none and gray125
	fillIDs map[string]int
	borders []string // 0 is none
	bordIDs map[string]int
	formats []string // custom formats, ids 164 and up
	fmtIDs  map[string]int
	dxfs    []Highlight
}

func (t *styleTable) init(def Font) {
	t.ids = map[Style]StyleID{{}: 0}
	t.fonts, t.fontIDs = []Font{def}, map[Font]int{}
	t.fills, t.fillIDs = []string{"", ""}, map[string]int{}
	t.borders, t.bordIDs = []string{""}, map[string]int{}
	t.fmtIDs = map[string]int{}
	t.xfs = []xf{{}}
}

func (t *styleTable) add(st Style) StyleID {
	if id, ok := t.ids[st]; ok {
		return id
	}
	x := xf{numFmt: st.NumFmt, align: st.Align}
	if st.Format != "" {
		id, ok := t.fmtIDs[st.Format]
		if !ok {
			id = 164 + len(t.formats)
			t.formats = append(t.formats, st.Format)
			t.fmtIDs[st.Format] = id
		}
		x.numFmt = id
	}
	if st.Font != (Font{}) {
		f := st.Font
		if f.Name == "" {
			f.Name = t.fonts[0].Name
		}
		if f.Size == 0 {
			f.Size = 11
		}
		id, ok := t.fontIDs[f]
		if !ok {
			id = len(t.fonts)
			t.fonts = append(t.fonts, f)
			t.fontIDs[f] = id
		}
		x.font = id
	}
	if st.Fill != "" {
		id, ok := t.fillIDs[st.Fill]
		if !ok {
			id = len(t.fills)
			t.fills = append(t.fills, st.Fill)
			t.fillIDs[st.Fill] = id
		}
		x.fill = id
	}
	if st.Border != "" {
		id, ok := t.bordIDs[st.Border]
		if !ok {
			id = len(t.borders)
			t.borders = append(t.borders, st.Border)
			t.bordIDs[st.Border] = id
		}
		x.border = id
	}
	id := StyleID(len(t.xfs))
	t.xfs = append(t.xfs, x)
	t.ids[st] = id
	return id
}

func appendRGB(b []byte, name, color string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, ` rgb="FF`...)
	b = appendAttr(b, color)
	return append(b, `"/>`...)
}

func appendFont(b []byte, f Font, def bool) []byte {
	b = append(b, "<font>"...)
	if f.Bold {
		b = append(b, `<b/>`...)
	}
	if f.Italic {
		b = append(b, `<i/>`...)
	}
	b = append(b, `<sz val="`...)
	b = strconv.AppendFloat(b, f.Size, 'f', -1, 64)
	b = append(b, `"/>`...)
	switch {
	case def:
		b = append(b, `<color theme="1"/>`...)
	case f.Color != "":
		b = appendRGB(b, "color", f.Color)
	}
	b = append(b, `<name val="`...)
	b = appendAttr(b, f.Name)
	b = append(b, `"/><family val="2"/></font>`...)
	return b
}

// appendStyles writes xl/styles.xml.
func (t *styleTable) appendStyles(b []byte) []byte {
	b = append(b, xmlHeader+`<styleSheet xmlns="`+nsMain+`">`...)
	if len(t.formats) > 0 {
		b = append(b, `<numFmts count="`...)
		b = strconv.AppendInt(b, int64(len(t.formats)), 10)
		b = append(b, `">`...)
		for i, f := range t.formats {
			b = append(b, `<numFmt numFmtId="`...)
			b = strconv.AppendInt(b, int64(164+i), 10)
			b = append(b, `" formatCode="`...)
			b = appendAttr(b, f)
			b = append(b, `"/>`...)
		}
		b = append(b, `</numFmts>`...)
	}
	b = append(b, `<fonts count="`...)
	b = strconv.AppendInt(b, int64(len(t.fonts)), 10)
	b = append(b, `">`...)
	for i, f := range t.fonts {
		b = appendFont(b, f, i == 0)
	}
	b = append(b, `</fonts><fills count="`...)
	b = strconv.AppendInt(b, int64(len(t.fills)), 10)
	b = append(b, `"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`...)
	for _, c := range t.fills[2:] {
		b = append(b, `<fill><patternFill patternType="solid">`...)
		b = appendRGB(b, "fgColor", c)
		b = append(b, `<bgColor indexed="64"/></patternFill></fill>`...)
	}
	b = append(b, `</fills><borders count="`...)
	b = strconv.AppendInt(b, int64(len(t.borders)), 10)
	b = append(b, `"><border><left/><right/><top/><bottom/><diagonal/></border>`...)
	for _, c := range t.borders[1:] {
		b = append(b, `<border>`...)
		for _, side := range []string{"left", "right", "top", "bottom"} {
			b = append(b, '<')
			b = append(b, side...)
			b = append(b, ` style="thin">`...)
			b = appendRGB(b, "color", c)
			b = append(b, "</"...)
			b = append(b, side...)
			b = append(b, '>')
		}
		b = append(b, `<diagonal/></border>`...)
	}
	b = append(b, `</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="`...)
	b = strconv.AppendInt(b, int64(len(t.xfs)), 10)
	b = append(b, `">`...)
	for _, x := range t.xfs {
		b = append(b, `<xf numFmtId="`...)
		b = strconv.AppendInt(b, int64(x.numFmt), 10)
		b = append(b, `" fontId="`...)
		b = strconv.AppendInt(b, int64(x.font), 10)
		b = append(b, `" fillId="`...)
		b = strconv.AppendInt(b, int64(x.fill), 10)
		b = append(b, `" borderId="`...)
		b = strconv.AppendInt(b, int64(x.border), 10)
		b = append(b, `" xfId="0"`...)
		if x.numFmt != 0 {
			b = append(b, ` applyNumberFormat="1"`...)
		}
		if x.font != 0 {
			b = append(b, ` applyFont="1"`...)
		}
		if x.fill != 0 {
			b = append(b, ` applyFill="1"`...)
		}
		if x.border != 0 {
			b = append(b, ` applyBorder="1"`...)
		}
		if x.align == (Alignment{}) {
			b = append(b, `/>`...)
			continue
		}
		b = append(b, ` applyAlignment="1"><alignment`...)
		if a := x.align; a.Horizontal != "" {
			b = append(b, ` horizontal="`...)
			b = appendAttr(b, a.Horizontal)
			b = append(b, '"')
		}
		if a := x.align; a.Vertical != "" {
			b = append(b, ` vertical="`...)
			b = appendAttr(b, a.Vertical)
			b = append(b, '"')
		}
		if x.align.Rotation != 0 {
			b = append(b, ` textRotation="`...)
			b = strconv.AppendInt(b, int64(x.align.Rotation), 10)
			b = append(b, '"')
		}
		if x.align.Wrap {
			b = append(b, ` wrapText="1"`...)
		}
		b = append(b, `/></xf>`...)
	}
	b = append(b, `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="`...)
	b = strconv.AppendInt(b, int64(len(t.dxfs)), 10)
	b = append(b, `">`...)
	for _, d := range t.dxfs {
		b = append(b, `<dxf>`...)
		if d.Color != "" {
			b = append(b, `<font>`...)
			b = appendRGB(b, "color", d.Color)
			b = append(b, `</font>`...)
		}
		if d.Fill != "" {
			b = append(b, `<fill><patternFill patternType="solid">`...)
			b = appendRGB(b, "bgColor", d.Fill)
			b = append(b, `</patternFill></fill>`...)
		}
		b = append(b, `</dxf>`...)
	}
	return append(b, `</dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`...)
}
