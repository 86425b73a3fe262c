package importer

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/lazy"
	"github.com/soa-tool/soa/internal/lazyre"
)

// word normalizes a cell value for matching: NFKC, lower case, inner spaces
// collapsed, trailing punctuation dropped.
func word(s string) string {
	return fold(strings.TrimRight(normalize(s), ".。"))
}

// Spellings accepted for each value, after word().
var (
	yesWords = []string{"yes", "y", "true", "applicable", "include", "included", "in scope", "x", "✓", "✔", "○", "◯", "〇", "●", "適用", "はい", "有", "あり", "要", "対象", "1"}
	noWords  = []string{"no", "n", "false", "not applicable", "n/a", "na", "exclude", "excluded", "out of scope", "×", "✗", "✕", "✖", "-", "除外", "いいえ", "無", "なし", "不要", "対象外", "適用外", "非適用", "不適用", "0"}

	// In Japanese 実施状況 columns ○ is implemented, △ partly, × not.
	statusWords = [...]statusSpellings{
		{answers.Implemented, []string{"implemented", "fully implemented", "done", "complete", "completed", "in place", "yes", "y", "operational",
			"○", "◯", "〇", "実施済み", "実施済", "済", "完了", "導入済み", "導入済", "対応済み", "対応済", "運用中"}},
		{answers.Partial, []string{"partially implemented", "partial", "partly implemented", "partly", "in progress", "ongoing", "partially", "under implementation",
			"being implemented", "△", "▲", "一部実施", "一部実施済み", "一部実施済", "一部", "一部導入", "対応中", "実施中", "導入中"}},
		{answers.Planned, []string{"planned", "plan", "to do", "todo", "scheduled", "計画中", "計画", "予定", "実施予定", "導入予定"}},
		{answers.NotImplemented, []string{"not implemented", "not yet implemented", "not started", "no", "n", "none", "missing", "not in place",
			"×", "✗", "✕", "✖", "未実施", "未対応", "未導入", "未着手"}},
	}

	markWords = []string{"✓", "✔", "x", "○", "◯", "〇", "●", "■", "yes", "y", "true", "1", "*", "v", "レ"}
	// unmarkWords in a reason column say the reason is not marked.
	unmarkWords = []string{"no", "n", "false", "0", "-", "×", "✗", "✕", "✖"}
	// crossWords in the status column of an excluded control are no status.
	crossWords = []string{"×", "✗", "✕", "✖"}
	// naWords in a status column say there is no status: the control is
	// excluded, or the question does not arise.
	naWords = []string{"n/a", "na", "-", "—", "–", "−", "ー", "not applicable", "excluded", "対象外", "該当なし", "除外"}
)

// statusSpellings are the spellings of one status.
type statusSpellings struct {
	status answers.Status
	words  []string
}

// valueWords are the spellings accepted for each value: the English and
// Japanese ones above with the other languages' of words.go.
type valueWords struct {
	yes, no, na, mark, unmark []string
	status                    map[answers.Status][]string
}

// spellings joins the lists on first use rather than at start-up, which
// every command pays for and only import needs.
var spellings = lazy.Value[valueWords]{Make: func() valueWords {
	w := valueWords{
		yes:    slices.Concat(yesWords, langYes),
		no:     slices.Concat(noWords, langNo),
		na:     slices.Concat(naWords, langNA),
		mark:   slices.Concat(markWords, langYes),
		unmark: slices.Concat(unmarkWords, langNo),
		status: map[answers.Status][]string{},
	}
	for _, s := range statusWords {
		w.status[s.status] = slices.Concat(s.words, langStatusWords(s.status))
	}
	return w
}}

func oneOf(v string, words []string) bool {
	for _, w := range words {
		if v == w {
			return true
		}
	}
	return false
}

// parseApplicable reads an applicability cell; ok is false for a value
// that is none of the accepted spellings. Empty means unanswered.
func parseApplicable(s string) (val *bool, ok bool) {
	v := word(s)
	switch {
	case v == "":
		return nil, true
	case oneOf(v, spellings.Get().yes):
		t := true
		return &t, true
	case oneOf(v, spellings.Get().no):
		f := false
		return &f, true
	}
	return nil, false
}

func parseStatus(s string) (answers.Status, bool) {
	st, _, ok := parseStatusNote(s)
	return st, ok
}

// parseStatusNote reads a status cell as parseStatus does, and also a
// status with a qualifier ("Implemented (Documented)", "Gap — Not
// Addressed", "N/A - AWS Responsibility"): the status is read from its
// first part that is one, and note is the cell's whole text, to keep in
// the notes, so that the qualifier is not lost. A cell saying the control
// was not assessed is no status, kept as a note too.
func parseStatusNote(s string) (st answers.Status, note string, ok bool) {
	if st, ok := exactStatus(word(s)); ok {
		if oneOf(word(s), langNoStatus) {
			return "", strings.TrimSpace(s), true
		}
		return st, "", true
	}
	for _, part := range qualifierRE.Split(s, -1) {
		if st, ok := exactStatus(word(part)); ok && word(part) != "" {
			return st, strings.TrimSpace(s), true
		}
	}
	return "", "", false
}

