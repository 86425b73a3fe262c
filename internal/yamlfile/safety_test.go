package yamlfile

import (
	"fmt"
	"strings"
	"testing"
)

// TestControlCharacters: control characters, which quoted YAML can hold
// as escapes, are reported at the value with the character escaped; line
// breaks only where the field allows several lines.
func TestControlCharacters(t *testing.T) {
	src := "owner: \"a\\e[31mb\"\njustification: \"two\\nlines\"\nname: \"one\\nline\"\nnotes: \"nel\\N\"\n\"k\\aey\": x\ntabbed: \"a\\tb\"\ncr: \"a\\rb\"\n"
	root, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := &Reader{File: "f.yaml"}
	fields, _ := r.Mapping(root, At{}, nil)
	for _, f := range fields {
		r.String(f.Value, At{Field: f.Key})
	}
	want := []string{
		`f.yaml:1:8: error: owner: holds a control character (\x1b, character 2); remove it`,
		`f.yaml:3:7: error: name: holds a line break, which this field does not allow (\n, character 4); remove it`,
		`f.yaml:4:8: error: notes: holds a line break, which this field does not allow (\u0085, character 4); remove it`,
		`f.yaml:5:1: error: k\x07ey: holds a control character (\x07, character 2); remove it`,
		`f.yaml:7:5: error: cr: holds a line break, which this field does not allow (\r, character 2); remove it`,
	}
	r.Diags.Sort()
	if got := r.Diags.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestDuplicateKeysLinear: 100,000 keys (54 s when every key was compared
// with every other) are checked in well under a second.
func TestDuplicateKeysLinear(t *testing.T) {
	var b strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	b.WriteString("k7: again\n")
	root, err := Parse("f.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	r := &Reader{File: "f.yaml"}
	// Its speed is BenchmarkMappingKeys' to say: linear in the keys.
	fields, _ := r.Mapping(root, At{}, nil)
	if len(fields) != 100_000 || len(r.Diags) != 1 || !strings.Contains(r.Diags[0].Msg, `duplicate key "k7" (first defined at line 8)`) {
		t.Errorf("%d fields, diags %v", len(fields), r.Diags)
	}
}

// BenchmarkMappingKeys reads mappings of 10,000 and 100,000 keys: the time
// per key stays the same (the duplicate check was quadratic: 54 s for
// 100,000 keys).
func BenchmarkMappingKeys(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		var src strings.Builder
		for i := range n {
			fmt.Fprintf(&src, "k%d: v\n", i)
		}
		root, err := Parse("f.yaml", []byte(src.String()))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				r := &Reader{File: "f.yaml"}
				r.Mapping(root, At{}, nil)
			}
		})
	}
}
