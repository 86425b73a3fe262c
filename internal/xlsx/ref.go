// Package xlsx writes Office Open XML workbooks (.xlsx) and holds what the
// writer and the reader (package xlsx/reader) share: cell references.
//
// soa writes its own parts rather than through a general library so that a
// workbook costs little more than its bytes (see issue 17): no package
// initialisation in commands that never touch a workbook, no reflection,
// and a zip whose entries are always written in the same order.
package xlsx

import (
	"fmt"
	"strconv"
)

// MaxColumns and MaxRows are Excel's sheet limits (XFD, 1,048,576).
const (
	MaxColumns = 16384
	MaxRows    = 1048576
)

// ColumnName returns the letters of the 1-based column col: 1 → A, 27 → AA.
// It returns "" for a column outside 1..MaxColumns.
func ColumnName(col int) string {
	if col < 1 || col > MaxColumns {
		return ""
	}
	var b [3]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// CellName returns the A1 reference of the 1-based col and row, or "" when
// either is outside the sheet.
func CellName(col, row int) string {
	c := ColumnName(col)
	if c == "" || row < 1 || row > MaxRows {
		return ""
	}
	return c + strconv.Itoa(row)
}

// ColumnNumber returns the 1-based number of the column letters name (in
// either case): A → 1, XFD → 16384.
func ColumnNumber(name string) (int, error) {
	if name == "" || len(name) > 3 {
		return 0, fmt.Errorf("%q is not a column name (A to XFD)", name)
	}
	n := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			return 0, fmt.Errorf("%q is not a column name (A to XFD)", name)
		}
		n = n*26 + int(c-'A'+1)
	}
	if n > MaxColumns {
		return 0, fmt.Errorf("%q is not a column name (A to XFD)", name)
	}
	return n, nil
}

// SplitCellName splits an A1 reference into its column letters and row
// number; $ anchors are allowed (A$1, $A1, $A$1).
func SplitCellName(ref string) (string, int, error) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	start := i
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		i++
	}
	col := ref[start:i]
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	if col == "" || err != nil || row < 1 || row > MaxRows || ref[i] == '+' || ref[i] == '-' {
		return "", 0, fmt.Errorf("%q is not a cell reference (such as B7)", ref)
	}
	return col, row, nil
}

// CellCoordinates returns the 1-based column and row of an A1 reference.
func CellCoordinates(ref string) (col, row int, err error) {
	name, row, err := SplitCellName(ref)
	if err != nil {
		return 0, 0, err
	}
	col, err = ColumnNumber(name)
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a cell reference (such as B7): %w", ref, err)
	}
	return col, row, nil
}
