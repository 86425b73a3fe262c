package catalog

import (
	"path"
	"unsafe"

	"github.com/soa-tool/soa/controls"
)

// DefaultFiles returns the embedded catalogue files, named by their
// repository path ("controls/annex-a-2022.yaml"), in name order.
//
// Their Src is the binary's own bytes, which the embedded strings hold,
// not a copy (87 KB, and a page fault for every 4 KB of it, in every run):
// nothing may write to it. Nothing does: the loader parses and checksums
// a file's bytes and keeps none of them.
func DefaultFiles() ([]File, error) {
	files := make([]File, 0, len(controls.Files))
	for _, f := range controls.Files {
		src := unsafe.Slice(unsafe.StringData(f.Text), len(f.Text))
		files = append(files, File{Name: path.Join(controls.Dir, f.Name), Src: src})
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
