package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/golden"
)

// runSoa runs soa in-process and returns its exit code and output.
func runSoa(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestControlsGolden pins the stable JSON shape and the table of
// `soa controls` (rewrite with -update).
func TestControlsGolden(t *testing.T) {
	tests := []struct {
		file string
		args []string
	}{
		{"controls-2022.json", []string{"controls", "--format", "json"}},
		{"controls-2013.json", []string{"controls", "--edition", "2013", "--format", "json"}},
		{"controls-2022.txt", []string{"controls"}},
		{"controls-2022-ja.txt", []string{"controls", "--lang", "ja"}},
		{"controls-detect.csv", []string{"controls", "--attr", "cybersecurity_concepts=detect", "--format", "csv"}},
		{"controls-new.yaml", []string{"controls", "--new", "--format", "yaml"}},
		{"show-5.23.txt", []string{"controls", "show", "5.23"}},
		{"show-A.9.2.1-ja.txt", []string{"controls", "show", "A.9.2.1", "--lang", "ja"}},
		{"show-5.23-ja.txt", []string{"controls", "show", "5.23", "--lang", "ja"}},
		{"show-8.9.json", []string{"controls", "show", "8.9", "--format", "json"}},
		// 2013: clauses by number in both languages, no "new" column.
		{"controls-2013.txt", []string{"controls", "--edition", "2013", "--theme", "A.9"}},
		{"controls-2013-ja.txt", []string{"controls", "--edition", "2013", "--theme", "A.9", "--lang", "ja"}},
		// A user's theme without a number shows by its title.
		{"show-CLD.6.3.1-ja.txt", []string{"controls", "show", "CLD.6.3.1", "--lang", "ja", "--catalog", "../../testdata/catalog/custom"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, out, errOut := runSoa(t, "", tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden.Check(t, filepath.Join("testdata", tt.file), []byte(out))
		})
	}
}

// TestTableWidth: the default table fits a 100-column terminal.
func TestTableWidth(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		_, out, _ := runSoa(t, "", "controls", "--lang", lang)
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if w := displayWidth(line); w > 100 {
				t.Errorf("%s: line is %d columns: %s", lang, w, line)
			}
		}
	}
}

// TestExitCodes covers every exit code of every command in-process.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "exists.yaml")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"controls"}, ExitOK},
		{[]string{"controls", "--bogus"}, ExitUsage},
		{[]string{"controls", "--format", "xml"}, ExitUsage},
		{[]string{"controls", "--theme", "cloud"}, ExitUsage},
		{[]string{"controls", "extra"}, ExitUsage},
		{[]string{"controls", "show", "5.1"}, ExitOK},
		{[]string{"controls", "show", "9.9"}, ExitUsage},
		{[]string{"controls", "show"}, ExitUsage},
		{[]string{"catalog", "validate"}, ExitOK},
		{[]string{"catalog", "validate", "../../testdata/catalog/custom"}, ExitOK},
		{[]string{"catalog", "validate", "../../testdata/catalog/bad"}, ExitInvalid},
		{[]string{"catalog", "validate", filepath.Join(dir, "missing")}, ExitUsage},
		{[]string{"controls", "--catalog", "../../testdata/catalog/bad"}, ExitInvalid},
		{[]string{"validate", "../../testdata/examples/saas-cloud.yaml"}, ExitOK},
		{[]string{"validate", "--strict", "../../testdata/examples/saas-cloud.yaml"}, ExitInvalid},
		{[]string{"validate", "../../testdata/bad/unknown-field.yaml"}, ExitInvalid},
		{[]string{"validate", filepath.Join(dir, "missing.yaml")}, ExitUsage},
		{[]string{"validate", "../../testdata/bad/unknown-field.yaml", filepath.Join(dir, "missing.yaml")}, ExitUsage},
		{[]string{"validate", "--format", "json", "../../testdata/examples/saas-cloud.yaml", filepath.Join(dir, "missing.yaml")}, ExitUsage},
		{[]string{"validate"}, ExitUsage},
		{[]string{"validate", "--format", "sarif", "x.yaml"}, ExitUsage},
		{[]string{"init", "-o", existing}, ExitUsage},
		{[]string{"init", "--edition", "2005"}, ExitUsage},
		{[]string{"init", "--date", "tomorrow"}, ExitUsage},
		{[]string{"schema", "answers"}, ExitOK},
		{[]string{"schema", "policy"}, ExitUsage},
		{[]string{"version"}, ExitOK},
		{[]string{"nosuchcommand"}, ExitUsage},
	}
	for _, tt := range tests {
		code, _, errOut := runSoa(t, "", tt.args...)
		if code != tt.want {
			t.Errorf("soa %s: exit %d, want %d\n%s", strings.Join(tt.args, " "), code, tt.want, errOut)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Error("init overwrote a file without --force")
	}
}

