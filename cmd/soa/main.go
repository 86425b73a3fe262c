// Command soa builds an ISO/IEC 27001:2022 Statement of Applicability
// workbook and gap report from a control catalogue and one organization's
// answers. Everything but process start-up lives in internal/cli. The web
// page of `soa serve` is not linked in: soa runs the companion soa-serve
// for it (see internal/cli/companion.go).
package main

import (
	"os"

	"github.com/soa-tool/soa/internal/cli"
)

func main() { os.Exit(cli.Main(nil)) }
