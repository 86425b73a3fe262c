package yamlfile

import (
	"strconv"
	"strings"
	"time"
)

// PlainTag returns the tag yaml.v3 gives v written as a plain scalar, such
// as "!!str" or "!!int": what a writer asks to know whether v may go
// unquoted.
func PlainTag(v string) string { return *resolvePlain(v) }

// resolvePlain returns the tag yaml.v3 gives a plain scalar with value v
// and no tag of its own: the tag part of yaml.v3's resolve (resolve.go),
// same tables, same order of attempts.
func resolvePlain(v string) *string {
	if v == "" {
		return &tagNull
	}
	switch c := v[0]; {
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return resolveNumeric(v)
	case c == '.':
		if t, ok := resolveWord(v); ok {
			return t
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return &tagFloat
		}
	case byteClass[c]&wordStart != 0:
		if t, ok := resolveWord(v); ok {
			return t
		}
	}
	return &tagStr
}

// resolveWord returns the tag of the values yaml.v3 resolves by table
// (a switch, not a map: nothing to build when the program starts).
func resolveWord(v string) (*string, bool) {
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return &tagBool, true
	case "~", "null", "Null", "NULL":
		return &tagNull, true
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return &tagFloat, true
	case "<<":
		return &tagMerge, true
	}
	return nil, false
}

// resolveNumeric is resolve's branch for values that start with a sign or
// a digit: a timestamp, an integer (underscores allowed, any base prefix),
// a float, or else a string.
func resolveNumeric(v string) *string {
	if t, ok := resolveWord(v); ok {
		return t
	}
	if isTimestamp(v) {
		return &tagTimestamp
	}
	plain := strings.ReplaceAll(v, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return &tagInt
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return &tagInt
	}
	if isYAMLFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return &tagFloat
		}
	}
	for _, prefix := range [...]struct {
		p    string
		base int
	}{{"0b", 2}, {"-0b", 2}, {"0o", 8}, {"-0o", 8}} {
		if !strings.HasPrefix(plain, prefix.p) {
			continue
		}
		digits := plain[len(prefix.p):]
		if prefix.p[0] == '-' {
			digits = "-" + digits
		}
		if _, err := strconv.ParseInt(digits, prefix.base, 64); err == nil {
			return &tagInt
		}
		if prefix.p[0] != '-' {
			if _, err := strconv.ParseUint(digits, prefix.base, 64); err == nil {
				return &tagInt
			}
		}
	}
	return &tagStr
}

// isYAMLFloat matches yaml.v3's yamlStyleFloat,
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$, without a regexp.
func isYAMLFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// timestampLayouts are yaml.v3's allowedTimestampFormats.
var timestampLayouts = [...]string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// isTimestamp is yaml.v3's parseTimestamp, reporting only whether v is one.
func isTimestamp(v string) bool {
	i := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	if i != 4 || i == len(v) || v[i] != '-' {
		return false
	}
	if isPlainDate(v) {
		// The other layouts need more after the day: only the last can fit.
		return isLooseDate(v)
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

// isPlainDate reports whether v has the shape of a date and nothing more:
// four digits, '-', one or two digits, '-', one or two digits.
func isPlainDate(v string) bool {
	runs := [3]int{}
	part := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			runs[part]++
		case c == '-' && part < 2:
			part++
		default:
			return false
		}
	}
	return part == 2 && runs[0] == 4 && runs[1] >= 1 && runs[1] <= 2 && runs[2] >= 1 && runs[2] <= 2
}
