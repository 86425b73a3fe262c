package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/internal/format"
	"github.com/soa-tool/soa/internal/termsafe"
)

// Formats are the ways diagnostics are printed: "text" (one line per
// diagnostic), "json" (a stable array, empty rather than null) and
// "github" (workflow commands that GitHub Actions shows as annotations).
var Formats = format.Set[List]{{Name: "text", Render: writeText}, {Name: "json", Render: writeJSON}, {Name: "github", Render: writeGitHub}}

// Write prints l to w in the named format.
func Write(w io.Writer, name string, l List) error { return Formats.Render(w, name, l) }

func writeText(w io.Writer, l List) error { return writeLines(w, l, Diagnostic.String) }

func writeGitHub(w io.Writer, l List) error { return writeLines(w, l, github) }

// writeLines prints line(d) for every diagnostic of l, in one write: to a
// terminal or a pipe, a write for each line was a system call for each.
// The lines are measured first, so that the text is allocated once, at its
// size.
func writeLines(w io.Writer, l List, line func(Diagnostic) string) error {
	lines := make([]string, len(l))
	n := 0
	for i, d := range l {
		lines[i] = line(d)
		n += len(lines[i]) + 1
	}
	b := make([]byte, 0, n)
	for _, s := range lines {
		b = append(append(b, s...), '\n')
	}
	_, err := w.Write(b)
	return err
}

type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Control  string `json:"control,omitempty"`
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, l List) error {
	out := make([]jsonDiagnostic, len(l))
	for i, d := range l {
		out[i] = jsonDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: d.Severity.String(), Control: d.Control, Field: d.Field, Message: d.Msg,
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Annotation formats d as a GitHub Actions workflow command of level
// (error, warning or notice), whatever d's severity.
func Annotation(level string, d Diagnostic) string {
	cmd := level
	if props := githubProps(d.Pos); len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return "::" + cmd + "::" + escapeData(termsafe.Text(d.subject()+d.Msg))
}

func githubProps(p Pos) []string {
	var props []string
	if p.File != "" {
		props = append(props, "file="+escapeProperty(termsafe.String(p.File)))
	}
	if p.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", p.Line))
	}
	if p.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", p.Col))
	}
	return props
}

// github formats d as a GitHub Actions workflow command. Properties and the
// message are escaped as the runner expects (%, CR, LF; and : , in properties),
// after every other control character is shown escaped (termsafe), so a
// diagnostic is always one line and one command.
func github(d Diagnostic) string {
	return Annotation(d.Severity.String(), d)
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
