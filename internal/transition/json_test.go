package transition_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
)

// The JSON report as a tool reads it: these types are the contract, written
// apart from the encoder's own so that a field added, renamed or dropped
// there fails here.
type reportJSON struct {
	Version  int           `json:"version"`
	Source   string        `json:"source"`
	Summary  summaryJSON   `json:"summary"`
	Controls []controlJSON `json:"controls"`
	Splits   []splitJSON   `json:"splits"`
	Merges   []mergeJSON   `json:"merges"`
}

type refJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type splitJSON struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Into  []refJSON `json:"into"`
}

type mergeJSON struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	From  []refJSON `json:"from"`
}

type summaryJSON struct {
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

type controlJSON struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Kind            string         `json:"kind"`
	New             bool           `json:"new"`
	Sources         []sourceJSON   `json:"sources"`
	Derived         *answerJSON    `json:"derived"`
	Conflicts       []conflictJSON `json:"conflicts"`
	ExcludedSources []string       `json:"excluded_sources"`
	Changes         []changeJSON   `json:"changes,omitzero"`
	Answered        *bool          `json:"answered,omitempty"`
}

type sourceJSON struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Answer *answerJSON `json:"answer"`
}

type answerJSON struct {
	Applicable    *bool    `json:"applicable"`
	Reasons       []string `json:"reasons"`
	Justification string   `json:"justification"`
	Status        string   `json:"status"`
	Owner         string   `json:"owner"`
	Evidence      []string `json:"evidence"`
	TargetDate    string   `json:"target_date"`
	ReviewedOn    string   `json:"reviewed_on"`
	Risks         []string `json:"risks"`
	Notes         string   `json:"notes"`
	Review        string   `json:"review,omitempty"`
}

type conflictJSON struct {
	Field    string   `json:"field"`
	Values   []string `json:"values"`
	Resolved *bool    `json:"resolved,omitempty"`
	Chosen   string   `json:"chosen,omitempty"`
}

type changeJSON struct {
	Field   string `json:"field"`
	Derived string `json:"derived"`
	Current string `json:"current"`
}

