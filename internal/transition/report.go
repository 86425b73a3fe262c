package transition

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/format"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/markdown"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/textwidth"
)

// report is what a report renderer prints.
type report struct {
	r       *Result
	opts    ReportOptions
	current map[string]*answers.Answer
}

// Formats are the report's formats, the default first.
var Formats = format.Set[report]{
	{Name: "text", Render: func(w io.Writer, v report) error { return v.r.writeText(w, v.opts, v.current, false) }},
	{Name: "markdown", Render: func(w io.Writer, v report) error { return v.r.writeText(w, v.opts, v.current, true) }},
	{Name: "json", Render: func(w io.Writer, v report) error { return v.r.writeJSON(w, v.opts, v.current) }},
}

// ReportOptions say how to print the coverage report.
type ReportOptions struct {
	Format string
	Lang   i18n.Lang
	// Current is the organization's 2022 answers, when given: the report
	// then says what changed since the derived answer.
	Current *soa.Statement
}

// Change is one field of a control whose current answer differs from the
// one derived from 2013.
type Change struct {
	Field   string
	Derived string
	Current string
}

// Changes compares the derived answer of c with cur (nil when unanswered).
func Changes(c Control, cur *answers.Answer) []Change {
	d := c.Derived
	var out []Change
	for _, f := range answers.Fields {
		if f.Remark {
			continue // soa's own note to a person, not an answer
		}
		if dv, cv := f.Get(d), f.Get(cur); !f.Equal(dv, cv) {
			out = append(out, Change{Field: f.Key, Derived: f.Show(dv), Current: f.Show(cv)})
		}
	}
	return out
}

// WriteReport prints the coverage report of r.
func (r *Result) WriteReport(w io.Writer, opts ReportOptions) error {
	if opts.Lang == "" {
		opts.Lang = i18n.EN
	}
	current := map[string]*answers.Answer{}
	if opts.Current != nil {
		for _, row := range opts.Current.Rows {
			current[row.Control.ID] = row.Answer
		}
	}
	return Formats.Render(w, opts.Format, report{r, opts, current})
}

func toJSON(a *answers.Answer) answers.JSON { return answers.JSON{Answer: a} }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type jsonSource struct {
	ID     string       `json:"id"`
	Title  string       `json:"title"`
	Answer answers.JSON `json:"answer"`
}

type jsonConflict struct {
	Field  string   `json:"field"`
	Values []string `json:"values"`
	// With a NEW file: whether it settled the conflict, and the value it
	// chose (the answers file's words, as in values).
	Resolved *bool  `json:"resolved,omitempty"`
	Chosen   string `json:"chosen,omitempty"`
}

// jsonRef names a control.
type jsonRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type jsonSplit struct {
	jsonRef
	Into []jsonRef `json:"into"`
}

type jsonMerge struct {
	jsonRef
	From []jsonRef `json:"from"`
}

type jsonChange struct {
	Field   string `json:"field"`
	Derived string `json:"derived"`
	Current string `json:"current"`
}

type jsonControl struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Kind            Kind           `json:"kind"`
	New             bool           `json:"new"`
	Sources         []jsonSource   `json:"sources"`
	Derived         answers.JSON   `json:"derived"`
	Conflicts       []jsonConflict `json:"conflicts"`
	ExcludedSources []string       `json:"excluded_sources"`
	Changes         []jsonChange   `json:"changes,omitzero"`   // [] with a NEW file, absent without
	Answered        *bool          `json:"answered,omitempty"` // with a NEW file: whether it answers the control
}

type jsonSummary struct {
	Controls              int  `json:"controls"`
	Carried               int  `json:"carried"`
	Merged                int  `json:"merged"`
	MergedConflict        int  `json:"merged_conflict"`
	New                   int  `json:"new"`
	Unanswered            int  `json:"unanswered"`
	ExclusionsNowIncluded int  `json:"exclusions_now_included"`
	Changed               *int `json:"changed_since_derived,omitempty"`
	Splits                int  `json:"splits"`
	Merges                int  `json:"merges"`
	NewAnswered           *int `json:"new_answered,omitempty"`
	ConflictsResolved     *int `json:"conflicts_resolved,omitempty"`
}