// qualifierRE splits a status from its qualifier: brackets, dashes, a
// colon or a comma (not a slash: N/A).
var qualifierRE = lazyre.New(`\s*[(（)）\[\]:：,;]\s*|\s+[-–—]+\s+|\s*[–—]\s*`)

func exactStatus(v string) (answers.Status, bool) {
	if v == "" || oneOf(v, spellings.Get().na) || oneOf(v, langNoStatus) {
		return "", true
	}
	for _, st := range answers.Statuses {
		if v == st || v == strings.ReplaceAll(st, "_", " ") || oneOf(v, spellings.Get().status[answers.Status(st)]) {
			return answers.Status(st), true
		}
	}
	return "", false
}

// placeholder reports whether a free-text cell holds a placeholder
// ("N/A", "-", "TBD", "該当なし"): no answer.
func placeholder(s string) bool {
	// Each ASCII letter or digit of s stays one letter of word(s), so a
	// text with more of them than the longest placeholder has letters is
	// none, without word's work on the whole of a long text.
	limit := longestPlaceholder.Get()
	n := 0
	for i := 0; i < len(s) && n <= limit; i++ {
		if c := s[i] | 0x20; (c >= 'a' && c <= 'z') || (s[i] >= '0' && s[i] <= '9') {
			n++
		}
	}
	return n <= limit && oneOf(word(s), placeholders)
}

// longestPlaceholder is the most letters a placeholder has.
var longestPlaceholder = lazy.Value[int]{Make: func() int {
	n := 0
	for _, p := range placeholders {
		n = max(n, utf8.RuneCountInString(p))
	}
	return n
}}

// parseMark reads a reason column: marked, empty, or an unknown value.
func parseMark(s string) (marked, ok bool) {
	v := word(s)
	switch {
	case v == "":
		return false, true
	case oneOf(v, spellings.Get().mark):
		return true, true
	case oneOf(v, spellings.Get().unmark):
		return false, true
	}
	return false, false
}

