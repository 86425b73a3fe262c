package importer

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/lazy"
)

// A heading that is none of the phrases of headings is read by its words:
// "Justification / Implementation" is the justification, "CONTROL
// APPLIED?" the applicability, "Implementation Evidence / Reference" the
// evidence. Each word names a field with a strength; the strongest word
// wins, and of two as strong the first. A word matches a stem when it is
// the stem, or, for stems of five letters or more, starts with it
// ("Anwendbarkeit", "Umsetzungsstatus"). In Chinese, Japanese and Korean,
// where words are not spaced, a stem matches anywhere in the heading.
type headWord struct {
	stem     string
	field    string
	strength int
}

// Strengths: weak words ("ref", "implementation", "name") name a field
// only when nothing more specific is said.
const (
	weak   = 1
	medium = 2
	strong = 3
	// The reason for an answer is what a column holds when its heading
	// also names the answer ("適用理由", "적용 사유").
	strongest = 4
)

// headWords are the stems of headings, folded: buildHeadWords's, made at
// build time (tables_gen.go).
func headWords() []headWord { return headWordList }

// buildHeadWords makes headWords, for TestTablesGenerated.
func buildHeadWords() []headWord {
	var out []headWord
	add := func(field string, strength int, stems ...string) {
		for _, s := range stems {
			out = append(out, headWord{stem: fold(normalize(s)), field: field, strength: strength})
		}
	}
	// English.
	add(fID, weak, "ref", "reference", "id", "no", "number", "clause", "section", "#", "nr", "identifier")
	add(fTitle, weak, "title", "name", "description", "objective")
	add(fApplicable, strong, "applicable", "applicability", "applied", "applies", "apply", "scope", "selected")
	add(fJustification, strong, "justification", "justify", "justified", "rationale", "reasoning")
	add(fJustification, medium, "reason", "reasons", "why")
	add(fStatus, strong, "status", "state")
	add(fStatus, weak, "implementation", "implemented", "progress")
	add(fOwner, strong, "owner", "owners", "responsible", "responsibility", "accountable", "assignee", "ownership")
	add(fEvidence, strong, "evidence", "evidences", "proof", "artefact", "artifact", "artefacts", "artifacts")
	add(fEvidence, medium, "documents", "documentation", "document", "records", "policy", "policies")
	add(fTargetDate, strong, "deadline", "due")
	add(fNotes, strong, "notes", "note", "comments", "comment", "remarks", "remark", "observations")
	// German.
	add(fID, weak, "nummer", "kennung", "referenz")
	add(fTitle, weak, "titel", "bezeichnung", "massnahme", "massnahmen", "beschreibung")
	add(fApplicable, strong, "anwendbar", "anwendbarkeit", "zutreffend", "anwendung")
	add(fJustification, strong, "begrundung", "rechtfertigung", "grund")
	add(fStatus, strong, "umsetzungsstatus", "umsetzungsstand")
	add(fStatus, weak, "umsetzung", "umgesetzt")
	add(fOwner, strong, "verantwortlich", "verantwortlicher", "verantwortlichkeit", "eigentumer", "zustandig")
	add(fEvidence, strong, "nachweis", "nachweise", "dokumente", "dokumentation")
	add(fNotes, strong, "bemerkung", "bemerkungen", "anmerkung", "anmerkungen", "kommentar", "kommentare")
	// French.
	add(fID, weak, "numero", "n°", "code")
	add(fTitle, weak, "titre", "intitule", "libelle", "mesure")
	add(fApplicable, strong, "applicabilite", "applique", "applicable")
	add(fJustification, strong, "justificatif", "motif", "raison")
	add(fStatus, strong, "statut", "etat")
	add(fStatus, weak, "oeuvre", "œuvre")
	add(fOwner, strong, "responsable", "proprietaire")
	add(fEvidence, strong, "preuve", "preuves", "justificatifs")
	add(fNotes, strong, "remarque", "remarques", "commentaire", "commentaires")
	// Spanish, Italian, Portuguese.
	add(fID, weak, "referencia", "codigo", "riferimento", "codice")
	add(fTitle, weak, "titulo", "nombre", "descripcion", "titolo", "descrizione", "nome", "descricao")
	add(fApplicable, strong, "aplicable", "aplicabilidad", "aplica", "applicabile", "applicabilita", "aplicavel", "aplicabilidade")
	add(fJustification, strong, "justificacion", "razon", "motivo", "giustificazione", "motivazione", "justificativa", "justificacao")
	add(fStatus, strong, "estado", "stato", "situacao")
	add(fStatus, weak, "implementacion", "implantacion", "implementazione", "attuazione", "implementacao", "implantacao")
	add(fOwner, strong, "propietario", "responsabile", "proprietario", "responsavel")
	add(fEvidence, strong, "evidencia", "evidencias", "evidenza", "evidenze", "prova", "prove", "documentos", "documenti")
	add(fNotes, strong, "notas", "comentarios", "observaciones", "commenti", "osservazioni", "observacoes")
	// Dutch.
	add(fID, weak, "nummer", "referentie")
	add(fTitle, weak, "titel", "naam", "omschrijving", "beschrijving", "maatregel")
	add(fApplicable, strong, "toepasbaar", "toepasselijk", "toepasbaarheid", "toepassing")
	add(fJustification, strong, "rechtvaardiging", "motivatie", "onderbouwing", "reden", "verantwoording")
	add(fStatus, weak, "implementatie", "geimplementeerd")
	add(fOwner, strong, "eigenaar", "verantwoordelijke", "verantwoordelijk")
	add(fEvidence, strong, "bewijs", "bewijsstukken", "documenten")
	add(fNotes, strong, "opmerkingen", "opmerking", "notities", "toelichting")
	// Czech, Polish.
	add(fID, weak, "cislo", "oznaceni", "numer", "identyfikator", "lp")
	add(fTitle, weak, "nazev", "popis", "tytul", "nazwa", "opis")
	add(fApplicable, strong, "aplikovatelnost", "aplikovatelne", "aplikovatelny", "pouzitelnost", "pouzitelne", "uplatnitelnost", "uplatneni",
		"stosowalnosc", "zastosowanie", "stosowane", "dotyczy", "zastosowanie")
	add(fJustification, strong, "zduvodneni", "oduvodneni", "duvod", "uzasadnienie", "powod")
	add(fStatus, strong, "stav", "stan")
	add(fStatus, weak, "implementace", "zavedeni", "wdrozenie", "realizacja")
	add(fOwner, strong, "vlastnik", "odpovednost", "odpovedny", "odpovedna", "garant", "wlasciciel", "odpowiedzialny", "odpowiedzialnosc")
	add(fEvidence, strong, "dukaz", "dukazy", "dokumentace", "dokumenty", "dowod", "dowody", "dokumentacja")
	add(fNotes, strong, "poznamka", "poznamky", "komentar", "uwagi", "uwaga", "komentarz")
	// Greek.
	add(fID, weak, "αριθμος", "κωδικος")
	add(fTitle, weak, "τιτλος", "περιγραφη", "ονομα", "ονομασια")
	add(fApplicable, strong, "εφαρμοζεται", "εφαρμοσιμοτητα", "εφαρμοσιμο", "εφαρμοσιμος")
	add(fJustification, strong, "αιτιολογηση", "αιτιολογια", "τεκμηριωση επιλογης")
	add(fStatus, strong, "κατασταση")
	add(fStatus, weak, "υλοποιηση")
	add(fOwner, strong, "υπευθυνος", "ιδιοκτητης", "αρμοδιος")
	add(fEvidence, strong, "τεκμηρια", "αποδεικτικα", "αποδειξεις", "τεκμηριωση")
	add(fNotes, strong, "σχολια", "παρατηρησεις", "σημειωσεις")
	return out
}

