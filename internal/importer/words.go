package importer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The values of hand-made SoAs in other languages than English and
// Japanese: German, French, Spanish, Italian, Portuguese, Dutch, Czech,
// Polish, Greek, Simplified and Traditional Chinese and Korean, as word()
// folds them (accents of Latin and Greek letters dropped). They are added
// to the lists of values.go.
var (
	langYes = []string{"ja", "oui", "si", "sim", "ano", "tak", "ναι", "是", "예", "네",
		"anwendbar", "zutreffend", "applicable", "aplicable", "aplica", "applicabile", "aplicavel", "van toepassing", "toepasbaar",
		"aplikovatelne", "aplikovatelny", "dotyczy", "stosowane", "εφαρμοζεται", "适用", "적용", "해당",
		"inclus", "incluido", "incluso", "incluida", "opgenomen", "zahrnuto", "■", "▪", "☑", "☒", "✅", "✔️", "χ", "х", "⬛", "◼", "◾", "•", "◉", "v", "√"}
	langNo = []string{"nein", "non", "nao", "nee", "ne", "nie", "οχι", "否", "아니오", "아니요", "아니다",
		"nicht anwendbar", "non applicable", "no aplica", "no aplicable", "non applicabile", "nao aplicavel", "nao se aplica",
		"niet van toepassing", "niet toepasbaar", "neaplikovatelne", "neaplikovatelny", "nie dotyczy", "nie stosowane",
		"δεν εφαρμοζεται", "不适用", "不適用", "미적용", "비적용", "해당없음", "해당 없음", "제외",
		"ausgeschlossen", "exclu", "excluido", "excluida", "escluso", "uitgesloten", "vylouceno", "wykluczone", "εξαιρειται", "排除",
		"✘", "☐", "□", "❌", "❎"}
	langStatus = map[string][]string{
		"implemented": {"umgesetzt", "implementiert", "vollstandig umgesetzt", "mis en oeuvre", "implemente", "en place",
			"implementado", "implantado", "implementato", "attuato", "geimplementeerd", "zavedeno", "implementovano", "wdrozone", "wdrozony",
			"υλοποιηθηκε", "υλοποιημενο", "υλοποιημενοσ", "已实施", "已實施", "已落实", "已落實", "구현", "구현됨", "구현 완료", "이행", "이행 완료", "완료",
			"✓", "✔", "☑", "■"},
		"partial": {"teilweise umgesetzt", "teilweise", "partiellement", "partiellement mis en oeuvre", "en cours", "parcialmente",
			"parcialmente implementado", "en curso", "en progreso", "parzialmente", "parzialmente implementato", "in corso", "gedeeltelijk",
			"gedeeltelijk geimplementeerd", "castecne", "castecne zavedeno", "czesciowo", "czesciowo wdrozone", "w trakcie", "μερικωσ",
			"μερικωσ υλοποιημενο", "σε εξελιξη", "部分实施", "部分實施", "实施中", "實施中", "부분 구현", "부분 이행", "진행중", "진행 중",
			"mostly implemented", "largely implemented"},
		"planned": {"geplant", "planifie", "prevu", "planificado", "previsto", "pianificato", "gepland", "planovano", "planowane",
			"σχεδιαζεται", "προγραμματισμενο", "计划", "計劃", "计划中", "計劃中", "예정", "계획"},
		"not_implemented": {"nicht umgesetzt", "offen", "non mis en oeuvre", "non implemente", "no implementado", "non implementato",
			"niet geimplementeerd", "nezavedeno", "neimplementovano", "niewdrozone", "nie wdrozone", "δεν υλοποιηθηκε", "未实施", "未實施",
			"미구현", "미이행", "gap", "not addressed", "not met", "✗", "✘", "❌"},
	}
	// langNoStatus say there is no status, in a status column: kept in
	// the notes, since they are no status but say something.
	// langNA in a status column say there is no status, as naWords do.
	langNA = []string{"nicht anwendbar", "entfallt", "non applicable", "sans objet", "no aplica", "no aplicable", "non applicabile",
		"nao aplicavel", "nao se aplica", "niet van toepassing", "neaplikovatelne", "nie dotyczy", "δεν εφαρμοζεται", "不适用", "不適用",
		"해당 없음", "해당없음", "미적용", "n.a", "n/a - excluded"}
	langNoStatus = []string{"not assessed", "not yet assessed", "to be assessed", "unknown", "nicht bewertet", "non evalue", "no evaluado"}
	// placeholders in a free-text cell (owner, evidence, notes, target
	// date) say there is nothing there: they are no answer.
	placeholders = []string{"n/a", "na", "n.a", "-", "--", "—", "–", "−", "ー", "tbd", "tbc", "tba", "none", "nil", "?", "…", "...",
		"なし", "無し", "該当なし", "特になし", "未定", "無", "없음", "无", "無"}
)

// fold drops the accents of Latin and Greek letters ("Opatření" is
// "opatreni", "Έλεγχος" "ελεγχος"), and spells ß, ł and a final ς as
// ss, l and σ: the words of a heading or value are looked up folded.
// Marks on other letters (the dakuten of ド) are kept.
func fold(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	var prev rune
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) && (unicode.In(prev, unicode.Latin, unicode.Greek)) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'ł':
			b.WriteRune('l')
		case 'œ':
			b.WriteString("oe")
		case 'ς':
			b.WriteRune('σ')
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// mapValue returns the value a cell of field's column means by
// Options.Values, or v as it stands.
func (r *reader) mapValue(field, v string) string {
	if len(r.opts.Values) == 0 || strings.TrimSpace(v) == "" {
		return v
	}
	w := word(v)
	for _, f := range []string{field, answerField(field)} {
		for text, val := range r.opts.Values[f] {
			if word(text) == w {
				return val
			}
		}
	}
	return v
}

// valueHint is TEXT=VALUE for the --value that would read v as example,
// quoted for a shell when it needs to be.
func valueHint(v, example string) string {
	t := strings.TrimSpace(v)
	if strings.ContainsAny(t, " \"'$`\\|&;<>()*?!#") {
		t = "'" + strings.ReplaceAll(t, "'", `'\''`) + "'"
	}
	return t + "=" + example
}
