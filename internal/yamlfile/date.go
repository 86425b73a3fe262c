package yamlfile

import "strings"

// isDate reports whether s is a calendar date written YYYY-MM-DD: what
// time.Parse(time.DateOnly, s) accepts, without its cost (it is asked of
// every date field).
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	return ok1 && ok2 && ok3 && validDay(y, m, d)
}

// isLooseDate reports whether v, already of the shape isPlainDate checks
// (four digits, then one or two for the month and for the day), is a
// calendar date: what time.Parse("2006-1-2", v) accepts.
func isLooseDate(v string) bool {
	dash := 5 + strings.IndexByte(v[5:], '-') // the one before the day
	y, _ := digits(v[:4])
	m, _ := digits(v[5:dash])
	d, _ := digits(v[dash+1:])
	return validDay(y, m, d)
}

// digits reads s, all ASCII digits, as a number.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// validDay reports whether day d of month m of year y exists in the
// proleptic Gregorian calendar, as package time counts it.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
