package rules

import (
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
)

// Rules lists every rule, in the order the README documents them. Codes
// never change meaning.
var Rules = []Rule{
	{"unanswered", Warning, "the control has no answer, or no `applicable`", unanswered},
	{"excluded-without-justification", Error, "not applicable, and no justification for the exclusion (ISO/IEC 27001 6.1.3 d)", excludedWithoutJustification},
	{"excluded-with-status", Warning, "not applicable, yet an implementation status is given", excludedWithStatus},
	{"excluded-with-reasons", Warning, "not applicable, yet reasons for inclusion are given", excludedWithReasons},
	{"new-control-excluded", Warning, "a control new in 2022 is excluded: auditors look closely at these", newControlExcluded},
	{"no-reason", Warning, "applicable, no reason for inclusion", noReason},
	{"no-status", Warning, "applicable, no implementation status", noStatus},
	{"not-implemented", Gap, "applicable and `not_implemented`", notImplemented},
	{"no-owner", Warning, "partial or planned, no owner", noOwner},
	{"no-target-date", Warning, "partial or planned, no target date", noTargetDate},
	{"overdue", Warning, "not implemented yet and the target date is before the as-of date", overdue},
	{"no-evidence", Warning, "implemented, no evidence", noEvidence},
	{"stale-2013-reference", Warning, "a 2022 answer's justification, evidence or notes cite a 2013 control id (written without soa migrate's `[2013 …]` mark)", stale2013},
	{"open-review", Warning, "a `review:` note (left by soa migrate, or by a person) is still open: check what it says, then delete it", openReview},
	{"stale-review", Warning, "`reviewed_on` is older than `--max-review-age` (default 12 months) as of the as-of date", staleReview},
	{"no-review-date", Info, "implemented, and no `reviewed_on` says when the answer and its evidence were last reviewed", noReviewDate},
	{"no-risk-id", Info, "the reason `risk` is given, and no `risks` name the risk register entries the control treats", noRiskID},
	{"in-progress", Info, "partial or planned, with its target date and owner", inProgress},
}

// answered runs check only for a control whose applicability is answered
// (as applicable when want is true, excluded when false).
func answered(want bool, fn func(c *check, a *answers.Answer)) func(c *check) {
	return func(c *check) {
		if c.row.Answered() && *c.row.Answer.Applicable == want {
			fn(c, c.row.Answer)
		}
	}
}

var (
	openReview = func(c *check) {
		if a := c.row.Answer; a != nil && strings.TrimSpace(a.Review) != "" {
			c.add(answers.KeyReview, "gap.open_review", firstLine(a.Review))
		}
	}
	excludedWithoutJustification = answered(false, func(c *check, a *answers.Answer) {
		if a.Unjustified() {
			c.add(answers.KeyJustification, "gap.excluded_without_justification")
		}
	})
	excludedWithStatus = answered(false, func(c *check, a *answers.Answer) {
		if a.Status != "" {
			c.add(answers.KeyStatus, "gap.excluded_with_status", a.Status)
		}
	})
	excludedWithReasons = answered(false, func(c *check, a *answers.Answer) {
		if len(a.Reasons) > 0 {
			c.add(answers.KeyReasons, "gap.excluded_with_reasons")
		}
	})
	noReason = answered(true, func(c *check, a *answers.Answer) {
		if len(a.Reasons) == 0 {
			c.add(answers.KeyReasons, "gap.no_reason", c.choices(answers.KeyReasons))
		}
	})
	noStatus = answered(true, func(c *check, a *answers.Answer) {
		if a.Status == "" {
			c.add(answers.KeyStatus, "gap.no_status", c.choices(answers.KeyStatus))
		}
	})
	notImplemented = answered(true, func(c *check, a *answers.Answer) {
		if a.Status == answers.NotImplemented {
			c.add(answers.KeyStatus, "gap.not_implemented", c.title())
		}
	})
	noOwner = answered(true, func(c *check, a *answers.Answer) {
		if inProgressStatus(a) && strings.TrimSpace(a.Owner) == "" {
			c.add(answers.KeyOwner, "gap.no_owner", c.opts.Lang.T("status."+string(a.Status)))
		}
	})
	noTargetDate = answered(true, func(c *check, a *answers.Answer) {
		if inProgressStatus(a) && a.TargetDate == "" {
			c.add(answers.KeyTargetDate, "gap.no_target_date", c.opts.Lang.T("status."+string(a.Status)))
		}
	})
	overdue = answered(true, func(c *check, a *answers.Answer) {
		if a.Status != answers.Implemented && a.TargetDate != "" && c.opts.AsOf != "" && a.TargetDate < c.opts.AsOf {
			l := c.opts.Lang
			c.add(answers.KeyTargetDate, "gap.overdue", l.Date(a.TargetDate), l.Date(c.opts.AsOf))
		}
	})
	noEvidence = answered(true, func(c *check, a *answers.Answer) {
		if a.Status == answers.Implemented && len(a.Evidence) == 0 {
			c.add(answers.KeyEvidence, "gap.no_evidence")
		}
	})
	noReviewDate = answered(true, func(c *check, a *answers.Answer) {
		if a.Status == answers.Implemented && a.ReviewedOn == "" {
			c.add(answers.KeyReviewedOn, "gap.no_review_date")
		}
	})
	noRiskID = answered(true, func(c *check, a *answers.Answer) {
		if slices.Contains(a.Reasons, "risk") && len(a.Risks) == 0 {
			c.add(answers.KeyRisks, "gap.no_risk_id")
		}
	})
	inProgress = answered(true, func(c *check, a *answers.Answer) {
		if inProgressStatus(a) {
			c.add(answers.KeyStatus, "gap.in_progress", InProgressArgs(c.opts.Lang.T, a)...)
		}
	})
)

