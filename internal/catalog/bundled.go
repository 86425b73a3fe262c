package catalog

import (
	"hash/crc32"
	"strings"
	"unsafe"

	"github.com/soa-tool/soa/controls"
)

// The bundled catalogue is decoded at build time: bundled_gen.go holds the
// parse of each embedded YAML file as Go, so that a run does not spend
// milliseconds decoding 87 KB of YAML that never changes, and the
// catalogue Load makes of them alone (bundledCatalog), which a run without
// --catalog uses as it is. A test (TestBundledGenerated) decodes and loads
// the YAML and compares, so the two cannot drift; after editing a file in
// controls/, regenerate with
//
//	go generate ./internal/catalog
//
// (if bundled_gen.go no longer compiles, add -tags soa_nogen to the go test
// command below: it builds without it, from the YAML).
//
//go:generate go test -run ^TestBundledGenerated$ . -update

// bundledFile is one embedded catalogue file decoded at build time: the
// size and checksum (see checksum) of the bytes it was decoded from, and a function that
// returns a fresh copy of the result (Load changes what it is given).
type bundledFile struct {
	name  string
	size  int
	crc   uint32
	parse func() *parsed
}

// bundled returns the build-time parse of f, when f is a bundled file with
// the bytes it was generated from; else nil, and f is decoded from its YAML
// (as tests that edit the bundled files rely on).
func bundled(f File) *parsed {
	for _, b := range bundledFiles {
		if b.name == f.Name && b.size == len(f.Src) && b.crc == checksum(f.Src) {
			return b.parse()
		}
	}
	return nil
}

// checksum is the CRC-32 (IEEE) of src, which tells the bytes a bundled
// file was generated from from an edited copy. IEEE rather than
// Castagnoli: its first use costs about 25 µs, where Castagnoli builds
// tables over 1.5 MB of zeros first (about 250 µs of every command).
func checksum(src []byte) uint32 { return crc32.ChecksumIEEE(src) }

// isBundled reports whether files are the embedded catalogue files as
// DefaultFiles returns them: their names, in order, and the very bytes of
// the binary, of the sizes bundled_gen.go was generated from. Those are
// the bytes bundledCatalog was made of (TestBundledGenerated); a file
// edited since changes its size or fails that test, and a copy of the
// bytes, as tests make to edit them, is not the binary's own.
func isBundled(files []File) bool {
	if len(files) != len(controls.Files) || len(files) != len(bundledFiles) {
		return false
	}
	for i, e := range controls.Files {
		f := files[i]
		if !isEmbeddedName(f.Name, e.Name) || len(f.Src) != len(e.Text) || len(f.Src) != bundledFiles[i].size ||
			unsafe.SliceData(f.Src) != unsafe.StringData(e.Text) {
			return false
		}
	}
	return true
}

// isEmbeddedName reports whether name is path.Join(controls.Dir, base),
// without making that string.
func isEmbeddedName(name, base string) bool {
	dir, rest, ok := strings.Cut(name, "/")
	return ok && dir == controls.Dir && rest == base
}
