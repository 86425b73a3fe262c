package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/serveconfig"
	"github.com/spf13/cobra"
)

// servePage serves the web page in this process: nil in soa, whose serve
// command runs the companion soa-serve instead (see companion.go); set by
// Main in soa-serve, and by the tests.
var servePage serveconfig.Runner

type serveOptions struct {
	*globalOptions
	addr   string
	lang   string
	noOpen bool
	judging
	// open opens the URL in a browser; a test seam.
	open func(url string) error
}

func newServeCmd(g *globalOptions) *cobra.Command {
	o := &serveOptions{globalOptions: g, open: openBrowser}
	cmd := &cobra.Command{
		Use:   "serve [ANSWERS.yaml | DIR]",
		Short: "Fill in the SoA in a browser: edit in place, see the gaps, download the workbook",
		Long: `Serve the Statement of Applicability of one answers file, or of every
answers file in a directory (default: the current one), as a local web
page: every control under its theme, editable in place, with the findings
of the gap report beside them, filters, progress per theme, bulk edit,
downloads of the workbook and the reports, upload of an edited workbook or
CSV (shown as changes, applied on confirmation), and, for a 2013 file, its
migration to 2022.

Each edit is saved at once through the in-place editor of soa import
--into (comments and layout kept), checked as soa validate checks (an
edit that brings an error is refused, and shown at its field), and
refused when the file changed on disk since the page read it.

The first line of standard output is the URL to open; it carries a token
the page needs. The server listens on the loopback address only, unless
--addr says otherwise. Ctrl-C stops it once the saves in flight are done;
a second Ctrl-C stops it at once.

The page is the companion binary soa-serve, installed with soa (go install
./cmd/...): soa serve checks its arguments, then runs the soa-serve beside
soa, else the one on PATH, which must be of the same version.

Exit codes: 0 stopped, 2 usage or I/O error (soa-serve missing too), 130
or 143 a second Ctrl-C or SIGTERM.`,
		Example: `  soa serve answers.yaml
  soa serve clients/ --lang ja
  soa serve answers.yaml --no-open --addr 127.0.0.1:8080`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runServe(cmd, o, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:0", "address to listen on (port 0: a free one)")
	f.StringVar(&o.lang, "lang", "", "language of the page: en or ja (default: the answers' organization.language, else en)")
	f.BoolVar(&o.noOpen, "no-open", false, "do not open a browser")
	o.judging.addFlags(cmd)
	registerEnum(cmd, "lang", i18n.Languages)
	return cmd
}

func runServe(cmd *cobra.Command, o *serveOptions, args []string) error {
	var lang i18n.Lang
	if o.lang != "" {
		l, err := i18n.Parse(o.lang)
		if err != nil {
			return usageError("--lang: %v", err)
		}
		lang = l
	}
	if _, err := o.judging.options(); err != nil {
		return err
	}
	target := "."
	if len(args) == 1 {
		target = args[0]
	}
	fi, err := os.Stat(target)
	if err != nil {
		return readError(target, err)
	}
	dir, file := target, ""
	if !fi.IsDir() {
		dir, file = filepath.Dir(target), filepath.Base(target)
		if !strings.HasSuffix(file, ".yaml") && !strings.HasSuffix(file, ".yml") {
			return usageError("serve: %s is not an answers file (*.yaml) or a directory", displayPath(target))
		}
	}
	if servePage == nil {
		return runCompanion(o.args)
	}
	return servePageHere(cmd, o, lang, target, dir, file)
}

// servePageHere serves the page of target (dir, and file in it or "" for
// all) in this process until a signal stops it.
func servePageHere(cmd *cobra.Command, o *serveOptions, lang i18n.Lang, target, dir, file string) error {
	cat, err := loadCatalogOrReport(cmd, o.catalogDir)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usageError("--addr %s: %v", o.addr, err)
	}
	addr := publicAddr(o.addr, ln.Addr())
	if !serveconfig.IsLoopback(addr) {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: --addr %s is not a loopback address: other machines can reach the page (the token still guards it)\n", o.addr)
	}
	ready := func(url string) {
		fmt.Fprintln(cmd.OutOrStdout(), url)
		fmt.Fprintf(cmd.ErrOrStderr(), "serving %s; press Ctrl-C to stop\n", displayPath(target))
		if !o.noOpen && o.open != nil {
			if err := o.open(url); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "could not open a browser (%v): open the URL above\n", err)
			}
		}
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, release := stopOnSignal(ctx)
	defer release()
	err = servePage(ctx, serveconfig.Launch{
		Config: serveconfig.Config{
			Catalog: cat, Dir: dir, File: file, Lang: lang, Schema: schemaFile, Addr: addr,
			Judge: func() rules.Options {
				ro, _ := o.judging.options() // checked above; today moves on while the server runs
				return ro
			},
		},
		Listener: ln,
		Ready:    ready,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "stopped")
	return nil
}

// stopOnSignal returns a context that the first SIGINT or SIGTERM ends:
// the page then finishes the saves in flight and stops, and soa exits 0.
// A second signal does not wait: it removes soa's temporary files and
// exits 130 or 143 (cleanUpOnSignal). Main's own handler, which exits at
// the first signal, is kept off (signalsHandledByCommand): the page
// creates temporary files with every save. release undoes all of it.
func stopOnSignal(parent context.Context) (ctx context.Context, release func()) {
	signalsHandledByCommand()
	ctx, cancel := context.WithCancel(parent)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	second := make(chan func(), 1)
	go func() {
		select {
		case <-sig:
			second <- cleanUpOnSignal()
			signal.Stop(sig)
			cancel()
		case <-ctx.Done():
			second <- func() {}
		}
	}()
	return ctx, func() {
		cancel()
		signal.Stop(sig)
		(<-second)()
	}
}

// publicAddr is the address the page's URL names: the host as given (a
// name or an address other machines can use), with the port the listener
// got. An unspecified host (0.0.0.0, ::) is named by this machine's name.
func publicAddr(flag string, got net.Addr) string {
	host, _, _ := net.SplitHostPort(flag)
	_, port, _ := net.SplitHostPort(got.String())
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		if h, err := os.Hostname(); err == nil {
			host = h
		} else {
			host = "localhost"
		}
	}
	return net.JoinHostPort(host, port)
}

// openBrowser opens url in the desktop's browser, without waiting for it.
func openBrowser(url string) error {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	if err := c.Start(); err != nil {
		return err
	}
	go func() { _ = c.Wait() }()
	return nil
}