// TestWorkbookToStdout: generate -o - writes the workbook to standard
// output, except to a terminal; the null device is no terminal.
func TestWorkbookToStdout(t *testing.T) {
	args := []string{"generate", "../../testdata/examples/saas-cloud.yaml", "-o", "-"}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	var stderr bytes.Buffer
	if code := run(args, strings.NewReader(""), null, &stderr); code != ExitOK {
		t.Errorf("to %s: exit %d: %s", os.DevNull, code, stderr.String())
	}
	// The master side of a pseudo-terminal stands in for a terminal.
	tty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer tty.Close()
	stderr.Reset()
	if code := run(args, strings.NewReader(""), tty, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), "a workbook is binary") {
		t.Errorf("to a terminal: exit %d: %s", code, stderr.String())
	}
}

// TestValidateCellLimits: validate refuses, as generate would, text too
// long for its workbook cell, counted as Excel counts (UTF-16 units).
func TestValidateCellLimits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "long.yaml")
	src := "edition: \"2022\"\norganization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    reasons: [risk]\n" +
		"    status: implemented\n    evidence: [POL-1]\n    notes: \"" + strings.Repeat("😀", 20000) + "\"\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runSoa(t, "", "validate", p)
	want := p + ":11:12: error: control 5.1: notes: 40000 characters as Excel counts them"
	if code != ExitInvalid || !strings.Contains(out, want) {
		t.Errorf("exit %d, output:\n%.300s\nwant %q", code, out, want)
	}
	code, _, errOut := runSoa(t, "", "generate", p, "-o", filepath.Join(dir, "long.xlsx"))
	if code != ExitInvalid || !strings.Contains(errOut, want) {
		t.Errorf("generate: exit %d: %.300s", code, errOut)
	}
}

// TestCellLimitsEverywhere: a text too long for its cell in a workbook of
// either language stops validate (whatever the file's language), gap and
// migrate, as it would stop generate.
func TestCellLimitsEverywhere(t *testing.T) {
	dir := t.TempDir()
	// The Summary sheet's title holds the name after a label, longer in
	// English than in Japanese: this name fits a Japanese workbook only.
	ja := filepath.Join(dir, "ja.yaml")
	src := "edition: \"2022\"\norganization:\n  name: " + strings.Repeat("x", 32760) + "\n  date: 2026-04-01\n  language: ja\ncontrols:\n"
	if err := os.WriteFile(ja, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runSoa(t, "", "validate", ja); code != ExitInvalid || !strings.Contains(out, "organization.name: 32760 characters") {
		t.Errorf("validate: exit %d\n%.400s", code, out)
	}
	if code, _, errOut := runSoa(t, "", "gap", ja); code != ExitUsage || !strings.Contains(errOut, "organization.name: 32760 characters") {
		t.Errorf("gap: exit %d\n%.400s", code, errOut)
	}
	// Two 2013 justifications of 20,000 characters merge into one of 5.1.
	old := filepath.Join(dir, "old.yaml")
	long := strings.Repeat("y", 20000)
	src = "edition: \"2013\"\norganization: {name: X, date: 2026-04-01}\ncontrols:\n" +
		"  A.5.1.1: {applicable: true, reasons: [risk], status: implemented, evidence: [P], justification: " + long + "}\n" +
		"  A.5.1.2: {applicable: true, reasons: [risk], status: implemented, evidence: [P], justification: " + long + "}\n"
	if err := os.WriteFile(old, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "new.yaml")
	code, _, errOut := runSoa(t, "", "migrate", old, "-o", out)
	if code != ExitInvalid || !strings.Contains(errOut, "control 5.1: justification:") || !strings.Contains(errOut, "nothing written") {
		t.Errorf("migrate: exit %d\n%.600s", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("migrate wrote its output")
	}
}
