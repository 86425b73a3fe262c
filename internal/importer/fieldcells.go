package importer

import (
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
)

// readCell reads the text of a cell of field f by the field's kind, the
// way soa's workbook writes it (see layout.Column.Cell). problem says what
// is wrong with a text that is not a value of the field, and what is
// allowed; the value is then what could be read.
func readCell(f *answers.Field, text string) (answers.Value, string) {
	switch f.Kind {
	case answers.Bool:
		b, ok := parseApplicable(text)
		if !ok {
			return nil, "is not yes or no (also read: Y/N, ○/×, true/false)"
		}
		if b == nil {
			return nil, ""
		}
		return answers.Value{map[bool]string{true: "true", false: "false"}[*b]}, ""
	case answers.Enum:
		return readEnum(f, text)
	case answers.Date:
		d, ok := parseDate(text)
		if !ok {
			if hint := eraHint(text); hint != "" {
				return nil, "is not a date: " + hint
			}
			return nil, "is not a date (write 2026-09-30 or 2026/09/30, or use a date cell)"
		}
		return answers.Value{d}, ""
	case answers.TextList:
		var items answers.Value
		for _, s := range lines(text) {
			if !placeholder(s) {
				items = append(items, s)
			}
		}
		return items, ""
	case answers.IDList:
		var ids answers.Value
		for _, id := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(",;、，；\n\r", r) }) {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
		return ids, ""
	case answers.Line:
		return answers.Value{strings.TrimSpace(text)}, ""
	}
	return answers.Value{text}, ""
}

// lines are the non-empty lines of a cell, each trimmed: list items are
// one per line in soa's workbooks.
func lines(text string) answers.Value {
	var out answers.Value
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if s := strings.TrimSpace(line); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// readEnum reads a value of f as its label in either language or as the
// answers file writes it, in any case.
func readEnum(f *answers.Field, text string) (answers.Value, string) {
	want := normalize(text)
	for _, code := range i18n.Languages {
		for i, label := range layout.ValueLabels(f, i18n.Lang(code)) {
			v := f.Values[i]
			if normalize(label) == want || normalize(v) == want || normalize(strings.ReplaceAll(v, "_", " ")) == want {
				return answers.Value{v}, ""
			}
		}
	}
	return nil, "is not one of " + strings.Join(f.Values, ", ")
}
