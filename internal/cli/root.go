// Package cli holds soa's commands: flags become options, files are read
// and written here, and every exit code is decided here. It is the only
// package that imports cobra.
package cli

import (
	"io"
	"os"

	"github.com/spf13/cobra"
)

// Main runs soa with the process's arguments and streams and returns its
// exit code.
func Main() int {
	tuneGC()
	return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
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
