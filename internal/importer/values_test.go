package importer

import (
	"testing"

	"github.com/soa-tool/soa/internal/answers"
)

// TestValueSpellings: the common spellings of hand-made SoAs, English and
// Japanese, including the ○/△/× scheme of Japanese 実施状況 columns.
func TestValueSpellings(t *testing.T) {
	applicable := map[string]string{
		"Yes": "true", "Include": "true", "included": "true", "INCLUDED": "true", "○": "true",
		"No": "false", "Exclude": "false", "Excluded": "false", "✕": "false", "✖": "false", "×": "false",
		"非適用": "false", "不適用": "false", "対象外": "false", "適用外": "false",
		"": "empty", "Maybe": "bad",
	}
	for in, want := range applicable {
		v, ok := parseApplicable(in)
		got := "bad"
		switch {
		case ok && v == nil:
			got = "empty"
		case ok:
			got = map[bool]string{true: "true", false: "false"}[*v]
		}
		if got != want {
			t.Errorf("applicable %q = %s, want %s", in, got, want)
		}
	}
	status := map[string]answers.Status{
		"○": answers.Implemented, "◯": answers.Implemented, "〇": answers.Implemented,
		"△": answers.Partial, "▲": answers.Partial,
		"×": answers.NotImplemented, "✕": answers.NotImplemented, "✖": answers.NotImplemented,
		"一部実施済み": answers.Partial, "一部実施済": answers.Partial, "完了": answers.Implemented,
		"Not yet implemented": answers.NotImplemented, "Under implementation": answers.Partial,
		"In place": answers.Implemented, "Implemented": answers.Implemented,
	}
	for in, want := range status {
		if got, ok := parseStatus(in); !ok || got != want {
			t.Errorf("status %q = %q (%v), want %q", in, got, ok, want)
		}
	}
	if got, ok := parseStatus("−"); !ok || got != "" {
		t.Errorf("status %q = %q (%v), want no status", "−", got, ok)
	}
}

// TestValueWordsDisjoint: no spelling means two things in one column.
func TestValueWordsDisjoint(t *testing.T) {
	seen := map[string]string{}
	check := func(kind string, words []string) {
		for _, w := range words {
			if word(w) != w {
				t.Errorf("%s: %q is not as word() folds it (%q)", kind, w, word(w))
			}
			if prev, dup := seen[w]; dup && prev != kind {
				t.Errorf("%q means both %s and %s", w, prev, kind)
			}
			seen[w] = kind
		}
	}
	w := spellings.Get()
	check("yes", w.yes)
	check("no", w.no)
	seen = map[string]string{}
	check("no status", w.na)
	for _, st := range answers.Statuses {
		check(st, w.status[answers.Status(st)])
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-04-01": "2024-04-01", "2024/4/1": "2024-04-01", "2024年4月1日": "2024-04-01", "２０２４年４月１日": "2024-04-01",
		"令和6年4月1日": "2024-04-01", "令和元年5月1日": "2019-05-01", "令和 6 年 4 月 1 日": "2024-04-01", "平成31年4月30日": "2019-04-30",
		"平成元年1月8日": "1989-01-08", "昭和64年1月7日": "1989-01-07", "45383": "2024-04-01",
		"令和元年4月30日": "bad", "平成31年5月1日": "bad", "平成0年4月1日": "bad", "04/05/2026": "bad", "令和6年2月30日": "bad",
	} {
		got, ok := parseDate(in)
		if !ok {
			got = "bad"
		}
		if got != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEraHint: a day after its era ended, or before it began, is refused
// with a message saying so, and the date in the next era.
func TestEraHint(t *testing.T) {
	for in, want := range map[string]string{
		"平成31年5月1日":  "平成 ended on 2019-04-30: write 令和元年5月1日 (2019-05-01)",
		"平成32年4月1日":  "平成 ended on 2019-04-30: write 令和2年4月1日 (2020-04-01)",
		"昭和64年1月8日":  "昭和 ended on 1989-01-07: write 平成元年1月8日 (1989-01-08)",
		"令和元年4月30日":  "令和 began on 2019-05-01",
		"令和6年4月1日":   "",
		"令和6年2月30日":  "",
		"2024-04-01": "",
	} {
		if got := eraHint(in); got != want {
			t.Errorf("eraHint(%q) = %q, want %q", in, got, want)
		}
	}
}
