// Package importer reads a Statement of Applicability workbook back into
// answers: workbooks soa generated, after people edited them in Excel or
// LibreOffice, and SoA workbooks made by hand in other layouts. It finds
// the header row and the columns by their heading text, never by position.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/lazyre"
	"github.com/soa-tool/soa/internal/xlsx"
	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
)

// Limits on what import reads, against zip bombs and runaway files. Real
// SoA workbooks are well under 1 MiB.
const (
	MaxFileSize  = 32 << 20 // bytes of the .xlsx file
	MaxUnzipped  = 64 << 20 // bytes of all its parts once unzipped
	maxHeaderRow = 40       // the header row is looked for in the first rows only
	// MaxRows and MaxColumns bound what is read of each sheet: an SoA has
	// a few hundred rows at most, and a sheet of a million rows must not
	// cost gigabytes of memory to look through.
	MaxRows    = 5000
	MaxColumns = 200
)

// Options say how to read a workbook.
type Options struct {
	Name string // the file's name, for messages
	// Columns maps a field to the heading of its column, for headings
	// import cannot guess (--column FIELD=HEADING). A column named here is
	// read as its field, whatever column was guessed for that field.
	Columns map[string]string
	// Values maps, for a field, a value as written to the value it means,
	// for values import cannot read (--value FIELD:TEXT=VALUE):
	// {"applicable": {"Ano": "yes"}}. The field is one of Fields, or
	// "reasons" for every reason column.
	Values map[string]map[string]string
}

// Column is a column import understood.
type Column struct {
	Field   string
	Heading string
	Cell    string // "SoA!C1"
}

// Result is what a workbook held.
type Result struct {
	File      *answers.File
	Sheet     string
	HeaderRow int
	Columns   []Column
	Unmapped  []Column // headings import could not place (Field is "")
	Rows      int      // control rows read
	Skipped   int      // rows without a control id, reported as warnings
	// Unread names, for each control, the answer fields that were not read
	// because a cell they come from holds a formula with no saved value
	// (each reported as a warning). Such a field is empty in File; Keep
	// puts back the value an existing answers file has.
	Unread map[string][]string
	// Blank lists the controls whose row is in the table with every answer
	// cell empty: unanswered in File, and cleared by an update (--into),
	// since the workbook says those fields are empty now.
	Blank []string
	Diags diag.List
}

// Keep copies into the imported answers, for each field in Unread, the
// value old gives it, so that updating old does not clear what the
// workbook did not say.
func (res *Result) Keep(old *answers.File) {
	for _, a := range res.File.Controls {
		fields := res.Unread[a.ID]
		prev := old.Lookup(a.ID)
		if len(fields) == 0 || prev == nil {
			continue
		}
		for _, f := range fields {
			a.SetField(f, prev)
			if f == "notes" {
				// The Notes column holds the review remark too.
				a.SetField("review", prev)
			}
		}
	}
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads data, an .xlsx workbook, against cat. Every problem found is in
// Result.Diags; the error is that list when it holds an error, or a
// problem with the file as a whole.
func Read(data []byte, cat *catalog.Catalog, opts Options) (*Result, error) {
	return Open(data, opts).Read(cat)
}

// Opened is a workbook (or CSV file) opened for Read.
type Opened struct {
	r    *reader
	err  error  // the file's problem, which Read returns
	stop func() // stops decoding sheets ahead
}

// Open opens data, an .xlsx workbook or a CSV file, and starts decoding
// the workbook's sheets on the other cores, for Read: the caller may load
// the catalogue meanwhile. Close ends the decoding of a workbook not read.
func Open(data []byte, opts Options) (o *Opened) {
	o = &Opened{}
	file := diag.Pos{File: opts.Name}
	defer func() {
		// A crafted or damaged workbook must not crash soa, whatever the
		// zip and XML readers below make of it.
		if r := recover(); r != nil {
			o.r, o.err = nil, single(file, "cannot read the workbook: it is damaged (%v)", r)
		}
	}()
	r := &reader{opts: opts, res: &Result{Unread: map[string][]string{}}, sheets: map[string]*xreader.Sheet{}}
	if IsCSV(opts.Name) && len(data) <= MaxFileSize && !bytes.HasPrefix(data, zipMagic) {
		sh, err := csvSheet(opts.Name, data)
		if err != nil {
			o.err = single(file, "cannot read the CSV file: %v", err)
			return o
		}
		r.sheetList, r.sheets[sh.Name] = []string{sh.Name}, sh
		o.r = r
		return o
	}
	switch {
	case len(data) > MaxFileSize:
		o.err = single(file, "the workbook is larger than the limit of %d MiB", MaxFileSize>>20)
		return o
	case bytes.HasPrefix(data, oleMagic):
		o.err = single(file, "the workbook is password-protected (encrypted), or an old .xls file: save it as an .xlsx workbook without a password to open it (File > Info > Protect Workbook in Excel)")
		return o
	case !bytes.HasPrefix(data, zipMagic):
		o.err = single(file, "not an .xlsx workbook (an .xlsx file is a zip archive; this one is not)")
		return o
	}
	wb, err := xreader.Open(data, limits)
	if errors.Is(err, xreader.ErrTooLarge) {
		o.err = single(file, "the workbook is larger than the limit of %d MiB once unzipped", MaxUnzipped>>20)
		return o
	} else if err != nil {
		o.err = single(file, "cannot read the workbook: %v", err)
		return o
	}
	r.wb, r.sheetList = wb, wb.SheetNames()
	// Every sheet is looked through for the table, in this order: each
	// is decoded while the one before is looked through.
	wb.Prefetch(r.searchOrder())
	o.stop = wb.StopPrefetch
	// Meanwhile, what looking for the table needs is made on the other
	// core: it would be made on the first cell anyway.
	go warmUp()
	o.r = r
	return o
}

// Read reads the workbook opened against cat, as the package's Read does.
func (o *Opened) Read(cat *catalog.Catalog) (res *Result, err error) {
	defer o.Close()
	if o.err != nil {
		return nil, o.err
	}
	r := o.r
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, single(diag.Pos{File: r.opts.Name}, "cannot read the workbook: it is damaged (%v)", p)
		}
	}()
	r.cat = cat
	if err := r.read(); err != nil {
		return nil, err
	}
	r.res.Diags.Sort()
	return r.res, r.res.Diags.Err()
}