// parseReasons reads a free-text reasons column: words or abbreviations
// separated by commas, slashes, semicolons or spaces.
func parseReasons(s string) ([]string, []string) {
	var out, unknown []string
	for _, part := range strings.FieldsFunc(word(s), func(r rune) bool { return strings.ContainsRune(",;/、・ \n", r) }) {
		var r string
		switch part {
		case "legal", "lr", "law", "regulatory", "法令":
			r = "legal"
		case "contractual", "co", "contract", "契約":
			r = "contractual"
		case "risk", "rra", "ra", "リスク":
			r = "risk"
		case "business", "br", "事業":
			r = "business"
		case "best_practice", "bp", "best-practice", "ベストプラクティス":
			r = "best_practice"
		case "best", "practice":
			r = "best_practice"
		default:
			unknown = append(unknown, part)
			continue
		}
		if !contains(out, r) {
			out = append(out, r)
		}
	}
	return out, unknown
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

var (
	isoDateRE   = lazyre.New(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	jaDateRE    = lazyre.New(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	eraDateRE   = lazyre.New(`^(令和|平成|昭和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日$`)
	excelSerial = lazyre.New(`^\d{4,6}(\.\d+)?$`)
)

// eras are the Japanese eras a date of an SoA may be written in: the year
// before each one's first, and its first and last days.
var eras = map[string]struct {
	base        int
	first, last string
}{
	"令和": {2018, "2019-05-01", "9999-12-31"},
	"平成": {1988, "1989-01-08", "2019-04-30"},
	"昭和": {1925, "1926-12-25", "1989-01-07"},
}

// parseDate reads a date cell: an Excel date serial number, YYYY-MM-DD,
// YYYY/MM/DD, 2026年4月1日 or 令和8年4月1日 (the Japanese era: 令和 N is
// 2018+N, 平成 N 1988+N, 元年 the first year). Day-first and month-first
// forms are refused: 04/05/2026 means different days in different
// countries.
func parseDate(s string) (string, bool) {
	v := cleanCell(s)
	if v == "" {
		return "", true
	}
	if name, n, d := eraDate(v); name != "" {
		era := eras[name]
		if _, err := time.Parse(time.DateOnly, d); err != nil || n < 1 || d < era.first || d > era.last {
			return "", false
		}
		return d, true
	}
	if excelSerial.MatchString(v) {
		f, err := strconv.ParseFloat(v, 64)
		if err == nil && f > 0 && f < 2958466 {
			t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(math.Floor(f)))
			return t.Format(time.DateOnly), true
		}
	}
	m := isoDateRE.FindStringSubmatch(v)
	if m == nil && strings.Contains(v, "年") {
		m = jaDateRE.FindStringSubmatch(strings.Join(strings.Fields(v), ""))
	}
	if m == nil {
		m = longDate(v)
	}
	if m == nil {
		return "", false
	}
	d := fmt.Sprintf("%s-%02s-%02s", m[1], pad2(m[2]), pad2(m[3]))
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return "", false
	}
	return d, true
}

// eraHint explains why a date written in a Japanese era that is a real
// day is refused: the era had ended, or not begun, by then. "" otherwise.
func eraHint(s string) string {
	name, n, d := eraDate(cleanCell(s))
	if name == "" {
		return ""
	}
	era := eras[name]
	day, err := time.Parse(time.DateOnly, d)
	switch {
	case err != nil || n < 1:
		return ""
	case d > era.last:
		for later, next := range eras {
			if next.first > era.last && d >= next.first && d <= next.last {
				year := strconv.Itoa(day.Year() - next.base)
				if year == "1" {
					year = "元"
				}
				return fmt.Sprintf("%s ended on %s: write %s%s年%d月%d日 (%s)", name, era.last, later, year, day.Month(), day.Day(), d)
			}
		}
		return fmt.Sprintf("%s ended on %s", name, era.last)
	case d < era.first:
		return fmt.Sprintf("%s began on %s", name, era.first)
	}
	return ""
}

// eraDate reads a date written in a Japanese era: the era's name, the
// year in it (元年 is 1) and the Gregorian day it names, unchecked; a name
// of "" when v is no such date.
func eraDate(v string) (name string, year int, day string) {
	if !eraStart(v) {
		return "", 0, ""
	}
	m := eraDateRE.FindStringSubmatch(strings.Join(strings.Fields(v), ""))
	if m == nil {
		return "", 0, ""
	}
	year = 1
	if m[2] != "元" {
		year, _ = strconv.Atoi(m[2])
	}
	return m[1], year, fmt.Sprintf("%04d-%02s-%02s", eras[m[1]].base+year, pad2(m[3]), pad2(m[4]))
}

var (
	// "01 April 2026", "1st Apr 2026", "1-Apr-2026"; "April 1, 2026",
	// "Apr 1 2026": the month is written, so the order is not ambiguous.
	dayMonthRE = lazyre.New(`^(\d{1,2})(?:st|nd|rd|th)?[\s\-./]+([A-Za-z]{3,9})\.?[\s\-./,]+(\d{4})$`)
	monthDayRE = lazyre.New(`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
)

// longDate reads an English date with the month's name, as the year, the
// month and the day, or nil.
func longDate(v string) []string {
	if !hasDigit(v) || !strings.ContainsFunc(v, isASCIILetter) {
		return nil // both patterns need a digit and a letter
	}
	day, month, year := "", "", ""
	if m := dayMonthRE.FindStringSubmatch(v); m != nil {
		day, month, year = m[1], m[2], m[3]
	} else if m := monthDayRE.FindStringSubmatch(v); m != nil {
		month, day, year = m[1], m[2], m[3]
	} else {
		return nil
	}
	month = strings.ToLower(month)
	for i := time.January; i <= time.December; i++ {
		name := strings.ToLower(i.String())
		if month == name || (len(month) >= 3 && strings.HasPrefix(name, month)) || (i == time.September && month == "sept") {
			return []string{v, year, strconv.Itoa(int(i)), day}
		}
	}
	return nil
}

// findDate finds a date in a line of text, such as a title line
// ("Version 1.0 | 01 April 2026", "Last updated: 2026-04-01"): the date
// and whether there was one.
func findDate(s string) (string, bool) {
	if !hasDigit(s) {
		return "", false // every pattern below needs one
	}
	for _, re := range []*lazyre.Regexp{dateInTextRE, longInTextRE} {
		for _, m := range re.FindAllString(s, -1) {
			if d, ok := parseDate(m); ok && d != "" {
				return d, true
			}
		}
	}
	return "", false
}

var (
	dateInTextRE = lazyre.New(`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日|(?:令和|平成)\s*(?:\d{1,2}|元)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`)
	longInTextRE = lazyre.New(`\d{1,2}(?:st|nd|rd|th)?[\s\-./]+[A-Za-z]{3,9}\.?[\s\-./,]+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`)
)

// eraStart reports whether v starts, but for spaces, with the first
// character of an era's name, as eraDateRE needs of it without its spaces.
func eraStart(v string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(v, unicode.IsSpace))
	return r == '令' || r == '平' || r == '昭'
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func cleanCell(s string) string { return strings.TrimSpace(normalizeWidth(s)) }
