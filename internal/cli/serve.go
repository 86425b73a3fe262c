package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/serve"
	"github.com/spf13/cobra"
)

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
--addr says otherwise; Ctrl-C stops it.

Exit codes: 0 stopped, 2 usage or I/O error.`,
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
	// The page saves files at any time: Main's signal handler is in place
	// from the start, as it was before it became lazy.
	needSignalCleanUp()
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
	cat, err := loadCatalogOrReport(cmd, o.catalogDir)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usageError("--addr %s: %v", o.addr, err)
	}
	addr := publicAddr(o.addr, ln.Addr())
	if !serve.IsLoopback(addr) {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: --addr %s is not a loopback address: other machines can reach the page (the token still guards it)\n", o.addr)
	}
	srv, err := serve.New(serve.Config{
		Catalog: cat, Dir: dir, File: file, Lang: lang, Schema: schemaFile, Addr: addr,
		Judge: func() rules.Options {
			ro, _ := o.judging.options() // checked above; today moves on while the server runs
			return ro
		},
	})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintln(cmd.OutOrStdout(), srv.URL())
	what := displayPath(target)
	fmt.Fprintf(cmd.ErrOrStderr(), "serving %s; press Ctrl-C to stop\n", what)
	if !o.noOpen && o.open != nil {
		if err := o.open(srv.URL()); err != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "could not open a browser (%v): open the URL above\n", err)
		}
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "stopped")
	return nil
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