// TestJSONRoundTrip decodes the JSON report into the types above (refusing
// unknown fields), encodes it again and expects the same bytes; then checks
// that what the JSON says is what the text report shows.
func TestJSONRoundTrip(t *testing.T) {
	src, err := os.ReadFile("../../testdata/examples/legacy-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := cat(t)
	old, l := soa.Load(c, "legacy-2013.yaml", src)
	if old == nil {
		t.Fatal(l)
	}
	r, err := transition.Derive(c, old)
	if err != nil {
		t.Fatal(err)
	}
	var migrated bytes.Buffer
	if err := r.WriteAnswers(&migrated, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
		t.Fatal(err)
	}
	cur := editedNew(t, c, migrated.Bytes())
	for _, tc := range []struct {
		name string
		cur  *soa.Statement
	}{{"derived", nil}, {"with-current", cur}} {
		t.Run(tc.name, func(t *testing.T) {
			report := func(format string) string {
				var b bytes.Buffer
				if err := r.WriteReport(&b, transition.ReportOptions{Format: format, Lang: i18n.EN, Current: tc.cur}); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			out := report("json")
			var rep reportJSON
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&rep); err != nil {
				t.Fatalf("decode: %v", err)
			}
			var again bytes.Buffer
			enc := json.NewEncoder(&again)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(rep); err != nil {
				t.Fatal(err)
			}
			if again.String() != out {
				t.Errorf("re-encoded JSON differs from the report:\n%s", firstDiff(out, again.String()))
			}
			checkAgainstText(t, rep, report("text"), tc.cur != nil)
		})
	}
}

// checkAgainstText compares the JSON report with the text one: the same
// counts, the same controls with the same kinds and sources, the same
// conflicts, exclusions and new controls.
func checkAgainstText(t *testing.T, rep reportJSON, text string, withCurrent bool) {
	t.Helper()
	l := i18n.EN
	if rep.Version != 1 || rep.Source != "legacy-2013.yaml" {
		t.Errorf("version %d, source %q", rep.Version, rep.Source)
	}
	if !strings.Contains(text, l.F("tr.source", rep.Source)) {
		t.Errorf("text does not name the source %q", rep.Source)
	}
	s := rep.Summary
	for _, row := range []struct {
		key string
		n   int
	}{
		{"tr.kind.carried", s.Carried}, {"tr.kind.merged", s.Merged}, {"tr.kind.merged_conflict", s.MergedConflict},
		{"tr.kind.new", s.New}, {"tr.kind.unanswered", s.Unanswered}, {"tr.exclusions", s.ExclusionsNowIncluded},
	} {
		if got := summaryLine(text, l.T(row.key)); got != fmt.Sprint(row.n) {
			t.Errorf("summary %q: text says %q, JSON %d", l.T(row.key), got, row.n)
		}
	}
	if withCurrent != (s.Changed != nil) {
		t.Errorf("changed_since_derived = %v with a current file %v", s.Changed, withCurrent)
	}
	if withCurrent != (s.NewAnswered != nil) || withCurrent != (s.ConflictsResolved != nil) {
		t.Errorf("new_answered = %v, conflicts_resolved = %v with a current file %v", s.NewAnswered, s.ConflictsResolved, withCurrent)
	}
	if s.Changed != nil {
		for _, row := range []struct {
			key string
			n   int
		}{{"tr.changed", *s.Changed}, {"tr.new_answered", *s.NewAnswered}, {"tr.resolved_count", *s.ConflictsResolved}} {
			if got := summaryLine(text, l.T(row.key)); got != fmt.Sprint(row.n) {
				t.Errorf("summary %q: text says %q, JSON %d", l.T(row.key), got, row.n)
			}
		}
		// What editedNew did: 5.13, 5.18 and 5.7 changed; 5.7 answered;
		// 5.18's and 6.8's disagreements settled.
		if *s.Changed != 3 || *s.NewAnswered != 1 || *s.ConflictsResolved != 2 {
			t.Errorf("changed %d, new answered %d, resolved %d; want 3, 1, 2", *s.Changed, *s.NewAnswered, *s.ConflictsResolved)
		}
	}
	for _, row := range []struct {
		key string
		n   int
	}{{"tr.h.splits", s.Splits}, {"tr.h.merges", s.Merges}} {
		if got := summaryLine(text, l.T(row.key)); got != fmt.Sprint(row.n) {
			t.Errorf("summary %q: text says %q, JSON %d", l.T(row.key), got, row.n)
		}
	}
	// The one split of the bundled mapping, with each 2022 control named.
	if len(rep.Splits) != s.Splits || s.Splits != 1 || rep.Splits[0].ID != "A.18.2.3" || len(rep.Splits[0].Into) != 2 ||
		rep.Splits[0].Into[0].ID != "5.36" || rep.Splits[0].Into[1].ID != "8.8" {
		t.Errorf("splits %+v (summary %d), want A.18.2.3 into 5.36 and 8.8", rep.Splits, s.Splits)
	}
	for _, sp := range rep.Splits {
		want := "- " + sp.ID + " " + sp.Title + " was split into " + sp.Into[0].ID + " " + sp.Into[0].Title + " and " + sp.Into[1].ID + " " + sp.Into[1].Title + ";"
		if !strings.Contains(text, want) {
			t.Errorf("split of %s not listed in the text as %q", sp.ID, want)
		}
	}
	if len(rep.Merges) != s.Merges {
		t.Errorf("%d merges listed, summary says %d", len(rep.Merges), s.Merges)
	}
	merges := map[string]mergeJSON{}
	for _, m := range rep.Merges {
		merges[m.ID] = m
		if !strings.Contains(text, "\n- "+m.ID+" "+m.Title+" merges "+m.From[0].ID+" "+m.From[0].Title) {
			t.Errorf("merge into %s not listed in the text", m.ID)
		}
	}
	if len(rep.Controls) != s.Controls || s.Controls != 93 {
		t.Errorf("%d controls listed, summary says %d, want 93", len(rep.Controls), s.Controls)
	}
	kinds := map[string]int{}
	changed, excluded := 0, 0
	for _, c := range rep.Controls {
		kinds[c.Kind]++
		excluded += len(c.ExcludedSources)
		if c.New != (c.Kind == "new") {
			t.Errorf("%s: new=%v, kind %s", c.ID, c.New, c.Kind)
		}
		if (c.Derived == nil) != (c.Kind == "new") || (len(c.Sources) == 0) != (c.Kind == "new") {
			t.Errorf("%s (%s): derived %v, %d sources", c.ID, c.Kind, c.Derived, len(c.Sources))
		}
		if (len(c.Conflicts) > 0) != (c.Kind == "merged_conflict") {
			t.Errorf("%s (%s): %d conflicts", c.ID, c.Kind, len(c.Conflicts))
		}
		if withCurrent != (c.Changes != nil) {
			t.Errorf("%s: changes %v with a current file %v", c.ID, c.Changes, withCurrent)
		}
		if len(c.Changes) > 0 {
			changed++
		}
		// The control's line in "Every 2022 control" names its kind and
		// each source.
		line := controlLine(text, c.ID)
		if line == "" {
			t.Errorf("%s: no line in the text report", c.ID)
			continue
		}
		if !strings.Contains(line, " "+l.T("tr.kind."+c.Kind)+" ") {
			t.Errorf("%s: kind %s not on its line %q", c.ID, c.Kind, line)
		}
		if !strings.Contains(line, "  "+c.Title+": ") && !strings.Contains(line, "  "+c.Title+"  →") {
			t.Errorf("%s: title %q not on its line %q", c.ID, c.Title, line)
		}
		if m, ok := merges[c.ID]; ok != (len(c.Sources) > 1) || ok && len(m.From) != len(c.Sources) {
			t.Errorf("%s: %d sources, merge %+v", c.ID, len(c.Sources), m)
		}
		if withCurrent != (c.Answered != nil) {
			t.Errorf("%s: answered %v with a current file %v", c.ID, c.Answered, withCurrent)
		}
		for _, src := range c.Sources {
			if !strings.Contains(line, src.ID+" (") {
				t.Errorf("%s: source %s not on its line %q", c.ID, src.ID, line)
			}
		}
		for _, ch := range c.Changes {
			if !strings.Contains(line, l.T("field."+ch.Field)) {
				t.Errorf("%s: changed field %s not on its line %q", c.ID, ch.Field, line)
			}
			// and the section of changes shows old → new.
			old, cur := ch.Derived, ch.Current
			if old == "" {
				old = l.T("tr.empty")
			}
			want := "\n  - " + l.T("field."+ch.Field) + ": " + old + " → " + strings.ReplaceAll(cur, "\n", " ⏎ ") + "\n"
			if !strings.Contains(section(text, c.ID+" "+c.Title), want) {
				t.Errorf("%s: change %q not listed in the text", c.ID, want)
			}
		}
		for _, cf := range c.Conflicts {
			item := "- " + c.ID + " " + c.Title + ": " + l.T("field."+cf.Field) + " ("
			if !strings.Contains(text, item) {
				t.Errorf("%s: conflict on %s not listed in the text", c.ID, cf.Field)
			}
			if withCurrent != (cf.Resolved != nil) || cf.Resolved != nil && *cf.Resolved != (cf.Chosen != "") {
				t.Errorf("%s: conflict on %s resolved %v, chosen %q, with a current file %v", c.ID, cf.Field, cf.Resolved, cf.Chosen, withCurrent)
			}
			// A settled disagreement is listed as resolved with its value,
			// and no longer as open.
			resolved := cf.Resolved != nil && *cf.Resolved
			open := section(text, l.T("tr.h.conflicts"))
			if strings.Contains(open, item) == resolved {
				t.Errorf("%s: conflict on %s resolved %v, listed as open %v", c.ID, cf.Field, resolved, !resolved)
			}
			if resolved && !strings.Contains(text, ": resolved as "+cf.Chosen+"\n") {
				t.Errorf("%s: conflict on %s resolved as %q, not said in the text", c.ID, cf.Field, cf.Chosen)
			}
		}
		for _, ex := range c.ExcludedSources {
			if !strings.Contains(text, l.F("tr.exclusion", ex, c.ID+" "+c.Title)) {
				t.Errorf("%s: exclusion of %s not listed in the text", c.ID, ex)
			}
		}
		// A new control is to answer until the current file answers it.
		toAnswer := strings.Contains(section(text, l.T("tr.h.new")), "\n- "+c.ID+" "+c.Title+"\n")
		answered := c.Answered != nil && *c.Answered
		if c.New && toAnswer == answered {
			t.Errorf("%s: new control answered %v, listed to answer %v", c.ID, answered, toAnswer)
		}
		if c.New && answered && !strings.Contains(text, "\n- "+c.ID+" "+c.Title+": ") {
			t.Errorf("%s: new control answered, not listed as answered", c.ID)
		}
	}
	for kind, n := range map[string]int{"carried": s.Carried, "merged": s.Merged, "merged_conflict": s.MergedConflict, "new": s.New, "unanswered": s.Unanswered} {
		if kinds[kind] != n {
			t.Errorf("%d controls of kind %s, summary says %d", kinds[kind], kind, n)
		}
	}
	if excluded != s.ExclusionsNowIncluded {
		t.Errorf("%d excluded sources listed, summary says %d", excluded, s.ExclusionsNowIncluded)
	}
	if s.Changed != nil && changed != *s.Changed {
		t.Errorf("%d controls with changes, summary says %d", changed, *s.Changed)
	}
}

// section returns the text from the line heading to the next blank line,
// or from the item "- heading" to the next item.
func section(text, heading string) string {
	end := "\n\n"
	i := strings.Index(text, "\n"+heading+"\n")
	if i < 0 {
		i, end = strings.Index(text, "\n- "+heading+"\n"), "\n- " // one item: up to the next
	}
	if i < 0 {
		return ""
	}
	rest := text[i+1:]
	if j := strings.Index(rest[1:], end); j >= 0 {
		rest = rest[:j+2]
	}
	return rest
}

// summaryLine returns the number printed after label in the text summary.
func summaryLine(text, label string) string {
	for _, line := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(line, "  "+label+" "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// controlLine returns the line of control id in the list of every control.
func controlLine(text, id string) string {
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == id && strings.HasPrefix(line, "  ") {
			return line
		}
	}
	return ""
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  report:     %s\n  re-encoded: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}
