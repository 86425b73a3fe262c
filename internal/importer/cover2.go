package importer

import (
	"github.com/soa-tool/soa/internal/lazyre"
	"slices"
	"strings"
	"time"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diag"
	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
)

// moreCoverLabels are labels of the organization and the date in
// hand-made SoAs, in the languages import reads, beyond those of
// coverLabels. The first date found wins: the SoA's date, its assessment
// or its last review.
func moreCoverLabels() map[string][]string {
	return map[string][]string{
		"name": {"organization", "organisation name", "company name", "client", "client name", "entity", "legal entity", "customer",
			"organisation / company", "company / organisation", "name of organisation", "name of organization", "organization / company",
			"organisation", "organisatie", "organización", "organizzazione", "organização", "organizace", "organizacja", "οργανισμός",
			"unternehmen", "firma", "société", "entreprise", "empresa", "azienda", "bedrijf", "společnost", "εταιρεία", "组织", "組織名",
			"公司", "公司名称", "公司名稱", "기관", "기관명", "회사", "회사명", "組織名称", "事業者名"},
		"date": {"assessment date", "date of assessment", "last review date", "last reviewed", "last review", "date of last review",
			"review date", "reviewed on", "effective date", "effective from", "date of issue", "issued", "issue", "document date",
			"revision date", "version date", "soa date", "last updated", "updated", "date updated", "last update", "date prepared",
			"datum", "stand", "fecha", "data", "datum posledni revize", "ημερομηνία", "日期", "날짜", "作成日", "更新日", "最終更新日", "評価日",
			"fecha de revisión", "date de révision", "date d'effet", "gültig ab", "revisionsdatum", "datum revize", "data przeglądu"},
		"soa_version": {"version no", "version number", "revision", "rev", "doc version", "versão", "versión", "versione", "verze", "wersja",
			"έκδοση", "版本", "버전", "版数"},
		"approved_by": {"approver", "approved", "genehmigt von", "approuvé par", "aprobado por", "承認者"},
		"prepared_by": {"author", "prepared", "owner", "document owner", "erstellt von", "rédigé par", "preparado por", "作成者"},
		"scope":       {"isms scope", "scope of the isms", "geltungsbereich", "périmètre", "alcance", "ambito", "rozsah", "zakres"},
	}
}

// coverSheetNames are the names of sheets that hold a document's
// organization block: soa's Cover, a document-control sheet.
var coverSheetNames = []string{"cover", "表紙", "document control", "document details", "document information", "document info",
	"document", "cover page", "title page", "title", "version control", "document history", "revision history", "info", "about",
	"introduction", "deckblatt", "titelblatt", "dokumentenkontrolle", "page de garde", "contrôle du document", "portada",
	"control del documento", "copertina", "capa", "voorblad", "titulní list", "titulni list", "strona tytułowa", "εξώφυλλο", "封面", "표지", "文書管理", "改訂履歴"}

// coverSheets lists the workbook's cover sheets, in workbook order.
func (r *reader) coverSheets() []string {
	var out []string
	for _, sh := range r.sheetList {
		if n := normalize(sh); slices.Contains(coverSheetNames, n) || slices.Contains(coverSheetNames, fold(n)) {
			out = append(out, sh)
		}
	}
	return out
}

// soaWordsRE finds the name of the document in a title line.
var soaWordsRE = lazyre.New(`(?i)statement\s+of\s+applicability|\bsoa\b|iso\s*/?\s*(?:iec)?\s*2700[12]|annex\s+a|適用宣言書|適用性宣言書|erklärung zur anwendbarkeit|déclaration d'applicabilité|declaración de aplicabilidad|dichiarazione di applicabilità|declaração de aplicabilidade|verklaring van toepasselijkheid|prohlášení o aplikovatelnosti|deklaracja stosowania|δήλωση εφαρμοσιμότητας|适用性声明|適用性聲明|적용성\s*보고서|적용성\s*명세서`)

// titleSepRE splits a title line into its parts: "Example Ltd — ISO
// 27001:2022 Statement of Applicability", "Version 1.0 | 01 April 2026".
var titleSepRE = lazyre.New(`\s+[-–—|:]\s+|\s*[|–—]\s*|\s*\n\s*`)

var versionRE = lazyre.New(`(?i)^(?:version|ver\.?|v|rev\.?|revision|verze|versión|versione|wersja)\s*[:.]?\s*(\d+(?:\.\d+)*)$`)

