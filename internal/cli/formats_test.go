package cli

import (
	"testing"

	"github.com/soa-tool/soa/internal/controllist"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/transition"
)

// checker is what the test needs of a format set.
type checker interface{ Check() error }

// TestFormatSets: every format set a command offers is well formed (the
// sets are composite literals: nothing checks them at start-up).
func TestFormatSets(t *testing.T) {
	for name, set := range map[string]checker{
		"diag": diag.Formats, "diff": diff.Formats, "gap": gap.Formats, "transition": transition.Formats,
		"controllist": controllist.Formats, "controllist detail": controllist.DetailFormats,
	} {
		if err := set.Check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
