// Package rules holds every rule about what an answer says: completeness
// (a reason, a status, evidence), consistency (an excluded control with a
// status), staleness (an overdue target date, an old review). Each rule is
// written once and yields findings with a code, a severity, the control, the
// field, the position in the answers file and a message: `soa validate`
// prints the errors and warnings among them as diagnostics, `soa gap` and
// the workbook's Gaps sheet list them all.
package rules

import (
	"cmp"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
)

// Severity orders findings; a lower value is more severe.
type Severity int

// A control that applies and is not in place (a gap) is worse than a
// question about the document (a warning): `--fail-on gap` fails on gaps
// and errors only, `--fail-on warning` on warnings too.
const (
	Error   Severity = iota // the SoA is wrong as it stands: the file is invalid
	Gap                     // a control that applies is not in place
	Warning                 // an auditor will ask about it
	Info                    // worth knowing; nothing to fix now
)

// Severities lists the severity names from most to least severe.
var Severities = []string{"error", "gap", "warning", "info"}

func (s Severity) String() string { return Severities[s] }

// ParseSeverity returns the severity called name.
func ParseSeverity(name string) (Severity, bool) {
	i := slices.Index(Severities, name)
	return Severity(i), i >= 0
}

// Finding is one thing a rule points out.
type Finding struct {
	Code     string
	Severity Severity
	Control  string
	Field    string
	Pos      diag.Pos
	Message  string
}

// Options say how to judge the answers.
type Options struct {
	AsOf         string    // YYYY-MM-DD: the date target and review dates are judged against
	MaxReviewAge Age       // a review older than this, as of AsOf, is stale; zero for DefaultMaxReviewAge
	Lang         i18n.Lang // language of the messages
}

// Rule is one check of one control's answer.
type Rule struct {
	Code     string
	Severity Severity
	// Doc says what the rule finds, for the README and `soa gap --help`.
	Doc   string
	check func(c *check)
}

// check is what a rule sees of one control, and how it reports.
type check struct {
	st   *soa.Statement
	row  soa.Row
	opts Options
	rule *Rule
	out  []Finding
	// due memoizes when a review done on a date falls due: most answers
	// share a few review dates, and date arithmetic is most of the rule.
	due map[string]string
}

// add reports a finding about field, with the message key's text.
func (c *check) add(field, key string, args ...any) {
	pos := c.st.ControlsPos
	if a := c.row.Answer; a != nil {
		pos = a.At(field)
	}
	c.addAt(pos, field, key, args...)
}

func (c *check) addAt(pos diag.Pos, field, key string, args ...any) {
	c.out = append(c.out, Finding{Code: c.rule.Code, Severity: c.rule.Severity, Control: c.row.Control.ID, Field: field,
		Pos: pos, Message: c.opts.Lang.F(key, args...)})
}

func (c *check) title() string {
	ctl := c.row.Control
	return c.opts.Lang.Title(ctl.Title, ctl.TitleJA)
}

// Check applies every rule to every control of st. Findings come most
// severe first, then in catalogue order, then by code.
func Check(st *soa.Statement, opts Options) []Finding {
	return checkRules(st, opts, severitySet{Error: true, Gap: true, Warning: true, Info: true})
}

// CheckDiagnostics is Diagnostics(Check(st, opts)), without running the
// rules whose findings are not diagnostics: validate has no use for the
// gaps and information, nor for their messages.
func CheckDiagnostics(st *soa.Statement, opts Options) diag.List {
	return Diagnostics(checkRules(st, opts, diagnosticSeverities))
}

// severitySet is a set of severities: those it holds are true.
type severitySet [Info + 1]bool

// diagnosticSeverities are the severities of the findings that are diagnostics.
var diagnosticSeverities = severitySet{Error: true, Warning: true}

// checkRules is Check with only the rules whose severity is kept.
func checkRules(st *soa.Statement, opts Options, kept severitySet) []Finding {
	if opts.Lang == "" {
		opts.Lang = i18n.EN
	}
	if opts.MaxReviewAge.IsZero() {
		opts.MaxReviewAge = DefaultMaxReviewAge
	}
	// One check for every rule and row: each adds its findings to c.out.
	// A row's findings are sorted as they come, by severity and code;
	// bySeverity then keeps catalogue order within each severity, with no
	// index of the rows to compare by.
	c := &check{st: st, opts: opts}
	for _, row := range st.Rows {
		c.row = row
		start := len(c.out)
		for r := range Rules {
			if c.rule = &Rules[r]; kept[c.rule.Severity] {
				c.rule.check(c)
			}
		}
		slices.SortStableFunc(c.out[start:], func(a, b Finding) int {
			return cmp.Or(cmp.Compare(a.Severity, b.Severity), strings.Compare(a.Code, b.Code))
		})
	}
	return bySeverity(c.out)
}

// bySeverity returns findings most severe first, each severity's in the
// order they come: a counting sort, there being four severities. A merge
// sort of these large values (slices.SortStableFunc) needed more stack
// than the rest of soa validate, which doubled it.
func bySeverity(findings []Finding) []Finding {
	out := make([]Finding, 0, len(findings))
	for s := Error; s <= Info; s++ {
		for _, f := range findings {
			if f.Severity == s {
				out = append(out, f)
			}
		}
	}
	return out
}

// Diagnostics are the errors and warnings among findings, as `soa
// validate` prints them (gaps and information are for the report: they
// say how far the ISMS is, not what is wrong with the file).
func Diagnostics(findings []Finding) diag.List {
	var l diag.List
	for _, f := range findings {
		if !diagnosticSeverities[f.Severity] {
			continue
		}
		sev := diag.Warning
		if f.Severity == Error {
			sev = diag.Error
		}
		l.Add(diag.Diagnostic{Pos: f.Pos, Severity: sev, Control: f.Control, Field: f.Field, Msg: f.Message, Rule: f.Code})
	}
	l.Sort()
	return l
}

// Lookup returns the rule with code, or nil.
func Lookup(code string) *Rule {
	for i := range Rules {
		if Rules[i].Code == code {
			return &Rules[i]
		}
	}
	return nil
}

// Validate is what `soa validate` says of a statement that loaded: the
// texts too long for a workbook cell, and the rules' errors and warnings,
// in English. A statement with an error in the list must not be rendered.
func Validate(st *soa.Statement, opts Options) diag.List {
	l := CellLimits(st)
	if l.HasErrors() {
		return l
	}
	opts.Lang = i18n.EN // diagnostics are for whoever fixes the file, and for CI logs
	return diag.Merge(l, CheckDiagnostics(st, opts))
}