// choices lists the values field allows, as the reader of a message in
// its language writes them: the answers file's words in English (whoever
// fixes the file types them), the workbook's labels in Japanese.
func (c *check) choices(field string) string {
	f, l := answers.FieldByKey(field), c.opts.Lang
	if l != i18n.JA {
		return strings.Join(f.Values, ", ")
	}
	var out []string
	for _, v := range f.Values {
		key := "label." + v
		if f.Kind == answers.EnumSet {
			key = f.Column + "." + v
		}
		out = append(out, l.T(key))
	}
	return strings.Join(out, l.T("list.comma"))
}

func inProgressStatus(a *answers.Answer) bool {
	return a.Status == answers.Partial || a.Status == answers.Planned
}

// InProgressArgs are the values the in-progress finding's message quotes;
// the check of cell lengths measures the message with them.
func InProgressArgs(t func(string) string, a *answers.Answer) []any {
	return []any{t("status." + string(a.Status)), orDash(a.TargetDate), orDash(a.Owner)}
}

func unanswered(c *check) {
	switch a := c.row.Answer; {
	case a == nil:
		c.addAt(c.st.ControlsPos, answers.KeyApplicable, "gap.unanswered", c.title())
	case a.Applicable == nil:
		// The same message as for a control not listed: a workbook cannot
		// tell the two apart, and its Gaps sheet must read the same.
		c.addAt(a.Pos, answers.KeyApplicable, "gap.unanswered", c.title())
	}
}

func newControlExcluded(c *check) {
	ctl, l := c.row.Control, c.opts.Lang
	if !c.row.Excluded() || !ctl.New {
		return
	}
	// The Japanese message puts the summary in parentheses, where a
	// sentence drops its final 。; the English one keeps its period.
	if summary := l.Pick(ctl.Summary, ctl.SummaryJA); summary == "" {
		c.add(answers.KeyApplicable, "gap.new_control_excluded_short", c.title())
	} else {
		c.add(answers.KeyApplicable, "gap.new_control_excluded", c.title(), strings.TrimSuffix(summary, "。"))
	}
}

func staleReview(c *check) {
	a := c.row.Answer
	if !c.row.Answered() || a.ReviewedOn == "" || c.opts.AsOf == "" {
		return
	}
	due, ok := c.due[a.ReviewedOn]
	if !ok {
		due = c.opts.MaxReviewAge.After(a.ReviewedOn)
		if c.due == nil {
			c.due = map[string]string{}
		}
		c.due[a.ReviewedOn] = due
	}
	if due != "" && due < c.opts.AsOf {
		l := c.opts.Lang
		c.add(answers.KeyReviewedOn, "gap.stale_review", l.Date(a.ReviewedOn), c.opts.MaxReviewAge.Text(l), l.Date(c.opts.AsOf))
	}
}

// stale2013 finds 2013 control ids cited in a 2022 answer's free text.
func stale2013(c *check) {
	if c.st.Edition != "2022" || !c.row.Answered() {
		return
	}
	a := c.row.Answer
	c.stale2013In(answers.KeyJustification, a.Justification)
	c.stale2013In(answers.KeyEvidence, a.Evidence...)
	c.stale2013In(answers.KeyNotes, a.Notes)
}

// stale2013In reports the 2013 ids that texts, the value of field, cite.
func (c *check) stale2013In(field string, texts ...string) {
	l, cat := c.opts.Lang, c.st.Catalog
	for _, id := range citedIDs(texts) {
		old := cat.Control(id)
		if old == nil || old.Set != catalog.Set2013 {
			continue
		}
		var now []string
		for _, t := range old.MapsTo {
			if tc := cat.Control(t); tc != nil {
				now = append(now, tc.ID+" "+l.Title(tc.Title, tc.TitleJA))
			}
		}
		c.add(field, "gap.stale_2013", id, strings.Join(now, l.T("list.sep")))
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// firstLine is the first line of s, with "…" when more follow.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i]) + " …"
	}
	return s
}
