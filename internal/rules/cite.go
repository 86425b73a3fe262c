package rules

import (
	"slices"
	"strings"
)

// citedIDs finds the 2013 ids (A.5.1.1 …) in texts, each once, except
// those written "[2013 A.x.y.z]": soa migrate marks where carried text came
// from that way, on purpose. The texts are the items of one field (the
// evidence list), read one by one rather than joined: no id spans two. It
// scans by hand rather than with a regexp: text may be tens of thousands
// of characters on every control, and most holds no "A." at all.
func citedIDs(texts []string) []string {
	var ids []string
	for _, text := range texts {
		ids = appendCitedIDs(ids, text)
	}
	return ids
}

// appendCitedIDs appends to ids those cited in text that it lacks.
func appendCitedIDs(ids []string, text string) []string {
	for i := 0; ; {
		j := strings.Index(text[i:], "A.")
		if j < 0 {
			return ids
		}
		at := i + j
		i = at + 2
		if at > 0 && isWordByte(text[at-1]) {
			continue
		}
		end, ok := idEnd(text, at+2)
		if !ok || strings.HasSuffix(text[:at], "[2013 ") {
			continue
		}
		if id := text[at:end]; !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
}

// idEnd reads the "5.1.1" of an id that starts at i: three groups of one or
// two digits joined by dots, not followed by a word character.
func idEnd(s string, i int) (int, bool) {
	for g := 0; g < 3; g++ {
		if g > 0 {
			if i >= len(s) || s[i] != '.' {
				return 0, false
			}
			i++
		}
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		if n < 1 || n > 2 {
			return 0, false
		}
	}
	if i < len(s) && isWordByte(s[i]) {
		return 0, false
	}
	return i, true
}

// isWordByte matches what \b treats as a word character (ASCII only, as Go's
// regexp does).
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
