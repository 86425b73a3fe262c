package serve

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
)

// doc is one answers file as it is on disk now.
type doc struct {
	name    string // base name, as the URL names it
	path    string // real path
	src     []byte
	version string
	st      *soa.Statement // nil when the file cannot be read
	diags   diag.List
	lang    i18n.Lang
	ro      rules.Options
	rep     *gap.Report
}

// load reads and judges the answers file name. A file that does not load
// is a doc without a statement, whose diags say why.
func (s *Server) load(name string) (*doc, error) {
	path, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	src, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return s.judge(name, path, src), nil
}

// judge loads src as the gap report does: a file that soa gap can report
// on is shown, findings and all.
func (s *Server) judge(name, path string, src []byte) *doc {
	ro := s.cfg.Judge()
	st, l := render.Load(s.cfg.Catalog, name, src, true, ro)
	d := s.judged(name, path, src, st)
	d.diags, d.ro = l, ro
	return d
}

// judged is the doc of src whose statement st is known (nil when src
// does not load).
func (s *Server) judged(name, path string, src []byte, st *soa.Statement) *doc {
	d := &doc{name: name, path: path, src: src, version: version(src), ro: s.cfg.Judge(), st: st}
	d.lang = s.cfg.Lang
	if d.lang == "" {
		d.lang = render.Lang("", d.st)
	}
	if d.st != nil {
		d.rep = gap.Analyze(d.st, gap.Options{AsOf: d.ro.AsOf, MaxReviewAge: d.ro.MaxReviewAge, Lang: d.lang})
	}
	return d
}

// base is the file's name without .yaml: what downloads are named after.
func (d *doc) base() string {
	return strings.TrimSuffix(strings.TrimSuffix(d.name, ".yaml"), ".yml")
}

type option struct {
	Value, Label string
	Selected     bool
}

// fieldView is one answer field of one control, as its input shows it.
type fieldView struct {
	Key, Label, Kind, Hint string
	Value                  string
	Options                []option
	Wide                   bool
}

type attrView struct {
	Type   string
	Values string
}

type findingView struct {
	Control, Field, Severity, Label, Message string
}

type rowView struct {
	ID, Title, Summary string
	New                bool
	Refs               string // the controls of the other edition
	RefsLabel          string
	Attrs              []attrView
	Fields             []fieldView
	Findings           []findingView
	State              string // unanswered, excluded, or the status
}

type themeView struct {
	ID, Title string
	Rows      []rowView
}

type countView struct {
	Title             string
	Percent           int // -1 when nothing applies
	PercentText       string
	Answered, Total   int
	Implemented, Appl int
}

type filterView struct {
	Theme, Applicable, Status, Attr, Q string
	Unanswered, Findings               bool
	Themes, Applicables, Statuses      []option
	Attrs                              []option
	Active                             bool
}

type link struct{ Href, Label string }

// pageView is what the SoA page shows.
type pageView struct {
	Lang         string
	File, Base   string
	Version      string
	Org, Edition string
	AsOf         string
	Is2013       bool
	Multi        bool
	Workbook     link
	Reports      []link
	Filter       filterView
	Themes       []themeView
	Shown, Total int
	Progress     []countView // overall first
	Findings     []findingView
	Bulk         []fieldView
	Diags        []string
	Message      string
}

// labelOf is the label of an answer field in l.
func labelOf(f *answers.Field, l i18n.Lang) string {
	if f.Column != "" && i18n.Has(f.Column) {
		return l.T(f.Column)
	}
	return l.T("serve.field." + f.Key)
}

// valueOptions are the choices of a Bool, Enum or EnumSet field, with
// those of v selected.
func valueOptions(f *answers.Field, v answers.Value, l i18n.Lang) []option {
	var out []option
	switch f.Kind {
	case answers.Bool:
		for _, x := range []string{"true", "false"} {
			key := map[string]string{"true": "value.yes", "false": "value.no"}[x]
			out = append(out, option{x, l.T(key), slices.Contains(v, x)})
		}
	case answers.Enum:
		for i, lbl := range layout.ValueLabels(f, l) {
			out = append(out, option{f.Values[i], lbl, slices.Contains(v, f.Values[i])})
		}
	case answers.EnumSet:
		for _, x := range f.Values {
			out = append(out, option{x, l.T(f.Column + "." + x), slices.Contains(v, x)})
		}
	}
	return out
}

// kindName is the kind of input the page shows for a field of kind k.
func kindName(k answers.Kind) string {
	switch k {
	case answers.Bool, answers.Enum:
		return "select"
	case answers.EnumSet:
		return "set"
	case answers.Line:
		return "line"
	case answers.Text:
		return "text"
	case answers.TextList:
		return "lines"
	case answers.IDList:
		return "ids"
	case answers.Date:
		return "date"
	}
	return ""
}

