// Package cli holds soa's commands: flags become options, files are read
// and written here, and every exit code is decided here. It is the only
// package that imports cobra.
package cli

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/soa-tool/soa/internal/safefile"
	"github.com/spf13/cobra"
)

// Main runs soa with the process's arguments and streams and returns its
// exit code.
func Main() int {
	stop := cleanUpOnSignal()
	defer stop()
	return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// cleanUpOnSignal makes SIGINT and SIGTERM remove soa's temporary files
// (half-written outputs, the workbook reader's scratch files) before the
// process exits with 128+signal, as a shell reports it.
func cleanUpOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			safefile.RemoveTemps()
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return exitCode(stderr, root.Execute())
}

// globalOptions are the persistent flags every command shares.
type globalOptions struct {
	catalogDir string
}

func newRootCmd() *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "soa",
		Short: "Build an ISO/IEC 27001 Statement of Applicability and gap report",
		Long: `soa turns the ISO/IEC 27001:2022 Annex A control catalogue and one
organization's answers into the documents an ISMS lives on: the Statement
of Applicability workbook and a gap report.

` + exitHelp,
		Example: `  soa controls --theme people
  soa controls show 8.9
  soa catalog validate ./my-controls`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().StringVar(&g.catalogDir, "catalog", "", "directory of catalogue files merged over the bundled catalogue")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitErr{code: ExitUsage, err: err}
	})
	root.AddCommand(
		newControlsCmd(g),
		newValidateCmd(g),
		newInitCmd(g),
		newGenerateCmd(g),
		newGapCmd(g),
		newMigrateCmd(g),
		newTransitionCmd(g),
		newImportCmd(g),
		newSchemaCmd(),
		newCatalogCmd(g),
		newVersionCmd(),
	)
	return root
}

// exactArgs is cobra.ExactArgs with a usage exit code.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return &exitErr{code: ExitUsage, err: err}
		}
		return nil
	}
}

// maxArgs is cobra.MaximumNArgs with a usage exit code.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return &exitErr{code: ExitUsage, err: err}
		}
		return nil
	}
}
