package xlsx

import "testing"

func TestColumnNames(t *testing.T) {
	for _, c := range []struct {
		n    int
		name string
	}{{1, "A"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}, {0, ""}, {16385, ""}} {
		if got := ColumnName(c.n); got != c.name {
			t.Errorf("ColumnName(%d) = %q, want %q", c.n, got, c.name)
		}
		if c.name == "" {
			continue
		}
		if got, err := ColumnNumber(c.name); err != nil || got != c.n {
			t.Errorf("ColumnNumber(%q) = %d, %v; want %d", c.name, got, err, c.n)
		}
	}
	for _, bad := range []string{"", "A1", "XFE", "AAAA", "-"} {
		if _, err := ColumnNumber(bad); err == nil {
			t.Errorf("ColumnNumber(%q) gave no error", bad)
		}
	}
}

func TestCellReferences(t *testing.T) {
	for _, c := range []struct {
		ref      string
		col, row int
	}{{"A1", 1, 1}, {"b7", 2, 7}, {"$C$10", 3, 10}, {"XFD1048576", 16384, 1048576}, {"AA$3", 27, 3}} {
		col, row, err := CellCoordinates(c.ref)
		if err != nil || col != c.col || row != c.row {
			t.Errorf("CellCoordinates(%q) = %d, %d, %v; want %d, %d", c.ref, col, row, err, c.col, c.row)
		}
	}
	for _, bad := range []string{"", "A", "1", "A0", "A1048577", "XFE1", "A+1", "A-1", "A1B", "$", "A$"} {
		if _, _, err := CellCoordinates(bad); err == nil {
			t.Errorf("CellCoordinates(%q) gave no error", bad)
		}
	}
	if got := CellName(28, 5); got != "AB5" {
		t.Errorf("CellName(28, 5) = %q", got)
	}
	if got := CellName(1, 0); got != "" {
		t.Errorf("CellName(1, 0) = %q, want empty", got)
	}
}