// Close stops decoding the workbook's sheets ahead.
func (o *Opened) Close() {
	if o.stop != nil {
		o.stop()
	}
}

// warmUp makes, once per process, the tables and patterns every search for
// the table uses (the heading words and phrases, the id patterns), and the
// patterns reading the rows and the cover of a workbook soa wrote uses
// (headings in brackets, the edition, dates, title lines, rows of groups).
func warmUp() {
	ownIgnored()
	for _, re := range []*lazyre.Regexp{idWordRE, idPrefixRE, hyphenRE, id3RE, id2RE, idShapeRE,
		bracketRE, floatRE, editionRE, excelSerial, isoDateRE, titleSepRE, versionRE, dateInTextRE, longInTextRE, objectiveRE, bandRE} {
		re.Regexp()
	}
}

func single(pos diag.Pos, format string, args ...any) diag.List {
	return diag.List{{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf(format, args...)}}
}

// limits are what the workbook reader reads at most (see MaxUnzipped and
// MaxRows): each sheet's first MaxRows rows and MaxColumns columns, and
// MaxMerges merged ranges.
var limits = xreader.Limits{MaxUnzipped: MaxUnzipped, MaxEntries: 10_000, MaxDepth: 128, MaxRows: MaxRows, MaxColumns: MaxColumns, MaxMerges: MaxMerges}

type reader struct {
	wb        *xreader.Workbook // nil for a CSV file
	sheetList []string          // the sheets, in workbook order
	sheets    map[string]*xreader.Sheet
	cat       *catalog.Catalog
	opts      Options
	res       *Result

	bands  map[string]bool   // normalized set and theme titles, see bandTitle
	prevID map[string]string // see before
	// headings remembers what each heading names, see heading.
	headings map[string]headingField
	// cut records the sheets whose rows or columns were cut at MaxRows or
	// MaxColumns ("rows:Sheet", "columns:Sheet"), so each is said once.
	cut map[string]bool
	// shown records, by sheet, the numeric cells read as the id they show
	// (see readShown), which are text, not numbers, from then on.
	// The value is the cell's raw number.
	shown     map[string]map[[2]int]string
	titles    map[string]map[string]string // see titleOwner
	dateLabel bool                         // a cover has a date label, see readDocProps
	// controls lists, per sheet, the cells holding a control character
	// (see readGrid); the SoA and Cover sheets' are errors.
	controls map[string][]controlCell
	// grids holds each sheet read so far, see readGrid.
	grids map[string]*grid
}

func (r *reader) pos(sheet string, col, row int) diag.Pos {
	return diag.Pos{File: r.opts.Name, Cell: sheetRef(sheet) + "!" + xlsx.CellName(col, row)}
}

// sheet returns the decoded sheet called name, decoding it the first time.
func (r *reader) sheet(name string) (*xreader.Sheet, error) {
	if sh, ok := r.sheets[name]; ok {
		return sh, nil
	}
	if r.wb == nil {
		return nil, fmt.Errorf("no sheet %q", name)
	}
	sh, err := r.wb.Sheet(name)
	if err != nil {
		return nil, err
	}
	r.sheets[name] = sh
	return sh, nil
}

// cell returns the cell at the 1-based col and row of sheet (a zero Cell,
// a number, when there is none).
func (r *reader) cell(sheet string, col, row int) xreader.Cell {
	if sh := r.sheets[sheet]; sh != nil {
		return sh.Cell(col, row)
	}
	return xreader.Cell{}
}

// shownText is what the cell at the 1-based col and row of sheet shows
// under its number format.
func (r *reader) shownText(sheet string, col, row int) string {
	c := r.cell(sheet, col, row)
	if r.wb == nil {
		return c.V
	}
	return r.wb.Shown(c)
}