// newField is the input of field f showing value v.
func newField(f *answers.Field, v answers.Value, l i18n.Lang) fieldView {
	fv := fieldView{Key: f.Key, Label: labelOf(f, l), Kind: kindName(f.Kind), Options: valueOptions(f, v, l)}
	switch f.Kind {
	case answers.TextList:
		fv.Value = strings.Join(v, "\n")
		fv.Hint = l.T("serve.list.lines")
		fv.Wide = true
	case answers.IDList:
		fv.Value = strings.Join(v, ", ")
		fv.Hint = l.T("serve.list.commas")
	case answers.Text:
		fv.Value = strings.Join(v, "")
		fv.Wide = true
	default:
		fv.Value = strings.Join(v, "")
	}
	return fv
}

func findingViews(fs []rules.Finding, l i18n.Lang) []findingView {
	out := make([]findingView, len(fs))
	for i, f := range fs {
		out[i] = findingView{Control: f.Control, Field: f.Field, Severity: f.Severity.String(), Label: l.T("severity." + f.Severity.String()), Message: f.Message}
	}
	return out
}

func (d *doc) findingsOf() map[string][]rules.Finding {
	by := map[string][]rules.Finding{}
	for _, f := range d.rep.Findings {
		by[f.Control] = append(by[f.Control], f)
	}
	return by
}

// rowOf is the view of one control.
func (d *doc) rowOf(row soa.Row, fs []rules.Finding) rowView {
	l, c := d.lang, row.Control
	rv := rowView{ID: c.ID, Title: l.Title(c.Title, c.TitleJA), Summary: l.Pick(c.Summary, c.SummaryJA), New: c.New,
		Findings: findingViews(fs, l)}
	if d.st.Edition == "2013" {
		rv.RefsLabel, rv.Refs = l.T("show.maps_to"), strings.Join(c.MapsTo, ", ")
	} else {
		rv.RefsLabel, rv.Refs = l.T("show.from2013"), strings.Join(c.MappedFrom, ", ")
	}
	for _, t := range catalog.AttributeTypes {
		vals := c.Attributes.Get(t.Key)
		if len(vals) == 0 {
			continue
		}
		shown := make([]string, len(vals))
		for i, v := range vals {
			shown[i] = l.Attr(v)
		}
		rv.Attrs = append(rv.Attrs, attrView{l.Pick(t.Title, t.TitleJA), strings.Join(shown, ", ")})
	}
	for _, f := range answers.Fields {
		v := f.Get(row.Answer)
		if f.Remark && len(v) == 0 {
			continue // soa's own note to a person (from a migration): shown while it has one
		}
		rv.Fields = append(rv.Fields, newField(f, v, l))
	}
	rv.State = stateOf(row)
	return rv
}

// stateOf is the row's class: unanswered, excluded, nostatus or the status.
func stateOf(row soa.Row) string {
	switch {
	case !row.Answered():
		return "unanswered"
	case row.Excluded():
		return "excluded"
	case row.Answer.Status == "":
		return "nostatus"
	}
	return string(row.Answer.Status)
}

// filterOf reads the filter from the query.
func filterOf(q url.Values) filterView {
	return filterView{Theme: q.Get("theme"), Applicable: q.Get("applicable"), Status: q.Get("status"), Attr: q.Get("attr"),
		Q: strings.TrimSpace(q.Get("q")), Unanswered: q.Get("unanswered") != "", Findings: q.Get("findings") != ""}
}

// keep reports whether row passes the filter.
func (fv *filterView) keep(row soa.Row, themeID string, fs []rules.Finding, l i18n.Lang) bool {
	a := row.Answer
	switch {
	case fv.Theme != "" && fv.Theme != themeID,
		fv.Unanswered && row.Answered(),
		fv.Findings && len(fs) == 0,
		fv.Applicable == "true" && !row.Applicable(),
		fv.Applicable == "false" && !row.Excluded(),
		fv.Applicable == "unanswered" && row.Answered():
		return false
	}
	if fv.Status != "" {
		st, want := "", fv.Status
		if a != nil {
			st = string(a.Status)
		}
		if want == "none" {
			want = "" // "(none)": no status given
		}
		if st != want {
			return false
		}
	}
	if fv.Attr != "" {
		typ, val, _ := strings.Cut(fv.Attr, "=")
		if !slices.Contains(row.Control.Attributes.Get(typ), val) {
			return false
		}
	}
	if fv.Q != "" {
		c := row.Control
		hay := []string{c.ID, c.Title, c.TitleJA, c.Summary, c.SummaryJA}
		for _, f := range answers.Fields {
			hay = append(hay, f.Show(f.Get(a)))
		}
		if !strings.Contains(strings.ToLower(strings.Join(hay, "\n")), strings.ToLower(fv.Q)) {
			return false
		}
	}
	return true
}

