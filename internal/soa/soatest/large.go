// Package soatest makes large inputs for the benchmarks that show the
// answers' path (load, rules, gap analysis) linear in the size of its
// input: answers whose every text is long, and catalogues with many
// controls of the user's own. Tests and benchmarks only; soa never
// imports it.
package soatest

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
)

// Annex A 2022's control ids by theme: 5.1–5.37, 6.1–6.8, 7.1–7.14, 8.1–8.34.
var annexA = []struct{ theme, n int }{{5, 37}, {6, 8}, {7, 14}, {8, 34}}

// text is n bytes of words, so that every byte counts as one character.
func text(n int, word string) string {
	var b strings.Builder
	b.Grow(n)
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word)
	}
	return b.String()[:n]
}

// Answers is an answers file of edition 2022 that answers every Annex A
// control and the extra controls ids, with every text field textLen
// characters long (an evidence list holds three items of a third each).
// The statuses cycle through implemented, partial and planned, so that the
// rules about owners, target dates and evidence all have work.
func Answers(textLen int, extra []string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "edition: \"2022\"\norganization:\n  name: %s\n  scope: %s\n  date: 2026-04-01\n", text(min(textLen, 200), "Org"), text(textLen, "scope"))
	b.WriteString("controls:\n")
	ids := extra[:0:0]
	for _, t := range annexA {
		for i := 1; i <= t.n; i++ {
			ids = append(ids, fmt.Sprintf("%d.%d", t.theme, i))
		}
	}
	ids = append(ids, extra...)
	statuses := []string{"implemented", "partial", "planned"}
	for i, id := range ids {
		fmt.Fprintf(&b, "  %q:\n    applicable: true\n    reasons: [risk, legal]\n", id)
		fmt.Fprintf(&b, "    justification: %s\n", text(textLen, "because"))
		fmt.Fprintf(&b, "    status: %s\n    owner: %s\n", statuses[i%3], text(textLen, "owner"))
		fmt.Fprintf(&b, "    evidence: [%s, %s, %s]\n", text(textLen/3, "doc"), text(textLen/3, "log"), text(textLen/3, "record"))
		if i%3 != 0 {
			b.WriteString("    target_date: 2026-12-31\n")
		}
		fmt.Fprintf(&b, "    reviewed_on: 2026-01-15\n    risks: [R-%03d]\n    notes: %s\n", i, text(textLen, "note"))
	}
	return []byte(b.String())
}

// ExtraControls is a catalogue file of the user's own: a set of edition
// 2022 with n controls, and their ids.
func ExtraControls(n int) (catalog.File, []string) {
	var b strings.Builder
	b.WriteString("set: extra\ntitle: Extra controls\nedition: \"2022\"\nprefix: X-\ncontrols:\n")
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("X-%d", i+1)
		fmt.Fprintf(&b, "  - id: %s\n    title: Extra control number %d\n    summary: What extra control %d asks for, in one sentence.\n", ids[i], i+1, i+1)
	}
	return catalog.File{Name: "extra.yaml", Src: []byte(b.String())}, ids
}