// headWordIndex indexes headWords for wordField: exact holds each stem's
// entries, prefix those of the stems of five letters or more (such a stem
// also matches the words it starts), longest is the most letters of a
// stem. Entries are indices into headWords, in order. Both lists are
// sorted by stem and searched, as laid out by the linker (tables_gen.go,
// buildHeadWordIndex's made at build time): made into maps at run time,
// they cost import some 40 KB of fresh memory and 0.05 ms.
var headWordIndex = headWordIdx{exact: headWordExact, prefix: headWordPrefix, longest: headWordLongest}

type headWordIdx struct {
	exact, prefix []stemEntries
	longest       int
}

// entries returns the entries of stem in list (sorted by stem), or none.
func entries(list []stemEntries, stem string) []int {
	i, found := slices.BinarySearchFunc(list, stem, func(e stemEntries, s string) int { return strings.Compare(e.stem, s) })
	if !found {
		return nil
	}
	return list[i].entries
}

// stemEntries are a stem's entries in headWords.
type stemEntries struct {
	stem    string
	entries []int
}

// buildHeadWordIndex makes headWordIndex of hws, for TestTablesGenerated.
func buildHeadWordIndex(hws []headWord) headWordIdx {
	exact, prefix := map[string][]int{}, map[string][]int{}
	longest := 0
	for k, hw := range hws {
		exact[hw.stem] = append(exact[hw.stem], k)
		if n := utf8.RuneCountInString(hw.stem); n >= 5 {
			prefix[hw.stem] = append(prefix[hw.stem], k)
			longest = max(longest, n)
		}
	}
	sorted := func(m map[string][]int) []stemEntries {
		var list []stemEntries
		for _, stem := range slices.Sorted(maps.Keys(m)) {
			list = append(list, stemEntries{stem, m[stem]})
		}
		return list
	}
	return headWordIdx{exact: sorted(exact), prefix: sorted(prefix), longest: longest}
}

