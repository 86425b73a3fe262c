package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
)

// everyField is an answers file with every field set, texts with spaces
// around them, and reasons in no particular order.
const everyField = `organization:
  name: "  Padded KK  "
  scope: "Scope line one\nline two "
  soa_version: " 3.1"
  date: 2026-04-01
  prepared_by: "Prep "
  approved_by: " Approver"
  approved_on: 2026-04-02
  language: en
revisions:
  - {version: "1.0 ", date: 2026-01-01, author: " A", description: " first\nissue "}
controls:
  "5.1": {applicable: true, reasons: [risk, legal, best_practice, contractual, business], justification: "ends with a space ", status: implemented, owner: " CISO ", evidence: [" POL-1", "POL-2 "], target_date: 2026-05-01, notes: " note\nsecond line ", review: "check "}
  "5.2": {applicable: false, justification: "  leading spaces"}
  "5.3": {applicable: true, reasons: [business, risk], justification: "x", status: partial, owner: "IT", evidence: [a], target_date: 2026-06-01, notes: "n"}
`

// TestRoundTripFixedPoint: for every example and a file with every field
// set, generate → import → generate gives the same bytes, and the imported
// answers are the answers read from the file.
func TestRoundTripFixedPoint(t *testing.T) {
	examples, _ := filepath.Glob("../../testdata/examples/*.yaml")
	inputs := map[string][]byte{"every-field.yaml": []byte(everyField)}
	for _, p := range examples {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(p)] = src
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, name)
			os.WriteFile(in, src, 0o644)
			first, back, again := filepath.Join(dir, "1.xlsx"), filepath.Join(dir, "back.yaml"), filepath.Join(dir, "2.xlsx")
			for _, args := range [][]string{
				{"generate", in, "-o", first},
				{"import", first, "-o", back},
				{"generate", back, "-o", again},
			} {
				if code, _, errOut := runSoa(t, "", args...); code != ExitOK {
					t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
				}
			}
			a, _ := os.ReadFile(first)
			b, _ := os.ReadFile(again)
			if !bytes.Equal(a, b) {
				t.Error("generate → import → generate gives other bytes")
			}
			want, _ := answers.Parse(name, src)
			gotSrc, _ := os.ReadFile(back)
			got, _ := answers.Parse(name, gotSrc)
			if d := answerDiff(want, got); d != "" {
				t.Errorf("import gives other answers: %s\n%s", d, gotSrc)
			}
		})
	}
}

// answerDiff compares what two answers files say, positions aside.
func answerDiff(want, got *answers.File) string {
	if want.Edition != got.Edition {
		return fmt.Sprintf("edition %q, want %q", got.Edition, want.Edition)
	}
	wo, gotOrg := want.Org, got.Org
	if wo.Language == "" {
		wo.Language = "en" // the default, said by the import
	}
	if !reflect.DeepEqual(wo, gotOrg) {
		return fmt.Sprintf("organization %+v, want %+v", gotOrg, wo)
	}
	if !reflect.DeepEqual(want.Revisions, got.Revisions) {
		return fmt.Sprintf("revisions %+v, want %+v", got.Revisions, want.Revisions)
	}
	for _, w := range want.Controls {
		g := got.Lookup(w.ID)
		if g == nil {
			return "no control " + w.ID
		}
		wc, gc := *w, *g
		wc.Pos, wc.FieldPos, gc.FieldPos = gc.Pos, nil, nil
		if len(wc.Evidence) == 0 {
			wc.Evidence = nil
		}
		if len(gc.Evidence) == 0 {
			gc.Evidence = nil
		}
		// Reasons are a set (a column each in the workbook).
		wc.Reasons, gc.Reasons = sortedOrNil(wc.Reasons), sortedOrNil(gc.Reasons)
		if !reflect.DeepEqual(wc, gc) {
			return fmt.Sprintf("control %s: %+v, want %+v", w.ID, gc, wc)
		}
	}
	return ""
}

func sortedOrNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(s))
}
