package importer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/lazyre"
	"github.com/soa-tool/soa/internal/termsafe"
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

// TestTitleShortcuts: the tests made before the title line's patterns
// agree with them.
func TestTitleShortcuts(t *testing.T) {
	texts := []string{"Example Ltd - Statement of Applicability", "SoA | v1.2", "Version 3", "2026-04-01", "1 April 2026", "April 1, 2026",
		"令和8年4月1日", "令和元年5月1日", "Example Ltd", "a\nb", "a – b", "a—b", "x: y", "plain words"}
	rnd := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "A", " ", "-", ":", "|", "–", "—", "\n", "1", "2", "0", "/", ".", "年", "月", "日", "令和", "元", "st", "Apr"}
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(10) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		texts = append(texts, strings.TrimSpace(b.String()))
	}
	for _, s := range texts {
		if s == "" {
			continue
		}
		if got, want := splitTitle(s), titleSepRE.Split(s, -1); !slices.Equal(got, want) {
			t.Errorf("splitTitle(%q) = %q, want %q", s, got, want)
		}
		if !hasDigit(s) {
			for _, re := range []*lazyre.Regexp{dateInTextRE, longInTextRE, versionRE, id3RE, id2RE, idPrefixRE, idShapeRE, floatRE, hyphenRE} {
				if re.MatchString(s) {
					t.Errorf("%q has no digit, but %s matches it", s, re.Regexp())
				}
			}
		}
	}
}

// TestPlaceholderShortcut: placeholder says what word and the list say,
// for long texts too.
func TestPlaceholderShortcut(t *testing.T) {
	texts := slices.Clone(placeholders)
	for _, p := range placeholders {
		texts = append(texts, "  "+strings.ToUpper(p)+"  ", p+".", "("+p+")", p+"\u0301", strings.Repeat(" ", 500)+p+strings.Repeat("\n", 300))
	}
	rnd := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"n", "A", "/", " ", ".", "t", "b", "d", "\u0301", "な", "し", "-", "e", "N", "\n", "1"}
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(9) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	found := 0
	for _, s := range texts {
		want := oneOf(word(s), placeholders)
		if got := placeholder(s); got != want {
			t.Errorf("placeholder(%q) = %v, want %v", s, got, want)
		}
		if want {
			found++
		}
	}
	if found < 100 {
		t.Errorf("only %d placeholders among the texts", found)
	}
}

// TestControlShortcut: every text holding a control character (but tab and
// line breaks) passes mayHoldControl, invalid UTF-8 included.
func TestControlShortcut(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"a", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\u0080", "\u009f", "\u00a0", "°", "é", "\xc2", "\x80", "\x9f", "日", "\xff"}
	found := 0
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(6) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		has := strings.ContainsFunc(s, func(c rune) bool { return c != '\t' && c != '\n' && c != '\r' && termsafe.Control(c) })
		if has {
			found++
			if !mayHoldControl(s) {
				t.Errorf("%q holds a control character, but mayHoldControl says no", s)
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts held a control character", found)
	}
}

// TestDateShortcuts: the tests made before the date patterns agree with
// them.
func TestDateShortcuts(t *testing.T) {
	texts := []string{"令和8年4月1日", "令 和8年4月1日", "平成31年4月30日", "昭和64年1月7日", "2026年4月1日", "2026 年 4 月 1 日", "1 April 2026", "April 1, 2026", "1st Apr. 2026", "46113", "2026-04-01"}
	// The seeds, each changed at one or two places.
	rnd := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"令", "和", "元", "年", " ", "1", "0", "Apr", "st", ",", ".", "a", ""}
	seeds := len(texts)
	for range 20000 {
		rs := []rune(texts[rnd.IntN(seeds)])
		for range 1 + rnd.IntN(2) {
			k := rnd.IntN(len(rs) + 1)
			piece := []rune(pieces[rnd.IntN(len(pieces))])
			if rnd.IntN(2) == 0 && k < len(rs) {
				rs = append(rs[:k:k], append(piece, rs[k+1:]...)...) // replaced
			} else {
				rs = append(rs[:k:k], append(piece, rs[k:]...)...) // inserted
			}
		}
		texts = append(texts, strings.TrimSpace(string(rs)))
	}
	matched := 0
	for _, v := range texts {
		joined := strings.Join(strings.Fields(v), "")
		if eraDateRE.MatchString(joined) {
			matched++
			if !eraStart(v) {
				t.Errorf("eraDateRE matches %q, but eraStart says no", v)
			}
		}
		if jaDateRE.MatchString(joined) && !strings.Contains(v, "年") {
			t.Errorf("jaDateRE matches %q, which has no 年", v)
		}
		if dayMonthRE.MatchString(v) || monthDayRE.MatchString(v) {
			matched++
			if !hasDigit(v) || !strings.ContainsFunc(v, isASCIILetter) {
				t.Errorf("a long date pattern matches %q, which lacks a digit or a letter", v)
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d texts matched", matched)
	}
}

// TestNumberAndEditionShortcuts: isNumber is numberRE, and every text
// editionRE matches holds 2700 or 7799.
func TestNumberAndEditionShortcuts(t *testing.T) {
	texts := []string{"1", "-1", "1.5", "1e5", "1E-5", "1.5e+10", "-", ".5", "1.", "1e", "1e+", "1.5.1", "12a", "", "ISO/IEC 27001:2013", "27002/2022", "BS 7799", "ISO 17799", "iso/iec 17799"}
	rnd := rand.New(rand.NewPCG(13, 14))
	alphabet := []string{"1", "0", "7", "9", "2", "-", "+", ".", "e", "E", "x", " ", ":", "/", "iso", "bs", "/iec", "2700", "7799"}
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	numbers, editions := 0, 0
	for _, s := range texts {
		want := numberRE.MatchString(s)
		if got := isNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v, numberRE says %v", s, got, want)
		}
		if want {
			numbers++
		}
		if editionRE.MatchString(s) {
			editions++
			if !strings.Contains(s, "2700") && !strings.Contains(s, "7799") {
				t.Errorf("editionRE matches %q, which holds neither 2700 nor 7799", s)
			}
		}
	}
	if numbers < 1000 || editions < 50 {
		t.Errorf("only %d numbers and %d editions among the texts", numbers, editions)
	}
}

// TestIDLike: the texts heading tells by idLike alone name no field and
// are no column to skip, as the full steps find.
func TestIDLike(t *testing.T) {
	texts := []string{"5.1", "A.5.1.1", "a.5.1", "18.2.1", "0", ".", "..", "a.1", "A.5", "1.", ".5", "27001", "2013"}
	rnd := rand.New(rand.NewPCG(9, 10))
	const alphabet = "0123456789.."
	for range 20000 {
		b := make([]byte, 1+rnd.IntN(9))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		s := string(b)
		switch rnd.IntN(3) {
		case 0:
			s = "A." + s
		case 1:
			s = "a." + s
		}
		texts = append(texts, s)
	}
	for _, s := range texts {
		if !idLike(s) {
			t.Fatalf("idLike(%q) = false", s)
		}
		n := normalize(s)
		if f, skip := fieldOfNorm(s, n), ignoredNorm(n); f != "" || skip {
			t.Errorf("%q names %q (skip %v), but idLike says it is no heading", s, f, skip)
		}
	}
	for _, s := range []string{"", "A", "a", "A.", "A5", "5.1 ", " 5.1", "No.", "#", "5-1", "B.5"} {
		if idLike(s) {
			t.Errorf("idLike(%q) = true", s)
		}
	}
}
