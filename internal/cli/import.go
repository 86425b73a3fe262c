package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/soa-tool/soa/internal/safefile"
	"github.com/soa-tool/soa/internal/termsafe"
	"github.com/spf13/cobra"
)

type importOptions struct {
	*globalOptions
	output  string
	into    string
	dryRun  bool
	force   bool
	columns []string
	values  []string
	org     string
	date    string
	// workbook is the file being imported, never to be written over.
	workbook string
}

func newImportCmd(g *globalOptions) *cobra.Command {
	o := &importOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "import WORKBOOK.xlsx|FILE.csv (-o ANSWERS.yaml | --into ANSWERS.yaml)",
		Short: "Read an edited SoA workbook back into answers",
		Long: `Read the answers from an SoA workbook: one soa generated and people then
edited in Excel or LibreOffice (sorted, filtered, values typed in any case,
rows of their own notes inserted), or an SoA made by hand in another layout,
or a CSV file (UTF-8, UTF-16 or Shift_JIS; comma, semicolon or tab).
Columns are found by their headings and the words in them, in English,
Japanese, German, French, Spanish, Italian, Portuguese, Dutch, Czech,
Polish, Greek, Chinese and Korean, over up to three header rows; --column
FIELD=HEADING names one it cannot guess, and wins over any guess. Values
(yes/no, statuses, marks such as ✓ ■ ☒, also in the Wingdings fonts) are
read in the same languages; --value FIELD:TEXT=VALUE maps one it cannot
read (--value applicable:Ano=yes, --value status:Hotovo=implemented). Ids
written A.5.1.1, 5.1.1, A.5.1 or 5.1, or stored as numbers or dates, are
read as the cell shows them, and the edition is told from them (2005 and
other editions are refused); rows of 2013 control objectives and other
group headings are skipped. A row whose title is another control's is a
warning. A workbook with no control row is an error.

The organization and the date are read from a Cover or Document Control
sheet, labelled cells, title lines ("Example Ltd — Statement of
Applicability", "Version 1.0 | 01 April 2026") or the document properties.
When the workbook does not give them, -o writes a placeholder and warns,
unless --org and --date give them.

-o writes a new answers file (-o - prints it). --into updates an existing one in place,
changing only the fields whose values differ and keeping its comments, key
order and formatting; it prints each change and checks that the updated
answers still validate, and --dry-run stops there, writing nothing.

Every problem is reported, with its cell (SoA!D17); when there is any
error, nothing is written. Limits: the workbook may be at most 32 MiB, and
64 MiB once unzipped; the first 5,000 rows and 200 columns of a sheet are read.

Fields for --column and --value: ` + strings.Join(importer.Fields, ", ") + `, and reasons for
--value (every reason column).

Exit codes: 0 done, 1 invalid workbook or values, 2 usage or I/O error.`,
		Example: `  soa import soa-edited.xlsx --into answers.yaml --dry-run
  soa import soa-edited.xlsx --into answers.yaml
  soa import old-soa.xlsx -o answers.yaml --org "Example KK" --date 2026-04-01
  soa import old-soa.xlsx -o answers.yaml --column status="Where are we?"
  soa import soa-cz.xlsx -o answers.yaml --value status:Hotovo=implemented
  soa import soa.csv -o answers.yaml`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(cmd, o, args[0]) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "answers file to write (- for standard output)")
	f.StringVar(&o.into, "into", "", "answers file to update in place")
	f.BoolVar(&o.dryRun, "dry-run", false, "with --into: print the changes, write nothing")
	f.BoolVar(&o.force, "force", false, "with -o: overwrite the file if it exists")
	f.StringArrayVar(&o.columns, "column", nil, "FIELD=HEADING: the column holding FIELD (repeatable)")
	f.StringArrayVar(&o.values, "value", nil, "FIELD:TEXT=VALUE: read TEXT in FIELD's column as VALUE (repeatable)")
	f.StringVar(&o.org, "org", "", "with -o: organization name, when the workbook does not say")
	f.StringVar(&o.date, "date", "", "with -o: date of the SoA version (YYYY-MM-DD), when the workbook does not say")
	return cmd
}

