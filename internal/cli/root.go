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
	"sync"
	"syscall"

	"github.com/soa-tool/soa/internal/safefile"
	"github.com/soa-tool/soa/internal/serveconfig"
	"github.com/spf13/cobra"
)

// Main runs soa with the process's arguments and streams and returns its
// exit code. page serves the web page of `soa serve`: the soa binary passes
// nil, and its serve command then runs the companion binary soa-serve,
// which passes serve.Run (see companion.go).
func Main(page serveconfig.Runner) int {
	tuneGC()
	if page != nil {
		if err := checkRunFor(); err != nil {
			return exitCode(os.Stderr, err)
		}
		servePage = page
	}
	defer cleanUpOnSignalWhenNeeded()()
	return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// signalsHandledByCommand tells Main that the command handles SIGINT and
// SIGTERM itself (soa serve stops its page gracefully): Main's handler
// (see cleanUpOnSignalWhenNeeded) is not installed from then on, not even
// before a temporary file. Outside Main (tests) it does nothing.
var signalsHandledByCommand = func() {}

// cleanUpOnSignalWhenNeeded installs cleanUpOnSignal's handler just before
// the process creates its first temporary file, rather than at start-up:
// signal.Notify starts two threads, a tenth of what `soa version` costs as
// a whole process, which a command that writes no file does not need. Until then SIGINT and SIGTERM
// end soa as they end any process, which a shell reports as the same 130
// and 143.
func cleanUpOnSignalWhenNeeded() (stop func()) {
	var once sync.Once
	stopHandler := func() {}
	install := func() { once.Do(func() { stopHandler = cleanUpOnSignal() }) }
	safefile.OnFirstTemp(install)
	signalsHandledByCommand = func() { once.Do(func() {}) }
	return func() {
		once.Do(func() {}) // no handler from here on
		stopHandler()
	}
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
	root := newRoot(&globalOptions{args: args}, commandToRun(args))
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return exitCode(stderr, root.Execute())
}

// globalOptions are the persistent flags every command shares.
type globalOptions struct {
	catalogDir string
	// args are the process's arguments, as run was given them: `soa
	// serve` hands them on to the companion binary.
	args []string
}

// commands are soa's commands (help lists them sorted) by name, so
// that a run builds only the one it runs (see commandToRun): building all
// of them, with their flags, costs a fifth of a millisecond that `soa
// version` would otherwise spend twice over.
var commands = []struct {
	name string
	make func(g *globalOptions) *cobra.Command
}{
	{"controls", newControlsCmd},
	{"validate", newValidateCmd},
	{"init", newInitCmd},
	{"generate", newGenerateCmd},
	{"gap", newGapCmd},
	{"migrate", newMigrateCmd},
	{"diff", newDiffCmd},
	{"transition", newTransitionCmd},
	{"import", newImportCmd},
	{"serve", newServeCmd},
	{"schema", func(*globalOptions) *cobra.Command { return newSchemaCmd() }},
	{"catalog", newCatalogCmd},
	{"version", func(*globalOptions) *cobra.Command { return newVersionCmd() }},
}

// commandToRun returns the name of the command args run when that is
// plain: the first argument names one of commands and no argument asks for
// help. Otherwise (a flag before the command, help, completion, a
// misspelt command that cobra suggests a name for) it returns "", and the
// whole tree is built.
func commandToRun(args []string) string {
	if len(args) == 0 {
		return ""
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "--" {
			return ""
		}
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.name
		}
	}
	return ""
}

// newRootCmd returns soa's command tree: the root and every command.
func newRootCmd() *cobra.Command { return newRootCmdFor("") }

// newRootCmdFor returns the root with only the command called name, or with
// every command when name is "".
func newRootCmdFor(name string) *cobra.Command { return newRoot(&globalOptions{}, name) }

// newRoot is newRootCmdFor with the global options given.
func newRoot(g *globalOptions, name string) *cobra.Command {
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
	for _, c := range commands {
		if name == "" || c.name == name {
			root.AddCommand(c.make(g))
		}
	}
	// A tree of one command runs that command: nothing can reach cobra's
	// completion command, which Execute would otherwise build with its
	// four shells' commands.
	root.CompletionOptions.DisableDefaultCmd = name != ""
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