// readTitleLines reads the organization, the version and the date from
// the title lines of sheets (cells of text, often merged across the
// table), for what their labels did not give.
func (r *reader) readTitleLines(f *answers.File, sheets []string) {
	o := &f.Org
	for _, sh := range sheets {
		g, err := r.readGrid(sh)
		if err != nil {
			continue
		}
		limit := min(len(g.rows), 40)
		if sh == r.res.Sheet {
			limit = min(limit, r.res.HeaderRow-1)
		}
		for i := 0; i < limit; i++ {
			for c, v := range g.rows[i] {
				if strings.TrimSpace(v) == "" || g.copied(c, i) || len(v) > 300 {
					continue
				}
				r.titleLine(o, v)
			}
		}
	}
}

// titleLine reads one title line into o.
func (r *reader) titleLine(o *answers.Organization, v string) {
	parts := splitTitle(strings.TrimSpace(v))
	for k, p := range parts {
		p = strings.TrimSpace(p)
		if hasDigit(p) { // as a version has
			if m := versionRE.FindStringSubmatch(p); m != nil {
				setOnce(&o.SoAVersion, m[1])
			}
		}
		if d, ok := findDate(p); ok {
			setOnce(&o.Date, d)
		}
		// The organization is the part before the document's name.
		if k+1 < len(parts) && o.Name == "" && !soaWordsRE.MatchString(p) && soaWordsRE.MatchString(parts[k+1]) && orgLike(p) {
			o.Name = p
		}
	}
	// "Example Ltd Statement of Applicability", in one part.
	if o.Name == "" && len(parts) == 1 {
		if loc := soaWordsRE.FindStringIndex(v); loc != nil && loc[0] > 0 {
			if p := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(v[:loc[0]]), "-–—:|,")); orgLike(p) {
				for _, w := range []string{" ISO/IEC", " ISO", " –", " -"} {
					p = strings.TrimSpace(strings.TrimSuffix(p, w))
				}
				if orgLike(p) {
					o.Name = p
				}
			}
		}
	}
}

// splitTitle splits a title line at titleSepRE, which matches only where
// one of its separators is: most cells have none.
func splitTitle(v string) []string {
	if v != "" && !strings.ContainsAny(v, "-:|–—\n") {
		return []string{v}
	}
	return titleSepRE.Split(v, -1)
}

// orgLike reports whether a part of a title line may be an organization's
// name: not a date, a version, or a word such as "Annex A".
func orgLike(p string) bool {
	if p == "" || len([]rune(p)) > 80 || hasDigit(p) && versionRE.MatchString(p) {
		return false
	}
	if _, ok := findDate(p); ok {
		return false
	}
	switch strings.ToLower(p) {
	case "iso", "iso/iec", "isms", "annex a", "information security", "confidential", "internal", "draft", "final", "template":
		return false
	}
	return strings.ContainsFunc(p, func(r rune) bool { return r > 0x40 })
}

// excelizeEpoch is the creation time excelize writes into a new workbook:
// no date of the SoA.
const excelizeEpoch = "2006-09-16T00:00:00Z"

// readDocProps reads the organization and the date from the workbook's
// document properties, for what its sheets did not give: the company,
// the title and subject as title lines, and last of all the time the
// workbook was last saved, with a warning, since that is a guess.
func (r *reader) readDocProps(f *answers.File) {
	o := &f.Org
	if o.Name != "" && o.Date != "" {
		return
	}
	var props *xreader.DocProps
	if r.wb != nil {
		props = r.wb.Core
	}
	if props != nil {
		for _, v := range []string{props.Title, props.Subject, props.Description, props.Keywords} {
			if strings.TrimSpace(v) != "" {
				r.titleLine(o, v)
			}
		}
	}
	if app := r.appProps(); app != nil && o.Name == "" && orgLike(strings.TrimSpace(app.Company)) {
		o.Name = strings.TrimSpace(app.Company)
		r.warnf(diag.Pos{File: r.opts.Name}, "", "organization.name", "the organization's name %q is taken from the workbook's properties (Company); check it", o.Name)
	}
	if o.Date != "" || props == nil || r.dateLabel {
		return
	}
	for _, stamp := range []struct{ name, v string }{{"last saved", props.Modified}, {"created", props.Created}} {
		if stamp.v == "" || stamp.v == excelizeEpoch {
			continue
		}
		if t, err := time.Parse(time.RFC3339, stamp.v); err == nil && t.Year() > 1990 {
			o.Date = t.UTC().Format(time.DateOnly)
			r.warnf(diag.Pos{File: r.opts.Name}, "", "organization.date", "the workbook gives no date of the SoA: the date %s is when the workbook was %s (its properties); check organization.date", o.Date, stamp.name)
			return
		}
	}
}

func (r *reader) appProps() *xreader.AppProps {
	if r.wb == nil {
		return nil
	}
	return r.wb.App
}
