package reader

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// builtInNumFmt are the number formats Excel knows by id without writing
// them into styles.xml (ECMA-376 part 1, 18.8.30).
var builtInNumFmt = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
	14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "hh:mm", 21: "hh:mm:ss",
	22: "m/d/yy hh:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[red](#,##0)", 39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[red](#,##0.00)",
	41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`, 42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
	43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`, 44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
}

// Shown returns what the cell shows under its number format, as Excel
// (and excelize's GetCellValue) shows it: a number in the format of its
// own style (General when it has none), TRUE or FALSE for a boolean, and
// any other value as stored. Formats soa has no use for (fractions,
// scientific notation, conditions, eras) show the number as General does.
func (w *Workbook) Shown(c Cell) string {
	switch c.T {
	case TypeBool:
		switch c.V {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return c.V
	case TypeNumber:
	default:
		return c.V
	}
	if c.S == 0 {
		return generalValue(c.V)
	}
	// A sheet repeats a few numbers in a few styles (the same dates down a
	// column): each is formatted once.
	k := shownKey{c.S, c.V}
	w.shownMu.Lock()
	out, ok := w.shown[k]
	w.shownMu.Unlock()
	if ok {
		return out
	}
	out = generalValue(c.V)
	if st, ok := w.Style(int(c.S)); ok && st.HasNumFmt {
		out = FormatNumber(out, st.NumFmt, w.Date1904)
	}
	w.shownMu.Lock()
	if w.shown == nil {
		w.shown = map[shownKey]string{}
	}
	if len(w.shown) < maxShown {
		w.shown[k] = out
	}
	w.shownMu.Unlock()
	return out
}

// shownKey is a number and its style, whose text Shown remembers, for up
// to maxShown of them.
type shownKey struct {
	s int32
	v string
}

const maxShown = 4096

// IsDate reports whether c is a number shown as a date or time: its own
// style has a number format with date or time codes.
func (w *Workbook) IsDate(c Cell) bool {
	if c.T != TypeNumber || c.S == 0 {
		return false
	}
	st, ok := w.Style(int(c.S))
	if !ok || !st.HasNumFmt {
		return false
	}
	toks, ok := tokenize(splitSections(st.NumFmt)[0])
	return ok && isDate(toks)
}

// Days1904 is the number of days from the 1900 date system's epoch to the
// 1904 system's: a serial of the 1904 system plus Days1904 is the same day
// in the 1900 system.
const Days1904 = 1462

// generalValue is a number as General shows it: as written, without
// noise beyond Excel's 15 significant digits.
func generalValue(v string) string {
	if strings.Contains(v, "_") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	if digits := len(plain) - strings.Count(plain, "."); digits > 15 && !withinPrecision(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return plain
}

// withinPrecision reports whether v is an integer of at most 15
// significant digits followed by zeros.
func withinPrecision(v string) bool {
	if strings.ContainsAny(v, ".Ee") {
		return false
	}
	v = strings.TrimLeft(v, "+-0")
	return len(strings.TrimRight(v, "0")) <= 15
}

// FormatNumber renders the number v (as General shows it) in the number
// format code: General, numbers with fixed decimals, thousands separators
// and percent (0, 0.00, #,##0.0, 0%), dates and times (y, m, d, h, s,
// AM/PM, [h]), quoted and escaped literals, [$-409] locale and [Red]
// colour prefixes, and up to four sections separated by ";" (positive,
// negative, zero, text). Dates count days from 1900 (with Excel's
// 1900-02-29) or, when date1904, from 1904. A format it cannot render
// shows v as General does.
func FormatNumber(v, code string, date1904 bool) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	sections := splitSections(code)
	sec, neg := sections[0], f < 0
	switch {
	case f < 0 && len(sections) >= 2:
		sec, neg = sections[1], false
		f = -f
	case f == 0 && len(sections) >= 3:
		sec = sections[2]
	}
	toks, ok := tokenize(sec)
	if !ok {
		return v
	}
	var out string
	if isDate(toks) {
		if f < 0 {
			return v
		}
		out, ok = formatDate(toks, f, date1904)
	} else {
		if f < 0 {
			f = -f
		}
		out, ok = formatDecimal(toks, f, strings.TrimPrefix(v, "-"))
		if ok && neg {
			out = "-" + out
		}
	}
	if !ok {
		return v
	}
	return out
}

// splitSections splits a format code at the semicolons outside quotes,
// escapes and brackets.
func splitSections(code string) []string {
	var out []string
	start, quoted, bracket := 0, false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case quoted:
			quoted = c != '"'
		case c == '"':
			quoted = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case c == ';' && !bracket:
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

// A token of a format section.
type token struct {
	kind byte   // see below
	text string // literal text, or the letters of a date part ("yyyy")
}

const (
	tLit     = 'L' // literal text
	tGeneral = 'G'
	tDigit0  = '0' // 0 # ? placeholders
	tDigitH  = '#'
	tDigitQ  = '?'
	tPoint   = '.'
	tComma   = ','
	tPercent = '%'
	tDate    = 'D' // y, m, d, h, s, AM/PM, [h]: text holds the letters
	tAt      = '@'
	tSlash   = '/' // a date separator, or a fraction
)

// tokenize splits a section into tokens; ok is false for what FormatNumber
// does not render (fractions, scientific notation, conditions, eras).
func tokenize(sec string) ([]token, bool) {
	var toks []token
	lit := func(s string) { toks = append(toks, token{tLit, s}) }
	for i := 0; i < len(sec); {
		c := sec[i]
		lower := c | 0x20
		switch {
		case c == '"':
			j := strings.IndexByte(sec[i+1:], '"')
			if j < 0 {
				lit(sec[i+1:])
				i = len(sec)
				continue
			}
			lit(sec[i+1 : i+1+j])
			i += j + 2
		case c == '\\':
			if i+1 < len(sec) {
				_, n := utf8.DecodeRuneInString(sec[i+1:])
				lit(sec[i+1 : i+1+n])
				i += 1 + n
			} else {
				i++
			}
		case c == '_':
			lit(" ")
			i += 2
		case c == '*':
			i += 2
		case c == '[':
			j := strings.IndexByte(sec[i:], ']')
			if j < 0 {
				return nil, false
			}
			in := sec[i+1 : i+j]
			i += j + 1
			switch l := strings.ToLower(in); {
			case strings.HasPrefix(in, "$"):
				// [$-409] is a locale; [$€-407] a currency symbol too.
				if sym, _, _ := strings.Cut(in[1:], "-"); sym != "" {
					lit(sym)
				}
			case l == "h" || l == "hh" || l == "m" || l == "mm" || l == "s" || l == "ss":
				toks = append(toks, token{tDate, "[" + l + "]"})
			case l == "red" || l == "black" || l == "blue" || l == "cyan" || l == "green" || l == "magenta" || l == "white" || l == "yellow" || strings.HasPrefix(l, "color"):
			default:
				return nil, false // a condition ([>=100]) or more
			}
		case strings.HasPrefix(strings.ToLower(sec[i:]), "general"):
			toks = append(toks, token{tGeneral, ""})
			i += len("general")
		case strings.HasPrefix(strings.ToUpper(sec[i:]), "AM/PM"):
			toks = append(toks, token{tDate, "am/pm"})
			i += 5
		case strings.HasPrefix(strings.ToUpper(sec[i:]), "A/P"):
			toks = append(toks, token{tDate, "a/p"})
			i += 3
		case lower == 'y' || lower == 'm' || lower == 'd' || lower == 'h' || lower == 's':
			j := i
			for j < len(sec) && sec[j]|0x20 == lower {
				j++
			}
			toks = append(toks, token{tDate, strings.ToLower(sec[i:j])})
			i = j
		case c == '0' || c == '#' || c == '?' || c == '.' || c == ',' || c == '%' || c == '@':
			toks = append(toks, token{c, ""})
			i++
		case c == '/':
			toks = append(toks, token{tSlash, "/"})
			i++
		case lower == 'e' || lower == 'g' || lower == 'b':
			return nil, false // scientific notation, eras
		default:
			_, n := utf8.DecodeRuneInString(sec[i:])
			lit(sec[i : i+n])
			i += n
		}
	}
	return toks, true
}

func isDate(toks []token) bool {
	for _, t := range toks {
		if t.kind == tDate {
			return true
		}
	}
	return false
}

// formatDecimal renders f (≥ 0; v is how General shows it) in a number
// section.
func formatDecimal(toks []token, f float64, v string) (string, bool) {
	fracDigits, zeros := []byte{}, 0
	point, group, percent, digitsSeen, lastDigit := false, false, 0, false, -1
	for i, t := range toks {
		switch t.kind {
		case tDigit0, tDigitH, tDigitQ:
			lastDigit = i
		}
	}
	scale := 0
	for i, t := range toks {
		switch t.kind {
		case tDigit0, tDigitH, tDigitQ:
			digitsSeen = true
			if point {
				fracDigits = append(fracDigits, t.kind)
			} else if t.kind == tDigit0 {
				zeros++
			}
		case tPoint:
			if !point && digitsSeen || !point && i < lastDigit {
				point = true
			}
		case tComma:
			if i > lastDigit || point {
				if i > lastDigit && digitsSeen {
					scale++
				}
			} else if digitsSeen {
				group = true
			}
		case tPercent:
			percent++
		case tAt, tSlash:
			return "", false // text, or a fraction
		case tGeneral:
			if !digitsSeen {
				return renderLiterals(toks, func(b *strings.Builder) { b.WriteString(v) }), true
			}
		}
	}
	if !digitsSeen {
		return renderLiterals(toks, nil), true
	}
	num := v
	for range percent {
		num = shiftDecimal(num, 2)
	}
	for range scale {
		num = shiftDecimal(num, -3)
	}
	ip, fp := roundDecimal(num, len(fracDigits))
	ip = strings.TrimLeft(ip, "0")
	for len(ip) < zeros {
		ip = "0" + ip
	}
	if group {
		var b strings.Builder
		for i := range len(ip) {
			if i > 0 && (len(ip)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteByte(ip[i])
		}
		ip = b.String()
	}
	// Decimals under # are dropped when zero, under ? shown as spaces.
	frac := []byte(fp)
	for k := len(frac) - 1; k >= 0 && frac[k] == '0' && fracDigits[k] != tDigit0; k-- {
		if fracDigits[k] == tDigitQ {
			frac[k] = ' '
		} else {
			frac = frac[:k]
		}
	}
	number := ip
	if len(fracDigits) > 0 {
		number += "." + string(frac)
	}
	done := false
	return renderLiterals(toks, func(b *strings.Builder) {
		if !done {
			b.WriteString(number)
			done = true
		}
	}), true
}

// renderLiterals writes the section's literals, and the number (by num)
// where its first placeholder is.
func renderLiterals(toks []token, num func(*strings.Builder)) string {
	var b strings.Builder
	for _, t := range toks {
		switch t.kind {
		case tLit:
			b.WriteString(t.text)
		case tPercent:
			b.WriteByte('%')
		case tDigit0, tDigitH, tDigitQ, tGeneral:
			if num != nil {
				num(&b)
			}
		}
	}
	return b.String()
}

// shiftDecimal multiplies the decimal number s by 10^n, exactly.
func shiftDecimal(s string, n int) string {
	ip, fp, _ := strings.Cut(s, ".")
	if e := strings.IndexAny(s, "eE"); e >= 0 {
		f, _ := strconv.ParseFloat(s, 64)
		return strconv.FormatFloat(f*math.Pow10(n), 'f', -1, 64)
	}
	digits := ip + fp
	point := len(ip) + n
	for point > len(digits) {
		digits += "0"
	}
	for point < 0 {
		digits = "0" + digits
		point++
	}
	return digits[:point] + "." + digits[point:]
}

// roundDecimal rounds the decimal number s (≥ 0) half away from zero to
// n decimals and returns its integer and fraction digits.
func roundDecimal(s string, n int) (string, string) {
	if strings.ContainsAny(s, "eE") {
		f, _ := strconv.ParseFloat(s, 64)
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "" {
		ip = "0"
	}
	for len(fp) < n+1 {
		fp += "0"
	}
	digits := []byte(ip + fp[:n])
	if fp[n] >= '5' {
		k := len(digits) - 1
		for ; k >= 0; k-- {
			if digits[k] == '9' {
				digits[k] = '0'
				continue
			}
			digits[k]++
			break
		}
		if k < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	return string(digits[:len(digits)-n]), string(digits[len(digits)-n:])
}

var (
	monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	dayNames   = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// formatDate renders the serial date f (≥ 0) in a date section.
func formatDate(toks []token, f float64, date1904 bool) (string, bool) {
	// Seconds are rounded unless the format shows their fractions.
	fracDigits := 0
	for i, t := range toks {
		if t.kind == tDate && (t.text[0] == 's' || t.text == "[s]" || t.text == "[ss]") && i+1 < len(toks) && toks[i+1].kind == tPoint {
			for j := i + 2; j < len(toks) && toks[j].kind == tDigit0; j++ {
				fracDigits++
			}
		}
	}
	if f >= 2958466 { // after 9999-12-31
		return "", false
	}
	unit := math.Pow10(fracDigits)
	ticks := math.Round(f * 86400 * unit)
	days := math.Floor(ticks / (86400 * unit))
	rest := ticks - days*86400*unit
	secs := int64(rest / unit)
	sub := int64(rest) % int64(unit)
	hour, minute, second := secs/3600, secs/60%60, secs%60
	totalSecs := int64(days)*86400 + secs
	var y, mo, d, wd int
	serial := int(days)
	switch {
	case date1904:
		t := time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, serial)
		y, mo, d, wd = t.Year(), int(t.Month()), t.Day(), int(t.Weekday())
	case serial == 0:
		y, mo, d, wd = 1900, 1, 0, 6
	case serial == 60:
		y, mo, d, wd = 1900, 2, 29, 3
	default:
		base := time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		if serial > 60 {
			base = base.AddDate(0, 0, -1)
		}
		t := base.AddDate(0, 0, serial)
		y, mo, d = t.Year(), int(t.Month()), t.Day()
		wd = (serial + 6) % 7
	}
	ampm := false
	for _, t := range toks {
		if t.kind == tDate && (t.text == "am/pm" || t.text == "a/p") {
			ampm = true
		}
	}
	var b strings.Builder
	for i, t := range toks {
		switch t.kind {
		case tLit, tSlash:
			b.WriteString(t.text)
		case tPoint:
			if i > 0 && toks[i-1].kind == tDate && toks[i-1].text[0] == 's' && fracDigits > 0 {
				fmt.Fprintf(&b, ".%0*d", fracDigits, sub)
			} else {
				b.WriteByte('.')
			}
		case tDigit0:
			// the fraction of a second, written with the point
			if i == 0 || (toks[i-1].kind != tPoint && toks[i-1].kind != tDigit0) {
				b.WriteByte('0')
			}
		case tComma:
			b.WriteByte(',')
		case tPercent:
			b.WriteByte('%')
		case tDigitH, tDigitQ, tAt, tGeneral:
			return "", false
		case tDate:
			switch p := t.text; {
			case p[0] == 'y':
				if len(p) <= 2 {
					fmt.Fprintf(&b, "%02d", y%100)
				} else {
					fmt.Fprintf(&b, "%04d", y)
				}
			case p[0] == 'm' && minutes(toks, i):
				pad(&b, minute, len(p))
			case p[0] == 'm':
				switch len(p) {
				case 1, 2:
					pad(&b, int64(mo), len(p))
				case 3:
					b.WriteString(monthNames[mo-1][:3])
				case 5:
					b.WriteString(monthNames[mo-1][:1])
				default:
					b.WriteString(monthNames[mo-1])
				}
			case p[0] == 'd':
				switch len(p) {
				case 1, 2:
					pad(&b, int64(d), len(p))
				case 3:
					b.WriteString(dayNames[wd][:3])
				default:
					b.WriteString(dayNames[wd])
				}
			case p[0] == 'h':
				h := hour
				if ampm {
					if h = h % 12; h == 0 {
						h = 12
					}
				}
				pad(&b, h, len(p))
			case p[0] == 's':
				pad(&b, second, len(p))
			case p == "[h]" || p == "[hh]":
				pad(&b, totalSecs/3600, len(p)-2)
			case p == "[m]" || p == "[mm]":
				pad(&b, totalSecs/60, len(p)-2)
			case p == "[s]" || p == "[ss]":
				pad(&b, totalSecs, len(p)-2)
			case p == "am/pm":
				if hour < 12 {
					b.WriteString("AM")
				} else {
					b.WriteString("PM")
				}
			case p == "a/p":
				if hour < 12 {
					b.WriteString("A")
				} else {
					b.WriteString("P")
				}
			}
		}
	}
	return b.String(), true
}

// minutes reports whether the m token at i means minutes: right after an
// hour or right before a second, literals aside.
func minutes(toks []token, i int) bool {
	if len(toks[i].text) > 2 {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		if toks[j].kind == tDate {
			if p := toks[j].text; p[0] == 'h' || p == "[h]" || p == "[hh]" {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(toks); j++ {
		if toks[j].kind == tDate {
			p := toks[j].text
			return p[0] == 's' || p == "[s]" || p == "[ss]"
		}
	}
	return false
}

func pad(b *strings.Builder, n int64, width int) {
	if width >= 2 {
		fmt.Fprintf(b, "%02d", n)
		return
	}
	b.WriteString(strconv.FormatInt(n, 10))
}
