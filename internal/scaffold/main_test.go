package scaffold_test

import (
	"os"
	"testing"

	"github.com/soa-tool/soa/internal/soa/soatest"
)

// TestMain fails the run if a test changed the catalogue catalog.Default
// shares with every caller.
func TestMain(m *testing.M) { os.Exit(soatest.RunUnchanged(m)) }
