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
	Field  string   `json:"field"`
	Values []string `json:"values"`
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
	edited := bytes.Replace(migrated.Bytes(), []byte("status: partial"), []byte("status: implemented"), 1)
	cur, l := soa.Load(c, "new.yaml", edited)
	if cur == nil {
		t.Fatal(l)
	}
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
	if s.Changed != nil {
		if got := summaryLine(text, l.T("tr.changed")); got != fmt.Sprint(*s.Changed) {
			t.Errorf("summary changed: text says %q, JSON %d", got, *s.Changed)
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
		for _, src := range c.Sources {
			if !strings.Contains(line, src.ID+" (") {
				t.Errorf("%s: source %s not on its line %q", c.ID, src.ID, line)
			}
		}
		for _, ch := range c.Changes {
			if !strings.Contains(line, l.T("field."+ch.Field)) {
				t.Errorf("%s: changed field %s not on its line %q", c.ID, ch.Field, line)
			}
		}
		for _, cf := range c.Conflicts {
			if !strings.Contains(text, "- "+c.ID+" "+c.Title+": "+l.T("field."+cf.Field)) && !strings.Contains(text, "- "+c.ID+" "+c.Title+": "+cf.Field) {
				t.Errorf("%s: conflict on %s not listed in the text", c.ID, cf.Field)
			}
		}
		for _, ex := range c.ExcludedSources {
			if !strings.Contains(text, l.F("tr.exclusion", ex, c.ID+" "+c.Title)) {
				t.Errorf("%s: exclusion of %s not listed in the text", c.ID, ex)
			}
		}
		if c.New && !strings.Contains(text, "\n- "+c.ID+" "+c.Title+"\n") {
			t.Errorf("%s: new control not listed in the text", c.ID)
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
