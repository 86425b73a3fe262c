package cli

import (
	"fmt"
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

// readCatalogDir reads the *.yaml and *.yml files directly in dir, sorted by
// name so that overlays apply in a predictable order.
func readCatalogDir(dir string) ([]catalog.File, error) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, readError(dir, err)
	}
	var files []catalog.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		p := filepath.Join(dir, name)
		src, err := readLimited(p)
		if err != nil {
			return nil, err
		}
		files = append(files, catalog.File{Name: displayPath(p), Src: src})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("catalogue directory %s holds no .yaml files", dir)
	}
	slices.SortFunc(files, func(a, b catalog.File) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}
