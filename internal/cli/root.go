// Package cli holds soa's commands: flags become options, files are read
// and written here, and every exit code is decided here. It is the only
// package that imports cobra.
package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/soa-tool/soa/internal/safefile"
	"github.com/spf13/cobra"
)

// Main runs soa with the process's arguments and streams and returns its
// exit code.
func Main() int {
	tuneGC()
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
		newDiffCmd(g),
		newTransitionCmd(g),
		newImportCmd(g),
		newServeCmd(g),
		newSchemaCmd(),
		newCatalogCmd(g),
		newVersionCmd(),
	)
	return root
}

// exactArgs takes exactly n arguments: see argCount.
func exactArgs(n int) cobra.PositionalArgs { return argCount(n, n) }

// maxArgs takes at most n arguments: see argCount.
func maxArgs(n int) cobra.PositionalArgs { return argCount(0, n) }

// argCount takes from lo to hi arguments (hi < 0: no limit). Too few or
// too many is a usage error (exit 2) that names what is missing or extra
// and shows the command's usage line, rather than cobra's "accepts 1
// arg(s), received 0".
func argCount(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < lo:
			names := positionals(cmd.Use)
			missing := "an argument"
			if len(args) < len(names) {
				missing = strings.Join(names[len(args):min(lo, len(names))], " ")
			}
			return argsError(cmd, "missing %s", missing)
		case hi >= 0 && len(args) > hi:
			takes := fmt.Sprintf("at most %d", hi)
			switch {
			case hi == 0:
				takes = "no arguments"
			case hi == lo:
				takes = fmt.Sprint(hi)
			}
			return argsError(cmd, "too many arguments: %s (it takes %s)", strings.Join(quoteAll(args[hi:]), " "), takes)
		}
		return nil
	}
}

// argsError is a usage error about cmd's arguments, followed by its usage
// line and where to read more.
func argsError(cmd *cobra.Command, format string, args ...any) error {
	name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
	msg := name + ": " + fmt.Sprintf(format, args...)
	return usageError("%s\nusage: %s\nrun '%s --help' for more", msg, cmd.UseLine(), cmd.CommandPath())
}

// positionals returns the required arguments a Use line names: "gap
// ANSWERS.yaml" gives [ANSWERS.yaml]; optional ones ([NEW.yaml]) and flags
// are left out.
func positionals(use string) []string {
	var out []string
	for _, f := range strings.Fields(use)[1:] {
		if strings.HasPrefix(f, "-") || strings.HasPrefix(f, "(") || strings.HasPrefix(f, "[") {
			break
		}
		out = append(out, strings.TrimSuffix(f, "..."))
	}
	return out
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprintf("%q", a)
	}
	return out
}
