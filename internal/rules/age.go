package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/soa-tool/soa/internal/i18n"
)

// Age is a length of time in whole days, weeks, months or years, as people
// state a review cycle: 12m, 1y, 90d, 6w.
type Age struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
}

// DefaultMaxReviewAge is how old a review may be before it is stale: a
// year, the cycle most ISMSs review their SoA in.
var DefaultMaxReviewAge = Age{12, 'm'}

// ParseAge reads an age such as 12m, 1y, 90d or 6w.
func ParseAge(s string) (Age, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) >= 2 && strings.ContainsRune("dwmy", rune(s[len(s)-1])) {
		if n, err := strconv.Atoi(s[:len(s)-1]); err == nil && n > 0 && n <= 1200 {
			return Age{n, s[len(s)-1]}, nil
		}
	}
	return Age{}, fmt.Errorf("%q is not an age (write a whole number and d, w, m or y: 90d, 6w, 12m, 1y)", s)
}

// IsZero reports whether a is unset.
func (a Age) IsZero() bool { return a.N == 0 }

func (a Age) String() string { return strconv.Itoa(a.N) + string(a.Unit) }

// Text is the age for people in language l: "12 months", "12か月".
func (a Age) Text(l i18n.Lang) string { return l.F("age."+string(a.Unit), a.N) }

// After returns the YYYY-MM-DD date a after date, or "" when date is not
// a date. A month after 31 January is the last day of February.
func (a Age) After(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	switch a.Unit {
	case 'd':
		t = t.AddDate(0, 0, a.N)
	case 'w':
		t = t.AddDate(0, 0, 7*a.N)
	default:
		months := a.N
		if a.Unit == 'y' {
			months *= 12
		}
		// AddDate would roll 31 January + 1 month over into March.
		first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, months, 0)
		last := first.AddDate(0, 1, -1).Day()
		t = first.AddDate(0, 0, min(t.Day(), last)-1)
	}
	return t.Format(time.DateOnly)
}
