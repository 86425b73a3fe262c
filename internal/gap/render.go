package gap

import (
	"bytes"
	"encoding/json"
	htmltemplate "html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	texttemplate "text/template"

	"github.com/soa-tool/soa/internal/format"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/markdown"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/termsafe"
	"github.com/soa-tool/soa/internal/textwidth"
	"github.com/soa-tool/soa/templates"
)

// Output is what a report renderer prints: a statement, its analysis and
// how to print it.
type Output struct {
	Statement *soa.Statement
	Report    *Report
	Options   RenderOptions
}

// Formats are the report's formats, the default first.
// Text and Markdown are line-oriented: control characters from the answers
// are shown escaped there (view.safe); HTML escapes for itself.
var Formats = format.Set[Output]{
	{Name: "text", Render: writeTextReport},
	{Name: "markdown", Render: func(w io.Writer, o Output) error { return execText(w, "gap.md.tmpl", o.Options, newView(o).safe()) }},
	{Name: "html", Render: func(w io.Writer, o Output) error { return execHTML(w, o.Options, newView(o)) }},
	{Name: "json", Render: func(w io.Writer, o Output) error { return writeJSON(w, o.Report) }},
	{Name: "github", Render: func(w io.Writer, o Output) error { return writeGitHub(w, o.Report) }},
	{Name: "sarif", Render: func(w io.Writer, o Output) error { return writeSARIF(w, o.Report) }},
}

// RenderOptions say how to print a report.
type RenderOptions struct {
	Format       string
	Lang         i18n.Lang
	Color        bool   // ANSI colour in text output (a terminal, NO_COLOR unset)
	Template     []byte // replaces the embedded template of the format; nil for the default
	TemplateName string // the file Template came from, for messages
}

// Write prints rep about st in the format of opts.
func Write(w io.Writer, st *soa.Statement, rep *Report, opts RenderOptions) error {
	if opts.Lang == "" {
		opts.Lang = i18n.EN
	}
	return Formats.Render(w, opts.Format, Output{st, rep, opts})
}

// view is what the templates see: every decision is made here, in Go;
// templates only print and loop.
type view struct {
	Lang          string
	Organization  string
	Standard      string
	AsOf          string
	FindingCounts string
	Summary       countsView
	SummaryTable  string
	Themes        []countsView
	Weakest       []countsView
	Findings      []findingView
	Chart         chart
}

// safe returns v with every text from the answers shown as one line with
// its control characters escaped, for the formats that go to terminals and
// logs (html/template escapes for HTML itself). v itself is left as it is.
func (v view) safe() view {
	v.Organization = termsafe.String(v.Organization)
	v.Summary.Title = termsafe.String(v.Summary.Title)
	v.SummaryTable = termsafe.Text(v.SummaryTable)
	safeCounts := func(c countsView) countsView {
		c.Title = termsafe.String(c.Title)
		return c
	}
	v.Themes, v.Weakest = escaped(v.Themes, safeCounts), escaped(v.Weakest, safeCounts)
	v.Findings = escaped(v.Findings, func(f findingView) findingView {
		f.Control, f.Title, f.Field, f.Message = termsafe.String(f.Control), termsafe.String(f.Title), termsafe.String(f.Field), termsafe.String(f.Message)
		return f
	})
	return v
}

// escaped returns list with fix applied to every item, in a copy made only
// if that changes an item: the answers rarely hold anything to escape, and
// copying the lists of every view was a tenth of the text report's memory.
func escaped[T comparable](list []T, fix func(T) T) []T {
	for i, item := range list {
		if fixed := fix(item); fixed != item {
			out := slices.Clone(list)
			out[i] = fixed
			for j := i + 1; j < len(out); j++ {
				out[j] = fix(out[j])
			}
			return out
		}
	}
	return list
}

type countsView struct {
	Title string
	Counts
	Percent string
}

type findingView struct {
	Code          string
	Severity      string
	SeverityLabel string
	Control       string
	Title         string
	Field         string
	Message       string
	// Where is the finding's place in the answers file, "answers.yaml:42:5".
	Where string
	Line  int
}

