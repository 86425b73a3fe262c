package rules

import (
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
)

// TestLabelRoom: rowFits skips a row whose texts leave labelRoom bytes to
// spare, so what a cell adds to them (at most a label or a finding's words,
// a theme's number) must be shorter. Every message, in every language, is
// checked at a quarter of the room: a cell holds at most a few of them.
func TestLabelRoom(t *testing.T) {
	for _, code := range i18n.Languages {
		l, err := i18n.Parse(code)
		if err != nil {
			t.Fatal(err)
		}
		longest, key := 0, ""
		for _, k := range i18n.Keys() {
			if n := len(l.T(k)); n > longest {
				longest, key = n, k
			}
		}
		if longest == 0 || longest > labelRoom/4 {
			t.Errorf("%s: the longest message, %s, has %d bytes; labelRoom (%d) must be at least four times that", code, key, longest, labelRoom)
		}
	}
}
