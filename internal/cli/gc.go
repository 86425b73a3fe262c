package cli

import (
	"os"
	"runtime/debug"
)

// GC settings for a short-lived process. One soa command allocates a few
// megabytes (a workbook about 7 MB, an import about 11 MB) and exits; at Go's
// default GOGC=100 the collector runs three to five times on a 4–6 MB heap
// for memory that is freed at exit anyway. With gcPercent the first
// collection waits until the heap reaches 16 MB, so a single workbook,
// report or validation runs without one (an import with one), and
// memoryLimit bounds the heap of large inputs: nearing it, the collector
// runs as often as it must.
//
// A batch of workbooks lowers the bound to batchMemoryLimit: at 5× the live
// heap alone, its peak grew with the number of files (52 MiB of RSS at 100
// files, 81 MiB at 1,000); with the bound it stays at about 60 MiB for any
// number, and the batch spends about a fifth less CPU than at Go's default
// (which peaks at about 30 MiB). GOGC and GOMEMLIMIT, when set, win over
// all of this.
const (
	gcPercent        = 400
	memoryLimit      = 256 << 20
	batchMemoryLimit = 64 << 20
)

// tuneGC applies the settings above to this process.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	setMemoryLimit(memoryLimit)
}

// batchGC bounds the heap of a batch of workbooks, see above. In a process
// that did not call tuneGC (tests), it changes nothing.
func batchGC() {
	if debug.SetMemoryLimit(-1) == memoryLimit {
		setMemoryLimit(batchMemoryLimit)
	}
}

func setMemoryLimit(n int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(n)
	}
}
