package importer

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/lazy"
	"github.com/soa-tool/soa/internal/lazyre"
)

// Fields an SoA column can hold. The names are what --column FIELD=HEADER
// takes.
const (
	fID                   = "id"
	fTitle                = "title"
	fApplicable           = "applicable"
	fJustification        = "justification"
	fJustificationInclude = "justification_inclusion"
	fJustificationExclude = "justification_exclusion"
	fReasons              = "reasons"
	fStatus               = "status"
	fOwner                = answers.KeyOwner
	fEvidence             = answers.KeyEvidence
	fTargetDate           = answers.KeyTargetDate
	fNotes                = answers.KeyNotes
	// One column per reason for inclusion, as soa writes them (and as the
	// classic LR / CO / BR/BP / RRA templates do).
	fReasonLegal        = "reason_legal"
	fReasonContractual  = "reason_contractual"
	fReasonRisk         = "reason_risk"
	fReasonBusiness     = "reason_business"
	fReasonBestPractice = "reason_best_practice"
)

// Fields lists every field in the order reports show them: the id and
// title, then each answer field's columns (a set's one column per value
// and one for all its values; a justification's one column, or one for
// inclusion and one for exclusion).
//
// The list is buildFields's, made at build time (tables_gen.go).
var Fields = fieldList

// buildFields makes Fields, for TestTablesGenerated.
func buildFields() []string {
	out := []string{fID, fTitle}
	for _, f := range answers.Fields {
		switch {
		case f.Remark:
			// Read from another field's cell (see layout.SplitNotes).
		case f.Key == answers.KeyReasons:
			for _, v := range f.Values {
				out = append(out, "reason_"+v)
			}
			out = append(out, fReasons)
		case f.Key == answers.KeyJustification:
			out = append(out, fJustification, fJustificationInclude, fJustificationExclude)
		default:
			out = append(out, f.Key)
		}
	}
	return out
}

// ownHeadings are the headings of soa's own workbooks, in every language,
// from the layout they are written by: each field's, and the columns that
// carry nothing to import (2013 references, "New in 2022", the theme).
func ownHeadings() (named map[string]string, ignored []string) {
	named = map[string]string{}
	for _, edition := range []string{"2022", "2013"} {
		for _, c := range layout.Columns(edition) {
			field := ""
			switch c.Kind {
			case layout.ID:
				field = fID
			case layout.Title:
				field = fTitle
			case layout.Answer:
				field = c.Field.Key
				if c.Value != "" {
					field = "reason_" + c.Value
				}
			}
			for _, code := range i18n.Languages {
				h := normalize(i18n.Lang(code).T(c.Heading))
				if field == "" {
					ignored = append(ignored, h)
				} else {
					named[headingKey(h)] = field
				}
			}
		}
	}
	return named, ignored
}

// reasonField returns the reason the reason column f marks ("reason_" and
// the reason: see buildFields), or "".
func reasonField(f string) string {
	if r, ok := strings.CutPrefix(f, "reason_"); ok && slices.Contains(answers.Reasons, r) {
		return r
	}
	return ""
}

