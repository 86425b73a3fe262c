package cli

import (
	"os"
	"testing"

	"github.com/soa-tool/soa/internal/serve"
	"github.com/soa-tool/soa/internal/soa/soatest"
)

// TestMain fails the run if a test changed the catalogue catalog.Default
// shares with every caller. The commands run as soa-serve's do, with the
// web page in this process (companion_test.go runs soa's way).
func TestMain(m *testing.M) {
	servePage = serve.Run
	os.Exit(soatest.RunUnchanged(m))
}
