package cli

import (
	"bytes"
	"fmt"
	"time"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
	"github.com/spf13/cobra"
)

func newMigrateCmd(g *globalOptions) *cobra.Command {
	var output, date string
	var force bool
	cmd := &cobra.Command{
		Use:   "migrate OLD.yaml -o NEW.yaml|-",
		Short: "Carry 2013 answers over to a 2022 answers file",
		Long: `Write a 2022 answers file pre-filled from a 2013 one through the
correspondence of ISO/IEC 27002:2022 Annex B. A 2022 control made of
several 2013 controls is applicable if any of them is; its status is the
weakest (left blank when an applicable source has none: it is unknown);
reasons and evidence are merged; justifications, notes and review notes
are kept, each marked with its source; where the sources disagree on
applicability, status or owner, a review note says so. The 11 controls new
in 2022 are left to answer. Comments say where each answer came from, and
what soa writes is in the language of OLD.yaml (organization.language).
-o - writes the new file to standard output.

Exit codes: 0 written, 1 invalid or wrong-edition input, 2 usage or I/O
error (an existing NEW.yaml is kept unless --force).`,
		Example: `  soa migrate soa-2013.yaml -o soa-2022.yaml
  soa migrate soa-2013.yaml -o - | less
  soa transition soa-2013.yaml soa-2022.yaml`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError("migrate needs -o NEW.yaml (or -o - for standard output)")
			}
			if date == "" {
				date = today()
			} else if _, err := time.Parse(time.DateOnly, date); err != nil {
				return usageError("--date: %q is not a date; write YYYY-MM-DD", date)
			}
			cat, err := loadCatalogOrReport(cmd, g.catalogDir)
			if err != nil {
				return err
			}
			res, err := loadTransition(cmd, cat, args[0])
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := res.WriteAnswers(&buf, transition.AnswersOptions{Date: date, Schema: schemaFile}); err != nil {
				return err
			}
			// The output must pass soa validate; check before writing. Text
			// merged from several 2013 answers can outgrow a workbook cell:
			// that is the user's to shorten.
			st, l := soa.Load(cat, displayPath(output), buf.Bytes())
			if st == nil {
				return fmt.Errorf("internal error: the migrated file does not validate:\n%v", l)
			}
			if long := rules.CellLimits(st); len(long) > 0 {
				_ = diag.Write(cmd.ErrOrStderr(), "text", long)
				return &exitErr{code: ExitInvalid, err: fmt.Errorf("the migrated answers would hold text too long for a workbook cell (positions are in the file that was not written); shorten the 2013 answers it comes from; nothing written")}
			}
			if err := writeOutput(cmd.OutOrStdout(), output, buf.Bytes(), force, inputFiles(g.catalogDir, args[0])); err != nil {
				return err
			}
			where := displayPath(output)
			if output == stdoutName {
				where = "the 2022 answers to standard output"
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %d carried over, %d merged, %d merged with disagreements (see review), %d new to answer\n",
				where, res.Count(transition.Carried), res.Count(transition.Merged), res.Count(transition.MergedConflict), res.Count(transition.New))
			if err := writeSchemaBeside(cmd, output); err != nil {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "2022 answers file to write (- for standard output)")
	cmd.Flags().StringVar(&date, "date", "", "date of the new SoA version, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite NEW.yaml if it exists")
	return cmd
}

func newTransitionCmd(g *globalOptions) *cobra.Command {
	var format, lang string
	cmd := &cobra.Command{
		Use:   "transition OLD.yaml [NEW.yaml]",
		Short: "Report how 2013 answers map onto the 2022 controls",
		Long: `Report, for each 2022 control, its 2013 sources with their answers and the
answer derived from them (as soa migrate writes it), with counts of
controls carried over, merged, merged with disagreements and new, the 2013
controls split across several 2022 controls and the 2022 controls that merge
several 2013 ones, and the 2013 exclusions that became part of an applicable
2022 control. Given NEW.yaml (the organization's 2022 answers), it also says
what changed since the derived answer (old → new), which new controls have
been answered since, and which disagreements NEW.yaml has resolved.`,
		Example: `  soa transition soa-2013.yaml
  soa transition soa-2013.yaml soa-2022.yaml --format markdown
  soa transition soa-2013.yaml --format json | jq '.summary'`,
		Args: argCount(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := pickFormat(transition.Formats, format); err != nil {
				return err
			}
			cat, err := loadCatalogOrReport(cmd, g.catalogDir)
			if err != nil {
				return err
			}
			res, err := loadTransition(cmd, cat, args[0])
			if err != nil {
				return err
			}
			opts := transition.ReportOptions{Format: format}
			if len(args) == 2 {
				cur, err := loadStatement(cmd, cat, args[1])
				if err != nil {
					return err
				}
				if cur.Edition != "2022" {
					return &exitErr{code: ExitInvalid, err: fmt.Errorf("%s is an edition %s answers file; NEW must be the 2022 answers", cur.Source, cur.Edition)}
				}
				opts.Current = cur
			}
			code := firstNonEmpty(lang, res.Old.Org.Language, "en")
			l, err := i18n.Parse(code)
			if err != nil {
				return usageError("--lang: %v", err)
			}
			opts.Lang = l
			return res.WriteReport(forTerminal(cmd.OutOrStdout(), format, "text", "markdown"), opts)
		},
	}
	addFormatFlag(cmd, &format, transition.Formats)
	cmd.Flags().StringVar(&lang, "lang", "", "language of the report: en or ja (default: the answers' language, else en)")
	registerEnum(cmd, "lang", i18n.Languages)
	return cmd
}

// loadStatement reads and checks one answers file; invalid files print
// their diagnostics and give exit 1.
func loadStatement(cmd *cobra.Command, cat *catalog.Catalog, path string) (*soa.Statement, error) {
	name, src, err := readAnswers(cmd.InOrStdin(), path)
	if err != nil {
		return nil, err
	}
	st, l := soa.Load(cat, name, src)
	if st == nil {
		_ = diag.Write(cmd.ErrOrStderr(), "text", l)
		return nil, &exitErr{code: ExitInvalid, err: fmt.Errorf("%s: %d error(s); nothing done", name, l.Count(diag.Error))}
	}
	return st, nil
}

// loadTransition reads a 2013 answers file and derives the 2022 answers.
func loadTransition(cmd *cobra.Command, cat *catalog.Catalog, path string) (*transition.Result, error) {
	old, err := loadStatement(cmd, cat, path)
	if err != nil {
		return nil, err
	}
	res, err := transition.Derive(cat, old)
	if err != nil {
		return nil, &exitErr{code: ExitInvalid, err: err}
	}
	return res, nil
}
