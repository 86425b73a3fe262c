package transition

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/lazyre"
)

// AnswersOptions say how to write the migrated answers file.
type AnswersOptions struct {
	Date   string // date of the new SoA version, YYYY-MM-DD
	Schema string // modeline target; "" for none
}

// NewFile builds the 2022 answers file of r: the organization and the
// revisions carried over, a revision line for the migration, and the
// derived answers.
func (r *Result) NewFile(date string) *answers.File {
	old := r.Old
	l := lang(old.Org.Language)
	org := old.Org
	org.SoAVersion = nextVersion(org.SoAVersion)
	org.Date = date
	org.ApprovedOn = "" // the new version is not approved yet
	f := &answers.File{Edition: "2022", Org: org}
	f.Revisions = append(f.Revisions, old.Revisions...)
	f.Revisions = append(f.Revisions, answers.Revision{
		Version: org.SoAVersion, Date: date, Author: "soa migrate", Description: l.T("migrate.revision"),
	})
	for _, c := range r.Controls {
		if c.Derived != nil {
			f.Controls = append(f.Controls, c.Derived)
		}
	}
	return f
}

// WriteAnswers writes the migrated answers file, every 2022 control listed
// with a comment saying where its answer came from.
func (r *Result) WriteAnswers(w io.Writer, opts AnswersOptions) error {
	l := lang(r.Old.Org.Language)
	f := r.NewFile(opts.Date)
	byID := map[string]Control{}
	var ids []string
	for _, c := range r.Controls {
		byID[c.Control.ID] = c
		ids = append(ids, c.Control.ID)
	}
	return answers.Encode(w, f, answers.EncodeOptions{
		Schema: opts.Schema,
		Header: []string{
			l.F("migrate.header1", r.Old.Source),
			l.T("migrate.header2"),
		},
		IDs: ids,
		Comment: func(id string) string {
			c := byID[id]
			title := l.Title(c.Control.Title, c.Control.TitleJA)
			switch c.Kind {
			case New:
				summary := l.Pick(c.Control.Summary, c.Control.SummaryJA)
				if summary == "" {
					return l.F("migrate.comment.new_short", title)
				}
				return l.F("migrate.comment.new", title, summary)
			case Unanswered:
				return l.F("migrate.comment.unanswered", title, sourceIDs(c, l))
			case MergedConflict:
				return l.F("migrate.comment.conflict", title, sourceIDs(c, l))
			}
			return l.F("migrate.comment.from", title, sourceIDs(c, l))
		},
	})
}

func sourceIDs(c Control, l i18n.Lang) string {
	var ids []string
	for _, s := range c.Sources {
		ids = append(ids, s.Control.ID)
	}
	return strings.Join(ids, l.T("list.comma"))
}

func lang(code string) i18n.Lang {
	if l, err := i18n.Parse(code); err == nil {
		return l
	}
	return i18n.EN
}

// versionRE finds the number in a version: 4.2, v4.2, 第4版, Rev. 3.
var versionRE = lazyre.New(`^(\D*?)(\d+)((?:\.\d+)*)(\D*)$`)

// nextVersion gives the migrated SoA the next major version, in the form
// the old one was written: 4.2 → 5.0, 4 → 5.0, v4.2 → v5.0, 第4版 → 第5版,
// 第2.1版 → 第3.0版. A version with no number, or more than one, gets
// "-2022" appended.
func nextVersion(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "1.0"
	}
	m := versionRE.FindStringSubmatch(v)
	if m == nil {
		return v + "-2022"
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return v + "-2022"
	}
	prefix, minor, suffix := m[1], m[3], m[4]
	if minor != "" || (prefix == "" && suffix == "") {
		minor = ".0" // 4.2 → 5.0, and a bare 4 → 5.0 as before
	}
	return fmt.Sprintf("%s%d%s%s", prefix, n+1, minor, suffix)
}