// headings lists, for each field, the headings that name it, normalized
// (see normalize). More specific headings come first; "control" alone is
// ambiguous (the id in soa's workbooks, the title in many others) and is
// settled by what the column holds.
func headings() map[string][]string {
	return map[string][]string{
		fID: {"control ref", "control reference", "control id", "control no", "control number", "ref", "ref no", "reference", "id", "no",
			"#", "clause", "annex a ref", "annex a reference", "annex a control ref", "iso ref", "iso 27001 ref", "section",
			"sec", "管理策番号", "番号", "項番", "管理策no", "管理策 no", "no.", "条項", "附属書a番号"},
		fTitle: {"control title", "title", "control name", "annex a control", "control description", "description", "name", "control objective / control",
			"管理策", "管理策名", "管理策のタイトル", "タイトル", "名称"},
		fApplicable: {"applicable", "applicable y/n", "applicable yes/no", "applicability", "in scope", "included", "selected", "is applicable",
			"applies", "適用可否", "適用", "適用有無", "採否", "適用の有無", "適用の可否", "適用可否 ○/×"},
		fJustification: {"justification inclusion or exclusion", "justification for inclusion / exclusion", "justification for inclusion/exclusion",
			"justification for inclusion or exclusion", "justification", "rationale", "reason for selection", "justification / reason",
			"reason for inclusion / exclusion", "reason for inclusion or exclusion", "reasons for inclusion / exclusion",
			"適用理由・除外理由", "適用・除外の理由", "適用・除外理由", "理由", "選択理由", "選定理由", "根拠"},
		fJustificationInclude: {"justification for inclusion", "reason for inclusion", "inclusion justification", "適用理由", "採用理由"},
		fJustificationExclude: {"justification for exclusion", "reason for exclusion", "exclusion justification", "除外理由", "不採用理由", "適用除外理由"},
		fReasons:              {"reasons", "reasons for inclusion", "selection reasons", "basis for selection"},
		fStatus: {"implementation status", "status", "implemented", "implemented?", "implementation", "current status", "implementation state",
			"status of implementation",
			"実施状況", "導入状況", "対応状況", "状況", "実施状態", "運用状況"},
		fOwner: {"owner", "control owner", "responsible", "responsibility", "responsible person", "accountable", "責任者", "担当", "担当部署",
			"担当者", "管理責任者", "責任部署", "責任部門", "担当部門", "所管"},
		fEvidence: {"evidence / documents", "evidence", "documents", "reference documents", "documentation", "related documents", "policy / procedure",
			"関連文書・証跡", "関連文書", "証跡", "関連規程", "根拠文書", "文書"},
		answers.KeyTargetDate: {"target date", "due date", "deadline", "target completion date", "completion date", "目標期日", "期限", "完了予定日", "対応期限"},
		fNotes:                {"notes", "comments", "comment", "remarks", "note", "備考", "コメント", "特記事項"},
		fReasonLegal:          {"legal", "lr", "legal requirements", "legal / regulatory", "regulatory", "法令", "法的要求事項", "法令・規制"},
		fReasonContractual:    {"contractual", "co", "contractual obligations", "contract", "契約", "契約上の義務"},
		fReasonRisk:           {"risk", "rra", "risk assessment", "risk assessment results", "risk treatment", "リスク", "リスクアセスメント"},
		fReasonBusiness:       {"business", "br", "br/bp", "business requirements", "事業", "事業上の要求"},
		fReasonBestPractice:   {"best practice", "bp", "best practices", "ベストプラクティス"},
	}
}

// ignoredHeadings are columns soa writes that carry nothing to import.
var ignoredHeadings = []string{"iso/iec 27001:2013 references", "iso/iec 27001:2013 reference", "new in 2022", "theme",
	"iso/iec 27001:2022 controls", "2013年版の対応管理策", "2022年版の対応管理策", "2022年版新規", "テーマ"}

// ambiguousControl is the heading that is the id in soa's own workbooks
// and the title in many hand-made ones.
const ambiguousControl = "control"

// normalize folds a heading for matching: NFKC (full-width to half-width),
// lower case, "(s)" and punctuation at the ends removed, inner spaces
// collapsed and dropped between Japanese characters (a heading typed over
// two lines of its cell, 管理策\n番号, is 管理策番号), a trailing "?" or ":"
// dropped.
func normalize(s string) string {
	if plainASCII(s) {
		// Then every step below but the lower case leaves s as it is.
		return strings.ToLower(s)
	}
	if v, ok := normalized.Load(s); ok {
		return v.(string)
	}
	n := normalizeText(s)
	// Workbooks repeat the same few texts (headings, values) on every row
	// and every sheet; short ones are remembered, up to a bound.
	if len(s) <= 64 && normalizedCount.Add(1) <= maxNormalized {
		normalized.Store(s, n)
	}
	return n
}

// normalizeText is normalize, step by step.
func normalizeText(s string) string {
	n := norm.NFKC.String(s)
	n = strings.ToLower(strings.TrimSpace(n))
	n = strings.ReplaceAll(n, "(s)", "s")
	n = headingPunct.Get().Replace(n)
	n = joinCJK(strings.Fields(n))
	return strings.TrimRightFunc(n, func(r rune) bool { return r == '?' || r == ':' || r == '：' || unicode.IsSpace(r) })
}