func runImport(cmd *cobra.Command, o *importOptions, path string) error {
	if (o.output == "") == (o.into == "") {
		return usageError("import needs exactly one of -o ANSWERS.yaml and --into ANSWERS.yaml")
	}
	if o.dryRun && o.into == "" {
		return usageError("--dry-run goes with --into")
	}
	cols := map[string]string{}
	for _, c := range o.columns {
		field, heading, ok := strings.Cut(c, "=")
		if !ok || !slices.Contains(importer.Fields, field) || heading == "" {
			return usageError("--column %q: want FIELD=HEADING with FIELD one of %s", c, strings.Join(importer.Fields, ", "))
		}
		cols[field] = heading
	}
	values, err := parseValues(o.values)
	if err != nil {
		return err
	}
	if o.date != "" {
		if _, err := time.Parse(time.DateOnly, o.date); err != nil {
			return usageError("--date: %q is not a date; write YYYY-MM-DD", o.date)
		}
	}
	o.workbook = path
	if o.into != "" {
		if err := notAnInput(o.into, inputFiles(o.catalogDir, path)); err != nil {
			return err
		}
	}
	// The catalogue is loaded on another core while the workbook is read
	// and opened; its problems are said first, as before reading it.
	catalogue := loadCatalogAside(cmd, o.catalogDir)
	data, readErr := readWorkbook(path)
	var wb *importer.Opened
	if readErr == nil {
		wb = importer.Open(data, importer.Options{Name: displayPath(path), Columns: cols, Values: values})
		defer wb.Close()
	}
	cat, err := catalogue()
	switch {
	case err != nil:
		return err
	case readErr != nil:
		return readErr
	}
	stderr := cmd.ErrOrStderr()
	res, err := wb.Read(cat)
	var l diag.List
	if errors.As(err, &l) {
		if res != nil {
			reportMapping(stderr, res)
		}
		_ = diag.Write(stderr, "text", l)
		return &exitErr{code: ExitInvalid, err: fmt.Errorf("%s: %d error(s); nothing written", displayPath(path), l.Count(diag.Error))}
	} else if err != nil {
		return err
	}
	reportMapping(stderr, res)
	_ = diag.Write(stderr, "text", res.Diags)
	if o.into != "" {
		return importInto(cmd, cat, res, o)
	}
	return importNew(cmd, cat, res, o)
}

// readWorkbook reads at most one byte over the import limit, so that the
// importer reports an oversized file with its name.
func readWorkbook(path string) ([]byte, error) {
	return readUpTo(path, importer.MaxFileSize+1)
}

// maxUnmappedShown is how many headings the "not read:" line names: a
// sheet may have hundreds of headings import does not know.
const maxUnmappedShown = 10

// reportMapping says which columns were read as what, and which were not.
func reportMapping(w io.Writer, res *importer.Result) {
	var parts []string
	for _, c := range res.Columns {
		parts = append(parts, fmt.Sprintf("%s → %s", termsafe.String(shorten(strings.ReplaceAll(c.Heading, "\n", " "))), c.Field))
	}
	fmt.Fprintf(w, "read sheet %s, header row %d: %s\n", termsafe.String(res.Sheet), res.HeaderRow, strings.Join(parts, ", "))
	if len(res.Unmapped) > 0 {
		var un []string
		for _, c := range res.Unmapped[:min(len(res.Unmapped), maxUnmappedShown)] {
			un = append(un, fmt.Sprintf("%q (%s)", shorten(c.Heading), c.Cell))
		}
		if n := len(res.Unmapped) - len(un); n > 0 {
			un = append(un, fmt.Sprintf("… and %d more", n))
		}
		fmt.Fprintf(w, "not read: %s (name them with --column FIELD=HEADING)\n", strings.Join(un, ", "))
	}
	answered := 0
	if res.File != nil {
		answered = len(res.File.Controls)
	}
	fmt.Fprintf(w, "%d control rows, %d answered, %d other rows not imported\n", res.Rows, answered, res.Skipped)
}

// shorten cuts a heading longer than 40 characters.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// The placeholders written for an organization and a date the workbook
// does not give: valid, and plainly not real.
const (
	placeholderOrg  = "UNKNOWN ORGANIZATION (fill in)"
	placeholderDate = "1970-01-01"
)

// parseValues reads the --value options: FIELD:TEXT=VALUE.
func parseValues(opts []string) (map[string]map[string]string, error) {
	values := map[string]map[string]string{}
	for _, v := range opts {
		field, rest, ok := strings.Cut(v, ":")
		text, val, ok2 := strings.Cut(rest, "=")
		if !ok || !ok2 || strings.TrimSpace(text) == "" || strings.TrimSpace(val) == "" || (field != "reasons" && !slices.Contains(importer.Fields, field)) {
			return nil, usageError("--value %q: want FIELD:TEXT=VALUE with FIELD one of %s, reasons (such as --value applicable:Ano=yes)", v, strings.Join(importer.Fields, ", "))
		}
		if values[field] == nil {
			values[field] = map[string]string{}
		}
		values[field][text] = val
	}
	return values, nil
}

