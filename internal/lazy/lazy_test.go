package lazy

import (
	"sync"
	"sync/atomic"
	"testing"
)

// counted is made once however many goroutines ask for it at once.
var calls atomic.Int32
var counted = Value[[]int]{Make: func() []int { calls.Add(1); return []int{1, 2, 3} }}

func TestValueMadeOnce(t *testing.T) {
	if calls.Load() != 0 {
		t.Fatal("made before it was asked for")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := counted.Get(); len(got) != 3 || got[2] != 3 {
				t.Errorf("Get = %v", got)
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("made %d times", n)
	}
}
