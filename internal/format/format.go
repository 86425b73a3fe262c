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

// Format is one output format: its name and its renderer.
type Format[T any] struct {
	Name   string
	Render Renderer[T]
}

// Set is the formats of one kind of output, in the order help shows them;
// the first is the default. A package declares its set as a composite
// literal, which the linker lays out: a set built at start-up (a map and
// its checks) cost every process, whatever its command, an initialisation
// and fresh memory for each set (issue 17). Check says whether a set is
// well formed; the tests of the command line check every set.
type Set[T any] []Format[T]

// Check reports a set without formats, a format without a name or a
// renderer, or a name given twice.
func (s Set[T]) Check() error {
	if len(s) == 0 {
		return fmt.Errorf("format: a set without formats")
	}
	for i, f := range s {
		if f.Name == "" || f.Render == nil {
			return fmt.Errorf("format: format %d has no name or no renderer", i)
		}
		for _, g := range s[:i] {
			if g.Name == f.Name {
				return fmt.Errorf("format: %s given twice", f.Name)
			}
		}
	}
	return nil
}

// Names lists the formats, the default first.
func (s Set[T]) Names() []string {
	names := make([]string, len(s))
	for i, f := range s {
		names[i] = f.Name
	}
	return names
}

// Default is the format used when none is named.
func (s Set[T]) Default() string { return s[0].Name }

// Usage is the list for a flag's help: "text|json|github".
func (s Set[T]) Usage() string { return strings.Join(s.Names(), "|") }

// Pick returns the renderer called name ("" for the default), or the one
// error every command gives for a format it does not have.
func (s Set[T]) Pick(name string) (Renderer[T], error) {
	if name == "" {
		name = s.Default()
	}
	for _, f := range s {
		if f.Name == name {
			return f.Render, nil
		}
	}
	return nil, &UnknownError{Name: name, Allowed: s.Names()}
}

// Render writes v in the format called name.
func (s Set[T]) Render(w io.Writer, name string, v T) error {
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
