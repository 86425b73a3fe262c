package importer

import (
	"fmt"
	"github.com/soa-tool/soa/internal/lazyre"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
)

// An SoA of an edition soa does not read, such as ISO/IEC 27001:2005, has
// ids of the 2013 shape that mean other controls (A.10.1.1 is a procedure
// in 2005, cryptography in 2013): read as 2013, every row would be wrong
// or an error. It is refused with one message naming the edition.

// editionRE finds an edition named in text: "ISO/IEC 27001:2005",
// "ISO 27002:2005", "ISO 17799".
var editionRE = lazyre.New(`(?i)\b2700[12]\s*[:：/-]\s*((?:19|20)\d\d)\b|\b(?:iso|bs)\s*(?:/iec)?\s*(17799|7799)\b`)

// supportedYears are the editions read, and their adoptions: EN ISO/IEC
// 27001:2017 is 2013, JIS Q 27001:2014 is 2013 and JIS Q 27001:2023 is
// 2022.
var supportedYears = map[string]bool{"2013": true, "2014": true, "2017": true, "2022": true, "2023": true}

// unsupportedEdition returns a message when t is an SoA of an edition soa
// does not read, or "".
func (r *reader) unsupportedEdition(t *table) string {
	idc := t.cols[fID]
	var odd []string
	for i := t.headerRow; i < len(t.rows); i++ {
		if idc >= len(t.rows[i]) {
			continue
		}
		id, ok := parseID(t.rows[i][idc], false)
		if !ok || id.edition != "2013" || r.cat.Control(id.id) != nil {
			continue
		}
		if only2005(id.id) {
			odd = append(odd, id.id)
		}
	}
	// The edition named above the table, or on a cover sheet.
	named, where := "", ""
	look := func(sheet string, rows [][]string, limit int) {
		for i := 0; i < len(rows) && i < limit && named == ""; i++ {
			for c, v := range rows[i] {
				if !strings.Contains(v, "2700") && !strings.Contains(v, "7799") {
					continue // as editionRE needs one of them
				}
				if m := editionRE.FindStringSubmatch(v); m != nil {
					year := m[1] + m[2]
					if supportedYears[year] {
						named, where = "ok", ""
						return
					}
					named, where = year, r.pos(sheet, c+1, i+1).Cell
					return
				}
			}
		}
	}
	look(t.sheet, t.rows, t.headerRow-1)
	for _, sh := range r.coverSheets() {
		if named == "" {
			if g, err := r.readGrid(sh); err == nil {
				look(sh, g.rows, 40)
			}
		}
	}
	switch {
	case len(odd) >= 3:
		shown := odd[:min(len(odd), 4)]
		return fmt.Sprintf("this is an SoA of ISO/IEC 27001:2005, not 2013 or 2022: its ids %s are controls of the 2005 edition only (%d such rows); soa reads the 2022 and 2013 editions of Annex A, whose ids mean other controls (A.10.1.1 is no procedure in 2013): write the answers against the 2013 or 2022 controls first", strings.Join(shown, ", "), len(odd))
	case named != "" && named != "ok" && named != "17799" && named != "7799":
		return fmt.Sprintf("this is an SoA of ISO/IEC 27001:%s (%s says so), an edition soa does not read: soa reads the 2022 and 2013 editions of Annex A; write the answers against the 2013 or 2022 controls first", named, where)
	case named == "17799" || named == "7799":
		return fmt.Sprintf("this is an SoA of BS 7799 / ISO 17799 (%s says so), an edition soa does not read: soa reads the 2022 and 2013 editions of ISO/IEC 27001 Annex A", where)
	}
	return ""
}

// only2005 reports whether a 2013-shaped id that is no 2013 control is one
// of the 2005 edition: A.10.2–A.10.10 (communications and operations),
// A.11.7 (mobile computing), A.15.3 (audit considerations).
func only2005(id string) bool {
	var a, b, c int
	if _, err := fmt.Sscanf(id, "A.%d.%d.%d", &a, &b, &c); err != nil {
		return false
	}
	return (a == 10 && b >= 2 && b <= 10) || (a == 11 && b == 7) || (a == 15 && b == 3)
}

// editionError is the error for an edition soa does not read.
func (r *reader) editionError(msg string) error {
	return diag.List{{Pos: diag.Pos{File: r.opts.Name}, Severity: diag.Error, Msg: msg}}
}
