package catalog_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
)

// FuzzLoad feeds arbitrary bytes to the loader as a user's catalogue file:
// it must never panic, and every failure must be a diag.List. The seeds are
// the small catalogues of testdata (the bundled ones, 90 KB, made the
// fuzzer spend minutes minimizing); each run loads the bundled catalogue
// too, some 20 ms, so that overlays and mappings onto it are exercised.
func FuzzLoad(f *testing.F) {
	for _, pattern := range []string{"../../testdata/catalog/*/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	base, err := catalog.DefaultFiles()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := catalog.Load(base, []catalog.File{{Name: "fuzz.yaml", Src: src}})
		var l diag.List
		if err != nil && !errors.As(err, &l) {
			t.Fatalf("error is %T, not diag.List: %v", err, err)
		}
	})
}