func importNew(cmd *cobra.Command, cat *catalog.Catalog, res *importer.Result, o *importOptions) error {
	f := res.File
	if o.org != "" {
		f.Org.Name = o.org
	}
	if o.date != "" {
		f.Org.Date = o.date
	}
	l := i18n.EN
	if f.Org.Language == "ja" {
		l = i18n.JA
	}
	header := []string{l.F("import.header", res.File.Name)}
	// A workbook that does not say is still imported: a placeholder,
	// named in a warning and in the file, keeps the answers valid.
	if f.Org.Name == "" {
		f.Org.Name = placeholderOrg
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: warning: organization.name: the workbook does not name the organization; wrote %q: replace it in the answers file (or give --org)\n", res.File.Name, placeholderOrg)
		header = append(header, "TODO: organization.name was not in the workbook; replace the placeholder")
	}
	if f.Org.Date == "" {
		f.Org.Date = placeholderDate
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: warning: organization.date: the workbook gives no date of the SoA; wrote %s: replace it with the date of this SoA version (or give --date)\n", res.File.Name, placeholderDate)
		header = append(header, "TODO: organization.date was not in the workbook; replace "+placeholderDate+" with the SoA's date")
	}
	var buf bytes.Buffer
	err := answers.Encode(&buf, f, answers.EncodeOptions{
		Schema: schemaFile,
		Header: header,
		IDs:    cat.ControlIDs(f.Edition),
		Comment: func(id string) string {
			if c := cat.Control(id); c != nil {
				return l.Title(c.Title, c.TitleJA)
			}
			return ""
		},
	})
	if err != nil {
		return err
	}
	if afterEncode != nil {
		afterEncode(&buf)
	}
	// The answers must read back valid before they are written; the check
	// runs while they are written and synced (writeOutputChecked).
	var invalid diag.List
	readsBack := func() error {
		if st, vl := loadChecked(cat, displayPath(o.output), buf.Bytes(), false, defaultJudgement()); st == nil {
			invalid = vl
			return &exitErr{code: ExitInvalid, err: fmt.Errorf("the imported answers do not validate; nothing written")}
		}
		return nil
	}
	err = writeOutputChecked(cmd.OutOrStdout(), o.output, buf.Bytes(), o.force, inputFiles(o.catalogDir, o.workbook), readsBack)
	if invalid != nil {
		_ = diag.Write(cmd.ErrOrStderr(), "text", invalid)
	}
	if err != nil {
		return err
	}
	where := displayPath(o.output)
	if o.output == stdoutName {
		where = "the answers to standard output"
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (edition %s)\n", where, f.Edition)
	return writeSchemaBeside(cmd, o.output)
}

// afterEncode, when set by a test, may damage the answers import encoded,
// as a bug of the encoder would, to show that they are then not written.
var afterEncode func(*bytes.Buffer)

// beforeInto, when set by a test, runs just before import --into writes.
var beforeInto func()

func importInto(cmd *cobra.Command, cat *catalog.Catalog, res *importer.Result, o *importOptions) error {
	snap, err := safefile.Read(o.into, maxInput)
	if err != nil {
		if errors.Is(err, safefile.ErrNotRegular) {
			return writeError(o.into, err)
		}
		var pe *safefile.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return readError(o.into, err)
	}
	out, changes, err := res.UpdateFile(displayPath(o.into), snap.Data, cat.ControlIDs(res.File.Edition))
	var l diag.List
	if errors.As(err, &l) {
		_ = diag.Write(cmd.ErrOrStderr(), "text", l)
		return &exitErr{code: ExitInvalid, err: fmt.Errorf("%s cannot be updated; nothing written", displayPath(o.into))}
	} else if err != nil {
		return err
	}
	for _, c := range changes {
		fmt.Fprintln(cmd.OutOrStdout(), termsafe.String(c.String()))
	}
	if len(changes) == 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s already matches the workbook; nothing to change\n", displayPath(o.into))
		return nil
	}
	// Checked before --dry-run stops, so that a dry run fails as the real
	// run would.
	if st, vl := loadChecked(cat, displayPath(o.into), out, false, defaultJudgement()); st == nil {
		_ = diag.Write(cmd.ErrOrStderr(), "text", vl)
		return &exitErr{code: ExitInvalid, err: fmt.Errorf("the updated answers would not validate (lines as they would be after the update); nothing written")}
	}
	if o.dryRun {
		fmt.Fprintf(cmd.ErrOrStderr(), "%d change(s); --dry-run: nothing written\n", len(changes))
		return nil
	}
	if beforeInto != nil {
		beforeInto()
	}
	// Written only if the file is still the one read: of two imports at
	// once, or an import and a save from the web page, one wins and the
	// other is refused, never both reported as done.
	if err := writeError(o.into, safefile.Replace(snap, out)); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "updated %s: %d change(s)\n", displayPath(o.into), len(changes))
	return nil
}
