// Command soa-serve is soa with its web page linked in: `soa serve` runs
// it, found beside soa or on PATH, with the same arguments. Built from the
// same source as soa and installed with it (go install ./cmd/...), it runs
// every soa command; run as `soa-serve serve ...` it serves the page.
package main

import (
	"os"

	"github.com/soa-tool/soa/internal/cli"
	"github.com/soa-tool/soa/internal/serve"
)

func main() { os.Exit(cli.Main(serve.Run)) }
