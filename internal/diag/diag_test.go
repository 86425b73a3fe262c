package diag

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	l := List{
		{Pos: Pos{File: "a b.yaml", Line: 3, Col: 5}, Severity: Error, Control: "5.1", Field: "status", Msg: `"done" is not one of x, y`},
		{Pos: Pos{File: "w.xlsx", Cell: "SoA!C17"}, Severity: Warning, Msg: "100%\nsure: yes, really"},
		{Pos: Pos{File: "c.yaml"}, Severity: Error, Msg: "file is empty"},
		// Hostile text from a file: an id and an owner that would forge
		// lines and workflow commands, colour and carriage returns.
		{Pos: Pos{File: "e\n,:.yaml", Line: 1}, Severity: Error, Control: "5.1\n::error::forged", Field: "owner", Msg: "\x1b[31mred\r\u0085::stop-commands::x"},
	}
	tests := map[string]string{
		"text": `a b.yaml:3:5: error: control 5.1: status: "done" is not one of x, y
w.xlsx:SoA!C17: warning: 100%\nsure: yes, really
c.yaml: error: file is empty
e\n,:.yaml:1: error: control 5.1\n::error::forged: owner: \x1b[31mred\r\u0085::stop-commands::x
`,
		"github": `::error file=a b.yaml,line=3,col=5::control 5.1: status: "done" is not one of x, y
::warning file=w.xlsx::100%25%0Asure: yes, really
::error file=c.yaml::file is empty
::error file=e\n%2C%3A.yaml,line=1::control 5.1%0A::error::forged: owner: \x1b[31mred\r\u0085::stop-commands::x
`,
	}
	for format, want := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, format, l); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s:\n%s\nwant\n%s", format, buf.String(), want)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, "json", l); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil || len(got) != 4 || got[0]["line"] != 3.0 || got[0]["control"] != "5.1" || got[1]["severity"] != "warning" {
		t.Errorf("json: %v %s", err, buf.String())
	}
	buf.Reset()
	if err := Write(&buf, "json", nil); err != nil || strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty json = %q", buf.String())
	}
	if err := Write(&buf, "sarif", l); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestSortAndErr(t *testing.T) {
	l := List{
		{Pos: Pos{File: "a", Line: 9}, Severity: Warning, Control: "5.10", Msg: "w"},
		{Pos: Pos{File: "a", Line: 9}, Severity: Warning, Control: "5.9", Msg: "w"},
		{Pos: Pos{File: "a", Line: 2}, Severity: Warning, Msg: "w"},
	}
	if l.Err() != nil {
		t.Error("warnings alone are not an error")
	}
	l.Sort()
	if l[0].Pos.Line != 2 || l[1].Control != "5.9" || l[2].Control != "5.10" {
		t.Errorf("order: %v", l)
	}
	l = append(l, Diagnostic{Pos: Pos{File: "w", Cell: "SoA!A10"}, Msg: "e"}, Diagnostic{Pos: Pos{File: "w", Cell: "SoA!B9"}, Msg: "e"})
	l.Sort()
	if l.Err() == nil || l[3].Pos.Cell != "SoA!B9" {
		t.Errorf("cells in reading order: %v", l)
	}
}

func TestSuggest(t *testing.T) {
	ids2013 := []string{"A.5.1.1", "A.5.1.2", "A.6.1.1", "A.6.1.2", "A.6.1.3"}
	tests := []struct {
		word string
		opts []string
		want []string
	}{
		{"titel", []string{"id", "title", "theme"}, []string{"title"}},
		{"reason", []string{"reasons", "status"}, []string{"reasons"}},
		{"zzzzzz", []string{"title"}, nil},
		{"A.9.2.7", []string{"A.9.2.1", "A.5.1.1"}, []string{"A.9.2.1"}},
		// Equally close: all of them, in the options' order.
		{"A.5.1.3", ids2013, []string{"A.5.1.1", "A.5.1.2"}},
		{"A.6.1.4", ids2013, []string{"A.6.1.1", "A.6.1.2", "A.6.1.3"}},
		{"5.38", []string{"5.3", "5.37", "5.36"}, []string{"5.3", "5.37", "5.36"}},
		// More than three equally close: a guess between so many helps nobody.
		{"8.35", []string{"8.3", "8.31", "8.32", "8.33", "8.34"}, nil},
		{"title", []string{"title", "title"}, []string{"title"}},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.opts); !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	ids := []string{"A.5.1.1", "A.5.1.2", "A.6.1.1", "A.6.1.2", "A.6.1.3"}
	tests := []struct {
		word  string
		quote bool
		want  string
	}{
		{"A.5.1.3", false, " (did you mean A.5.1.1 or A.5.1.2?)"},
		{"A.6.1.4", false, " (did you mean A.6.1.1, A.6.1.2 or A.6.1.3?)"},
		{"A.5.1.7", true, ` (did you mean "A.5.1.1" or "A.5.1.2"?)`},
		{"A.6.2.2", false, " (did you mean A.6.1.2?)"},
		{"Z", false, ""},
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.word, ids, tt.quote); got != tt.want {
			t.Errorf("DidYouMean(%q, %v) = %q, want %q", tt.word, tt.quote, got, tt.want)
		}
	}
}

// TestCompareIDs: numbers compare as numbers, other parts as text (as
// strconv.Atoi tells them apart), and a prefix comes first.
func TestCompareIDs(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"5.9", "5.10", -1},
		{"A.9.1.2", "A.10.1.1", -1},
		{"5.1", "5.1", 0},
		{"05.1", "5.1", 0},
		{"+5.1", "5.1", 0},
		{"-1", "1", -1},
		{"5", "5.1", -1},
		{"5.1", "5", 1},
		{"", "5", -1},
		{"A", "B", -1},
		{"5a", "5", 1},
		{"5..1", "5.1", -1},
		{"99999999999999999999", "9", 1},
		{"100000000000000000", "99999999999999999", 1},
	}
	for _, tt := range tests {
		if got := CompareIDs(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareIDs(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := CompareIDs(tt.b, tt.a); got != -tt.want {
			t.Errorf("CompareIDs(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { CompareIDs("A.9.1.2", "A.10.1.1") }); n != 0 {
		t.Errorf("CompareIDs allocates %v times", n)
	}
}

// BenchmarkWriteText prints 15 diagnostics as text, as soa validate prints
// the example's warnings.
func BenchmarkWriteText(b *testing.B) {
	var l List
	for i := range 15 {
		l = append(l, Diagnostic{Pos: Pos{File: "testdata/examples/saas-cloud.yaml", Line: 70 + 50*i, Col: 18}, Severity: Warning,
			Control: "5.17", Field: "reviewed_on", Msg: "last reviewed on 2025-06-15, more than 12 months before 2026-12-03: review the answer and its evidence, then update reviewed_on"})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, "text", l); err != nil {
			b.Fatal(err)
		}
	}
}
