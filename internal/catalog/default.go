package catalog

import (
	"io/fs"
	"path"

	"github.com/soa-tool/soa/controls"
)

// DefaultFiles returns the embedded catalogue files, named by their
// repository path ("controls/annex-a-2022.yaml"), in name order.
func DefaultFiles() ([]File, error) {
	names, err := fs.Glob(controls.FS, "*.yaml")
	if err != nil {
		return nil, err
	}
	files := make([]File, 0, len(names))
	for _, name := range names {
		src, err := controls.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: path.Join(controls.Dir, name), Src: src})
	}
	return files, nil
}

// Default returns the embedded catalogue.
func Default() (*Catalog, error) {
	files, err := DefaultFiles()
	if err != nil {
		return nil, err
	}
	return Load(files, nil)
}
