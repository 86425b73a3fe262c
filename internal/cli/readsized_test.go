package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAllSized reads files smaller than, as large as and larger than
// the limit, an empty one and a pipe (no size): every byte up to the
// limit, nothing past it.
func TestReadAllSized(t *testing.T) {
	dir := t.TempDir()
	const limit = 1000
	for _, size := range []int{0, 1, 511, 512, 513, limit - 1, limit, limit + 1, 5 * limit} {
		src := bytes.Repeat([]byte("abcdefg\n"), size/8+1)[:size]
		path := filepath.Join(dir, "f")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAllSized(f, limit)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := src[:min(size, limit)]; !bytes.Equal(got, want) {
			t.Errorf("size %d: read %d bytes, want %d", size, len(got), len(want))
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	src := bytes.Repeat([]byte("x"), 3*limit)
	go func() { w.Write(src); w.Close() }()
	got, err := readAllSized(r, limit)
	r.Close()
	if err != nil || len(got) != limit {
		t.Errorf("pipe: read %d bytes (%v), want %d", len(got), err, limit)
	}
}
