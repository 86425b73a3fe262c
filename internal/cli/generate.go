package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/workbook"
	"github.com/spf13/cobra"
)

type generateOptions struct {
	*globalOptions
	output string
	lang   string
	paper  string
	since  string
	old    *answers.File // read from since
	judging
	force bool
}

func newGenerateCmd(g *globalOptions) *cobra.Command {
	o := &generateOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "generate ANSWERS.yaml... -o FILE.xlsx|DIR|-",
		Short: "Write the Statement of Applicability workbook",
		Long: `Write the Statement of Applicability as an Excel workbook: Cover, SoA,
Summary (with a chart), Gaps, Mapping (2013↔2022) and Attributes sheets.

Answers that fail soa validate stop generation with the same messages;
warnings do not. The workbook is written to a temporary file and renamed
into place, so a partial file is never left behind, and an existing file is
never overwritten without --force. The same answers always give the same
bytes: the document's dates come from the answers, never the clock.

With several answers files, or a directory of them, -o names a directory
and one workbook per organization is written there, in parallel. A bad
file is reported and does not stop the others. -o - writes the workbook
of one answers file to standard output (never to a terminal).

Exit codes: 0 written, 1 invalid answers (any file, in a batch),
2 usage or I/O error.`,
		Example: `  soa generate answers.yaml -o soa.xlsx
  soa generate answers.yaml -o soa-ja.xlsx --lang ja
  soa generate clients/ -o out/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := argCount(1, -1)(cmd, args); err != nil {
				return err
			}
			if o.output == "" {
				return argsError(cmd, "missing -o FILE.xlsx (or -o DIR for several answers files)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runGenerate(cmd, o, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "workbook to write, a directory for several answers files, or - for standard output")
	f.StringVar(&o.lang, "lang", "", "language of the workbook: en or ja (default: the answers' organization.language, else en)")
	o.judging.addFlags(cmd)
	f.BoolVar(&o.force, "force", false, "overwrite existing workbooks")
	f.StringVar(&o.paper, "paper", "", "paper the sheets print on, landscape for wide sheets: "+strings.Join(workbook.PaperNames(), ", ")+" (default a4, a3 for Japanese)")
	registerEnum(cmd, "lang", i18n.Languages)
	f.StringVar(&o.since, "since", "", "an earlier version (answers file or workbook): add a Changes sheet of what changed since")
	registerEnum(cmd, "paper", workbook.PaperNames())
	return cmd
}

func runGenerate(cmd *cobra.Command, o *generateOptions, args []string) error {
	if o.lang != "" {
		if _, err := i18n.Parse(o.lang); err != nil {
			return usageError("--lang: %v", err)
		}
	}
	if _, err := workbook.PaperByName(o.paper); err != nil {
		return usageError("--paper: %v", err)
	}
	if _, err := o.judging.options(); err != nil {
		return err
	}
	inputs, batch, err := generateInputs(args)
	if err != nil {
		return err
	}
	toStdout := o.output == stdoutName
	switch {
	case toStdout && batch:
		return usageError("-o - writes the workbook of one answers file; give -o DIR for several")
	case toStdout && isTerminal(cmd.OutOrStdout()):
		return usageError("-o -: a workbook is binary; redirect standard output to a file or a program, or give -o FILE.xlsx")
	case o.since != "" && batch:
		return usageError("--since compares one answers file with an earlier version; give one answers file")
	case !toStdout && (batch || isDir(o.output) || strings.HasSuffix(o.output, string(os.PathSeparator)) || strings.HasSuffix(o.output, "/")):
		return runBatch(cmd, o, inputs)
	case !toStdout && !strings.HasSuffix(strings.ToLower(o.output), ".xlsx"):
		return usageError("-o %s: the workbook's name must end in .xlsx", o.output)
	}
	// A workbook that is not to be overwritten stops the command before
	// the answers' warnings are printed.
	if !toStdout && !o.force {
		if _, err := os.Lstat(o.output); err == nil {
			return &exitErr{code: ExitUsage, err: fmt.Errorf("%s already exists; use --force to overwrite it", displayPath(o.output))}
		}
	}
	cat, err := loadCatalogOrReport(cmd, o.catalogDir)
	if err != nil {
		return err
	}
	if o.since != "" {
		if o.old, err = loadVersion(cmd, cat, o.since); err != nil {
			return err
		}
	}
	data, l, err := renderWorkbook(cmd.InOrStdin(), cat, inputs[0], o)
	_ = diag.Write(cmd.ErrOrStderr(), "text", l)
	if err != nil {
		return err
	}
	if err := writeOutput(cmd.OutOrStdout(), o.output, data, o.force, inputFiles(o.catalogDir, inputs...)); err != nil {
		return err
	}
	if !toStdout {
		fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", displayPath(o.output))
	}
	return nil
}

// renderWorkbook reads, checks and renders one answers file into workbook
// bytes. It returns the diagnostics (warnings too) for the caller to print.
func renderWorkbook(stdin io.Reader, cat *catalog.Catalog, path string, o *generateOptions) ([]byte, diag.List, error) {
	name, src, err := readAnswers(stdin, path)
	if err != nil {
		return nil, nil, err
	}
	ro, err := o.judging.options()
	if err != nil {
		return nil, nil, err
	}
	st, l := loadChecked(cat, name, src, false, ro)
	if st == nil {
		return nil, l, &exitErr{code: ExitInvalid, err: fmt.Errorf("%s: %d error(s); nothing written", name, l.Count(diag.Error))}
	}
	lang := render.Lang(o.lang, st)
	opts := workbook.Options{Lang: lang, Paper: o.paper}
	if o.old != nil {
		cur, _ := answers.Parse(name, src) // valid: loadChecked passed
		ch, err := diff.Compare(o.old, cur, cat.ControlIDs(cur.Edition), lang)
		if err != nil {
			return nil, l, &exitErr{code: ExitInvalid, err: fmt.Errorf("--since: %w", err)}
		}
		opts.Changes = ch
	}
	data, err := render.Workbook(st, ro, opts)
	if err != nil {
		return nil, l, err
	}
	return data, l, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// generateInputs expands directories into their *.yaml files, in name
// order. batch is true when there is more than one input or a directory.
func generateInputs(args []string) ([]string, bool, error) {
	var out []string
	batch := len(args) > 1
	for _, a := range args {
		if !isDir(a) {
			out = append(out, a)
			continue
		}
		batch = true
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, false, readError(a, err)
		}
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
				p := filepath.Join(a, n)
				// A FIFO would hang the batch, a directory stop it.
				if fi, err := os.Stat(p); err == nil && !fi.Mode().IsRegular() {
					return nil, false, usageError("%s is %s, not an answers file; move it out of %s", displayPath(p), fileKind(fi.Mode()), displayPath(a))
				}
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return nil, false, usageError("no answers files (*.yaml) in %s", strings.Join(args, ", "))
	}
	return out, batch, nil
}

// runBatch writes one workbook per answers file into the output directory,
// on every core. Each file succeeds or fails on its own.
func runBatch(cmd *cobra.Command, o *generateOptions, inputs []string) error {
	batchGC()
	outputs := map[string]string{}
	for _, in := range inputs {
		if in == "-" {
			return usageError("standard input (-) cannot be one of several inputs or go to a directory; give -o FILE.xlsx")
		}
		out := batchOutput(o.output, in)
		if prev, dup := outputs[out]; dup {
			return usageError("%s and %s would both be written to %s; rename one", displayPath(prev), displayPath(in), displayPath(out))
		}
		outputs[out] = in
	}
	if err := os.MkdirAll(o.output, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", displayPath(o.output), err)
	}
	cat, err := loadCatalogOrReport(cmd, o.catalogDir)
	if err != nil {
		return err
	}
	all := inputFiles(o.catalogDir, inputs...)
	stderr := cmd.ErrOrStderr()
	progress := isTerminal(stderr)
	// Each file's messages are printed in input order as soon as the files
	// before it are done, and then dropped: a batch holds the messages of
	// the few files in flight, not of all N (at 3,000 files, the live heap
	// grew from 3 to 15 MB with all of them kept to the end).
	type result struct {
		diags diag.List
		err   error
		done  bool
	}
	results := make([]result, len(inputs))
	one := len(inputs) == 1 // one file into a directory: its own error and exit code
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done, next, failed := 0, 0, 0
	start := time.Now()
	report := func() { // with mu held
		for ; next < len(results) && results[next].done; next++ {
			r := results[next]
			results[next] = result{done: true}
			if progress {
				fmt.Fprint(stderr, "\r\033[K")
			}
			_ = diag.Write(stderr, "text", r.diags)
			if r.err != nil {
				failed++
				fmt.Fprintf(stderr, "soa: %v\n", r.err)
			}
		}
	}
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range jobs {
				l, err := generateOne(cmd.InOrStdin(), cat, inputs[i], o, all)
				mu.Lock()
				results[i] = result{diags: l, err: err, done: true}
				done++
				if !one {
					report()
				}
				if progress {
					fmt.Fprintf(stderr, "\rgenerating %d/%d", done, len(inputs))
				}
				mu.Unlock()
			}
		})
	}
	for i := range inputs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if progress {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if one && results[0].err != nil {
		_ = diag.Write(stderr, "text", results[0].diags)
		return results[0].err
	}
	report() // the one file that succeeded: its warnings
	fmt.Fprintf(stderr, "generated %d of %d workbooks in %s (%d failed)\n", len(inputs)-failed, len(inputs), time.Since(start).Round(time.Millisecond), failed)
	if failed > 0 {
		return reported(ExitInvalid) // any failure, whatever its kind: the batch did not finish
	}
	return nil
}

// generateOne renders and writes the workbook of one answers file.
func generateOne(stdin io.Reader, cat *catalog.Catalog, input string, o *generateOptions, inputs []string) (diag.List, error) {
	data, l, err := renderWorkbook(stdin, cat, input, o)
	if err != nil {
		return l, err
	}
	return l, writeFileAtomic(batchOutput(o.output, input), data, o.force, inputs)
}

// batchOutput is where the workbook of input goes in directory dir.
func batchOutput(dir, input string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(input), ".yaml"), ".yml")
	return filepath.Join(dir, base+".xlsx")
}

// isTerminal reports whether w is a terminal, where a progress line helps
// rather than clutters a log. The null device is a character device too,
// but no terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false
	}
	return true
}
