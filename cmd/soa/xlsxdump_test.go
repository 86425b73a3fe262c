package main

import (
	"os"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/soa-tool/soa/internal/workbook/workbooktest"
)

// cmdXLSXDump prints a workbook as the stable text of workbooktest.Dump,
// so scripts can check sheets and cells with stdout/cmp.
func cmdXLSXDump(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: xlsxdump FILE.xlsx")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	out, err := workbooktest.Dump(f)
	if neg {
		if err == nil {
			ts.Fatalf("xlsxdump succeeded")
		}
		return
	}
	ts.Check(err)
	_, err = ts.Stdout().Write([]byte(out))
	ts.Check(err)
}
