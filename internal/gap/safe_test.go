package gap

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/termsafe"
)

// TestViewSafe: whatever the answers hold, the text and Markdown reports
// show no control character and no line break of a value's own.
func TestViewSafe(t *testing.T) {
	evil := "a\x1b[2J\nb\r::error::x\u0085"
	v := view{Organization: evil, Summary: countsView{Title: evil}, Themes: []countsView{{Title: evil}},
		Findings: []findingView{{Control: evil, Title: evil, Field: evil, Message: evil}}}
	s := v.safe()
	for _, got := range []string{s.Organization, s.Summary.Title, s.Themes[0].Title, s.Findings[0].Control, s.Findings[0].Title, s.Findings[0].Field, s.Findings[0].Message} {
		if got != `a\x1b[2J\nb\r::error::x\u0085` || strings.ContainsFunc(got, termsafe.Unsafe) {
			t.Errorf("got %q", got)
		}
	}
	if v.Findings[0].Message != evil {
		t.Error("safe changed the original view")
	}
}
