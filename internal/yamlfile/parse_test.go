package yamlfile

import (
	"os"
	"strings"
	"testing"
	"unsafe"
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

// TestParseOwned: ParseOwned reads a file into the tree Parse makes, its
// values pointing into the text it was handed (the copy it saves), and
// Parse's into a copy, so that a caller that reuses its buffer keeps its
// tree.
func TestParseOwned(t *testing.T) {
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		t.Fatal(err)
	}
	copied, err := Parse("a.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	owned, err := ParseOwned("a.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if d := treeDiff(copied, owned, "root"); d != "" {
		t.Fatalf("ParseOwned and Parse differ at %s", d)
	}
	within := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		start := uintptr(unsafe.Pointer(&src[0]))
		return p >= start && p < start+uintptr(len(src))
	}
	key := owned.Content[0] // the first key, a plain scalar: a slice of the text
	if !within(key.Value) {
		t.Errorf("ParseOwned copied the text: %q is not in src", key.Value)
	}
	if within(copied.Content[0].Value) {
		t.Errorf("Parse kept pointing into src: %q", copied.Content[0].Value)
	}
	before := copied.Content[0].Value
	for i := range src {
		src[i] = 'x'
	}
	if copied.Content[0].Value != before {
		t.Errorf("Parse's tree changed with the buffer it was given")
	}
}

// TestMappingReused: each call returns its mapping's pairs, in memory the
// call before used once that one's pairs are no longer needed.
func TestMappingReused(t *testing.T) {
	root, err := Parse("m.yaml", []byte("a: {x: 1, y: 2, z: 3}\nb: {w: 4}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := &Reader{File: "m.yaml"}
	top, _ := r.Mapping(root, At{}, nil)
	first, ok := r.MappingReused(top[0].Value, At{}, nil)
	if !ok || len(first) != 3 || first[2].Key != "z" {
		t.Fatalf("first = %v", first)
	}
	p := &first[0]
	second, ok := r.MappingReused(top[1].Value, At{}, nil)
	if !ok || len(second) != 1 || second[0].Key != "w" || second[0].Value.Value != "4" {
		t.Fatalf("second = %v", second)
	}
	if &second[0] != p {
		t.Error("the second call did not reuse the first's memory")
	}
	if len(r.Diags) != 0 {
		t.Errorf("diagnostics: %v", r.Diags)
	}
}
