package answers_test

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
)

// TestUpdateLayouts: files laid out in ways people write them, each with
// the one change an import makes, and the exact text that must come out.
func TestUpdateLayouts(t *testing.T) {
	yes := true
	implemented := &answers.Answer{ID: "5.1", Applicable: &yes, Status: answers.Implemented}
	head := "edition: \"2022\"\norganization: {name: X, date: 2026-04-01}\ncontrols:\n"
	tests := []struct {
		name    string
		src     string
		upd     []*answers.Answer
		fields  []string
		want    string // "" for the error in wantErr
		wantErr string
	}{
		{
			name: "flow list closed at the key's column",
			src:  "  \"5.1\":\n    evidence: [POL-1,\n      POL-2\n    ]\n    status: partial\n",
			upd:  []*answers.Answer{{ID: "5.1", Evidence: []string{"POL-3"}, Status: answers.Partial}},
			want: "  \"5.1\":\n    evidence: [POL-3]\n    status: partial\n",
		},
		{
			name: "flow list closed at the key's column, last field of the file",
			src:  "  \"5.1\":\n    status: partial\n    evidence: [POL-1,\n    ]\n",
			upd:  []*answers.Answer{{ID: "5.1", Evidence: []string{"POL-3"}, Status: answers.Partial}},
			want: "  \"5.1\":\n    status: partial\n    evidence: [POL-3]\n",
		},
		{
			name: "quoted text continued on lines of its own",
			src:  "  \"5.1\":\n    justification: \"first line\n      second line\"\n    status: partial\n",
			upd:  []*answers.Answer{{ID: "5.1", Justification: "new", Status: answers.Partial}},
			want: "  \"5.1\":\n    justification: new\n    status: partial\n",
		},
		{
			name: "literal block whose last line starts with #",
			src:  "  \"5.1\":\n    status: partial\n    notes: |\n      Tickets:\n      #123 and #456\n  \"5.2\":\n    status: planned\n",
			upd:  []*answers.Answer{{ID: "5.1", Status: answers.Partial, Notes: "none"}, {ID: "5.2", Status: answers.Planned}},
			want: "  \"5.1\":\n    status: partial\n    notes: none\n  \"5.2\":\n    status: planned\n",
		},
		{
			name: "a literal block is the same answer as the cell without its last line break",
			src:  "  \"5.1\":\n    justification: |\n      Two\n      lines\n    status: partial\n",
			upd:  []*answers.Answer{{ID: "5.1", Justification: "Two\nlines", Status: answers.Implemented}},
			want: "  \"5.1\":\n    justification: |\n      Two\n      lines\n    status: implemented\n",
		},
		{
			name: "comment after a flow mapping stays",
			src:  "  \"5.1\": {applicable: true, status: partial} # reviewed in May\n",
			upd:  []*answers.Answer{implemented},
			want: "  \"5.1\": # reviewed in May\n    applicable: true\n    status: implemented\n",
		},
		{
			name: "a field added to an entry listed before an empty one that is filled",
			src:  "  \"5.2\":\n    applicable: true\n  \"5.1\":\n",
			upd:  []*answers.Answer{implemented, {ID: "5.2", Applicable: &yes, Status: answers.Planned}},
			want: "  \"5.2\":\n    applicable: true\n    status: planned\n  \"5.1\":\n    applicable: true\n    status: implemented\n",
		},
		{
			name: "a comment under the last field stays below it",
			src:  "  \"5.1\":\n    applicable: true\n    # ask the CISO\n",
			upd:  []*answers.Answer{implemented},
			want: "  \"5.1\":\n    applicable: true\n    status: implemented\n    # ask the CISO\n",
		},
		{
			name: "list items that stay keep their comments; new ones go where they belong",
			src:  "  \"5.1\":\n    evidence:\n      - POL-1   # approved by the board\n      # POL-0 withdrawn in 2024\n      - POL-3   # draft\n      - POL-4\n    status: partial\n",
			upd:  []*answers.Answer{{ID: "5.1", Evidence: []string{"POL-1", "POL-2", "POL-4", "POL-5"}, Status: answers.Partial}},
			want: "  \"5.1\":\n    evidence:\n      - POL-1   # approved by the board\n      # POL-0 withdrawn in 2024\n      - POL-2\n      - POL-4\n      - POL-5\n    status: partial\n",
		},
		{
			name: "a list that is the last field of the file",
			src:  "  \"5.1\":\n    status: partial\n    evidence:\n    - POL-1 # one\n    - \"POL: 2\"\n",
			upd:  []*answers.Answer{{ID: "5.1", Evidence: []string{"POL: 2", "x: y"}, Status: answers.Partial}},
			want: "  \"5.1\":\n    status: partial\n    evidence:\n    - \"POL: 2\"\n    - 'x: y'\n",
		},
		{
			name: "a comment after a one-line value that becomes several lines stays on the key's line",
			src:  "  \"5.1\":\n    justification: short # keep me\n    status: partial\n",
			upd:  []*answers.Answer{{ID: "5.1", Justification: "two\nlines", Status: answers.Partial}},
			want: "  \"5.1\":\n    justification: |- # keep me\n      two\n      lines\n    status: partial\n",
		},
		{
			name:   "a block that keeps its final line breaks keeps them when a field follows",
			src:    "  \"5.1\":\n    status: partial\n    notes: |+\n      keep\n\n",
			upd:    []*answers.Answer{{ID: "5.1", Status: answers.Partial, Notes: "keep\n\n", Owner: "CISO"}},
			fields: []string{"status", "owner"},
			want:   "  \"5.1\":\n    status: partial\n    notes: |+\n      keep\n\n    owner: CISO\n",
		},
		{
			name: "a key with spaces around the id is that control",
			src:  "  \"5.1 \":\n    status: partial\n",
			upd:  []*answers.Answer{implemented},
			want: "  \"5.1 \":\n    status: implemented\n    applicable: true\n",
		},
		{
			name: "document end marker",
			src:  "  \"5.1\":\n    applicable: true\n...\n",
			upd:  []*answers.Answer{implemented},
			want: "  \"5.1\":\n    applicable: true\n    status: implemented\n...\n",
		},
		{
			name:    "a layout the editor does not foresee is left alone",
			src:     "  ? \"5.1\"\n  : applicable: false\n",
			upd:     []*answers.Answer{implemented},
			wantErr: "a.yaml: error: the file is laid out in a way soa cannot edit in place",
		},
		{
			name:    "controls in flow style",
			src:     "  {\"5.1\": {applicable: true},\n   \"5.2\": {applicable: true}}\n",
			upd:     []*answers.Answer{implemented},
			wantErr: "a.yaml:3:1: error: controls: the controls are written in flow style",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := tt.fields
			if fields == nil {
				fields = []string{"applicable", "justification", "status", "evidence", "notes"}
			}
			upd := &answers.File{Edition: "2022", Controls: tt.upd}
			out, _, err := answers.Update("a.yaml", []byte(head+tt.src), upd, answers.UpdateOptions{Fields: fields, Order: []string{"5.1", "5.2", "5.3"}})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimPrefix(string(out), head); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestChangeString: a change line shows where two long values differ.
func TestChangeString(t *testing.T) {
	long := strings.Repeat("Evidence of the quarterly access review; ", 3)
	for _, tt := range []struct {
		c    answers.Change
		want string
	}{
		{answers.Change{Control: "5.1", Field: "status", Old: "partial", New: "implemented"}, "5.1: status: partial → implemented"},
		{answers.Change{Field: "organization.name", New: "X"}, "organization: organization.name: (empty) → X"},
		{answers.Change{Control: "5.1", Field: "notes", Old: "a\nb", New: "a"}, "5.1: notes: a⏎b → a"},
		{answers.Change{Control: "5.15", Field: "evidence", Old: long + "\nPOL-1", New: long + "\nPOL-2"},
			"5.15: evidence: …s review; ⏎POL-1 → …s review; ⏎POL-2"},
	} {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

// TestUpdateFileEnds: a file without a last line break stays without one;
// an empty or missing "controls:" gets its first entries.
func TestUpdateFileEnds(t *testing.T) {
	yes := true
	upd := &answers.File{Edition: "2022", Controls: []*answers.Answer{{ID: "5.1", Applicable: &yes}, {ID: "5.2", Applicable: &yes}}}
	opts := answers.UpdateOptions{Fields: []string{"applicable", "notes"}, Order: []string{"5.1", "5.2"}}
	for _, tt := range []struct{ src, want string }{
		{"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: false",
			"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true"},
		{"edition: \"2022\"\ncontrols:\n# to do\n",
			"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true\n# to do\n"},
		{"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true\n    notes: x",
			"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true"},
		{"edition: \"2022\"\ncontrols: ~ # none yet\n",
			"edition: \"2022\"\ncontrols: # none yet\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true\n"},
		{"edition: \"2022\"\ncontrols: {}\nrevisions: []\n",
			"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true\nrevisions: []\n"},
		{"edition: \"2022\"\n",
			"edition: \"2022\"\ncontrols:\n  \"5.1\":\n    applicable: true\n  \"5.2\":\n    applicable: true\n"},
	} {
		out, _, err := answers.Update("a.yaml", []byte(tt.src), upd, opts)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if string(out) != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.src, out, tt.want)
		}
	}
}

// FuzzUpdate: whatever the file, an update either fails with an error or
// gives a file that reads back with the new answers; it never panics.
func FuzzUpdate(f *testing.F) {
	addAnswerFiles(f)
	f.Add([]byte("edition: \"2022\"\ncontrols:\n  \"5.1\": {applicable: true} # x\n  \"5.2\":\n    notes: |\n      #1\n"))
	yes := true
	upd := &answers.File{Edition: "2022", Org: answers.Organization{Name: "Fuzz KK"}, Controls: []*answers.Answer{
		{ID: "5.1", Applicable: &yes, Status: answers.Implemented, Evidence: []string{"POL-1", "POL-2"}},
		{ID: "5.2", Applicable: &yes, Reasons: []string{"risk"}, Notes: "two\nlines"},
		{ID: "8.34", Applicable: &yes, Owner: "CISO"},
	}}
	opts := answers.UpdateOptions{Fields: []string{"applicable", "reasons", "status", "owner", "evidence", "notes"}, Order: []string{"5.1", "5.2", "8.34"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, _, err := answers.Update("fuzz.yaml", src, upd, opts)
		if err != nil {
			return
		}
		got, l := answers.Parse("fuzz.yaml", out)
		if got == nil {
			t.Fatalf("updated file does not read: %v", l)
		}
		for _, want := range upd.Controls {
			a := got.Lookup(want.ID)
			if a == nil || a.Status != want.Status || a.Owner != want.Owner || strings.TrimRight(a.Notes, "\n") != want.Notes ||
				strings.Join(a.Evidence, "|") != strings.Join(want.Evidence, "|") || a.Applicable == nil || !*a.Applicable {
				t.Fatalf("control %s reads back as %+v\n%s", want.ID, a, out)
			}
		}
	})
}
