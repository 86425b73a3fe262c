package catalog

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/internal/termsafe"
)

// FuzzParseFile: the parser of one catalogue file, alone (thousands of
// runs a second): no panic, and no control character in an id, title or
// theme it accepts.
func FuzzParseFile(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/catalog/*/*.yaml")
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("set: {id: x, title: \"a\\e\", prefix: X}\ncontrols:\n  - {id: X.1, title: \"t\\n\"}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, l := parseFile(File{Name: "fuzz.yaml", Src: src})
		if p == nil || l.HasErrors() || p.set == nil {
			return
		}
		for _, c := range p.set.Controls {
			for _, s := range []string{c.ID, c.Title, c.Theme} {
				for _, r := range s {
					if termsafe.Control(r) {
						t.Fatalf("control %q: accepted %q", c.ID, s)
					}
				}
			}
		}
	})
}
