package i18n

// messages holds every fixed string. Keys are grouped by where they appear.
var messages = map[string]message{
	// Control listings (soa controls).
	"col.id":           {"ID", "管理策番号"},
	"col.theme":        {"THEME", "テーマ"},
	"col.new":          {"NEW", "新規"},
	"col.title":        {"TITLE", "管理策"},
	"col.clause":       {"CLAUSE", "箇条"},
	"show.set":         {"Set", "管理策セット"},
	"show.theme":       {"Theme", "テーマ"},
	"show.clause":      {"Clause", "箇条"},
	"show.objective":   {"Objective", "管理目的"},
	"show.new":         {"New in 2022", "2022年版の新規管理策"},
	"show.summary":     {"Summary", "概要"},
	"show.attributes":  {"Attributes", "属性"},
	"show.from2013":    {"From 2013", "2013年版の対応管理策"},
	"show.maps_to":     {"Maps to 2022", "2022年版の対応管理策"},
	"show.merged":      {"Merged with", "統合先を共有する管理策"},
	"show.mapped_from": {"Mapped from", "対応元"},
	"show.text":        {"Control text", "管理策本文"},
	"show.guidance":    {"Guidance", "手引"},
	"show.none":        {"none (new in 2022)", "なし（2022年版の新規管理策）"},
	// soa init: the scaffold's comments.
	"init.header": {"Statement of Applicability answers: fill in one block per control.\nsoa validate checks this file; soa generate turns it into the SoA workbook.",
		"適用宣言書の回答ファイル：管理策ごとに回答を記入してください。\nsoa validate で検証し、soa generate で適用宣言書（Excel）を作成します。"},
	"init.legend.applicable": {"applicable: true or false (when false, justification gives the reason for exclusion)",
		"applicable: true（適用）又は false（除外）。false のときは justification に除外理由を記入"},
	"init.legend.reasons": {"reasons: any of %s", "reasons（適用理由）: %s から選択"},
	"init.legend.status":  {"status: one of %s", "status（実施状況）: %s のいずれか"},
	"init.legend.dates":   {"dates: YYYY-MM-DD; target_date when status is partial or planned", "日付は YYYY-MM-DD 形式。status が partial 又は planned のときは target_date を記入"},
	"init.first_revision": {"First issue", "初版"},
	"init.new":            {"(new in 2022)", "（2022年版で新設）"},
	"yes":                 {"yes", "はい"},
	"no":                  {"no", "いいえ"},
}
