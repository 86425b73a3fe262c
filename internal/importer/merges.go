package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
)

// MaxMerges is the most merged ranges a sheet may have. An SoA has a few
// hundred at most; the cap keeps a crafted sheet of hundreds of thousands
// from costing minutes.
const MaxMerges = 10_000

// maxMergedCells caps the cells that merged ranges fill in one sheet (see
// readGrid): no more than the grid that is read, however the ranges
// overlap.
const maxMergedCells = MaxRows * MaxColumns

// sheetMerges is what the workbook's XML says of its merged ranges, read
// with a streaming decoder before excelize opens the file: excelize's own
// merged-range handling is quadratic in their number, so the ranges are
// then cut out of the sheets it is given.
type sheetMerges struct {
	refs     map[string][]string // sheet name → ranges ("A1:B3")
	tooMany  map[string]bool     // sheet name → over MaxMerges
	stripped map[string][]byte   // zip part → its XML without <mergeCells>
}

// readMerges reads the merged ranges of every worksheet of the zip in data.
func readMerges(data []byte) (*sheetMerges, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.ReplaceAll(f.Name, "\\", "/")] = f
	}
	names, err := sheetParts(parts)
	if err != nil {
		return nil, err
	}
	m := &sheetMerges{refs: map[string][]string{}, tooMany: map[string]bool{}, stripped: map[string][]byte{}}
	budget := int64(MaxUnzipped)
	for sheet, part := range names {
		f := parts[part]
		if f == nil {
			continue
		}
		src, err := readPart(f, &budget)
		if err != nil {
			return nil, err
		}
		refs, start, end, over := scanMerges(src)
		m.refs[sheet], m.tooMany[sheet] = refs, over
		if start >= 0 {
			m.stripped[part] = append(src[:start:start], src[end:]...)
		}
	}
	return m, nil
}

var errTooLarge = errors.New("the workbook is larger than the limit once unzipped")

// readPart unzips f, counting its bytes against budget.
func readPart(f *zip.File, budget *int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	src, err := io.ReadAll(io.LimitReader(rc, *budget+1))
	if err != nil {
		return nil, err
	}
	if *budget -= int64(len(src)); *budget < 0 {
		return nil, errTooLarge
	}
	return src, nil
}

// sheetParts maps each sheet name to its XML part through xl/workbook.xml
// and its relationships.
func sheetParts(parts map[string]*zip.File) (map[string]string, error) {
	budget := int64(MaxUnzipped)
	wbFile, relFile := parts["xl/workbook.xml"], parts["xl/_rels/workbook.xml.rels"]
	if wbFile == nil || relFile == nil {
		return nil, nil // excelize says what is missing
	}
	wb, err := readPart(wbFile, &budget)
	if err != nil {
		return nil, err
	}
	rels, err := readPart(relFile, &budget)
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			targets[attr(se, "Id")] = attr(se, "Target")
		}
	}
	out := map[string]string{}
	d = xml.NewDecoder(bytes.NewReader(wb))
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" {
			continue
		}
		t := targets[attr(se, "id")]
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		out[attr(se, "name")] = t
	}
	return out, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// scanMerges finds the <mergeCells> element of a worksheet's XML: its
// ranges (at most MaxMerges; over says there were more) and its byte
// offsets, start < 0 when there is none. The decoder streams; it never
// builds the sheet.
func scanMerges(src []byte) (refs []string, start, end int, over bool) {
	// The element follows the sheet's data: find its start tag, <mergeCells
	// or <x:mergeCells (a "<" in text is always escaped).
	from := 0
	for {
		j := bytes.Index(src[from:], []byte("mergeCells"))
		if j < 0 {
			return nil, -1, -1, false
		}
		j += from
		from = j + 1
		i := j - 1
		for i >= 0 && src[i] != '<' && src[i] != ':' && isNameByte(src[i]) {
			i--
		}
		if i >= 0 && src[i] == ':' {
			i--
			for i >= 0 && isNameByte(src[i]) {
				i--
			}
		}
		if i < 0 || src[i] != '<' || (i+1 < len(src) && src[i+1] == '/') {
			continue
		}
		if refs, end, over, ok := decodeMerges(src[i:]); ok {
			return refs, i, i + end, over
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// decodeMerges decodes the <mergeCells> element at the start of src and
// returns its ranges and where it ends.
func decodeMerges(src []byte) (refs []string, end int, over, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(src))
	depth := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil, 0, false, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && t.Name.Local != "mergeCells" {
				return nil, 0, false, false
			}
			if depth == 1 && t.Name.Local == "mergeCell" {
				if len(refs) < MaxMerges {
					refs = append(refs, attr(t, "ref"))
				} else {
					over = true
				}
			}
			depth++
		case xml.EndElement:
			depth--
			if depth == 0 {
				// Only a well-formed element is cut out of the sheet.
				return refs, int(d.InputOffset()), over, t.Name.Local == "mergeCells"
			}
		}
	}
}