// sheetRef quotes a sheet name for a cell reference when Excel would.
func sheetRef(sheet string) string {
	if strings.ContainsAny(sheet, " -'") {
		return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	return sheet
}

func (r *reader) errorf(p diag.Pos, control, field, format string, args ...any) {
	r.res.Diags.Add(diag.Diagnostic{Pos: p, Severity: diag.Error, Control: control, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (r *reader) warnf(p diag.Pos, control, field, format string, args ...any) {
	r.res.Diags.Add(diag.Diagnostic{Pos: p, Severity: diag.Warning, Control: control, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// idShapedBelow returns up to n distinct cells below t's header in column c
// that are shaped like control ids.
func idShapedBelow(t *table, c, n int) []string {
	var out []string
	for i := t.headerRow; i < len(t.rows) && len(out) < n; i++ {
		if c < len(t.rows[i]) {
			if v := strings.TrimSpace(t.rows[i][c]); looksLikeID(v) && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// soaSheetNames are the names soa gives its SoA sheet, tried first.
var soaSheetNames = []string{"soa", "適用宣言書", "statement of applicability", "annex a", "附属書a"}

// searchOrder is the order the sheets are looked through for the table:
// those soa names first.
func (r *reader) searchOrder() []string {
	sheets := slices.Clone(r.sheetList)
	slices.SortStableFunc(sheets, func(a, b string) int {
		return boolRank(slices.Contains(soaSheetNames, normalize(a))) - boolRank(slices.Contains(soaSheetNames, normalize(b)))
	})
	return sheets
}

func (r *reader) read() error {
	var best, miss *table
	for _, sh := range r.searchOrder() {
		t, m, err := r.findTable(sh)
		if err != nil {
			return err
		}
		if t != nil && (best == nil || t.score > best.score) {
			best = t
		}
		if m != nil && (miss == nil || m.score > miss.score) {
			miss = m
		}
	}
	looked := strings.Join(r.sheetList, ", ")
	switch {
	case best == nil && miss != nil:
		c := miss.cols[fID]
		// Ids of the right shape that are no controls: say which, since the
		// column is right and the catalogue is not.
		if odd := idShapedBelow(miss, c, 3); len(odd) > 0 {
			return single(diag.Pos{File: r.opts.Name}, "no control rows found: the cells below %s (%q) hold ids such as %s, which are no controls of ISO/IEC 27001:2022 or 2013 Annex A or the catalogue's added sets (sheets looked at: %s); for controls of your own, give their catalogue with --catalog DIR", r.pos(miss.sheet, c+1, miss.headAt[c]+1).Cell, strings.TrimSpace(miss.heads[c]), strings.Join(odd, ", "), looked)
		}
		return single(diag.Pos{File: r.opts.Name}, "no control rows found: %s heads the id column (%q), but no cell below it holds a control id such as 5.1 or A.5.1.1 (sheets looked at: %s); name the column of ids with --column id=HEADING", r.pos(miss.sheet, c+1, miss.headAt[c]+1).Cell, strings.TrimSpace(miss.heads[c]), looked)
	case best == nil:
		return single(diag.Pos{File: r.opts.Name}, "no SoA table found: no sheet has a header row naming a control id column and an applicability, status or justification column in its first %d rows (sheets looked at: %s); name the columns with --column FIELD=HEADING", maxHeaderRow, looked)
	}
	if msg := r.unsupportedEdition(best); msg != "" {
		return r.editionError(msg)
	}
	r.dropUnreadable(best)
	r.res.Sheet, r.res.HeaderRow = best.sheet, best.headerRow
	r.res.Columns, r.res.Unmapped = best.columns, best.unmapped
	r.checkNamed(best)
	f := &answers.File{Name: r.opts.Name}
	r.readCoverAndRows(best, f)
	r.reportControls(best.sheet)
	r.res.File = f
	return nil
}

// readCoverAndRows reads the organization (readCover) on another core
// while the control rows are read (readRows). Every sheet is read by now,
// and the two share only what reading them made, which neither changes:
// the cover writes f.Org and f.Revisions, the rows the rest of f and of
// r.res, and its problems (warnings only, which the rows never count) go
// to a list of its own, put before the rows' as when it was read first.
// A panic of either is raised again here, the cover's first, for Read.
func (r *reader) readCoverAndRows(t *table, f *answers.File) {
	cover := *r
	res := *r.res
	res.Diags = nil
	cover.res = &res
	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		cover.readCover(f)
	}()
	before := len(r.res.Diags)
	rowsPanic := func() (p any) {
		defer func() { p = recover() }()
		r.readRows(t, f)
		return nil
	}()
	if p := <-done; p != nil {
		panic(p)
	} else if rowsPanic != nil {
		panic(rowsPanic)
	}
	rows := slices.Clone(r.res.Diags[before:])
	r.res.Diags = append(append(r.res.Diags[:before], res.Diags...), rows...)
	r.dateLabel = cover.dateLabel
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}
