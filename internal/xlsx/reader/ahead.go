package reader

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// ahead holds the sheets Prefetch decodes ahead of Sheet.
type ahead struct {
	mu    sync.Mutex
	slots map[string]*slot // by sheet name, until Sheet takes it
	stop  atomic.Bool
}

// slot is one sheet decoded ahead: done is closed once sh and used are set.
type slot struct {
	done chan struct{}
	sh   *Sheet // nil when decoding it failed (or panicked)
	used budget // what decoding it took of the limits
}

// Prefetch starts decoding the sheets called names, in that order, on
// another goroutine, for a caller that will ask Sheet for each of them in
// that order: Sheet then waits for a sheet rather than decoding it, and
// the caller works on one sheet while the next is decoded.
//
// What Sheet returns is the same as without Prefetch. A sheet is decoded
// ahead within the whole of the limits and kept only when it decoded
// without error and what it took still fits in what the limits leave when
// Sheet asks for it (the cells a sheet takes only add up, so it would not
// have run out on the way); otherwise Sheet decodes it again itself, which
// says the same error at the same place. Names that are no sheet, or
// repeated, are left to Sheet.
//
// Prefetch is called at most once, before the first Sheet; StopPrefetch
// ends it.
func (w *Workbook) Prefetch(names []string) {
	a := &w.ahead
	a.slots = map[string]*slot{}
	var infos []*SheetInfo
	var slots []*slot
	for _, name := range names {
		info := w.info(name)
		if _, dup := a.slots[name]; dup || info == nil || info.part == "" {
			continue
		}
		s := &slot{done: make(chan struct{})}
		a.slots[name] = s
		infos, slots = append(infos, info), append(slots, s)
	}
	if len(slots) == 0 {
		return
	}
	// Each worker takes the next sheet not yet taken; with as many workers
	// as cores, the caller's core decodes while the caller waits.
	var next atomic.Int32
	for range min(max(runtime.GOMAXPROCS(0), 1), maxAhead, len(slots)) {
		go func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(slots) {
					return
				}
				s := slots[k]
				if !a.stop.Load() {
					s.sh, s.used = w.decodeAhead(infos[k])
				}
				close(s.done)
			}
		}()
	}
}

// maxAhead is how many goroutines Prefetch decodes with at most.
const maxAhead = 2

// StopPrefetch stops decoding sheets ahead: the ones not yet started are
// left to Sheet.
func (w *Workbook) StopPrefetch() { w.ahead.stop.Store(true) }

// decodeAhead decodes info within the whole of the limits, and says what
// it took of them. A failure, even a panic on a damaged part, is left to
// Sheet to meet again.
func (w *Workbook) decodeAhead(info *SheetInfo) (sh *Sheet, used budget) {
	defer func() {
		if recover() != nil {
			sh = nil
		}
	}()
	left := budget{bytes: w.lim.MaxUnzipped, cells: w.lim.MaxCells}
	sh, err := w.decodeSheet(info, &left)
	if err != nil {
		return nil, budget{}
	}
	return sh, budget{bytes: w.lim.MaxUnzipped - left.bytes, cells: w.lim.MaxCells - left.cells}
}

// take returns the sheet name decoded ahead, waiting for it, when it fits
// in what w's limits leave, and counts it against them.
func (a *ahead) take(w *Workbook, name string) (*Sheet, bool) {
	a.mu.Lock()
	s := a.slots[name]
	delete(a.slots, name)
	a.mu.Unlock()
	if s == nil {
		return nil, false
	}
	<-s.done
	if s.sh == nil || s.used.bytes > w.left.bytes || s.used.cells > w.left.cells {
		return nil, false
	}
	w.left.bytes -= s.used.bytes
	w.left.cells -= s.used.cells
	return s.sh, true
}

// info returns the sheet called name as the workbook lists it, nil for none.
func (w *Workbook) info(name string) *SheetInfo {
	for i := range w.Sheets {
		if w.Sheets[i].Name == name {
			return &w.Sheets[i]
		}
	}
	return nil
}