func newView(o Output) view {
	st, rep, opts := o.Statement, o.Report, o.Options
	l := opts.Lang
	n := rep.CountBySeverity()
	v := view{
		Lang:          string(l),
		Organization:  rep.Organization,
		Standard:      l.T("wb.standard." + rep.Edition),
		AsOf:          l.Date(rep.AsOf),
		FindingCounts: l.F("gap.count.findings", n[Error], n[Warning], n[Gap], n[Info]),
		Summary:       countsView{Title: l.T("sum.total"), Counts: rep.Summary, Percent: percent(rep.Summary, l)},
	}
	if v.AsOf == "" {
		v.AsOf = "-"
	}
	v.Themes = make([]countsView, 0, len(rep.Themes))
	for _, t := range rep.Themes {
		title := t.Title
		if t.Number != "" {
			title = t.Number + " " + title
		}
		v.Themes = append(v.Themes, countsView{Title: title, Counts: t.Counts, Percent: percent(t.Counts, l)})
	}
	v.Weakest = make([]countsView, 0, len(rep.Weakest))
	for _, g := range rep.Weakest {
		v.Weakest = append(v.Weakest, countsView{Title: g.Title, Counts: g.Counts, Percent: percent(g.Counts, l)})
	}
	v.Findings = make([]findingView, 0, len(rep.Findings))
	for _, f := range rep.Findings {
		title := ""
		if c := st.Catalog.Control(f.Control); c != nil {
			title = l.Title(c.Title, c.TitleJA)
		}
		v.Findings = append(v.Findings, findingView{
			Code: f.Code, Severity: f.Severity.String(), SeverityLabel: l.T("severity." + f.Severity.String()),
			Control: f.Control, Title: title, Field: l.T("field." + f.Field), Message: f.Message,
			Where: f.Pos.String(), Line: f.Pos.Line,
		})
	}
	v.SummaryTable = summaryTable(v, l)
	v.Chart = newChart(v.Themes)
	return v
}

func percent(c Counts, l i18n.Lang) string {
	p := c.Percent()
	if p < 0 {
		return l.T("gap.na")
	}
	return strconv.FormatFloat(p, 'f', 1, 64) + "%"
}

