package yamlfile

import (
	"strings"
	"testing"
)

// TestSyntaxErrorPositions: every syntax error names a line and column,
// on the line of the offending text (yaml.v3's own line is missing on the
// first line and off by one for parser errors).
func TestSyntaxErrorPositions(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"organization:\n  name: \"Example KK\n  date: 2026-04-01\n", "f.yaml:2:3: error: invalid YAML: found unexpected end of stream"},
		{"a: b: c\n", "f.yaml:1:1: error: invalid YAML: mapping values are not allowed in this context"},
		{"a:\n  - x\n  y: z\n", "f.yaml:3:3: error: invalid YAML: did not find expected '-' indicator"},
		{"a: [1, 2\nb: 3\n", "f.yaml:2:1: error: invalid YAML: did not find expected ',' or ']'"},
		{"controls:\n  \"5.1\":\n    applicable: true\n   status: x\n  \"5.2\": y\n", "f.yaml:4:4: error: invalid YAML: did not find expected key"},
		{"x: 1\nkey: \"bad \\q escape\"\nother: 2\n", "f.yaml:2:1: error: invalid YAML: found unknown escape character"},
		{"a: 1\na\n", "f.yaml:2:1: error: invalid YAML: could not find expected ':'"},
		{"a: 1\n\n\nb: [x\n\n", "f.yaml:4:1: error: invalid YAML: did not find expected ',' or ']'"},
	} {
		_, err := Parse("f.yaml", []byte(tt.src))
		if err == nil || strings.TrimSpace(err.Error()) != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}
