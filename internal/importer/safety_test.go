package importer_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
)

// patchPart returns book with the zip part name passed through fn.
func patchPart(t testing.TB, book []byte, name string, fn func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	patched := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == name {
			b, patched = fn(b), true
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil || !patched {
		t.Fatal(err, patched)
	}
	return buf.Bytes()
}

// withMerges replaces the SoA sheet's merged ranges with n ranges of one
// cell each below the table.
func withMerges(t testing.TB, n int) []byte {
	book := render(t, loadExample(t, "saas-cloud"), i18n.EN)
	return patchPart(t, book, "xl/worksheets/sheet2.xml", func(b []byte) []byte {
		i, j := bytes.Index(b, []byte("<mergeCells")), bytes.Index(b, []byte("</mergeCells>"))
		if i < 0 || j < 0 {
			t.Fatal("no mergeCells in the SoA sheet")
		}
		var m bytes.Buffer
		fmt.Fprintf(&m, `<mergeCells count="%d">`, n)
		for k := range n {
			fmt.Fprintf(&m, `<mergeCell ref="Z%d:AA%d"/>`, 200+k, 200+k)
		}
		m.WriteString("</mergeCells>")
		return append(append(b[:i:i], m.Bytes()...), b[j+len("</mergeCells>"):]...)
	})
}

// TestManyMerges: 200,000 merged ranges (excelize alone took half an hour)
// are refused, with the sheet named, before excelize sees them; a few
// thousand are read. How long each takes is BenchmarkMerges' to say (a
// timed test fails on a loaded machine and proves nothing on a fast one).
func TestManyMerges(t *testing.T) {
	book := withMerges(t, 200_000)
	t.Logf("workbook of %d KB", len(book)>>10)
	_, err := read(t, book)
	if err == nil || !strings.Contains(err.Error(), "book.xlsx:SoA!A1: error: cannot read sheet SoA: it has more than 10000 merged ranges") {
		t.Errorf("err = %v", err)
	}
	res, err := read(t, withMerges(t, 9000))
	if err != nil || res.Rows != 93 {
		t.Fatalf("9,000 merges: %v", err)
	}
}

// BenchmarkMerges reads a workbook with 1,000 and 9,000 merged ranges and
// refuses one with 200,000: time per read grows with the count, not its
// square (measured: see the README's limits).
func BenchmarkMerges(b *testing.B) {
	for _, n := range []int{1000, 9000, 200_000} {
		book := withMerges(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				_, _ = read(b, book)
			}
		})
	}
}

// TestNoTempLeftovers: a failed import of a workbook whose sheet unzips
// big (excelize used to leave a 20 MiB temporary file each time) leaves
// nothing in the temporary folder.
func TestNoTempLeftovers(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	book := render(t, loadExample(t, "saas-cloud"), i18n.EN)
	big := patchPart(t, book, "xl/worksheets/sheet2.xml", func(b []byte) []byte {
		i := bytes.Index(b, []byte("<sheetData>"))
		// 20 MiB of comment: no rows, so the import fails.
		return append(append(b[:i+len("<sheetData>"):i+len("<sheetData>")], []byte("<!--"+strings.Repeat(" ", 20<<20)+"-->")...), b[bytes.Index(b, []byte("</sheetData>")):]...)
	})
	// The same, with a part after the sheet that takes the workbook over
	// the unzipped limit: excelize failed to open it after writing the
	// sheet to a temporary file, and never removed it.
	over := patchPart(t, big, "xl/styles.xml", func(b []byte) []byte {
		return append(b, []byte("<!--"+strings.Repeat(" ", 50<<20)+"-->")...)
	})
	t.Logf("workbooks of %d and %d KB", len(big)>>10, len(over)>>10)
	for _, data := range [][]byte{big, over, book[:len(book)/2]} {
		read(t, data) // fails or not: only the leftovers matter
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			t.Errorf("left in the temporary folder: %s", filepath.Join(tmp, e.Name()))
		}
	}
}

// TestControlCharacterCells: Excel's _x001B_ escape reads back as a real
// ESC, which is reported at its cell instead of being imported.
func TestControlCharacterCells(t *testing.T) {
	book := render(t, loadExample(t, "saas-cloud"), i18n.EN)
	bad := patchPart(t, book, "xl/sharedStrings.xml", func(b []byte) []byte {
		if !bytes.Contains(b, []byte("<t>CISO</t>")) {
			t.Fatal("no CISO in the shared strings")
		}
		return bytes.Replace(b, []byte("<t>CISO</t>"), []byte("<t>CI_x001B_[2JSO</t>"), 1)
	})
	res, err := read(t, bad)
	if err == nil {
		t.Fatalf("imported: %+v", res.File.Controls[0])
	}
	msg := err.Error()
	if !strings.Contains(msg, `book.xlsx:SoA!K`) || !strings.Contains(msg, `error: the cell holds a control character (\x1b; Excel shows it as _x001B_)`) {
		t.Errorf("err = %v", err)
	}
	if strings.ContainsRune(msg, 0x1b) {
		t.Error("the message holds the raw ESC")
	}
}