func (r *Result) summary(opts ReportOptions, current map[string]*answers.Answer) jsonSummary {
	s := jsonSummary{Controls: len(r.Controls), Carried: r.Count(Carried), Merged: r.Count(Merged),
		MergedConflict: r.Count(MergedConflict), New: r.Count(New), Unanswered: r.Count(Unanswered)}
	s.Splits = len(r.Splits)
	for _, c := range r.Controls {
		s.ExclusionsNowIncluded += len(c.ExcludedSources)
		if c.Merge() {
			s.Merges++
		}
	}
	if opts.Current != nil {
		changed, answered, resolved := 0, 0, 0
		for _, c := range r.Controls {
			cur := current[c.Control.ID]
			if len(Changes(c, cur)) > 0 {
				changed++
			}
			if c.Kind == New && isAnswered(cur) {
				answered++
			}
			for _, cf := range c.Conflicts {
				if _, ok := c.Resolved(cf, cur); ok {
					resolved++
				}
			}
		}
		s.Changed, s.NewAnswered, s.ConflictsResolved = &changed, &answered, &resolved
	}
	return s
}

func isAnswered(a *answers.Answer) bool { return a != nil && a.Applicable != nil }

func (r *Result) writeJSON(w io.Writer, opts ReportOptions, current map[string]*answers.Answer) error {
	out := struct {
		Version int           `json:"version"`
		Source  string        `json:"source"`
		Summary jsonSummary   `json:"summary"`
		Items   []jsonControl `json:"controls"`
		Splits  []jsonSplit   `json:"splits"`
		Merges  []jsonMerge   `json:"merges"`
	}{Version: 1, Source: r.Old.Source, Summary: r.summary(opts, current), Items: []jsonControl{},
		Splits: []jsonSplit{}, Merges: []jsonMerge{}}
	ref := func(c *catalog.Control) jsonRef { return jsonRef{c.ID, opts.Lang.Title(c.Title, c.TitleJA)} }
	for _, sp := range r.Splits {
		js := jsonSplit{jsonRef: ref(sp.Control)}
		for _, to := range sp.Into {
			js.Into = append(js.Into, ref(to))
		}
		out.Splits = append(out.Splits, js)
	}
	for _, c := range r.Controls {
		if c.Merge() {
			jm := jsonMerge{jsonRef: ref(c.Control)}
			for _, s := range c.Sources {
				jm.From = append(jm.From, ref(s.Control))
			}
			out.Merges = append(out.Merges, jm)
		}
	}
	for _, c := range r.Controls {
		cur := current[c.Control.ID]
		jc := jsonControl{ID: c.Control.ID, Title: opts.Lang.Title(c.Control.Title, c.Control.TitleJA), Kind: c.Kind, New: c.Kind == New,
			Sources: []jsonSource{}, Derived: toJSON(c.Derived), Conflicts: []jsonConflict{}, ExcludedSources: nonNil(c.ExcludedSources)}
		for _, s := range c.Sources {
			jc.Sources = append(jc.Sources, jsonSource{ID: s.Control.ID, Title: opts.Lang.Title(s.Control.Title, s.Control.TitleJA), Answer: toJSON(s.Answer)})
		}
		for _, cf := range c.Conflicts {
			// The values keep the answers file's words, whatever --lang
			// says: JSON is for tools.
			jcf := jsonConflict{Field: cf.Field, Values: cf.ValueTexts(i18n.EN)}
			if opts.Current != nil {
				chosen, ok := c.Resolved(cf, cur)
				jcf.Resolved, jcf.Chosen = &ok, chosen
			}
			jc.Conflicts = append(jc.Conflicts, jcf)
		}
		if opts.Current != nil {
			jc.Changes = []jsonChange{}
			for _, ch := range Changes(c, cur) {
				jc.Changes = append(jc.Changes, jsonChange(ch))
			}
			answered := isAnswered(cur)
			jc.Answered = &answered
		}
		out.Items = append(out.Items, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// brief describes an answer in a few words: "applicable, partial".
func brief(a *answers.Answer, l i18n.Lang) string {
	switch {
	case a == nil || a.Applicable == nil:
		return l.T("tr.unanswered")
	case !*a.Applicable:
		return l.T("value.no")
	case a.Status == "":
		return l.T("value.yes")
	}
	return l.T("value.yes") + l.T("list.comma") + l.T("label."+string(a.Status))
}

// show is a value as Field.Show gives it, on one line: "(empty)" for
// nothing, line breaks as ⏎ (as soa diff writes them).
func show(v string, l i18n.Lang) string {
	if v == "" {
		return l.T("tr.empty")
	}
	return strings.ReplaceAll(v, "\n", " ⏎ ")
}

// andList joins items: "a, b and c", "a、b、c".
func andList(items []string, l i18n.Lang) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], l.T("list.comma")) + l.T("tr.and") + items[len(items)-1]
}