// plainASCII reports whether s is ASCII that normalize only lowers: no
// bracket, "*", line break or other space than single inner spaces, no
// "?" or ":" at the end.
func plainASCII(s string) bool {
	if s == "" || s[0] == ' ' {
		return s == ""
	}
	switch s[len(s)-1] {
	case ' ', '?', ':':
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '(', c == ')', c == '*', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

var (
	headingPunct = lazy.Value[*strings.Replacer]{Make: func() *strings.Replacer {
		return strings.NewReplacer("(", " ", ")", " ", "（", " ", "）", " ", "\n", " ", "\r", " ", "*", "")
	}}
	normalized      sync.Map // text → normalize(text)
	normalizedCount atomic.Int64
)

const maxNormalized = 1 << 14

// joinCJK joins words with a space, except between two Japanese (or
// Chinese) characters, where no space is meant.
func joinCJK(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(words[i-1])
			first, _ := utf8.DecodeRuneInString(w)
			if !cjk(last) || !cjk(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// cjk reports whether r is a Japanese or Chinese character or punctuation
// mark (kanji, kana, 、。・ー々).
func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || r == 0x30FB || r == 0x30FC
}

// headingKey folds a normalized heading further for looking it up: no
// spaces around "/" ("inclusion / exclusion"), no full stop at the end
// ("Control Ref.", "No.").
func headingKey(h string) string {
	h = strings.ReplaceAll(strings.ReplaceAll(h, " /", "/"), "/ ", "/")
	return strings.TrimRight(h, ".")
}

// headingIndex maps each heading of headings, as headingKey folds it, to
// its field: buildHeadingIndex's map, made at build time (tables_gen.go).
var headingIndex = sortedPairs(headingPairs)

// buildHeadingIndex makes the map of headingIndex, for TestTablesGenerated.
func buildHeadingIndex() map[string]string {
	m, _ := ownHeadings()
	all := headings()
	for _, f := range buildFields() {
		for _, h := range all[f] {
			if _, dup := m[headingKey(h)]; !dup {
				m[headingKey(h)] = f
			}
		}
	}
	return m
}

// bracketRE matches a heading ending in a part in brackets, ASCII or
// full-width: "In scope (Y/N)", "実施状況（○/△/×）".
var bracketRE = lazyre.New(`^(.*?)\s*[(（]([^()（）]*)[)）]\s*[?:：]?\s*$`)

// fieldOfNorm returns the field a heading names, or "" (n is the
// heading's normalized text). A part in brackets at the end says how to
// fill the column ("(Y/N)") and is left out, unless the heading without it
// names nothing more specific than notes ("Remarks (Justification for
// exclusion)"): then the part in brackets says what the column holds.
func fieldOfNorm(heading, n string) string {
	w := norm.NFKC.String(heading)
	if f := lookupNorm(w, n); f != "" {
		return f
	}
	var m []string
	if bracketEnd(w) {
		m = bracketRE.FindStringSubmatch(w)
	}
	if m == nil || strings.TrimSpace(m[1]) == "" {
		if ambiguousNorm(n) {
			return ""
		}
		return wordFieldNorm(n)
	}
	base, inner := lookupHeading(m[1]), lookupHeading(m[2])
	if base == "" && !ambiguousHeading(m[1]) {
		base = wordField(m[1])
	}
	if base == "" || (base == fNotes && inner != "") {
		return inner
	}
	return base
}

// bracketEnd reports whether s ends in a closing bracket, but for spaces
// and a "?" or ":": what bracketRE needs to match, tested first since few
// cells do.
func bracketEnd(s string) bool {
	const space = "\t\n\f\r "
	s = strings.TrimRight(s, space)
	for _, p := range []string{"?", ":", "："} {
		if t, ok := strings.CutSuffix(s, p); ok {
			s = strings.TrimRight(t, space)
			break
		}
	}
	return strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）")
}

// lookupHeading returns the field a heading names as it stands, or "":
// "(s)" may stand for a plural ("Owner(s)", "Reason(s) for inclusion").
func lookupHeading(heading string) string {
	return lookupNorm(norm.NFKC.String(heading), normalize(heading))
}

// lookupNorm is lookupHeading of a heading whose NFKC form is w and whose
// normalized text is n.
func lookupNorm(w, n string) string {
	if k := headingKey(n); k != "" {
		if f, ok := headingIndex.get(k); ok {
			return f
		}
	}
	if !strings.Contains(w, "(s)") {
		return "" // then normalize(w) is n, looked up above
	}
	if k := headingKey(normalize(strings.ReplaceAll(w, "(s)", ""))); k != "" {
		if f, ok := headingIndex.get(k); ok {
			return f
		}
	}
	return ""
}

// ownIgnored are soa's own headings of columns that carry nothing to
// import: ownHeadings's, made at build time (tables_gen.go).
func ownIgnored() []string { return ownIgnoredList }

// ignoredNorm reports whether the heading whose normalized text is h names
// a column that carries nothing to import.
func ignoredNorm(h string) bool {
	return slices.Contains(ignoredHeadings, h) || slices.Contains(ownIgnored(), h) || strings.HasPrefix(h, "iso/iec 27001:2013 ref")
}
