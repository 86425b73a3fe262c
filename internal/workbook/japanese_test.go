package workbook_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa/soatest"
	"github.com/xuri/excelize/v2"
)

// TestNoEnglishInJapaneseWorkbook renders a Japanese workbook from answers
// written in Japanese and looks at every cell: what is left once control
// ids, finding codes, standard names and the abbreviations JIS itself uses
// are taken out must hold no Latin letters. Any English there came from
// soa's fixed text.
func TestNoEnglishInJapaneseWorkbook(t *testing.T) {
	src := `organization:
  name: 株式会社テスト
  scope: 本社
  soa_version: "1.0"
  date: 2026-04-01
  prepared_by: 管理責任者
  approved_by: 社長
  approved_on: 2026-04-02
  language: ja
revisions:
  - {version: "1.0", date: 2026-04-01, author: 管理責任者, description: 初版}
controls:
  "5.1": {applicable: true, reasons: [risk, legal], justification: 必要, status: implemented, owner: 社長, evidence: [基本方針], notes: 年次で見直す, review: 2013年版の回答が食い違っている}
  "5.7": {applicable: false, justification: 対象外}
  "8.11": {applicable: true, reasons: [risk], justification: 必要, status: not_implemented, owner: 部長}
  "8.12": {applicable: true, reasons: [risk], justification: 必要, status: partial, owner: 部長, target_date: 2026-03-01}
`
	data := render(t, soatest.Load(t, "ja.yaml", []byte(src)), i18n.JA)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var codes []string
	for _, c := range rules.Rules {
		codes = append(codes, c.Code)
	}
	// What may stay in Latin letters: standard names, control ids, finding
	// codes (identifiers, the same in every language), and the words JIS
	// itself leaves in Latin letters in its titles.
	strip := regexp.MustCompile(`ISO/IEC 27001:20(13|22)|JIS Q 2700[12]:20(14|23)|\bA\.\d+(\.\d+)*\b|\b\d+(\.\d+)+\b|\b(ICT|PII|ISMS|provisioning)\b|\b(` + strings.Join(codes, "|") + `)\b`)
	latin := regexp.MustCompile(`[A-Za-z]{2,}`)
	for _, sheet := range f.GetSheetList() {
		if latin.MatchString(sheet) {
			t.Errorf("sheet name %q is English", sheet)
		}
		rows, _ := f.GetRows(sheet)
		for ri, row := range rows {
			for ci, v := range row {
				rest := strip.ReplaceAllString(v, "")
				if w := latin.FindString(rest); w != "" {
					ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
					t.Errorf("%s!%s: %q holds the English %q", sheet, ref, strings.TrimSpace(v), w)
				}
			}
		}
	}
	cols := layout.Columns("2022")
	colOf := func(key string) string { name, _ := excelize.ColumnNumberToName(cols.Of(key)); return name }
	if v, _ := f.GetCellValue("適用宣言書", colOf(answers.KeyNotes)+findRow(t, f, "5.1")); v != "年次で見直す\n【要確認】2013年版の回答が食い違っている" {
		t.Errorf("Japanese notes with a review show as %q", v)
	}
	if v, _ := f.GetCellValue("適用宣言書", colOf(answers.KeyTargetDate)+findRow(t, f, "8.12")); v != "2026/03/01" {
		t.Errorf("Japanese target date shows as %q, want 2026/03/01", v)
	}
}

func findRow(t *testing.T, f *excelize.File, id string) string {
	rows, _ := f.GetRows("適用宣言書")
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("no row for %s", id)
	return ""
}
