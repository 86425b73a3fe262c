package gap

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/rules"
)

// ciLevels are the levels CI systems show each severity at: GitHub's
// annotations and SARIF know error, warning and notice (note).
func ciLevels(s Severity) [2]string {
	switch s {
	case Error:
		return [2]string{"error", "error"}
	case Warning, Gap:
		return [2]string{"warning", "warning"}
	case Info:
		return [2]string{"notice", "note"}
	}
	return [2]string{}
}

// writeGitHub prints each finding as a GitHub Actions annotation on its
// line of the answers file, so that a pull request shows it there.
func writeGitHub(w io.Writer, rep *Report) error {
	for _, f := range rep.Findings {
		msg := fmt.Sprintf("%s [%s]", f.Message, f.Code)
		d := diag.Diagnostic{Pos: f.Pos, Control: f.Control, Field: f.Field, Msg: msg}
		if _, err := fmt.Fprintln(w, diag.Annotation(ciLevels(f.Severity)[0], d)); err != nil {
			return err
		}
	}
	return nil
}

// writeSARIF prints the findings as SARIF 2.1.0, the format code-scanning
// services read. Every rule is described, used or not, so that the file
// documents the codes.
func writeSARIF(w io.Writer, rep *Report) error {
	type text struct {
		Text string `json:"text"`
	}
	type rule struct {
		ID       string `json:"id"`
		Short    text   `json:"shortDescription"`
		Defaults struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	type region struct {
		StartLine   int `json:"startLine,omitempty"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type location struct {
		Physical struct {
			Artifact struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region *region `json:"region,omitempty"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		Level     string     `json:"level"`
		Message   text       `json:"message"`
		Locations []location `json:"locations"`
	}
	var rs []rule
	for _, r := range rules.Rules {
		x := rule{ID: r.Code, Short: text{r.Doc}}
		x.Defaults.Level = ciLevels(r.Severity)[1]
		rs = append(rs, x)
	}
	results := []result{}
	for _, f := range rep.Findings {
		var loc location
		loc.Physical.Artifact.URI = f.Pos.File
		if f.Pos.Line > 0 {
			loc.Physical.Region = &region{StartLine: f.Pos.Line, StartColumn: f.Pos.Col}
		}
		subject := "control " + f.Control + ": " + f.Field + ": "
		results = append(results, result{RuleID: f.Code, Level: ciLevels(f.Severity)[1], Message: text{subject + f.Message}, Locations: []location{loc}})
	}
	type driver struct {
		Name           string `json:"name"`
		InformationURI string `json:"informationUri"`
		Rules          []rule `json:"rules"`
	}
	type run struct {
		Tool struct {
			Driver driver `json:"driver"`
		} `json:"tool"`
		Results []result `json:"results"`
	}
	var r run
	r.Tool.Driver = driver{Name: "soa", InformationURI: "https://github.com/soa-tool/soa", Rules: rs}
	r.Results = results
	out := struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []run  `json:"runs"`
	}{"https://json.schemastore.org/sarif-2.1.0.json", "2.1.0", []run{r}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
