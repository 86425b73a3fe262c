package cli

import (
	"fmt"
	"github.com/soa-tool/soa/internal/safefile"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
)

// loadCatalog returns the embedded catalogue merged with the files of dir
// (none when dir is ""). Unreadable files are I/O errors (exit 2); invalid
// content comes back as a diag.List.
func loadCatalog(dir string) (*catalog.Catalog, error) {
	base, err := catalog.DefaultFiles()
	if err != nil {
		return nil, fmt.Errorf("read embedded catalogue: %w", err)
	}
	user, err := readCatalogDir(dir)
	if err != nil {
		return nil, err
	}
	return catalog.Load(base, user)
}

// Limits of a catalogue directory (--catalog), so that no folder can cost
// more than seconds and a few hundred megabytes: each file is at most
// yamlfile.MaxSize (8 MiB) and all of them together at most
// MaxCatalogTotal, in at most MaxCatalogFiles files.
const (
	MaxCatalogTotal = 16 << 20
	MaxCatalogFiles = 1000
)

// readCatalogDir reads the *.yaml and *.yml files directly in dir, sorted by
// name so that overlays apply in a predictable order. Only regular files
// are read (a symlink to one is): a FIFO named x.yaml would hang the read,
// and a directory cannot be read; either is an error naming it.
func readCatalogDir(dir string) ([]catalog.File, error) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, readError(dir, err)
	}
	var files []catalog.File
	total := 0
	for _, e := range entries {
		name := e.Name()
		if !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		p := filepath.Join(dir, name)
		if e.IsDir() {
			continue // a folder named x.yaml: not a file, and never was one
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, readError(p, err)
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("catalogue file %s is %s, not a regular file; move it out of %s", displayPath(p), fileKind(fi.Mode()), displayPath(dir))
		}
		if len(files) == MaxCatalogFiles {
			return nil, fmt.Errorf("catalogue directory %s holds more than %d .yaml files, the limit", displayPath(dir), MaxCatalogFiles)
		}
		src, err := readLimited(p)
		if err != nil {
			return nil, err
		}
		if total += len(src); total > MaxCatalogTotal {
			return nil, fmt.Errorf("the catalogue files in %s are larger than %d MiB together, the limit (at %s)", displayPath(dir), MaxCatalogTotal>>20, displayPath(p))
		}
		files = append(files, catalog.File{Name: displayPath(p), Src: src})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("catalogue directory %s holds no .yaml files", dir)
	}
	slices.SortFunc(files, func(a, b catalog.File) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// fileKind names what a file that is not a regular file is.
func fileKind(m os.FileMode) string { return safefile.Kind(m) }
