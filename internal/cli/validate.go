package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	*globalOptions
	format string
	strict bool
	judging
}

func newValidateCmd(g *globalOptions) *cobra.Command {
	o := &validateOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check answers files against the catalogue",
		Long: `Check one or more answers files ("-" reads standard input) against the
catalogue. Every problem is printed on standard output, one per line, as

  file:line:col: severity: control ID: field: message

Errors: YAML syntax, duplicate keys, unknown fields, unknown control ids,
ids of the other edition, values outside a list, wrong types, bad dates,
and a control marked not applicable without a justification.
Warnings: unanswered controls, applicable without a reason or status,
implemented without evidence, partial or planned without an owner or
target date.

Exit codes: 0 valid (warnings allowed unless --strict), 1 invalid,
2 usage or I/O error. A file that cannot be read does not stop the others
from being checked and printed; the read error goes to standard error
(with --format json, the array holds an entry for it too) and the exit
code is 2.`,
		Example: `  soa validate answers.yaml
  soa validate --strict --format github answers/*.yaml
  soa validate --format json answers.yaml | jq '.[] | select(.severity=="error")'`,
		Args: argCount(1, -1),
		RunE: func(cmd *cobra.Command, args []string) error { return runValidate(cmd, o, args) },
	}
	addFormatFlag(cmd, &o.format, diag.Formats)
	o.judging.addFlags(cmd)
	cmd.Flags().BoolVar(&o.strict, "strict", false, "treat warnings as errors (exit 1)")
	return cmd
}

func runValidate(cmd *cobra.Command, o *validateOptions, paths []string) error {
	if _, err := pickFormat(diag.Formats, o.format); err != nil {
		return err
	}
	judged, err := o.judging.optionsAside()
	if err != nil {
		return err
	}
	catalogue := loadCatalogAside(cmd, o.catalogDir)
	// A file that cannot be read does not hide what the others say: every
	// file readable is checked and printed, the read errors go to stderr
	// (and, in JSON, into the array as entries of their own), and the exit
	// code is 2.
	var all, unread diag.List
	var readErrs []error
	for _, p := range paths {
		name, src, err := readAnswers(cmd.InOrStdin(), p)
		if err != nil {
			readErrs = append(readErrs, err)
			unread.Add(diag.Diagnostic{Pos: diag.Pos{File: name}, Severity: diag.Error, Msg: "cannot read the file: " + readCause(err)})
			continue
		}
		f, parsed := answers.ParseOwned(name, src) // src is this loop's alone
		cat, err := catalogue()
		if err != nil {
			return err
		}
		all = diag.Merge(all, validateFile(cat, f, parsed, judged()))
	}
	if _, err := catalogue(); err != nil {
		return err
	}
	nErr, nWarn := all.Count(diag.Error), all.Count(diag.Warning)
	if o.format == "json" {
		all = append(all, unread...)
	}
	all.Sort()
	if err := diag.Write(cmd.OutOrStdout(), o.format, all); err != nil {
		return err
	}
	for _, err := range readErrs {
		fmt.Fprintf(cmd.ErrOrStderr(), "soa: %v\n", err)
	}
	if o.format == "text" && len(readErrs) < len(paths) {
		fmt.Fprintln(cmd.ErrOrStderr(), summaryLine(len(paths)-len(readErrs), nErr, nWarn, len(readErrs), o.strict))
	}
	switch {
	case len(readErrs) > 0:
		return reported(ExitUsage)
	case nErr > 0 || (o.strict && nWarn > 0):
		return reported(ExitInvalid)
	}
	return nil
}

// summaryLine sums up a run of validate; its verdict agrees with the exit
// code: invalid (exit 1) on an error, or on a warning with --strict.
func summaryLine(files, nErr, nWarn, unread int, strict bool) string {
	verdict := "valid"
	switch {
	case nErr > 0 || strict && nWarn > 0:
		verdict = "invalid"
	case unread > 0:
		verdict = "incomplete"
	}
	s := fmt.Sprintf("%s: %d file(s), %d error(s), %d warning(s)", verdict, files, nErr, nWarn)
	if strict && nWarn > 0 {
		s += " (--strict: warnings count as errors)"
	}
	if unread > 0 {
		s += fmt.Sprintf("; %d file(s) could not be read", unread)
	}
	return s
}

// validateFile lists every problem of one answers file. A file with errors
// gets the warnings of its other answers too (soa.Load leaves them out),
// so that fixing the errors brings no surprise; a warning about a field
// that already has an error (an applicable control "without a status"
// whose status is misspelt) is left out, since the error says it.
//
// f and parsed are what answers.Parse gave for the file; joining and
// checking them changes neither, so the partial statement reuses f.
func validateFile(cat *catalog.Catalog, f *answers.File, parsed diag.List, ro rules.Options) diag.List {
	st, l := render.Check(cat, f, parsed, false, ro)
	if st != nil {
		return l
	}
	if f == nil {
		return l
	}
	type key struct{ control, field string }
	errored := map[key]bool{}
	seen := map[diag.Diagnostic]bool{}
	for _, d := range l {
		seen[d] = true
		if d.Severity == diag.Error {
			errored[key{d.Control, d.Field}] = true
			if d.Field == "" {
				errored[key{d.Control, "*"}] = true
			}
		}
	}
	ro.Lang = i18n.EN
	for _, d := range rules.CheckDiagnostics(soa.Partial(cat, f), ro) {
		if d.Severity == diag.Error || seen[d] || errored[key{d.Control, d.Field}] || d.Control != "" && errored[key{d.Control, "*"}] {
			continue
		}
		seen[d] = true
		l = append(l, d)
	}
	l.Sort()
	return l
}

// readAnswers reads an answers file, or standard input for "-". The name
// to show for the file comes back even when it cannot be read.
func readAnswers(stdin io.Reader, p string) (string, []byte, error) {
	if p == "-" {
		src, err := io.ReadAll(io.LimitReader(stdin, maxInput))
		if err != nil {
			return "<stdin>", nil, fmt.Errorf("read standard input: %w", err)
		}
		return "<stdin>", src, nil
	}
	src, err := readLimited(p)
	return displayPath(p), src, err
}

// readCause is why a file could not be read, without the file's name,
// which the caller shows on its own.
func readCause(err error) string {
	if cause := errors.Unwrap(err); cause != nil {
		return cause.Error()
	}
	return err.Error()
}
