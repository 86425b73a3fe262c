package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/soa-tool/soa/internal/cli"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/serve"
)

// TestMain lets testscript run the real soa binary: the test binary
// re-executes itself as "soa" inside each script, and as "soa-serve",
// which `soa serve` runs from PATH.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"soa":       func() { os.Exit(cli.Main(nil)) },
		"soa-serve": func() { os.Exit(cli.Main(serve.Run)) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. Each script
// names the exit code it expects with `exec`/`! exec` and checks stdout,
// stderr and the files written.
func TestScript(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       golden.Updating(),
		Setup: func(env *testscript.Env) error {
			// Scripts read the repository's examples and bad inputs in place.
			env.Setenv("REPO", root)
			env.Setenv("NO_COLOR", "1")
			// The clock the as-of policy reads: the examples' date, so that
			// target and review dates are judged the same on every day.
			env.Setenv("SOURCE_DATE_EPOCH", "1775001600") // 2026-04-01
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":   cmdExitCode,
			"jsonschema": cmdJSONSchema,
			"xlsxdump":   cmdXLSXDump,
		},
	})
}