// summaryTable lays the counts out as aligned text columns for terminals.
func summaryTable(v view, l i18n.Lang) string {
	heads := []string{l.T("col.theme_name"), l.T("short.total"), l.T("short.applicable"), l.T("short.excluded"), l.T("short.unanswered"),
		l.T("short.implemented"), l.T("short.partial"), l.T("short.planned"), l.T("short.not_implemented"), l.T("short.percent")}
	rows := make([][]string, 0, 2+len(v.Themes))
	rows = append(rows, heads)
	for _, c := range append(slices.Clip(v.Themes), v.Summary) { // a copy: v.Themes is left as it is
		rows = append(rows, []string{c.Title, itoa(c.Total), itoa(c.Applicable), itoa(c.Excluded), itoa(c.Unanswered),
			itoa(c.Implemented), itoa(c.Partial), itoa(c.Planned), itoa(c.NotImplemented), c.Percent})
	}
	widths := make([]int, len(heads))
	size := 0 // of the table in bytes, less the padding
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], textwidth.Width(cell))
			size += len(cell) - textwidth.Width(cell)
		}
	}
	// Every row is its cells padded to the widths, each after two spaces
	// (the first after the row's one and its own), and a line break.
	for _, w := range widths {
		size += len(rows) * (2 + w)
	}
	var b strings.Builder
	b.Grow(size + len(rows))
	for _, r := range rows {
		b.WriteString(" ")
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-textwidth.Width(cell))
			if i == 0 {
				b.WriteString(" ")
				b.WriteString(cell)
				b.WriteString(pad)
			} else {
				b.WriteString("  ")
				b.WriteString(pad)
				b.WriteString(cell)
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func itoa(n int) string { return strconv.Itoa(n) }

// chart is the inline SVG bar chart of % implemented per theme.
type chart struct {
	Width, Height, BarX, BarWidth, BarHeight int
	Bars                                     []bar
}

type bar struct {
	Label, Title, Value     string // Title is the whole label when Label is cut short
	Y, TextY, Width, ValueX int
}

// Label widths in the chart: a column of the text width (full-width
// characters count two) is about 7px at the 12px font; labels longer than
// the widest column are cut with an ellipsis and shown whole on hover.
const (
	chartPxPerColumn = 7
	chartMinLabel    = 16 // columns
	chartMaxLabel    = 52
)

func newChart(themes []countsView) chart {
	cols := chartMinLabel
	for _, t := range themes {
		cols = max(cols, min(textwidth.Width(t.Title), chartMaxLabel))
	}
	c := chart{BarX: 8 + cols*chartPxPerColumn, BarWidth: 360, BarHeight: 18}
	c.Width = c.BarX + c.BarWidth + 64
	for i, t := range themes {
		p := max(0, t.Counts.Percent())
		y := 8 + i*28
		b := bar{
			Label: t.Title, Value: t.Percent, Y: y, TextY: y + 14,
			Width: int(math.Round(p / 100 * float64(c.BarWidth))), ValueX: c.BarX + c.BarWidth + 8,
		}
		if textwidth.Width(t.Title) > chartMaxLabel {
			b.Label, b.Title = textwidth.Truncate(t.Title, chartMaxLabel), t.Title
		}
		c.Bars = append(c.Bars, b)
	}
	c.Height = 16 + len(themes)*28
	return c
}

func funcs(l i18n.Lang, color bool) map[string]any {
	return map[string]any{
		"t":      l.T,
		"tf":     func(key string, args ...any) string { return l.F(key, args...) },
		"md":     markdown.Cell,
		"mdline": markdown.Line,
		"pad": func(s string, w int) string {
			return textwidth.Pad(s, w)
		},
		"bold": func(s string) string { return bold(s, color) },
		"sev":  func(sev, s string) string { return colorBySeverity(sev, s, color) },
	}
}

func templateSource(name string, opts RenderOptions) (string, error) {
	if opts.Template != nil {
		return string(opts.Template), nil
	}
	src, err := templates.FS.ReadFile(name)
	return string(src), err
}

// executor is what text/template and html/template templates share.
type executor interface {
	Execute(w io.Writer, data any) error
}

// execText renders Markdown and text with text/template.
func execText(w io.Writer, name string, opts RenderOptions, v view) error {
	return execTemplate(w, name, opts, v, func(name, src string) (executor, error) {
		return texttemplate.New(name).Funcs(funcs(opts.Lang, opts.Color)).Parse(src)
	})
}

// execHTML uses html/template, which escapes every value from the answers
// for its context: an answer holding <script> comes out as text.
func execHTML(w io.Writer, opts RenderOptions, v view) error {
	return execTemplate(w, "gap.html.tmpl", opts, v, func(name, src string) (executor, error) {
		return htmltemplate.New(name).Funcs(funcs(opts.Lang, false)).Parse(src)
	})
}

// execTemplate parses the built-in template name, or the user's, and runs
// it into memory first, so that a failing template writes nothing.
func execTemplate(w io.Writer, name string, opts RenderOptions, v view, parse func(name, src string) (executor, error)) error {
	src, err := templateSource(name, opts)
	if err != nil {
		return err
	}
	if opts.Template != nil && opts.TemplateName != "" {
		name = opts.TemplateName
	}
	t, err := parse(name, src)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// jsonReport is the stable JSON shape. Field names never change; new
// fields may be added. "version" says which shape this is.
type jsonReport struct {
	Version      int           `json:"version"`
	Organization string        `json:"organization"`
	Edition      string        `json:"edition"`
	AsOf         string        `json:"as_of"`
	Summary      jsonSummary   `json:"summary"`
	Themes       []jsonTheme   `json:"themes"`
	Weakest      []jsonGroup   `json:"weakest"`
	Findings     []jsonFinding `json:"findings"`
}

type jsonCounts struct {
	Total              int      `json:"total"`
	Applicable         int      `json:"applicable"`
	Excluded           int      `json:"excluded"`
	Unanswered         int      `json:"unanswered"`
	Implemented        int      `json:"implemented"`
	Partial            int      `json:"partial"`
	Planned            int      `json:"planned"`
	NotImplemented     int      `json:"not_implemented"`
	NoStatus           int      `json:"no_status"`
	PercentImplemented *float64 `json:"percent_implemented"`
}

type jsonSummary struct {
	jsonCounts
	PartialWeight float64        `json:"partial_weight"`
	Findings      map[string]int `json:"findings"`
}

type jsonTheme struct {
	ID     string `json:"id"`
	Number string `json:"number,omitempty"`
	Title  string `json:"title"`
	jsonCounts
}

type jsonGroup struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	jsonCounts
}

type jsonFinding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Control  string `json:"control"`
	Field    string `json:"field"`
	Message  string `json:"message"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

func toJSONCounts(c Counts) jsonCounts {
	j := jsonCounts{c.Total, c.Applicable, c.Excluded, c.Unanswered, c.Implemented, c.Partial, c.Planned, c.NotImplemented, c.NoStatus, nil}
	if p := c.Percent(); p >= 0 {
		r := math.Round(p*10) / 10
		j.PercentImplemented = &r
	}
	return j
}

func writeJSON(w io.Writer, rep *Report) error {
	n := rep.CountBySeverity()
	out := jsonReport{
		Version: 1, Organization: rep.Organization, Edition: rep.Edition, AsOf: rep.AsOf,
		Summary: jsonSummary{
			jsonCounts: toJSONCounts(rep.Summary), PartialWeight: PartialWeight,
			Findings: map[string]int{"error": n[Error], "warning": n[Warning], "gap": n[Gap], "info": n[Info]},
		},
		Themes: []jsonTheme{}, Weakest: []jsonGroup{}, Findings: []jsonFinding{},
	}
	for _, t := range rep.Themes {
		out.Themes = append(out.Themes, jsonTheme{ID: t.ID, Number: t.Number, Title: t.Title, jsonCounts: toJSONCounts(t.Counts)})
	}
	for _, g := range rep.Weakest {
		out.Weakest = append(out.Weakest, jsonGroup{Kind: g.Kind, Value: g.Value, jsonCounts: toJSONCounts(g.Counts)})
	}
	for _, f := range rep.Findings {
		out.Findings = append(out.Findings, jsonFinding{Code: f.Code, Severity: f.Severity.String(), Control: f.Control, Field: f.Field, Message: f.Message,
			File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Col})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
