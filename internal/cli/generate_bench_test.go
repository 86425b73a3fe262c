package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkGenerateBatch writes N workbooks through `soa generate DIR -o
// OUT`. Time per organization stays flat as N grows (linear total), and the
// peak heap, sampled while the batch runs, stays flat too: each workbook is
// built, written and released in turn.
func BenchmarkGenerateBatch(b *testing.B) {
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{50, 100, 200} {
		b.Run(fmt.Sprintf("orgs=%d", n), func(b *testing.B) {
			in := b.TempDir()
			for i := range n {
				org := strings.Replace(string(src), "name: Nimbus Ledger Ltd", fmt.Sprintf("name: Org %03d", i), 1)
				if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("org%03d.yaml", i)), []byte(org), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			var peak atomic.Uint64
			for b.Loop() {
				out := b.TempDir()
				stop := samplePeakHeap(&peak)
				var stderr bytes.Buffer
				code := run([]string{"generate", in, "-o", out}, nil, &bytes.Buffer{}, &stderr)
				stop()
				if code != 0 {
					b.Fatalf("exit %d: %s", code, stderr.String())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/org")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		})
	}
}

// samplePeakHeap records the largest live heap (as marked by the last
// garbage collection) seen until stop is called.
func samplePeakHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	runtime.GC()
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
