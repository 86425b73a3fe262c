package importer

import (
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
)

// UpdateFile brings src, an existing answers file called name, up to the
// workbook (see answers.Update): only the fields the workbook has columns
// for change; a cell import could not read (a formula with no saved value)
// keeps the file's value; a row the user emptied clears its control's
// fields. order is the catalogue order, for controls the file lacks.
func (res *Result) UpdateFile(name string, src []byte, order []string) ([]byte, []answers.Change, error) {
	if len(res.Unread) > 0 {
		// A file that does not parse is reported by Update.
		if old, _ := answers.Parse(name, src); old != nil {
			res.Keep(old)
		}
	}
	upd := *res.File
	upd.Controls = slices.Clone(res.File.Controls)
	for _, id := range res.Blank {
		upd.Controls = append(upd.Controls, &answers.Answer{ID: id})
	}
	return answers.Update(name, src, &upd, answers.UpdateOptions{Fields: res.fields(), Order: order})
}

// fields names the answer fields the workbook's columns hold.
func (res *Result) fields() []string {
	var fields []string
	for _, c := range res.Columns {
		switch f := c.Field; {
		case strings.HasPrefix(f, "reason"):
			fields = append(fields, "reasons")
		case strings.HasPrefix(f, "justification"):
			fields = append(fields, "justification")
		case f == "notes":
			fields = append(fields, "notes", "review")
		default:
			fields = append(fields, f)
		}
	}
	return fields
}
