package answers

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestVerifyCatchesStrayEdits: an edit that changes an answer nobody asked
// to change is caught before anything is written.
func TestVerifyCatchesStrayEdits(t *testing.T) {
	src := "edition: \"2022\"\ncontrols:\n  \"5.1\":\n    status: partial\n  \"5.2\":\n    status: planned\n"
	old, _ := parse("a.yaml", []byte(src), false)
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	p := newPatcher("a.yaml", []byte(src), doc.Content[0])
	p.wantOrg = old.Org
	p.add(5, 6, []string{"    status: implemented"}) // 5.2, which no change named
	out, err := p.apply()
	if err != nil {
		t.Fatal(err)
	}
	err = p.verify(out, old)
	if err == nil || !strings.Contains(err.Error(), "a.yaml:5:3: error: control 5.2: status: soa cannot edit this entry in place") {
		t.Fatalf("verify: %v", err)
	}
	p.edits = []edit{{from: 3, to: 5}, {from: 4, to: 4, repl: []string{"x"}}}
	if _, err := p.apply(); err == nil || !strings.Contains(err.Error(), "two changes overlap") {
		t.Fatalf("overlap: %v", err)
	}
}