func (r *Result) writeText(w io.Writer, opts ReportOptions, current map[string]*answers.Answer, md bool) error {
	l := opts.Lang
	s := r.summary(opts, current)
	var b strings.Builder
	h := func(level int, text string) {
		if md {
			b.WriteString("\n" + strings.Repeat("#", level) + " " + text + "\n\n")
		} else {
			b.WriteString("\n" + text + "\n")
		}
	}
	// Text from the answers (names, owners, titles of a user's catalogue)
	// is escaped in Markdown, so it shows as typed.
	esc := func(s string) string { return s }
	line := esc // a heading's text
	if md {
		esc, line = markdown.Cell, markdown.Line
		b.WriteString("# " + l.F("tr.title", markdown.Line(r.Old.Org.Name)) + "\n\n")
	} else {
		b.WriteString(l.F("tr.title", r.Old.Org.Name) + "\n")
	}
	b.WriteString(l.F("tr.source", esc(r.Old.Source)) + "\n")
	newName := ""
	if opts.Current != nil {
		newName = opts.Current.Source
		b.WriteString(l.F("tr.current", esc(newName)) + "\n")
	}
	h(2, l.T("gap.h.summary"))
	rows := [][2]string{
		{l.T("tr.kind.carried"), fmt.Sprint(s.Carried)},
		{l.T("tr.kind.merged"), fmt.Sprint(s.Merged)},
		{l.T("tr.kind.merged_conflict"), fmt.Sprint(s.MergedConflict)},
		{l.T("tr.kind.new"), fmt.Sprint(s.New)},
		{l.T("tr.kind.unanswered"), fmt.Sprint(s.Unanswered)},
		{l.T("tr.exclusions"), fmt.Sprint(s.ExclusionsNowIncluded)},
		{l.T("tr.h.splits"), fmt.Sprint(s.Splits)},
		{l.T("tr.h.merges"), fmt.Sprint(s.Merges)},
	}
	if s.Changed != nil {
		rows = append(rows, [2]string{l.T("tr.changed"), fmt.Sprint(*s.Changed)},
			[2]string{l.T("tr.new_answered"), fmt.Sprint(*s.NewAnswered)},
			[2]string{l.T("tr.resolved_count"), fmt.Sprint(*s.ConflictsResolved)})
	}
	if md {
		b.WriteString("| | |\n|---|--:|\n")
		for _, r := range rows {
			b.WriteString("| " + r[0] + " | " + r[1] + " |\n")
		}
	} else {
		wd := 0
		for _, r := range rows {
			wd = max(wd, textwidth.Width(r[0]))
		}
		for _, r := range rows {
			b.WriteString("  " + textwidth.Pad(r[0], wd) + "  " + r[1] + "\n")
		}
	}
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		h(2, title)
		for _, it := range items {
			b.WriteString("- " + it + "\n")
		}
	}
	named := func(c *catalog.Control) string { return c.ID + " " + esc(l.Title(c.Title, c.TitleJA)) }
	var conflicts, resolved, exclusions, news, answeredNews, merges, changed []string
	for _, c := range r.Controls {
		cur := current[c.Control.ID]
		title := esc(l.Title(c.Control.Title, c.Control.TitleJA))
		for _, cf := range c.Conflicts {
			item := l.F("tr.conflict", c.Control.ID, title, esc(cf.Text(l)))
			if chosen, ok := c.Resolved(cf, cur); ok {
				resolved = append(resolved, l.F("tr.resolved", item, esc(cf.ValueText(chosen, l))))
			} else {
				conflicts = append(conflicts, item)
			}
		}
		if len(c.ExcludedSources) > 0 {
			exclusions = append(exclusions, l.F("tr.exclusion", strings.Join(c.ExcludedSources, l.T("list.comma")), c.Control.ID+" "+title))
		}
		if c.Kind == New {
			if isAnswered(cur) {
				answeredNews = append(answeredNews, l.F("tr.answered", c.Control.ID+" "+title, brief(cur, l)))
			} else {
				news = append(news, c.Control.ID+" "+title)
			}
		}
		if c.Merge() {
			var from []string
			for _, src := range c.Sources {
				from = append(from, named(src.Control))
			}
			merges = append(merges, l.F("tr.merge", named(c.Control), andList(from, l)))
		}
		if opts.Current != nil {
			if chs := Changes(c, cur); len(chs) > 0 {
				item := named(c.Control)
				for _, ch := range chs {
					f := answers.FieldByKey(ch.Field)
					item += "\n  - " + l.F("tr.change", l.T("field."+f.Key), esc(show(ch.Derived, l)), esc(show(ch.Current, l)))
				}
				changed = append(changed, item)
			}
		}
	}
	var splits []string
	for _, sp := range r.Splits {
		var into []string
		for _, to := range sp.Into {
			into = append(into, named(to))
		}
		splits = append(splits, l.F("tr.split", named(sp.Control), andList(into, l)))
	}
	section(l.T("tr.h.conflicts"), conflicts)
	if newName != "" {
		section(l.F("tr.h.resolved", line(newName)), resolved)
	}
	section(l.T("tr.h.exclusions"), exclusions)
	section(l.T("tr.h.new"), news)
	if newName != "" {
		section(l.F("tr.h.new_answered", line(newName)), answeredNews)
	}
	section(l.T("tr.h.splits"), splits)
	section(l.T("tr.h.merges"), merges)
	if newName != "" {
		section(l.F("tr.h.changes", line(newName)), changed)
	}
	h(2, l.T("tr.h.controls"))
	if md {
		head := "| " + l.T("col.control") + " | " + l.T("tr.col.kind") + " | " + l.T("tr.col.sources") + " | " + l.T("tr.col.derived") + " |"
		sep := "|---|---|---|---|"
		if opts.Current != nil {
			head += " " + l.T("tr.col.changes") + " |"
			sep += "---|"
		}
		b.WriteString(head + "\n" + sep + "\n")
	}
	kindW := 0
	for _, c := range r.Controls {
		kindW = max(kindW, textwidth.Width(l.T("tr.kind."+string(c.Kind))))
	}
	for _, c := range r.Controls {
		var srcs []string
		for _, src := range c.Sources {
			srcs = append(srcs, l.F("tr.source_brief", src.Control.ID, brief(src.Answer, l)))
		}
		derived := "-"
		if c.Kind != New {
			derived = brief(c.Derived, l)
		}
		var changes []string
		if opts.Current != nil {
			for _, ch := range Changes(c, current[c.Control.ID]) {
				changes = append(changes, l.T("field."+ch.Field))
			}
		}
		title := l.Title(c.Control.Title, c.Control.TitleJA)
		if md {
			line := fmt.Sprintf("| %s %s | %s | %s | %s |", c.Control.ID, markdown.Cell(title), l.T("tr.kind."+string(c.Kind)), strings.Join(srcs, "<br>"), derived)
			if opts.Current != nil {
				line += " " + strings.Join(changes, l.T("list.comma")) + " |"
			}
			b.WriteString(line + "\n")
			continue
		}
		what := title
		if len(srcs) > 0 {
			what = l.F("tr.title_sources", title, strings.Join(srcs, l.T("list.comma")))
		}
		line := fmt.Sprintf("  %-5s %s  %s  →  %s", c.Control.ID, textwidth.Pad(l.T("tr.kind."+string(c.Kind)), kindW), what, derived)
		if len(changes) > 0 {
			line += "  " + l.F("tr.changes", l.T("tr.col.changes"), strings.Join(changes, l.T("list.comma")))
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, strings.TrimLeft(b.String(), "\n"))
	return err
}
