// Package reader reads Office Open XML workbooks (.xlsx): the sheets'
// names and cells (values as stored, with their types, styles and
// formulas), merged ranges, what each cell's number format shows, and the
// document properties. It is what soa import needs, not a general library:
// it reads, never writes, and decodes each part it needs exactly once.
//
// Any input costs bounded time and memory: the zip's entries, each part
// and all parts together are capped (Limits), element nesting is capped,
// and every error says which part is wrong and how.
package reader

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"unicode/utf8"
)

// Limits bound what Open and Sheet read.
type Limits struct {
	// MaxUnzipped caps the bytes of all the zip's entries once unzipped
	// (as their headers declare them, which the zip reader enforces).
	MaxUnzipped int64
	// MaxEntries caps the zip's entries.
	MaxEntries int
	// MaxDepth caps how deep elements nest in a part.
	MaxDepth int
	// MaxRows and MaxColumns cap what Sheet keeps of a sheet: rows below
	// and cells right of them are not kept, and Sheet says they were there.
	MaxRows, MaxColumns int
	// MaxMerges caps the merged ranges kept of a sheet.
	MaxMerges int
	// MaxCells caps the cells Sheet keeps of all the workbook's sheets
	// together, counting the empty ones before a stored cell in its row,
	// each row, and each column a <col> range styles: a cell at XFD costs
	// 16,384, so a few bytes of XML can ask for a lot of memory.
	MaxCells int
}

// DefaultLimits are generous for any real workbook.
var DefaultLimits = Limits{MaxUnzipped: 64 << 20, MaxEntries: 10_000, MaxDepth: 128, MaxRows: 1 << 20, MaxColumns: 16384, MaxMerges: 100_000, MaxCells: 4 << 20}

// withDefaults fills the limits left zero from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = d.MaxUnzipped
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxMerges <= 0 {
		l.MaxMerges = d.MaxMerges
	}
	if l.MaxCells <= 0 {
		l.MaxCells = d.MaxCells
	}
	return l
}

// ErrTooLarge is the error of a workbook over Limits.MaxUnzipped.
var ErrTooLarge = errors.New("the workbook is larger than the limit once unzipped")

// SheetInfo is a sheet as the workbook lists it.
type SheetInfo struct {
	Name  string
	State string // "", "hidden" or "veryHidden"
	part  string // zip entry, "" when the relationship is missing
	rid   string // its relationship's id
}

// DocProps are the core document properties (docProps/core.xml).
type DocProps struct {
	Title, Subject, Creator, Keywords, Description, LastModifiedBy, Category string
	Created, Modified                                                        string // as written: 2026-04-01T10:00:00Z
}

// AppProps are the extended (application) properties (docProps/app.xml).
type AppProps struct {
	Application, Company, Manager string
}

// Workbook is an opened workbook.
type Workbook struct {
	Sheets   []SheetInfo
	Date1904 bool
	Core     *DocProps // nil when the workbook has none
	App      *AppProps // nil when the workbook has none

	lim     Limits
	parts   map[string]*zip.File // by lower-case name
	left    budget               // what the limits leave to read
	ahead   ahead                // see Prefetch
	wbRels  string               // the workbook's relationships part
	strings []string             // shared strings
	styles  styles

	shownMu sync.Mutex
	shown   map[shownKey]string // see Shown
}

