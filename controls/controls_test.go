package controls

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFilesListed: Files holds every catalogue file of this folder, in
// name order, each with the text the file has.
func TestFilesListed(t *testing.T) {
	paths, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range Files {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, paths) {
		t.Fatalf("Files lists %q; the folder has %q: embed and list every catalogue file", names, paths)
	}
	for _, f := range Files {
		src, err := os.ReadFile(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Text != string(src) {
			t.Errorf("%s: the embedded text differs from the file", f.Name)
		}
	}
}
