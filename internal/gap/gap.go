// Package gap computes the findings and the implementation summary of a
// Statement of Applicability. The gap report and the workbook's Gaps and
// Summary sheets both read what Analyze returns, so they always agree.
package gap

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
)

// Severity orders findings; a lower value is more severe.
type Severity int

const (
	Error   Severity = iota // the SoA is wrong as it stands
	Warning                 // an auditor will ask about it
	Gap                     // a control that applies is not in place
	Info                    // worth knowing; nothing to fix now
)

// Severities lists the severity names from most to least severe.
var Severities = []string{"error", "warning", "gap", "info"}

func (s Severity) String() string { return Severities[s] }

// ParseSeverity returns the severity called name.
func ParseSeverity(name string) (Severity, bool) {
	i := slices.Index(Severities, name)
	return Severity(i), i >= 0
}

// Finding is one thing the report points out.
type Finding struct {
	Code     string
	Severity Severity
	Control  string
	Field    string
	Message  string
}

// Codes lists every finding code with its severity, in the order the
// README documents them. Codes never change meaning.
var Codes = []struct {
	Code     string
	Severity Severity
}{
	{"unanswered", Warning},
	{"excluded-without-justification", Error},
	{"no-reason", Warning},
	{"no-status", Warning},
	{"not-implemented", Gap},
	{"no-owner", Warning},
	{"no-target-date", Warning},
	{"overdue", Warning},
	{"no-evidence", Warning},
	{"new-control-excluded", Warning},
	{"stale-2013-reference", Warning},
	{"in-progress", Info},
}

func severityOf(code string) Severity {
	for _, c := range Codes {
		if c.Code == code {
			return c.Severity
		}
	}
	panic("gap: unknown finding code " + code) // a programming error, never user input
}

// Options control the analysis.
type Options struct {
	AsOf string    // YYYY-MM-DD: target dates before it are overdue
	Lang i18n.Lang // language of messages and group names
}

// Report is the analysis of one statement.
type Report struct {
	Organization string
	Edition      string
	AsOf         string
	Summary      Counts
	Themes       []ThemeCounts
	Weakest      []Group
	Findings     []Finding
}

var id2013RE = regexp.MustCompile(`\bA\.\d{1,2}\.\d{1,2}\.\d{1,2}\b`)

// Analyze computes the findings and counts of st.
func Analyze(st *soa.Statement, opts Options) *Report {
	r := &Report{Organization: st.Org.Name, Edition: st.Edition, AsOf: opts.AsOf}
	order := map[string]int{}
	for i, row := range st.Rows {
		order[row.Control.ID] = i
		r.Findings = append(r.Findings, rowFindings(st, row, opts)...)
	}
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(order[a.Control], order[b.Control]), strings.Compare(a.Code, b.Code))
	})
	r.Summary, r.Themes = count(st, opts.Lang)
	r.Weakest = weakest(st, opts.Lang, 5)
	return r
}

// rowFindings applies every rule to one control.
func rowFindings(st *soa.Statement, row soa.Row, opts Options) []Finding {
	c, a, l := row.Control, row.Answer, opts.Lang
	var out []Finding
	add := func(code, field, key string, args ...any) {
		out = append(out, Finding{Code: code, Severity: severityOf(code), Control: c.ID, Field: field, Message: l.F(key, args...)})
	}
	if !row.Answered() {
		add("unanswered", "applicable", "gap.unanswered", l.Title(c.Title, c.TitleJA))
		return out
	}
	out = append(out, staleRefs(st, row, l)...)
	if row.Excluded() {
		if strings.TrimSpace(a.Justification) == "" {
			add("excluded-without-justification", "justification", "gap.excluded_without_justification")
		}
		if c.New {
			// The Japanese message puts the summary in parentheses, where a
			// sentence drops its final 。; the English one keeps its period.
			if summary := l.Pick(c.Summary, c.SummaryJA); summary == "" {
				add("new-control-excluded", "applicable", "gap.new_control_excluded_short", l.Title(c.Title, c.TitleJA))
			} else {
				add("new-control-excluded", "applicable", "gap.new_control_excluded", l.Title(c.Title, c.TitleJA), strings.TrimSuffix(summary, "。"))
			}
		}
		return out
	}
	if len(a.Reasons) == 0 {
		add("no-reason", "reasons", "gap.no_reason")
	}
	switch a.Status {
	case "":
		add("no-status", "status", "gap.no_status")
	case answers.Implemented:
		if len(a.Evidence) == 0 {
			add("no-evidence", "evidence", "gap.no_evidence")
		}
	case answers.NotImplemented:
		add("not-implemented", "status", "gap.not_implemented", l.Title(c.Title, c.TitleJA))
	case answers.Partial, answers.Planned:
		add("in-progress", "status", "gap.in_progress", l.T("status."+string(a.Status)), orDash(l.Date(a.TargetDate)), orDash(a.Owner))
		if strings.TrimSpace(a.Owner) == "" {
			add("no-owner", "owner", "gap.no_owner", l.T("status."+string(a.Status)))
		}
		if a.TargetDate == "" {
			add("no-target-date", "target_date", "gap.no_target_date", l.T("status."+string(a.Status)))
		}
	}
	if a.Status != answers.Implemented && a.TargetDate != "" && opts.AsOf != "" && a.TargetDate < opts.AsOf {
		add("overdue", "target_date", "gap.overdue", l.Date(a.TargetDate), l.Date(opts.AsOf))
	}
	return out
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// staleRefs finds 2013 control ids cited in a 2022 answer's free text.
func staleRefs(st *soa.Statement, row soa.Row, l i18n.Lang) []Finding {
	if st.Edition != "2022" {
		return nil
	}
	a := row.Answer
	fields := []struct {
		name string
		text string
	}{
		{"justification", a.Justification},
		{"evidence", strings.Join(a.Evidence, "\n")},
		{"notes", a.Notes},
	}
	var out []Finding
	for _, f := range fields {
		for _, id := range uniq(citedIDs(f.text)) {
			old := st.Catalog.Control(id)
			if old == nil || old.Set != catalog.Set2013 {
				continue
			}
			var now []string
			for _, t := range old.MapsTo {
				if tc := st.Catalog.Control(t); tc != nil {
					now = append(now, tc.ID+" "+l.Title(tc.Title, tc.TitleJA))
				}
			}
			out = append(out, Finding{
				Code: "stale-2013-reference", Severity: severityOf("stale-2013-reference"), Control: row.Control.ID, Field: f.name,
				Message: l.F("gap.stale_2013", id, strings.Join(now, l.T("list.sep"))),
			})
		}
	}
	return out
}

// citedIDs finds 2013 ids in text, except those written "[2013 A.x.y.z]":
// soa migrate marks where carried text came from that way, on purpose.
func citedIDs(text string) []string {
	var ids []string
	for _, loc := range id2013RE.FindAllStringIndex(text, -1) {
		if strings.HasSuffix(text[:loc[0]], "[2013 ") {
			continue
		}
		ids = append(ids, text[loc[0]:loc[1]])
	}
	return ids
}

func uniq(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// AtOrAbove reports whether any finding is at least as severe as s.
func (r *Report) AtOrAbove(s Severity) bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Severity <= s })
}

// CountBySeverity returns how many findings each severity has, in the
// order of Severities.
func (r *Report) CountBySeverity() []int {
	n := make([]int, len(Severities))
	for _, f := range r.Findings {
		n[f.Severity]++
	}
	return n
}
