package lazyre

import (
	"slices"
	"sync"
	"testing"
)

func TestRegexp(t *testing.T) {
	re := New(`^(\d+)\.(\d+)$`)
	if !re.MatchString("5.10") || re.MatchString("5.10.1") {
		t.Errorf("MatchString: wrong answers")
	}
	if got := re.FindStringSubmatch("8.9"); !slices.Equal(got, []string{"8.9", "8", "9"}) {
		t.Errorf("FindStringSubmatch = %q", got)
	}
	if got := re.FindStringSubmatchIndex("8.9"); !slices.Equal(got, []int{0, 3, 0, 1, 2, 3}) {
		t.Errorf("FindStringSubmatchIndex = %v", got)
	}
	if got := New(`\d`).FindAllStringIndex("a1b2", -1); len(got) != 2 || got[1][0] != 3 {
		t.Errorf("FindAllStringIndex = %v", got)
	}
	first, second := re.Regexp(), re.Regexp()
	if first != second {
		t.Errorf("compiled twice")
	}
}

// TestConcurrent compiles once under concurrent first use (go test -race).
func TestConcurrent(t *testing.T) {
	re := New(`a+`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !re.MatchString("caat") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
}

func TestMalformedPanicsOnUse(t *testing.T) {
	re := New(`(`) // no panic here
	defer func() {
		if recover() == nil {
			t.Error("malformed expression did not panic on use")
		}
	}()
	re.MatchString("x")
}

// TestMalformedPanicsAgain: a use after the first panic panics too, with
// regexp's message, rather than on a nil expression.
func TestMalformedPanicsAgain(t *testing.T) {
	re := New(`(`)
	use := func() (msg any) {
		defer func() { msg = recover() }()
		re.MatchString("x")
		return nil
	}
	first, second := use(), use()
	if first == nil || second == nil || first != second {
		t.Errorf("first use panicked with %v, second with %v", first, second)
	}
}
