package importer

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/soa-tool/soa/internal/lazyre"
)

func normalizeWidth(s string) string { return norm.NFKC.String(s) }

var (
	id3RE = lazyre.New(`^(?i:a)?\.?\s*(\d{1,2})\.(\d{1,2})\.(\d{1,2})$`)
	id2RE = lazyre.New(`^(?i:a)?\.?\s*([5-8])\.(\d{1,2})$`)
	// A leading id followed by its title in one cell: "A.5.1.1 Policies …",
	// "5.1.1. Policies …".
	idPrefixRE = lazyre.New(`^((?i:a)?\.?\s*\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?[\s:：　]+\S`)
	floatRE    = lazyre.New(`^\d+\.\d+(e[-+]?\d+)?$`)
	// A word before the id: "Control 5.1.2", "管理策 5.1.2".
	idWordRE = lazyre.New(`^(?i:control|管理策)\s*[:：]?\s*((?i:a)?[.\-]?\s*\d)`)
	// Hyphens between the three parts of a 2013 id: "6-1-2", "A-6-1-2". (Two
	// parts, "5-10", may be a range of controls: not read.)
	hyphenRE = lazyre.New(`^(?i:a[.\-]?)?(\d{1,2})-(\d{1,2})-(\d{1,2})$`)
)

// parsedID is a control id read from a cell, with how sure the reading is.
type parsedID struct {
	id      string
	edition string // "2013" or "2022"
	// float is set when the cell held a number, so "5.1" may have been
	// typed as 5.10: the title or the order settles it.
	float bool
}

// idCellText is an id cell's text in half-width characters, trimmed, without
// a word before the id ("Control A.5.1", "管理策 5.1.2").
func idCellText(raw string) string { return idCellTextWidth(normalizeWidth(raw)) }

// idCellTextWidth is idCellText of a text already in half-width characters.
func idCellTextWidth(w string) string {
	s := strings.TrimSpace(w)
	if m := idWordRE.FindStringSubmatchIndex(s); m != nil {
		s = s[m[2]:]
	}
	return s
}

// parseID reads the ways people write control ids: A.5.1.1, 5.1.1, A5.1.1,
// A.5.1, 5.1, with a full stop after them (5.1.1.), a word before them
// (Control 5.1.2, 管理策 5.1.2) or hyphens between three parts (6-1-2), and
// numbers such as 5.0999999 stored for 5.1. numeric says the cell held a
// number rather than text.
func parseID(raw string, numeric bool) (parsedID, bool) {
	w := normalizeWidth(raw)
	if !hasDigit(w) {
		return parsedID{}, false // every id has one: no pattern below can match
	}
	s := idCellTextWidth(w)
	if s == "" {
		return parsedID{}, false
	}
	if m := idPrefixRE.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	s = strings.TrimSuffix(strings.ReplaceAll(s, " ", ""), ".")
	if m := hyphenRE.FindStringSubmatch(s); m != nil {
		s = m[1] + "." + m[2] + "." + m[3]
	}
	if m := id3RE.FindStringSubmatch(s); m != nil {
		return parsedID{id: "A." + trimZero(m[1]) + "." + trimZero(m[2]) + "." + trimZero(m[3]), edition: "2013"}, true
	}
	if numeric && floatRE.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err == nil {
			// Round away binary noise: 5.0999999999 is 5.1.
			r := math.Round(f*1e6) / 1e6
			txt := strconv.FormatFloat(r, 'f', -1, 64)
			if m := id2RE.FindStringSubmatch(txt); m != nil {
				return parsedID{id: m[1] + "." + trimZero(m[2]), edition: "2022", float: true}, true
			}
		}
	}
	if m := id2RE.FindStringSubmatch(s); m != nil {
		return parsedID{id: m[1] + "." + trimZero(m[2]), edition: "2022"}, true
	}
	return parsedID{}, false
}

func trimZero(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// hasDigit reports whether s holds an ASCII digit, as every control id
// does once in half-width characters: a cheap test before the patterns.
func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
