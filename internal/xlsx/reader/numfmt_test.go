package reader

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// refFormats and refValues are the table Shown is checked on against
// excelize's GetCellValue, the reader the importer used before.
var (
	refFormats = []string{"General", "0", "0.00", "#,##0", "#,##0.00", "0%", "0.00%", "0.0", "#,##0.0", "0.000", "00.00", "000",
		`"v"0.0`, `\v0.0`, "0.0_)", "#,##0 ;(#,##0)", "[Red]0.00", "#,##0,", "@",
		"m.d", "d.m.yy", "yy.m.d", "yyyy-mm-dd", "mm-dd-yy", "m/d/yy", "dd/mm/yyyy", "d-mmm-yy", "mmmm d, yyyy", "ddd dd", "mmmmm",
		"[$-409]d.m.yyyy", `yyyy"年"m"月"d"日"`, "h:mm:ss", "h:mm AM/PM", "yyyy/m/d h:mm", "[h]:mm:ss", "mm:ss.0", "hh:mm"}
	refValues = []string{"0", "1", "2", "3", "5.1", "5.10", "-5.1", "-1", "40179", "38481", "59", "60", "61", "1.5", "0.25",
		"0.05", "0.999", "12.345", "10.123456", "1234567.891", "45000.75", "8.1", "10.1", "0.30000000000000004", "1.0000000000000002"}
)

// knownDifferences are the renderings where Shown follows Excel and
// excelize does not: hours past 2,562,047 (excelize's time.Duration
// overflows) and tenths of a second (excelize truncates them).
var knownDifferences = map[[2]string]string{
	{"[h]:mm:ss", "1234567.891"}: "29629629:23:02", {"id 46", "1234567.891"}: "29629629:23:02",
	{"mm:ss.0", "10.123456"}: "57:46.6", {"id 47", "10.123456"}: "57:46.6",
	{"mm:ss.0", "1234567.891"}: "23:02.4", {"id 47", "1234567.891"}: "23:02.4",
}

// The 1904 date system counts from 1904-01-01: its serial n is the 1900
// system's n+1462 (excelize gets 1904 dates wrong, so the 1904 workbook
// is checked against excelize's rendering of the shifted serial).
const shift1904 = Days1904

func TestShownAgainstExcelize(t *testing.T) {
	shown1900 := map[[2]string]string{}
	for _, date1904 := range []bool{false, true} {
		f := excelize.NewFile()
		if date1904 {
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: ptr(true)}); err != nil {
				t.Fatal(err)
			}
		}
		type cell struct{ format, value, ref string }
		var cells []cell
		row := 1
		for _, fm := range append(refFormats, "") {
			st := 0
			if fm != "" {
				var err error
				if st, err = f.NewStyle(&excelize.Style{CustomNumFmt: &fm}); err != nil {
					t.Fatal(fm, err)
				}
			}
			for c, v := range refValues {
				ref := xlsx.CellName(c+1, row)
				f.SetCellDefault("Sheet1", ref, v)
				f.SetCellStyle("Sheet1", ref, ref, st)
				cells = append(cells, cell{fm, v, ref})
				if !date1904 {
					// the 1904 serial v, as a 1900 one
					ref := xlsx.CellName(c+1, row+1)
					fv, _ := strconv.ParseFloat(v, 64)
					f.SetCellDefault("Sheet1", ref, strconv.FormatFloat(fv+shift1904, 'f', -1, 64))
					f.SetCellStyle("Sheet1", ref, ref, st)
					cells = append(cells, cell{fm, "1904:" + v, ref})
				}
			}
			row += 2
		}
		// The built-in formats by id.
		for _, id := range []int{1, 2, 3, 4, 9, 10, 14, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 49} {
			st, err := f.NewStyle(&excelize.Style{NumFmt: id})
			if err != nil {
				t.Fatal(err)
			}
			for c, v := range refValues {
				ref := xlsx.CellName(c+1, row)
				f.SetCellDefault("Sheet1", ref, v)
				f.SetCellStyle("Sheet1", ref, ref, st)
				cells = append(cells, cell{fmt.Sprint("id ", id), v, ref})
				if !date1904 {
					ref := xlsx.CellName(c+1, row+1)
					fv, _ := strconv.ParseFloat(v, 64)
					f.SetCellDefault("Sheet1", ref, strconv.FormatFloat(fv+shift1904, 'f', -1, 64))
					f.SetCellStyle("Sheet1", ref, ref, st)
					cells = append(cells, cell{fmt.Sprint("id ", id), "1904:" + v, ref})
				}
			}
			row += 2
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		ref, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		wb, err := Open(buf.Bytes(), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if wb.Date1904 != date1904 {
			t.Errorf("Date1904 = %v", wb.Date1904)
		}
		sh, err := wb.Sheet("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cells {
			want, _ := ref.GetCellValue("Sheet1", c.ref)
			if !date1904 {
				shown1900[[2]string{c.format, c.value}] = want
			}
			if strings.HasPrefix(c.value, "1904:") {
				continue
			}
			if date1904 && isDateFormat(c.format) && !strings.HasPrefix(c.value, "-") {
				// A date shows the shifted serial's date.
				want = shown1900[[2]string{c.format, "1904:" + c.value}]
			}
			if date1904 && (strings.HasPrefix(c.format, "[h]") || c.format == "id 46") {
				// Elapsed time counts no epoch (excelize adds 1462 days).
				want = shown1900[[2]string{c.format, c.value}]
			}
			if date1904 && (c.format == "mm:ss.0" || c.format == "id 47") && c.value == "0.999" {
				want = "58:33.6" // 1462.999 days: excelize rounds the tenths away
			}
			col, r, _ := xlsx.CellCoordinates(c.ref)
			got := wb.Shown(sh.Cell(col, r))
			if d, ok := knownDifferences[[2]string{c.format, c.value}]; ok {
				want = d
			}
			if got != want {
				t.Errorf("1904 %v: format %q, value %s: shown %q, excelize %q", date1904, c.format, c.value, got, want)
			}
		}
	}
}

// isDateFormat reports whether a format of the table shows dates.
func isDateFormat(format string) bool {
	if id, ok := strings.CutPrefix(format, "id "); ok {
		n, _ := strconv.Atoi(id)
		return n >= 14 && n <= 22 || n == 45 || n == 47
	}
	if strings.HasPrefix(format, "[h]") {
		return false // elapsed time: hours since the epoch
	}
	if i := strings.Index(format, "]"); i >= 0 {
		format = format[i+1:]
	}
	return strings.ContainsAny(strings.ToLower(format), "ymdhs") && !strings.Contains(format, `"v"`) && !strings.Contains(format, `\v`)
}

func ptr[T any](v T) *T { return &v }
