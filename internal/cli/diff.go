package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/spf13/cobra"
)

func newDiffCmd(g *globalOptions) *cobra.Command {
	var format, lang, output string
	var force bool
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "What changed between two versions of an SoA",
		Long: `Compare two versions of one organization's answers: each answers file
(.yaml) or workbook (.xlsx, read as soa import reads it), of one edition.
Every field that differs is listed per control, old → new, with the
organization's details, and a line for the revision history is suggested.
soa generate --since OLD adds the same list to the workbook as a Changes
sheet.

Exit codes: 0 compared (with or without changes), 1 invalid input or
editions that differ, 2 usage or I/O error.`,
		Example: `  soa diff answers-v2.0.yaml answers.yaml
  soa diff soa-2025.xlsx answers.yaml --format markdown`,
		Args: argCount(2, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			render, err := pickFormat(diff.Formats, format)
			if err != nil {
				return err
			}
			cat, err := loadCatalogOrReport(cmd, g.catalogDir)
			if err != nil {
				return err
			}
			old, err := loadVersion(cmd, cat, args[0])
			if err != nil {
				return err
			}
			cur, err := loadVersion(cmd, cat, args[1])
			if err != nil {
				return err
			}
			l := i18n.EN
			if code := firstNonEmpty(lang, cur.Org.Language); code != "" {
				if l, err = i18n.Parse(code); err != nil {
					return usageError("--lang: %v", err)
				}
			}
			rep, err := diff.Compare(old, cur, cat.ControlIDs(cur.Edition), l)
			if err != nil {
				return &exitErr{code: ExitInvalid, err: err}
			}
			var buf bytes.Buffer
			if err := render(&buf, rep); err != nil {
				return err
			}
			if output == "" || output == stdoutName {
				// Text from the answers is hostile: shown escaped on a terminal or in a log.
				_, err := forTerminal(cmd.OutOrStdout(), format, "text", "markdown").Write(buf.Bytes())
				return err
			}
			if err := writeFileAtomic(output, buf.Bytes(), force, inputFiles(g.catalogDir, args...)); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d change(s))\n", displayPath(output), len(rep.Changes))
			return nil
		},
	}
	addFormatFlag(cmd, &format, diff.Formats)
	f := cmd.Flags()
	f.StringVar(&lang, "lang", "", "language of the suggested revision line: en or ja (default: NEW's organization.language, else en)")
	f.StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&force, "force", false, "overwrite an existing -o file")
	registerEnum(cmd, "lang", i18n.Languages)
	return cmd
}

// loadVersion reads one version of the answers: a workbook through the
// importer, otherwise an answers file. Problems are printed; an error stops
// the command.
func loadVersion(cmd *cobra.Command, cat *catalog.Catalog, path string) (*answers.File, error) {
	if strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		data, err := readWorkbook(path)
		if err != nil {
			return nil, err
		}
		res, err := importer.Read(data, cat, importer.Options{Name: displayPath(path)})
		var l diag.List
		if errors.As(err, &l) {
			_ = diag.Write(cmd.ErrOrStderr(), "text", l)
			return nil, &exitErr{code: ExitInvalid, err: fmt.Errorf("%s: %d error(s)", displayPath(path), l.Count(diag.Error))}
		} else if err != nil {
			return nil, err
		}
		return res.File, nil
	}
	name, src, err := readAnswers(cmd.InOrStdin(), path)
	if err != nil {
		return nil, err
	}
	f, l := answers.Parse(name, src)
	if l.Count(diag.Error) > 0 || f == nil {
		_ = diag.Write(cmd.ErrOrStderr(), "text", l)
		return nil, &exitErr{code: ExitInvalid, err: fmt.Errorf("%s: %d error(s)", name, l.Count(diag.Error))}
	}
	return f, nil
}
