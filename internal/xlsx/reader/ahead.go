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
	used  budget // what the sheets decoded ahead took of the limits, under mu
}

// slot is one sheet decoded ahead: done is closed once sh and used are set
// by the worker that took it. The caller's Sheet takes a slot no worker
// has taken, and decodes the sheet itself.
type slot struct {
	taken atomic.Bool
	done  chan struct{}
	sh    *Sheet // nil when decoding it failed (or panicked)
	used  budget // what decoding it took of the limits
}

// Prefetch starts decoding the sheets called names but the first, in that
// order, on other goroutines (maxAhead at most), for a caller that will ask
// Sheet for each of them in that order: the caller decodes the first itself
// (it would only wait for it), and works on each sheet while the next ones
// are decoded. Sheet takes a sheet decoded ahead, waits for one being
// decoded, and decodes itself one no goroutine has started on, so that the
// caller never waits for a sheet while its own core is idle.
//
// What Sheet returns is the same as without Prefetch. A sheet is decoded
// ahead within what the limits leave of the sheets decoded ahead before it
// (see decodeAhead), and kept only when it decoded without error and what
// it took still fits in what the limits leave when Sheet asks for it (the
// cells a sheet takes only add up, so it would not have run out on the
// way); otherwise Sheet decodes it again itself, which says the same error
// at the same place. Names that are no sheet, or repeated, are left to
// Sheet.
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
		if len(a.slots) == 1 {
			// Taken, with no sheet: the caller's Sheet decodes it.
			s.taken.Store(true)
			close(s.done)
			continue
		}
		infos, slots = append(infos, info), append(slots, s)
	}
	if len(slots) == 0 {
		return
	}
	// Each worker takes the next sheet not yet taken, by the caller or
	// another worker: one core fewer than there are, as the caller decodes
	// on its own.
	var next atomic.Int32
	for range min(max(runtime.GOMAXPROCS(0)-1, 1), maxAhead, len(slots)) {
		go func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(slots) {
					return
				}
				s := slots[k]
				if s.taken.CompareAndSwap(false, true) {
					if !a.stop.Load() {
						s.sh, s.used = w.decodeAhead(infos[k])
					}
					close(s.done)
				}
			}
		}()
	}
}

// maxAhead is how many goroutines Prefetch decodes with at most.
const maxAhead = 2

// StopPrefetch stops decoding sheets ahead: the ones not yet started are
// left to Sheet.
func (w *Workbook) StopPrefetch() { w.ahead.stop.Store(true) }

// decodeAhead decodes info within what the limits leave of the sheets
// decoded ahead so far, and says what it took of them. The sheets decoded
// ahead together thus keep within the limits, but for the ones decoding
// at the same time: a workbook of many large sheets costs no more memory
// ahead than Sheet would let it (twice that at most, with two workers).
// A failure, even a panic on a damaged part, is left to Sheet to meet
// again, and ends decoding ahead: Sheet is likely to fail there too.
func (w *Workbook) decodeAhead(info *SheetInfo) (sh *Sheet, used budget) {
	a := &w.ahead
	a.mu.Lock()
	start := budget{bytes: w.lim.MaxUnzipped - a.used.bytes, cells: w.lim.MaxCells - a.used.cells}
	a.mu.Unlock()
	defer func() {
		if recover() != nil {
			sh, used = nil, budget{}
		}
		a.mu.Lock()
		a.used.bytes += used.bytes
		a.used.cells += used.cells
		if sh == nil || a.used.bytes >= w.lim.MaxUnzipped || a.used.cells >= w.lim.MaxCells {
			a.stop.Store(true)
		}
		a.mu.Unlock()
	}()
	if start.bytes <= 0 || start.cells <= 0 {
		return nil, budget{}
	}
	left := start
	sh, err := w.decodeSheet(info, &left)
	if err != nil {
		return nil, budget{}
	}
	return sh, budget{bytes: start.bytes - left.bytes, cells: start.cells - left.cells}
}

// take returns the sheet name decoded ahead, waiting for it, when it fits
// in what w's limits leave, and counts it against them. A sheet no worker
// has started on is taken from them, and left to the caller (false).
func (a *ahead) take(w *Workbook, name string) (*Sheet, bool) {
	a.mu.Lock()
	s := a.slots[name]
	delete(a.slots, name)
	a.mu.Unlock()
	if s == nil || s.taken.CompareAndSwap(false, true) {
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
