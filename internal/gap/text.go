package gap

import (
	"io"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/textwidth"
)

// writeTextReport prints the text report: with the user's template when
// there is one, else with writeText.
func writeTextReport(w io.Writer, o Output) error {
	if o.Options.Template != nil {
		return execText(w, "gap.txt.tmpl", o.Options, newView(o).safe())
	}
	_, err := io.WriteString(w, writeText(newView(o).safe(), o.Options.Lang, o.Options.Color))
	return err
}

// writeText lays v out as templates/gap.txt.tmpl does, in Go: parsing
// and running that template (text/template, by reflection) took 0.7 ms of
// every `soa gap`, a seventh of the whole process, for a dozen lines of
// layout. The template stays what users copy for --template and what
// this function follows; TestTextFollowsTemplate renders both for every
// example, language and colour setting, and for views of hostile and
// empty values, and compares them byte for byte.
func writeText(v view, l i18n.Lang, color bool) string {
	var b strings.Builder
	b.Grow(textSize(v))
	line := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	line(bold(l.F("gap.heading", v.Organization), color))
	line(l.F("gap.meta", v.Standard, v.AsOf, v.FindingCounts))
	line()
	line(bold(l.T("gap.h.summary"), color))
	line(v.SummaryTable)
	line(l.T("gap.percent_note"))
	if len(v.Weakest) > 0 {
		line()
		line(bold(l.T("gap.h.weakest"), color))
		for _, g := range v.Weakest {
			line("  ", textwidth.Pad(g.Percent, 7), "  ", g.Title, " (", strconv.Itoa(g.Applicable), ")")
		}
	}
	line()
	line(bold(l.T("gap.h.findings"), color))
	for _, f := range v.Findings {
		line(colorBySeverity(f.Severity, textwidth.Pad(f.SeverityLabel, 8), color), " ",
			textwidth.Pad(f.Control, 6), " ", textwidth.Pad(f.Code, 30), " ", f.Message)
	}
	if len(v.Findings) == 0 {
		line(l.T("gap.no_findings"))
	}
	line()
	return b.String()
}

// textSize is about the size of v's text report, so that writeText
// allocates it once rather than doubling its way there: the texts of
// any length, and room for the headings and for each line's columns and
// colour codes.
func textSize(v view) int {
	n := 512 + len(v.Organization) + len(v.Standard) + len(v.AsOf) + len(v.FindingCounts) + len(v.SummaryTable)
	for _, g := range v.Weakest {
		n += 32 + len(g.Percent) + len(g.Title)
	}
	for _, f := range v.Findings {
		n += 64 + len(f.SeverityLabel) + len(f.Control) + len(f.Code) + len(f.Message)
	}
	return n
}

// bold is a heading of the text report: bold on a terminal that takes
// colour.
func bold(s string, color bool) string {
	if color {
		return "\x1b[1m" + s + "\x1b[0m"
	}
	return s
}

// colorBySeverity colours s, a finding's severity label, by its severity
// sev on a terminal that takes colour.
func colorBySeverity(sev, s string, color bool) string {
	if !color {
		return s
	}
	code := ""
	switch sev {
	case "error":
		code = "31" // red
	case "warning":
		code = "33" // yellow
	case "gap":
		code = "35" // magenta
	case "info":
		code = "36" // cyan
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}
