package rules_test

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa/soatest"
)

// TestCellLimitEveryField: every text soa writes from the answers is
// measured as Excel measures it, in UTF-16 code units, and one too long is
// an error naming the field (and control) at its position; nothing is
// written, so nothing is truncated silently.
func TestCellLimitEveryField(t *testing.T) {
	const max = layout.MaxCellText
	emoji := strings.Repeat("😀", 20000) // 20,000 runes, 40,000 UTF-16 units
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name string
		yaml string
		want string
	}{{
		name: "emoji justification",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    justification: " + emoji + "\n",
		want: "t.yaml:7:20: error: control 5.1: justification: 40000 characters as Excel counts them (emoji and other characters beyond U+FFFF count two); an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "scope",
		yaml: "organization:\n  name: X\n  scope: " + x(40000) + "\n  date: 2026-04-01\n",
		want: "t.yaml:3:10: error: organization.scope: 40000 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "name, with the Summary title",
		yaml: "organization:\n  name: " + x(max-3) + "\n  date: 2026-04-01\n",
		want: "t.yaml:2:9: error: organization.name: 32764 characters; an Excel cell holds at most 32767, and the Summary sheet's title leaves room for 32757: shorten it or move the text to a document and cite it",
	}, {
		name: "soa_version, prepared_by, approved_by",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\n  soa_version: " + x(max+1) + "\n  prepared_by: " + emoji + "\n  approved_by: " + x(max+2) + "\n",
		want: "t.yaml:4:16: error: organization.soa_version: 32768 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:5:16: error: organization.prepared_by: 40000 characters as Excel counts them (emoji and other characters beyond U+FFFF count two); an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:6:16: error: organization.approved_by: 32769 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "revisions",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\nrevisions:\n  - version: \"1\"\n    date: 2026-04-01\n    description: ok\n  - version: " + x(max+1) + "\n    author: " + emoji + "\n    description: " + x(40000) + "\n",
		want: "t.yaml:8:14: error: revisions.version: 32768 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:9:13: error: revisions.author: 40000 characters as Excel counts them (emoji and other characters beyond U+FFFF count two); an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:10:18: error: revisions.description: 40000 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "notes and review share a cell",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    notes: " + x(20000) + "\n    review: " + x(15000) + "\n",
		want: "t.yaml:7:12: error: control 5.1: notes: 20000 characters; an Excel cell holds at most 32767, and the review remark in the same cell leaves room for 17758: shorten it or move the text to a document and cite it",
	}, {
		name: "review alone, with its label",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    review: " + x(max-2) + "\n",
		want: "t.yaml:7:13: error: control 5.1: review: 32765 characters; an Excel cell holds at most 32767, and the label \"REVIEW: \" leaves room for 32759: shorten it or move the text to a document and cite it",
	}, {
		name: "evidence, one line each",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    evidence: [" + x(20000) + ", " + x(20000) + "]\n",
		want: "t.yaml:7:15: error: control 5.1: evidence: 40001 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "owner, quoted by the in-progress finding",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    status: partial\n    owner: " + x(max-10) + "\n",
		want: "t.yaml:8:12: error: control 5.1: owner: 32757 characters; an Excel cell holds at most 32767, and the in-progress finding on the Gaps sheet leaves room for 32723: shorten it or move the text to a document and cite it",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := rules.CellLimits(soatest.Load(t, "t.yaml", []byte(tt.yaml)))
			var got []string
			for _, d := range l {
				got = append(got, d.String())
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("got\n%s\nwant\n%s", g, tt.want)
			}
		})
	}
}

// TestCellLimitCatalogue: titles come from the catalogue, which may be the
// user's own: a title too long for its cell is an error too, naming the
// control and field, or, for text no check foresaw, the cell.
func TestCellLimitCatalogue(t *testing.T) {
	long := strings.Repeat("x", 40000)
	src := "organization:\n  name: X\n  date: 2026-04-01\n"
	st := soatest.LoadOver(t, soatest.OwnCatalog(t), "t.yaml", []byte(src))
	st.Rows[0].Control.Title = long
	l := rules.CellLimits(st)
	if len(l) != 1 || !strings.HasPrefix(l[0].String(), "controls/annex-a-2022.yaml:") ||
		!strings.HasSuffix(l[0].String(), ": error: control 5.1: title: 40000 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it") {
		t.Errorf("a long control title: %v", l)
	}
}