// Open reads the workbook in data: its zip directory, workbook.xml and its
// relationships, the shared strings, the styles and the document
// properties. Sheets are read by Sheet.
func Open(data []byte, lim Limits) (*Workbook, error) {
	lim = lim.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("the file is no valid zip archive: %w", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("the zip has %d entries, more than the %d a workbook may have", len(zr.File), lim.MaxEntries)
	}
	w := &Workbook{lim: lim, parts: make(map[string]*zip.File, len(zr.File)), left: budget{bytes: lim.MaxUnzipped, cells: lim.MaxCells}}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(lim.MaxUnzipped) {
			return nil, ErrTooLarge // and the sum below cannot wrap around
		}
		total += f.UncompressedSize64
		if total > uint64(lim.MaxUnzipped) {
			return nil, ErrTooLarge
		}
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))
		if _, dup := w.parts[name]; !dup {
			w.parts[name] = f
		}
	}
	root, err := w.rels("_rels/.rels", "")
	if err != nil {
		return nil, err
	}
	wbPart := "xl/workbook.xml"
	if t := root.target("/officeDocument"); t != "" {
		wbPart = t
	}
	if w.parts[strings.ToLower(wbPart)] == nil {
		return nil, fmt.Errorf("the zip holds no workbook (%s is missing): it is no .xlsx workbook", wbPart)
	}
	dir := path.Dir(wbPart)
	w.wbRels = path.Join(dir, "_rels", path.Base(wbPart)+".rels")
	wbRels, err := w.rels(w.wbRels, dir)
	if err != nil {
		return nil, err
	}
	if err := w.readWorkbook(wbPart, wbRels); err != nil {
		return nil, err
	}
	sst := wbRels.target("/sharedStrings")
	if sst == "" {
		sst = path.Join(dir, "sharedStrings.xml")
	}
	if err := w.readSharedStrings(sst); err != nil {
		return nil, err
	}
	st := wbRels.target("/styles")
	if st == "" {
		st = path.Join(dir, "styles.xml")
	}
	if err := w.readStyles(st); err != nil {
		return nil, err
	}
	core := root.target("/core-properties")
	if core == "" {
		core = "docProps/core.xml"
	}
	app := root.target("/extended-properties")
	if app == "" {
		app = "docProps/app.xml"
	}
	if err := w.readProps(core, app); err != nil {
		return nil, err
	}
	return w, nil
}

// SheetNames lists the sheets in workbook order, hidden ones included.
func (w *Workbook) SheetNames() []string {
	out := make([]string, len(w.Sheets))
	for i, s := range w.Sheets {
		out[i] = s.Name
	}
	return out
}

// part returns the unzipped bytes of the entry name (any case), nil when
// there is none. Each byte counts against the workbook's budget.
func (w *Workbook) part(name string) ([]byte, error) { return w.partWithin(name, &w.left) }

// budget is what the limits leave to read: unzipped bytes, and cells Sheet
// may still keep (see Limits.MaxCells).
type budget struct {
	bytes int64
	cells int
}

