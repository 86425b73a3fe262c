package workbook

// Excel's limit on headers and footers. Cell texts are checked before the
// workbook is written (rules.CellLimits); the page footer is the one place
// soa shortens text itself, visibly, with an ellipsis: the organization's
// name there only repeats the cover.

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/textwidth"
)

// MaxHeaderFooter is Excel's limit on a page header or footer, codes
// included, in UTF-16 code units.
const MaxHeaderFooter = 255

// footerNameWidth is the most columns of the organization's name the
// footer shows: more would run into the centred version on a portrait
// page (Excel and LibreOffice do not keep the three parts apart). The
// cover shows the name in full.
const footerNameWidth = 48

// footer is the page footer: the organization on the left, the SoA
// version in the centre, the page number on the right. A long name is cut
// with an ellipsis, to footerNameWidth columns and to what Excel's limit
// leaves; the version and the page stay whole unless the version alone
// leaves no room for the name.
func footer(l i18n.Lang, org, version string) string {
	page := "&R" + l.T("footer.page")
	centre := func(v string) string { return "&C" + headerFooterText(l.Version(v)) }
	room := MaxHeaderFooter - layout.TextLen("&L"+centre(version)+page)
	if room < 1 { // a version of some 200 characters: keep "…" for the name
		over := layout.TextLen("&L…"+centre(version)+page) - MaxHeaderFooter
		version = ellipsize(version, -1, layout.TextLen(headerFooterText(version))-over)
		room = 1
	}
	return "&L" + headerFooterText(ellipsize(org, footerNameWidth, room)) + centre(version) + page
}

// ellipsize shortens s to at most cols columns (wide characters count
// two; -1 for any number) that take at most units UTF-16 code units once
// escaped by headerFooterText, ending it with "…" when cut. It cuts the
// text before escaping, so a doubled & is never split.
func ellipsize(s string, cols, units int) string {
	if cols < 0 {
		cols = math.MaxInt
	}
	if textwidth.Width(s) <= cols && layout.TextLen(headerFooterText(s)) <= units {
		return s
	}
	w, n, cut := 0, 0, 0
	for i, r := range s {
		u := utf16.RuneLen(r)
		if r == '&' {
			u = 2
		}
		// Leave room for the ellipsis, one column and one unit.
		if w+textwidth.RuneWidth(r) > cols-1 || n+u > units-1 {
			break
		}
		w, n, cut = w+textwidth.RuneWidth(r), n+u, i+utf8.RuneLen(r)
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}

// headerFooterText escapes & so that text from the answers is printed as it
// is rather than read as a header/footer code.
func headerFooterText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// headerWidth is the most columns the document number and the
// classification each show in the page header, beside the title.
const headerWidth = 40

// header is the page header: the document's title on the left, its
// number in the centre and its classification on the right, each number
// and marking cut with an ellipsis past headerWidth columns (the cover
// shows them in full). The classification is bold: it is what a reader
// must see first.
func header(l i18n.Lang, docID, class string) string {
	h := "&L" + headerFooterText(l.T("wb.title"))
	if docID != "" {
		h += "&C" + headerFooterText(ellipsize(docID, headerWidth, 100))
	}
	if class != "" {
		h += "&R&B" + headerFooterText(ellipsize(class, headerWidth, 100)) + "&B"
	}
	return h
}
