package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soa-tool/soa/internal/termsafe"
)

// Formats lists the names accepted by Write, in the order help text shows them.
var Formats = []string{"text", "json", "github"}

// Write prints l to w in the named format: "text" (one line per diagnostic),
// "github" (workflow commands that GitHub Actions shows as annotations) or
// "json" (a stable array, empty rather than null).
func Write(w io.Writer, format string, l List) error {
	switch format {
	case "text", "":
		for _, d := range l {
			if _, err := fmt.Fprintln(w, d.String()); err != nil {
				return err
			}
		}
		return nil
	case "github":
		for _, d := range l {
			if _, err := fmt.Fprintln(w, github(d)); err != nil {
				return err
			}
		}
		return nil
	case "json":
		return writeJSON(w, l)
	}
	return fmt.Errorf("unknown format %q (allowed: %s)", format, strings.Join(Formats, ", "))
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

// github formats d as a GitHub Actions workflow command. Properties and the
// message are escaped as the runner expects (%, CR, LF; and : , in properties),
// after every other control character is shown escaped (termsafe), so a
// diagnostic is always one line and one command.
func github(d Diagnostic) string {
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+escapeProperty(termsafe.String(d.Pos.File)))
	}
	if d.Pos.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
	}
	if d.Pos.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
	}
	cmd := d.Severity.String()
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return "::" + cmd + "::" + escapeData(termsafe.Text(d.subject()+d.Msg))
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
