package workbooktest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"strings"
)

// xlsxPackage is the zip of a workbook as parts: what excelize does not
// report (the content type of every part, and the charts) is read from it
// directly.
type xlsxPackage struct {
	names     []string // sorted
	parts     map[string][]byte
	defaults  map[string]string // extension → content type
	overrides map[string]string // part name → content type
}

func readPackage(data []byte) (*xlsxPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	pk := &xlsxPackage{parts: map[string][]byte{}, defaults: map[string]string{}, overrides: map[string]string{}}
	for _, zf := range zr.File {
		body, err := readPart(zr, zf.Name)
		if err != nil {
			return nil, err
		}
		pk.names = append(pk.names, zf.Name)
		pk.parts[zf.Name] = body
	}
	slices.Sort(pk.names)
	var types struct {
		Defaults []struct {
			Extension   string `xml:"Extension,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(pk.parts["[Content_Types].xml"], &types); err != nil {
		return nil, fmt.Errorf("[Content_Types].xml: %w", err)
	}
	for _, d := range types.Defaults {
		pk.defaults[strings.ToLower(d.Extension)] = d.ContentType
	}
	for _, o := range types.Overrides {
		pk.overrides[strings.TrimPrefix(o.PartName, "/")] = o.ContentType
	}
	return pk, nil
}

// contentType is the content type a reader gives the part name: its
// override, else the default for its extension, else "(none)".
func (pk *xlsxPackage) contentType(name string) string {
	if t, ok := pk.overrides[name]; ok {
		return t
	}
	if t, ok := pk.defaults[strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))]; ok {
		return t
	}
	return "(none)"
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// rels returns the relationships of part name, with targets resolved to
// part names.
func (pk *xlsxPackage) rels(name string) ([]relationship, error) {
	dir, file := path.Split(name)
	body, ok := pk.parts[dir+"_rels/"+file+".rels"]
	if !ok {
		return nil, nil
	}
	var rs struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(body, &rs); err != nil {
		return nil, fmt.Errorf("relationships of %s: %w", name, err)
	}
	for i, r := range rs.Rels {
		if strings.HasPrefix(r.Target, "/") {
			rs.Rels[i].Target = strings.TrimPrefix(r.Target, "/")
		} else {
			rs.Rels[i].Target = path.Join(dir, r.Target)
		}
	}
	return rs.Rels, nil
}

func (pk *xlsxPackage) target(name, id string) (string, error) {
	rs, err := pk.rels(name)
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		if r.ID == id {
			return r.Target, nil
		}
	}
	return "", fmt.Errorf("%s: no relationship %s", name, id)
}

// sheetPart is the worksheet part of the sheet called name.
func (pk *xlsxPackage) sheetPart(name string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(pk.parts["xl/workbook.xml"], &wb); err != nil {
		return "", fmt.Errorf("xl/workbook.xml: %w", err)
	}
	for _, s := range wb.Sheets {
		if s.Name == name {
			return pk.target("xl/workbook.xml", s.ID)
		}
	}
	return "", fmt.Errorf("no sheet %q in xl/workbook.xml", name)
}

// The parts of a chart a reader sees: where it is anchored, its kind, its
// title and legend, each series' references and colour, and the axes.
type (
	anchor struct {
		From cellPos `xml:"from"`
		To   cellPos `xml:"to"`
		Rel  struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"graphicFrame>graphic>graphicData>chart"`
	}
	cellPos struct {
		Col    int   `xml:"col"`
		ColOff int64 `xml:"colOff"`
		Row    int   `xml:"row"`
		RowOff int64 `xml:"rowOff"`
	}
	val struct {
		Val string `xml:"val,attr"`
	}
	richTitle struct {
		Runs []string `xml:"tx>rich>p>r>t"`
	}
	series struct {
		Name   string `xml:"tx>strRef>f"`
		Cat    string `xml:"cat>strRef>f"`
		Values string `xml:"val>numRef>f"`
		Color  val    `xml:"spPr>solidFill>srgbClr"`
	}
	axis struct {
		Orientation val       `xml:"scaling>orientation"`
		Delete      val       `xml:"delete"`
		Pos         val       `xml:"axPos"`
		Grid        *struct{} `xml:"majorGridlines"`
		Color       val       `xml:"txPr>p>pPr>defRPr>solidFill>srgbClr"`
	}
	chartSpace struct {
		Title *richTitle `xml:"chart>title"`
		Bar   *struct {
			Dir      val      `xml:"barDir"`
			Grouping val      `xml:"grouping"`
			Series   []series `xml:"ser"`
		} `xml:"chart>plotArea>barChart"`
		CatAx  axis `xml:"chart>plotArea>catAx"`
		ValAx  axis `xml:"chart>plotArea>valAx"`
		Legend val  `xml:"chart>legend>legendPos"`
	}
)

// dumpCharts lists the charts drawn on sheet.
func (pk *xlsxPackage) dumpCharts(b *strings.Builder, sheet string) error {
	part, err := pk.sheetPart(sheet)
	if err != nil {
		return err
	}
	rels, err := pk.rels(part)
	if err != nil {
		return err
	}
	for _, r := range rels {
		if !strings.HasSuffix(r.Type, "/drawing") {
			continue
		}
		var dr struct {
			Anchors []anchor `xml:"twoCellAnchor"`
		}
		if err := xml.Unmarshal(pk.parts[r.Target], &dr); err != nil {
			return fmt.Errorf("%s: %w", r.Target, err)
		}
		for _, a := range dr.Anchors {
			chart, err := pk.target(r.Target, a.Rel.ID)
			if err != nil {
				return err
			}
			var cs chartSpace
			if err := xml.Unmarshal(pk.parts[chart], &cs); err != nil {
				return fmt.Errorf("%s: %w", chart, err)
			}
			fmt.Fprintf(b, "chart: %s from col %d+%d row %d+%d to col %d+%d row %d+%d", chart,
				a.From.Col, a.From.ColOff, a.From.Row, a.From.RowOff, a.To.Col, a.To.ColOff, a.To.Row, a.To.RowOff)
			if cs.Title != nil {
				fmt.Fprintf(b, " title=%q", strings.Join(cs.Title.Runs, ""))
			}
			fmt.Fprintf(b, " legend=%s\n", cs.Legend.Val)
			if cs.Bar == nil {
				b.WriteString("chart: not a bar chart\n")
				continue
			}
			fmt.Fprintf(b, "chart: bar dir=%s grouping=%s\n", cs.Bar.Dir.Val, cs.Bar.Grouping.Val)
			for _, s := range cs.Bar.Series {
				fmt.Fprintf(b, "series: name=%s categories=%s values=%s color=%s\n", s.Name, s.Cat, s.Values, s.Color.Val)
			}
			for _, ax := range []struct {
				name string
				a    axis
			}{{"category", cs.CatAx}, {"value", cs.ValAx}} {
				fmt.Fprintf(b, "axis: %s pos=%s orientation=%s deleted=%s gridlines=%v color=%s\n", ax.name,
					ax.a.Pos.Val, ax.a.Orientation.Val, ax.a.Delete.Val, ax.a.Grid != nil, ax.a.Color.Val)
			}
		}
	}
	return nil
}
