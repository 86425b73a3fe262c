// Package lazy holds values made on first use that cost nothing at program
// start. A package-level sync.OnceValue is a call that runs in every
// process, whatever its command, and allocates its state; a Value is
// declared as a composite literal, which the linker lays out (a call, even
// to a constructor that only stores its argument, is run at start-up for a
// generic type), so that a table only the importer or the web page uses is
// made when they use it, and never otherwise (issue 17).
//
//	var table = lazy.Value[map[string]int]{Make: buildTable}
package lazy

import "sync"

// Value is a value made by Make the first time it is asked for. It is safe
// for concurrent use and must not be copied after first use. The functions
// soa gives make tables from data of the program's own and do not panic;
// should one panic, the panic reaches the first caller and later ones get
// the zero value.
type Value[T any] struct {
	Make func() T
	once sync.Once
	v    T
}

// Get returns the value, making it the first time.
func (v *Value[T]) Get() T {
	v.once.Do(func() { v.v = v.Make() })
	return v.v
}
