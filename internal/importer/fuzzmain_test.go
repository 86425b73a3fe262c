package importer_test

import (
	"flag"
	"os"
	"testing"
)

// TestMain cuts the fuzzer's minimization of each new input from 60 s to
// 2 s unless -fuzzminimizetime is given: a short run (go test -fuzz X
// -fuzztime 10s) otherwise spends its time minimizing one input instead
// of fuzzing, which made the targets look as if they hardly ran.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		_ = flag.Set("test.fuzzminimizetime", "2s")
	}
	os.Exit(m.Run())
}
