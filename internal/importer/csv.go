package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// A CSV file is read into a sheet of text cells, named after the file,
// and then read as a workbook's sheet: the same header, id and value rules.

// IsCSV reports whether a file called name is CSV rather than a
// workbook, by its name (.csv, .tsv, .txt).
func IsCSV(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".csv" || ext == ".tsv" || ext == ".txt"
}

// decodeText decodes CSV bytes: UTF-8 with or without a BOM, UTF-16 with
// a BOM, or else Shift_JIS (CP932, what Japanese Excel writes).
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), "UTF-8", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		return string(out), "UTF-16", err
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	}
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return "", "", fmt.Errorf("the file is not text in UTF-8, UTF-16 or Shift_JIS")
	}
	return string(out), "Shift_JIS", nil
}

// sniffSeparator picks the separator among , ; and tab that splits the
// first lines into the most columns, the same number in each.
func sniffSeparator(text string) rune {
	lines := strings.SplitN(text, "\n", 21)
	if len(lines) > 20 {
		lines = lines[:20]
	}
	best, score := ',', -1
	for _, sep := range []rune{',', ';', '\t'} {
		n := 0
		for _, l := range lines {
			n += strings.Count(l, string(sep))
		}
		if n > score {
			best, score = sep, n
		}
	}
	return best
}

// csvSheet reads CSV data into a sheet of text cells, named after the
// file: its first MaxRows records and MaxColumns fields. A cell holds what
// an .xlsx cell can: characters XML cannot hold read as U+FFFD, and text
// is cut at Excel's 32,767 characters.
func csvSheet(name string, data []byte) (*xreader.Sheet, error) {
	text, _, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	rd := csv.NewReader(strings.NewReader(text))
	rd.Comma = sniffSeparator(text)
	rd.FieldsPerRecord = -1
	rd.LazyQuotes = true
	rd.ReuseRecord = true
	sheet := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if sheet = sanitizeSheet(sheet); sheet == "" {
		sheet = "CSV"
	}
	sh := &xreader.Sheet{Name: sheet}
	for row := 1; row <= MaxRows; row++ {
		rec, err := rd.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("line %d: %w", row, err)
		}
		cells := make([]xreader.Cell, min(len(rec), MaxColumns))
		for c := range cells {
			cells[c] = xreader.Cell{V: cellText(rec[c]), T: xreader.TypeInline}
		}
		sh.Rows = append(sh.Rows, xreader.Row{Cells: cells})
	}
	return sh, nil
}

// maxCellChars is the most UTF-16 code units an Excel cell holds.
const maxCellChars = 32767

// cellText is s as a workbook's cell holds it.
func cellText(s string) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > maxCellChars {
			s = s[:i]
			break
		}
	}
	if strings.ContainsFunc(s, func(r rune) bool { return !xmlChar(r) }) {
		s = strings.Map(func(r rune) rune {
			if !xmlChar(r) {
				return utf8.RuneError
			}
			return r
		}, s)
	}
	return s
}

// xmlChar reports whether XML 1.0 can hold r.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// sanitizeSheet makes a sheet name of a file's name: at most 31
// characters, none of : \ / ? * [ ].
func sanitizeSheet(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return strings.Trim(s, "'")
}
