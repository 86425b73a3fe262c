// Package fuzzing holds what the fuzz targets' test binaries share. It is
// imported by tests only.
package fuzzing

import (
	"flag"
	"os"
	"testing"
)

// Main runs a package's tests (call it from TestMain) with the fuzzer's
// minimization of each new input cut from 60 s to 2 s unless
// -fuzzminimizetime is given: a short run (go test -fuzz X -fuzztime 10s)
// otherwise spends its time minimizing one input instead of fuzzing, which
// made the targets look as if they hardly ran. (.ci/run's smoke runs pass
// 0x: with seeds of real workbooks even 2 s per input is most of 3 s.)
func Main(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		_ = flag.Set("test.fuzzminimizetime", "2s")
	}
	os.Exit(m.Run())
}
