package yamlfile

import (
	"os"
	"testing"

	"go.yaml.in/yaml/v3"
)

// BenchmarkParse parses the example answers file (38 KB), against the floor
// of yaml.v3 itself: one yaml.Unmarshal into a node tree, the cheapest way
// the library reads a document. What Parse adds (the checks of size, UTF-8,
// a second document, aliases) is the difference.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, err := Parse("saas-cloud.yaml", src); err != nil {
				b.Fatal(err)
			}
		}
	})
}
