package format

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func write(s string) Renderer[int] {
	return func(w io.Writer, _ int) error { _, err := io.WriteString(w, s); return err }
}

func TestSet(t *testing.T) {
	s := Set[int]{{"text", write("T")}, {"json", write("J")}}
	if got := s.Usage(); got != "text|json" {
		t.Errorf("Usage = %q", got)
	}
	for _, tt := range []struct{ name, want string }{{"", "T"}, {"text", "T"}, {"json", "J"}} {
		var b strings.Builder
		if err := s.Render(&b, tt.name, 0); err != nil || b.String() != tt.want {
			t.Errorf("Render(%q) = %q, %v; want %q", tt.name, b.String(), err, tt.want)
		}
	}
	_, err := s.Pick("xml")
	var u *UnknownError
	if !errors.As(err, &u) || err.Error() != `unknown format "xml" (allowed: text, json)` {
		t.Errorf("Pick(xml) = %v", err)
	}
	names := s.Names()
	names[0] = "changed"
	if s.Default() != "text" {
		t.Error("Names shares the set's memory")
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		set  Set[int]
		want string
	}{
		{Set[int]{{"text", write("")}, {"json", write("")}}, ""},
		{Set[int]{}, "a set without formats"},
		{Set[int]{{"text", write("")}, {"text", write("")}}, "text given twice"},
		{Set[int]{{"", write("")}}, "no name"},
		{Set[int]{{"text", nil}}, "no renderer"},
	} {
		err := tt.set.Check()
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Check(%v) = %v, want %q", tt.set.Names(), err, tt.want)
		}
	}
}
