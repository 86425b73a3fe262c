package diff_test

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/i18n"
)

func parse(t *testing.T, name, src string) *answers.File {
	t.Helper()
	f, l := answers.Parse(name, []byte(src))
	if f == nil || len(l) > 0 {
		t.Fatalf("%s: %v", name, l)
	}
	return f
}

const head = "edition: \"2022\"\norganization: {name: Acme, date: 2026-01-01}\ncontrols:\n"

// TestCompare: what counts as a change, per field, through the field table.
func TestCompare(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []string // "control field: old → new"
	}{
		{"same answer written differently",
			`  "5.1": {applicable: true, reasons: [risk, legal], justification: "Needed\n"}`,
			`  "5.1": {applicable: true, reasons: [legal, risk], justification: Needed}`, nil},
		{"a review note is no answer",
			`  "5.1": {applicable: true}`, `  "5.1": {applicable: true, review: check}`, nil},
		{"values old and new",
			`  "5.1": {applicable: true, status: partial, risks: [R-1]}`,
			`  "5.1": {applicable: false, justification: Not needed, risks: [R-1, R-2]}`,
			[]string{"5.1 applicable: true → false", "5.1 justification:  → Not needed", "5.1 status: partial → ", "5.1 risks: R-1 → R-1, R-2"}},
		{"answered in one file only",
			``, `  "8.1": {applicable: true}`, []string{"8.1 applicable:  → true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := diff.Compare(parse(t, "old.yaml", head+tt.old), parse(t, "new.yaml", head+tt.new), []string{"5.1", "8.1"}, i18n.EN)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range r.Changes {
				got = append(got, c.Control+" "+c.Field+": "+c.Old+" → "+c.New)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestEditions(t *testing.T) {
	a := parse(t, "a.yaml", head)
	b := parse(t, "b.yaml", "edition: \"2013\"\norganization: {name: Acme, date: 2026-01-01}\n")
	if _, err := diff.Compare(a, b, nil, i18n.EN); err == nil || !strings.Contains(err.Error(), "a.yaml is edition 2022 and b.yaml is edition 2013") {
		t.Errorf("err = %v", err)
	}
}

// TestSuggestion: the revision line names the controls, up to eight.
func TestSuggestion(t *testing.T) {
	var old, new strings.Builder
	old.WriteString(head)
	new.WriteString(head)
	for i := 1; i <= 10; i++ {
		new.WriteString("  \"5." + string(rune('0'+i%10)) + "\": {applicable: true}\n")
	}
	r, err := diff.Compare(parse(t, "o.yaml", old.String()), parse(t, "n.yaml", new.String()), nil, i18n.JA)
	if err != nil {
		t.Fatal(err)
	}
	if want := "管理策10件を改訂（5.1、5.2、5.3、5.4、5.5、5.6、5.7、5.8 ほか2件）：適用可否"; r.Revision != want {
		t.Errorf("revision %q, want %q", r.Revision, want)
	}
}
