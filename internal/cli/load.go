package cli

import (
	"time"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/spf13/cobra"
)

// judging holds the flags that say how answers are judged, which every
// command that judges them shares: validate, gap, generate.
type judging struct {
	asOf         string
	maxReviewAge string
}

func (j *judging) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&j.asOf, "as-of", "", "judge target and review dates as of this date, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&j.maxReviewAge, "max-review-age", rules.DefaultMaxReviewAge.String(), "a reviewed_on older than this is stale: 90d, 6w, 12m, 1y")
}

// options resolves the flags. The as-of date is the one policy of every
// command, report and sheet: --as-of when given, else today (see today:
// SOURCE_DATE_EPOCH, for reproducible builds, else this machine's clock);
// every output that judges dates prints it.
func (j *judging) options() (rules.Options, error) {
	judged, err := j.optionsAside()
	if err != nil {
		return rules.Options{}, err
	}
	return judged(), nil
}

// optionsAside is options for a caller with work to do before it judges:
// today, when it is the as-of date, is worked out meanwhile (todayAside),
// and the function returned waits for it. A flag in error is reported at
// once.
func (j *judging) optionsAside() (func() rules.Options, error) {
	var o rules.Options
	var date func() string
	switch {
	case j.asOf == "":
		date = todayAside()
	default:
		if _, err := time.Parse(time.DateOnly, j.asOf); err != nil {
			return nil, usageError("--as-of: %q is not a date; write YYYY-MM-DD", j.asOf)
		}
		o.AsOf = j.asOf
	}
	age, err := rules.ParseAge(j.maxReviewAge)
	if err != nil {
		return nil, usageError("--max-review-age: %v", err)
	}
	o.MaxReviewAge = age
	return func() rules.Options {
		if date != nil {
			o.AsOf = date()
		}
		return o
	}, nil
}

// defaultJudgement is how commands without the judging flags (import,
// migrate) judge the answers they write: as of today, with the default
// review age. Only the errors stop them, and no error depends on a date.
func defaultJudgement() rules.Options {
	return rules.Options{AsOf: today(), MaxReviewAge: rules.DefaultMaxReviewAge}
}

// loadChecked loads an answers file as validate judges it: see
// render.Load, which the web page (soa serve) shares. src is handed over
// (answers.ParseOwned): every caller passes bytes it read or encoded
// itself and does not change afterwards.
func loadChecked(cat *catalog.Catalog, name string, src []byte, forReport bool, ro rules.Options) (*soa.Statement, diag.List) {
	f, l := answers.ParseOwned(name, src)
	return render.Check(cat, f, l, forReport, ro)
}