// partWithin is part, counting the bytes against left.
func (w *Workbook) partWithin(name string, left *budget) ([]byte, error) {
	f := w.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil
	}
	if int64(f.UncompressedSize64) > left.bytes {
		return nil, ErrTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	// Room for the bytes the header declares and the MinRead more that
	// ReadFrom asks for before it sees the end: the buffer is never grown
	// (copied) for an entry of the size declared.
	buf := make([]byte, 0, f.UncompressedSize64+bytes.MinRead)
	b := bytes.NewBuffer(buf)
	n, err := io.Copy(b, io.LimitReader(rc, left.bytes+1))
	switch {
	case errors.Is(err, zip.ErrFormat):
		// What archive/zip says of an entry longer than its header says.
		return nil, fmt.Errorf("%s: the zip entry holds more than the %d bytes its header declares: the file is damaged (%w)", name, f.UncompressedSize64, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("%s: the zip entry holds fewer than the %d bytes its header declares: the file is damaged (%w)", name, f.UncompressedSize64, err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if left.bytes -= n; left.bytes < 0 {
		return nil, ErrTooLarge
	}
	src := b.Bytes()
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if err := checkUTF8(name, src); err != nil {
		return nil, err
	}
	return src, nil
}

// checkUTF8 says where src, the part name, is not UTF-8.
func checkUTF8(name string, src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return fmt.Errorf("%s: the part is in UTF-16; soa reads UTF-8 parts only (save the workbook again in Excel or LibreOffice)", name)
	}
	i := 0
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	line := 1 + bytes.Count(src[:i], []byte{'\n'})
	return fmt.Errorf("%s: line %d: byte 0x%02X is not UTF-8 (the part must be in UTF-8; save the workbook again in Excel or LibreOffice)", name, line, src[i])
}

// relationships maps relationship ids to their targets, resolved to zip
// entry names.
type relationships struct {
	ids   map[string]string
	types [][2]string // type and target, in the part's order
}

// target returns the target of the first relationship whose type ends in
// suffix ("/worksheet"): Transitional and Strict types differ only in
// their prefix.
func (r relationships) target(suffix string) string {
	for _, tv := range r.types {
		if strings.HasSuffix(tv[0], suffix) {
			return tv[1]
		}
	}
	return ""
}

// rels reads the relationships part name; targets are relative to dir
// unless absolute (/xl/worksheets/sheet1.xml).
func (w *Workbook) rels(name, dir string) (relationships, error) {
	r := relationships{ids: map[string]string{}}
	src, err := w.part(name)
	if err != nil || src == nil {
		return r, err
	}
	s := newScanner(name, src, w.lim.MaxDepth)
	for {
		ok, err := s.nextStart(0)
		if err != nil {
			return r, err
		}
		if !ok {
			return r, nil
		}
		if !s.is("Relationship") {
			continue
		}
		id, _ := s.attrString("Id")
		typ, _ := s.attrString("Type")
		t, err := s.attrString("Target")
		if err != nil {
			return r, err
		}
		if mode, _ := s.attrString("TargetMode"); mode == "External" {
			continue
		}
		raw := t
		t = strings.ReplaceAll(t, "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t)[1:]
		} else {
			t = path.Join(dir, t)
		}
		if t == ".." || strings.HasPrefix(t, "../") || strings.HasPrefix(t, "/") {
			return r, s.errorf(s.pos, "relationship %s: the target %q is outside the package (a workbook's parts refer only to parts of its own zip)", id, raw)
		}
		if _, ok := r.ids[id]; !ok {
			r.ids[id] = t
		}
		r.types = append(r.types, [2]string{typ, t})
	}
}

func (w *Workbook) readWorkbook(name string, rels relationships) error {
	src, err := w.part(name)
	if err != nil {
		return err
	}
	s := newScanner(name, src, w.lim.MaxDepth)
	for {
		ok, err := s.nextStart(0)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch {
		case s.is("sheet") && s.depth() == 3:
			sh := SheetInfo{}
			if sh.Name, err = s.attrString("name"); err != nil {
				return err
			}
			sh.State, _ = s.attrString("state")
			id, _ := s.attrString("id") // r:id
			sh.part, sh.rid = rels.ids[id], id
			w.Sheets = append(w.Sheets, sh)
		case s.is("workbookPr") && s.depth() == 2:
			v, _ := s.attrString("date1904")
			w.Date1904 = v == "1" || v == "true"
		}
	}
}

func (w *Workbook) readProps(core, app string) error {
	src, err := w.part(core)
	if err != nil {
		return err
	}
	if src != nil {
		p := &DocProps{}
		fields := map[string]*string{"title": &p.Title, "subject": &p.Subject, "creator": &p.Creator, "keywords": &p.Keywords,
			"description": &p.Description, "lastModifiedBy": &p.LastModifiedBy, "category": &p.Category, "created": &p.Created, "modified": &p.Modified}
		if err := readFlat(core, src, w.lim.MaxDepth, fields); err != nil {
			return err
		}
		w.Core = p
	}
	if src, err = w.part(app); err != nil {
		return err
	}
	if src != nil {
		p := &AppProps{}
		if err := readFlat(app, src, w.lim.MaxDepth, map[string]*string{"Application": &p.Application, "Company": &p.Company, "Manager": &p.Manager}); err != nil {
			return err
		}
		w.App = p
	}
	return nil
}

// readFlat reads the text of the root's children named in fields.
func readFlat(name string, src []byte, maxDepth int, fields map[string]*string) error {
	s := newScanner(name, src, maxDepth)
	var b []byte
	for {
		ok, err := s.nextStart(0)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if s.depth() != 2 {
			continue
		}
		dst := fields[string(s.name)]
		if dst == nil {
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		b = b[:0]
		if err := s.elementText(&b); err != nil {
			return err
		}
		*dst = string(b)
	}
}
