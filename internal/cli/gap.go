package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/render"
	"github.com/spf13/cobra"
)

type gapOptions struct {
	*globalOptions
	format string
	failOn string
	judging
	lang     string
	template string
	output   string
	force    bool
}

// failOnLevels are the values of --fail-on, most severe first.
var failOnLevels = []string{"error", "gap", "warning", "never"}

func newGapCmd(g *globalOptions) *cobra.Command {
	o := &gapOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "gap ANSWERS.yaml",
		Short: "Report what is missing, for people and for CI",
		Long: `Report the findings of an answers file (unanswered controls, exclusions
without justification, controls not implemented, overdue target dates,
missing evidence, excluded controls new in 2022, stale 2013 references ...)
with a summary per theme and the weakest areas.

Each finding names its place in the answers file (file:line:col). Target
and review dates are judged as of --as-of (default today), which every
format prints.

Formats: text (colour on a terminal; NO_COLOR turns it off), markdown and
html (from templates; --template FILE replaces the built-in one), json,
github (GitHub Actions annotations on the answers file's lines) and sarif
(SARIF 2.1.0, for code-scanning services).

Exit codes: 0 nothing at or above --fail-on (default error), 1 something
was, 2 usage or input error (invalid answers print the validate messages).`,
		Example: `  soa gap answers.yaml
  soa gap answers.yaml --fail-on gap --format json
  soa gap answers.yaml --format html -o gap.html
  soa gap answers.yaml --format markdown --template brand.md.tmpl`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runGap(cmd, o, args[0]) },
	}
	f := cmd.Flags()
	addFormatFlag(cmd, &o.format, gap.Formats)
	f.StringVar(&o.failOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, gap, warning or never")
	o.judging.addFlags(cmd)
	f.StringVar(&o.lang, "lang", "", "language of the report: en or ja (default: the answers' organization.language, else en)")
	f.StringVar(&o.template, "template", "", "Go template replacing the built-in one of the text, markdown or html format")
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.BoolVar(&o.force, "force", false, "overwrite the -o file if it exists")
	registerEnum(cmd, "fail-on", failOnLevels)
	registerEnum(cmd, "lang", i18n.Languages)
	return cmd
}

func runGap(cmd *cobra.Command, o *gapOptions, path string) error {
	if _, err := pickFormat(gap.Formats, o.format); err != nil {
		return err
	}
	if !slices.Contains(failOnLevels, o.failOn) {
		return usageError("--fail-on: unknown level %q (allowed: %s)", o.failOn, strings.Join(failOnLevels, ", "))
	}
	judged, err := o.judging.optionsAside()
	if err != nil {
		return err
	}
	if o.lang != "" {
		if _, err := i18n.Parse(o.lang); err != nil {
			return usageError("--lang: %v", err)
		}
	}
	var tmpl []byte
	if o.template != "" {
		if !slices.Contains([]string{"text", "markdown", "html"}, o.format) {
			return usageError("--template applies to the text, markdown and html formats, not %s", o.format)
		}
		var err error
		if tmpl, err = readLimited(o.template); err != nil {
			return err
		}
	}
	catalogue := loadCatalogAside(cmd, o.catalogDir)
	name, src, readErr := readAnswers(cmd.InOrStdin(), path)
	var f *answers.File
	var parsed diag.List
	if readErr == nil {
		f, parsed = answers.ParseOwned(name, src) // src is read for this alone
	}
	cat, err := catalogue()
	switch {
	case err != nil:
		return err
	case readErr != nil:
		return readErr
	}
	ro := judged()
	st, l := render.Check(cat, f, parsed, true, ro)
	if st == nil {
		_ = diag.Write(cmd.ErrOrStderr(), "text", l)
		return &exitErr{code: ExitUsage, err: fmt.Errorf("%s is invalid: %d error(s); run soa validate %s", name, l.Count(diag.Error), name)}
	}
	lang := i18n.EN
	if code := firstNonEmpty(o.lang, st.Org.Language); code != "" {
		lang, _ = i18n.Parse(code)
	}
	rep := gap.Analyze(st, gap.Options{AsOf: ro.AsOf, MaxReviewAge: ro.MaxReviewAge, Lang: lang})
	toStdout := o.output == "" || o.output == stdoutName
	color := o.format == "text" && toStdout && isTerminal(cmd.OutOrStdout()) && os.Getenv("NO_COLOR") == ""
	var buf bytes.Buffer
	if err := gap.Write(&buf, st, rep, gap.RenderOptions{Format: o.format, Lang: lang, Color: color, Template: tmpl, TemplateName: displayPath(o.template)}); err != nil {
		return err
	}
	if toStdout {
		if _, err := io.Copy(cmd.OutOrStdout(), &buf); err != nil {
			return err
		}
	} else {
		if err := writeFileAtomic(o.output, buf.Bytes(), o.force, inputFiles(o.catalogDir, path, o.template)); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%s, %d finding(s))\n", displayPath(o.output), o.format, len(rep.Findings))
	}
	if o.failOn != "never" {
		level, _ := gap.ParseSeverity(o.failOn)
		if rep.AtOrAbove(level) {
			return reported(ExitInvalid)
		}
	}
	return nil
}