// cjkWords are the stems of Chinese, Japanese and Korean headings, matched
// anywhere in the heading.
var cjkWords = lazy.Value[[]headWord]{Make: func() []headWord {
	var out []headWord
	add := func(field string, strength int, stems ...string) {
		for _, s := range stems {
			out = append(out, headWord{stem: s, field: field, strength: strength})
		}
	}
	add(fID, weak, "编号", "編號", "序号", "序號", "番号", "번호", "항번", "条款", "條款")
	add(fTitle, weak, "名称", "名稱", "标题", "標題", "名", "제목", "명칭", "タイトル")
	add(fApplicable, strong, "适用", "適用", "적용", "是否采用", "是否採用", "采用", "採用", "採否")
	add(fJustification, strongest, "理由", "原因", "依据", "依據", "根拠", "根据", "根據", "사유", "근거", "이유", "정당성", "说明", "說明")
	add(fStatus, strong, "状态", "狀態", "状況", "状况", "狀況", "情况", "情況", "상태", "현황", "이행", "구현", "実施", "实施", "實施", "導入")
	add(fOwner, strong, "负责", "負責", "责任", "責任", "担当", "담당", "책임", "所管", "主管")
	add(fEvidence, strong, "证据", "證據", "证明", "證明", "证跡", "証跡", "증적", "증거", "文件", "文档", "文檔", "記錄", "记录", "文書", "規程", "규정", "문서")
	add(fNotes, strong, "备注", "備註", "备考", "備考", "비고", "메모", "의견", "注记", "コメント")
	add(fTargetDate, strong, "期限", "期日", "截止", "기한")
	return out
}}

// ambiguousHeadings are "Control" in the languages read: the id in soa's
// own workbooks, the title in many hand-made ones, settled by what the
// column holds.
var ambiguousHeadings = []string{ambiguousControl, "kontrolle", "controle", "contrôle", "control", "controllo", "controlo", "opatreni", "opatření",
	"kontrola", "zabezpieczenie", "ελεγχος", "έλεγχος", "控制措施", "控制", "控制項", "控制项", "통제", "통제항목", "통제 항목", "maatregel", "mesure",
	"control de seguridad", "annex a control", "iso 27001 control", "iso control"}

// ambiguousHeading reports whether a heading is "Control" in one of the
// languages read.
func ambiguousHeading(h string) bool { return ambiguousNorm(normalize(h)) }

// ambiguousNorm is ambiguousHeading of a heading whose normalized text is n.
func ambiguousNorm(n string) bool {
	return n == ambiguousControl || slices.Contains(ambiguousHeadings, n) || slices.Contains(ambiguousHeadings, fold(n))
}

// maxHeadingWords bounds the headings read by their words: a cell of a
// sentence is no heading.
const maxHeadingWords = 6

// wordField returns the field a heading names by its words, or "".
func wordField(heading string) string { return wordFieldNorm(normalize(heading)) }

// wordFieldNorm is wordField of a heading whose normalized text is n.
func wordFieldNorm(n string) string {
	n = fold(n)
	if n == "" || utf8.RuneCountInString(n) > 60 {
		return ""
	}
	words := strings.FieldsFunc(n, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '#' || r == '°')
	})
	if len(words) == 0 || len(words) > maxHeadingWords || negated(words) || (isValue(n) && !isStem(n)) {
		return ""
	}
	best, strength, at := "", 0, 0
	try := func(hw headWord, pos int) {
		if hw.strength > strength || (hw.strength == strength && pos < at) {
			best, strength, at = hw.field, hw.strength, pos
		}
	}
	idx := &headWordIndex
	var cands []int
	for pos, w := range words {
		// The stems w is, or starts with (stems of five letters or more), in
		// the order of headWords: of two as strong, the first wins.
		cands = append(cands[:0], entries(idx.exact, w)...)
		if utf8.RuneCountInString(w) >= 5 {
			n := 0 // the letters of w[:i]
			for i := range w {
				if n > idx.longest {
					break
				}
				if n >= 5 {
					cands = append(cands, entries(idx.prefix, w[:i])...)
				}
				n++
			}
			cands = append(cands, entries(idx.prefix, w)...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		all := headWords()
		for _, k := range cands {
			try(all[k], pos)
		}
	}
	if strings.ContainsFunc(n, func(r rune) bool { return cjk(r) || unicode.Is(unicode.Hangul, r) }) {
		for _, hw := range cjkWords.Get() {
			if i := strings.Index(n, hw.stem); i >= 0 {
				try(hw, 100+i)
			}
		}
	}
	return best
}

// negated reports whether a heading's words are a value rather than a
// heading: "Not applicable", "No".
func negated(words []string) bool {
	switch words[0] {
	case "not", "non", "nicht", "no", "niet", "nie", "ne", "δεν":
		return len(words) > 1
	}
	return false
}

// isValue reports whether a cell holds a value of an answer (Yes, No,
// Implemented), which no word makes a heading.
func isValue(n string) bool {
	v := strings.TrimRight(n, ".。")
	if oneOf(v, spellings.Get().yes) || oneOf(v, spellings.Get().no) {
		return true
	}
	st, ok := exactStatus(v)
	return ok && st != ""
}

// isStem reports whether n is itself a heading word ("Εφαρμόζεται" is
// both a value, yes, and the heading of the applicability column).
func isStem(n string) bool {
	for _, hw := range headWords() {
		if hw.stem == n && hw.strength >= strong {
			return true
		}
	}
	return false
}
