// Package format is how every command offers output formats: one list of
// named renderers per kind of output, the default first, picked once when
// the command starts, with the same message for a name that is not in the
// list.
package format

import (
	"fmt"
	"io"
	"strings"
)

// Renderer writes v in one format.
type Renderer[T any] func(w io.Writer, v T) error

// Set is the formats of one kind of output, in the order help shows them;
// the first is the default.
type Set[T any] struct {
	names []string
	fns   map[string]Renderer[T]
}

// New starts a set with its default format.
func New[T any](name string, r Renderer[T]) *Set[T] {
	return (&Set[T]{fns: map[string]Renderer[T]{}}).Add(name, r)
}

// Add adds a format to s and returns s.
func (s *Set[T]) Add(name string, r Renderer[T]) *Set[T] {
	if _, dup := s.fns[name]; dup {
		panic("format: " + name + " added twice") // a programming error
	}
	s.names = append(s.names, name)
	s.fns[name] = r
	return s
}

// Names lists the formats, the default first.
func (s *Set[T]) Names() []string { return append([]string(nil), s.names...) }

// Default is the format used when none is named.
func (s *Set[T]) Default() string { return s.names[0] }

// Usage is the list for a flag's help: "text|json|github".
func (s *Set[T]) Usage() string { return strings.Join(s.names, "|") }

// Pick returns the renderer called name ("" for the default), or the one
// error every command gives for a format it does not have.
func (s *Set[T]) Pick(name string) (Renderer[T], error) {
	if name == "" {
		name = s.Default()
	}
	if r, ok := s.fns[name]; ok {
		return r, nil
	}
	return nil, &UnknownError{Name: name, Allowed: s.Names()}
}

// Render writes v in the format called name.
func (s *Set[T]) Render(w io.Writer, name string, v T) error {
	r, err := s.Pick(name)
	if err != nil {
		return err
	}
	return r(w, v)
}

// UnknownError is a format name that is not in the list.
type UnknownError struct {
	Name    string
	Allowed []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown format %q (allowed: %s)", e.Name, strings.Join(e.Allowed, ", "))
}
