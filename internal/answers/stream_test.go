package answers

import (
	"reflect"
	"testing"

	"github.com/soa-tool/soa/internal/diag"
)

// wholeParse is parse reading the whole tree, as parse did before the
// controls were streamed: the reference the streamed reading is held to.
func wholeParse(name string, src []byte, rules bool) (*File, diag.List) {
	streamControls = false
	defer func() { streamControls = true }()
	return parse(name, src, rules)
}

// sameAsWhole fails t unless parse, which streams the controls, reads src
// as the whole tree reads it: the same answers, positions and reports, in
// the same order.
func sameAsWhole(t *testing.T, src []byte) {
	t.Helper()
	for _, rules := range []bool{true, false} {
		want, wl := wholeParse("s.yaml", src, rules)
		got, gl := parse("s.yaml", src, rules)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%.300q (rules %v): streamed\n%+v\nwhole\n%+v", src, rules, got, want)
		}
		if g, w := gl.Error(), wl.Error(); g != w || len(gl) != len(wl) {
			t.Fatalf("%.300q (rules %v): streamed reports\n%s\nwhole\n%s", src, rules, g, w)
		}
	}
}

// streamCases are files whose controls are read in every way a file can
// hold them: ids given twice, ids that are no text, unknown fields,
// merge keys, controls before and after the other keys, given twice, of
// no value, flow and block, and answers of each field kind.
var streamCases = []string{
	"organization: {name: N, date: 2026-04-01}\ncontrols:\n  5.1:\n    applicable: true\n    reasons: [legal]\n  5.1:\n    applicable: false\n  5.2: ~\n",
	"controls:\n  5.1: {applicable: true, justification: x}\n  \"bad\\u0007id\": {applicable: true}\n  5.3:\n    colour: red\n    owner: o\norganization: {name: N, date: 2026-04-01}\n",
	"controls:\n  <<: {5.1: {applicable: true}}\n  5.2: {applicable: false, justification: y}\norganization: {name: N, date: 2026-04-01}\n",
	"controls:\n  5.1: {applicable: true}\ncontrols:\n  5.2: {applicable: true}\norganization: {name: N, date: 2026-04-01}\n",
	"controls: {5.1: {applicable: true}}\norganization: {name: N, date: 2026-04-01}\n",
	"controls:\norganization: {name: N, date: 2026-04-01}\n",
	"controls:\n  - 5.1\norganization: {name: N, date: 2026-04-01}\n",
	"controls:\n  5.1: yes please\n  5.2:\n    applicable: maybe\n    status: done\n    evidence: one\n    target_date: 2026-13-40\n",
	"edition: \"2013\"\ncontrols:\n  A.5.1.1:\n    applicable: true\n    reasons: [risk]\n    risks: [R-1]\n    evidence:\n      - a\n      - b\n    notes: |\n      two\n      lines\n",
	"controls:\n  5.1:\n    applicable: true\n  5.1:\n    applicable: true\n  5.1: ~\n" + "  5.2: ~\n  5.3: ~\n  5.4: ~\n  5.5: ~\n  5.6: ~\n  5.7: ~\n  5.8: ~\n  5.9: ~\n  5.10: ~\n  5.11: ~\n  5.12: ~\n  5.13: ~\n  5.14: ~\n  5.15: ~\n  5.16: ~\n  5.17: ~\n  5.18: ~\n  5.19: ~\n  5.20: ~\n  5.21: ~\n  5.22: ~\n  5.23: ~\n  5.24: ~\n  5.25: ~\n  5.26: ~\n  5.27: ~\n  5.28: ~\n  5.29: ~\n  5.30: ~\n  5.31: ~\n  5.32: ~\n  5.33: ~\n  5.34: ~\n  5.35: ~\n  5.2: ~\n",
}

// TestStreamedAsWhole: every answers file of the repository, the hostile
// files and streamCases read the same streamed as whole.
func TestStreamedAsWhole(t *testing.T) {
	for _, src := range answerFiles(t) {
		sameAsWhole(t, src)
	}
	for _, s := range hostile {
		for _, all := range []bool{false, true} {
			var b []byte
			f := hostileFile(s, all)
			out, err := encodeTree(tree(f, EncodeOptions{IDs: []string{"5.1", "5.2", f.Controls[2].ID}}))
			if err == nil {
				b = out
			}
			sameAsWhole(t, b)
		}
	}
	for _, src := range streamCases {
		sameAsWhole(t, []byte(src))
	}
}

// FuzzStreamedAsWhole: any text reads the same streamed as whole.
func FuzzStreamedAsWhole(f *testing.F) {
	for _, src := range streamCases {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) { sameAsWhole(t, src) })
}