func themeOf(row soa.Row, l i18n.Lang) (id, title string) {
	if t := row.Theme; t != nil {
		return t.ID, layout.ThemeHeading(t, l.Title(t.Title, t.TitleJA))
	}
	return row.Control.Set, row.Control.Set
}

// options fills the filter's choices, with the current ones selected.
func (fv *filterView) options(d *doc) {
	l := d.lang
	seen := map[string]bool{}
	for _, row := range d.st.Rows {
		id, title := themeOf(row, l)
		if !seen[id] {
			seen[id] = true
			fv.Themes = append(fv.Themes, option{id, title, id == fv.Theme})
		}
	}
	fv.Applicables = []option{{"true", l.T("value.yes"), fv.Applicable == "true"}, {"false", l.T("value.no"), fv.Applicable == "false"},
		{"unanswered", l.T("serve.f.unanswered"), fv.Applicable == "unanswered"}}
	status := answers.FieldByKey(answers.KeyStatus)
	fv.Statuses = valueOptions(status, answers.Value{fv.Status}, l)
	fv.Statuses = append(fv.Statuses, option{"none", l.T("serve.f.none"), fv.Status == "none"})
	for _, t := range catalog.AttributeTypes {
		for _, v := range t.Values {
			val := t.Key + "=" + v
			fv.Attrs = append(fv.Attrs, option{val, l.Pick(t.Title, t.TitleJA) + ": " + l.Attr(v), val == fv.Attr})
		}
	}
	fv.Active = fv.Theme != "" || fv.Applicable != "" || fv.Status != "" || fv.Attr != "" || fv.Q != "" || fv.Unanswered || fv.Findings
}

func percentText(c gap.Counts) (int, string) {
	p := c.Percent()
	if p < 0 {
		return -1, "—"
	}
	return int(p + 0.5), fmt.Sprintf("%.0f%%", p)
}

func countOf(title string, c gap.Counts) countView {
	p, txt := percentText(c)
	return countView{Title: title, Percent: p, PercentText: txt, Answered: c.Total - c.Unanswered, Total: c.Total,
		Implemented: c.Implemented, Appl: c.Applicable}
}

func (d *doc) progress() []countView {
	l := d.lang
	out := []countView{countOf(l.T("serve.progress"), d.rep.Summary)}
	for _, t := range d.rep.Themes {
		title := t.Title
		if t.Number != "" {
			title = t.Number + " " + t.Title
		}
		out = append(out, countOf(title, t.Counts))
	}
	return out
}

// pageOf builds the page of d, filtered by q.
func (s *Server) pageOf(d *doc, q url.Values) pageView {
	l := d.lang
	v := pageView{Lang: string(l), File: d.name, Base: "/soa/" + url.PathEscape(d.name), Version: d.version, Multi: s.cfg.File == ""}
	if d.st == nil {
		for _, x := range d.diags {
			if x.Severity == diag.Error {
				v.Diags = append(v.Diags, x.String())
			}
		}
		v.Org = d.name
		return v
	}
	v.Org, v.Edition, v.AsOf, v.Is2013 = d.st.Org.Name, d.st.Edition, d.ro.AsOf, d.st.Edition == "2013"
	v.Workbook = link{v.Base + "/download/" + url.PathEscape(d.base()+".xlsx"), l.T("serve.dl.workbook")}
	for _, r := range reportKinds {
		if r.transition && !v.Is2013 {
			continue
		}
		v.Reports = append(v.Reports, link{v.Base + "/download/" + url.PathEscape(d.base()+r.suffix), l.T(r.label) + " (" + r.ext + ")"})
	}
	v.Filter = filterOf(q)
	v.Filter.options(d)
	by := d.findingsOf()
	for _, row := range d.st.Rows {
		v.Total++
		id, title := themeOf(row, l)
		if !v.Filter.keep(row, id, by[row.Control.ID], l) {
			continue
		}
		v.Shown++
		if n := len(v.Themes); n == 0 || v.Themes[n-1].ID != id {
			v.Themes = append(v.Themes, themeView{ID: id, Title: title})
		}
		th := &v.Themes[len(v.Themes)-1]
		th.Rows = append(th.Rows, d.rowOf(row, by[row.Control.ID]))
	}
	v.Progress = d.progress()
	v.Findings = findingViews(d.rep.Findings, l)
	for _, key := range bulkFields {
		f := answers.FieldByKey(key)
		v.Bulk = append(v.Bulk, newField(f, nil, l))
	}
	return v
}

// bulkFields are the fields bulk edit sets.
var bulkFields = []string{answers.KeyStatus, answers.KeyOwner, answers.KeyReasons}
