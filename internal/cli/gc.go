package cli

import (
	"os"
	"runtime/debug"
)

// GC settings for a short-lived process. One soa command allocates a few
// megabytes (a workbook about 7 MB, an import about 11 MB) and exits; at Go's
// default GOGC=100 the collector runs four to seven times on a 4–6 MB heap
// for memory that is freed at exit anyway. With gcPercent the first
// collection waits until the heap reaches 16 MB, so a single workbook,
// report or import runs without one; a batch, whose live heap stays small
// and flat, collects every few workbooks. memoryLimit bounds the heap of
// large inputs: nearing it, the collector runs as often as it must.
// GOGC and GOMEMLIMIT, when set, win over both.
const (
	gcPercent   = 400
	memoryLimit = 256 << 20
)

// tuneGC applies the settings above to this process.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
