// Package gap computes the findings and the implementation summary of a
// Statement of Applicability. The gap report and the workbook's Gaps and
// Summary sheets both read what Analyze returns, so they always agree.
package gap

import (
	"slices"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
)

// Severity orders findings; see package rules.
type Severity = rules.Severity

const (
	Error   = rules.Error
	Warning = rules.Warning
	Gap     = rules.Gap
	Info    = rules.Info
)

// Severities lists the severity names from most to least severe.
var Severities = rules.Severities

// ParseSeverity returns the severity called name.
func ParseSeverity(name string) (Severity, bool) { return rules.ParseSeverity(name) }

// Finding is one thing the report points out.
type Finding = rules.Finding

// Options control the analysis.
type Options struct {
	AsOf         string    // YYYY-MM-DD: the date target and review dates are judged against
	MaxReviewAge rules.Age // zero for rules.DefaultMaxReviewAge
	Lang         i18n.Lang // language of messages and group names
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

// Analyze computes the findings and counts of st.
func Analyze(st *soa.Statement, opts Options) *Report {
	r := &Report{Organization: st.Org.Name, Edition: st.Edition, AsOf: opts.AsOf}
	r.Findings = rules.Check(st, rules.Options{AsOf: opts.AsOf, MaxReviewAge: opts.MaxReviewAge, Lang: opts.Lang})
	r.Summary, r.Themes = count(st, opts.Lang)
	r.Weakest = weakest(st, opts.Lang, 5, len(r.Themes))
	return r
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
