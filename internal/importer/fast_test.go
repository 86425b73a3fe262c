package importer

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNormalizeShortcut: the texts normalize only lowers are normalized
// as the full steps would, and the others are left to them.
func TestNormalizeShortcut(t *testing.T) {
	texts := []string{"", "a", "Status", "Implementation Status", "Owner(s)", "Status:", "Status?", " Status", "Status ", "A  B",
		"a\tb", "a\nb", "Control *", "Ref.", "Applicable Y/N", "a:b", "x?y", "ÄÖ", "ｓｔａｔｕｓ", "#", "No.", "5.1"}
	rnd := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aZ ?:()*\t\n\v\f\r.-/#1"
	for range 20000 {
		b := make([]byte, rnd.IntN(8))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	short := 0
	for _, s := range texts {
		if plainASCII(s) {
			short++
			if got, want := strings.ToLower(s), normalizeText(s); got != want {
				t.Errorf("plainASCII(%q): lowered %q, but normalize makes %q", s, got, want)
			}
		}
		if got, want := normalize(s), normalizeText(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
	if short < 1000 {
		t.Errorf("only %d texts took the shortcut", short)
	}
}

// TestBracketEnd: every heading bracketRE matches passes bracketEnd, the
// test made before it.
func TestBracketEnd(t *testing.T) {
	re := bracketRE.Regexp()
	texts := []string{"In scope (Y/N)", "実施状況（○/△/×）", "Status (current) ?", "Status (x) : ", "Owner", "(a)", "a (b) c", "a（b）：", "a (b)\t?\n"}
	rnd := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", " ", "(", ")", "（", "）", "?", ":", "：", "\t", "\n", "x"}
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	matched := 0
	for _, s := range texts {
		if re.MatchString(s) {
			matched++
			if !bracketEnd(s) {
				t.Errorf("bracketRE matches %q, but bracketEnd says no", s)
			}
		}
	}
	if matched < 100 {
		t.Errorf("only %d texts matched", matched)
	}
}
