package safefile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// ErrConflict is returned (wrapped) by Replace when the file changed since
// it was read: nothing was written, and the caller should read it again.
var ErrConflict = errors.New("changed since it was read; nothing written")

// Snapshot is a file as Read found it: its bytes and what identifies that
// version of it.
type Snapshot struct {
	// Path is the file asked for; Target the regular file it resolves to
	// through symlinks, the one that is replaced.
	Path, Target string
	Data         []byte
	size         int64
	modTime      time.Time
	dev, ino     uint64
	sum          [sha256.Size]byte
}

// Read reads the regular file at path (through symlinks), at most limit
// bytes (the rest is not read: a parser sees the file as too large), with
// its identity for Replace.
func Read(path string, limit int64) (*Snapshot, error) {
	target, fi, err := resolve(path)
	if err != nil {
		return nil, err
	}
	if fi == nil {
		return nil, &PathError{path, fs.ErrNotExist}
	}
	f, err := os.Open(target)
	if err != nil {
		return nil, &PathError{path, err}
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, &PathError{path, err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &PathError{path, fmt.Errorf("%w (%s)", ErrNotRegular, kind(fi.Mode()))}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit))
	if err != nil {
		return nil, &PathError{path, err}
	}
	s := &Snapshot{Path: path, Target: target, Data: data, size: fi.Size(), modTime: fi.ModTime(), sum: sha256.Sum256(data)}
	s.dev, s.ino = identity(fi)
	return s, nil
}

// Replace writes data over the file s was read from, if the file is still
// the one read: same inode, size, modification time and content. The
// check and the write happen under an exclusive advisory lock (flock where
// the platform has it) that every soa process takes, so of two concurrent
// edits of one version, one succeeds and the other gets ErrConflict.
func Replace(s *Snapshot, data []byte) error {
	for range 10 {
		f, err := os.Open(s.Target)
		if errors.Is(err, fs.ErrNotExist) {
			return &PathError{s.Path, ErrConflict}
		}
		if err != nil {
			return &PathError{s.Path, err}
		}
		err = replaceLocked(f, s, data)
		f.Close()
		if !errors.Is(err, errReplaced) {
			return err
		}
		// The file was renamed over while we waited for the lock of its
		// old inode: the content check on the new one decides.
	}
	return &PathError{s.Path, ErrConflict}
}

var errReplaced = errors.New("replaced while waiting for its lock")

func replaceLocked(f *os.File, s *Snapshot, data []byte) error {
	if err := lock(f); err != nil {
		return &PathError{s.Path, err}
	}
	defer unlock(f)
	locked, err := f.Stat()
	if err != nil {
		return &PathError{s.Path, err}
	}
	now, err := os.Lstat(s.Target)
	if err != nil {
		return &PathError{s.Path, ErrConflict}
	}
	if !os.SameFile(locked, now) {
		return errReplaced
	}
	if !now.Mode().IsRegular() {
		return &PathError{s.Path, fmt.Errorf("%w (%s)", ErrNotRegular, kind(now.Mode()))}
	}
	dev, ino := identity(now)
	if dev != s.dev || ino != s.ino || now.Size() != s.size || !now.ModTime().Equal(s.modTime) {
		return &PathError{s.Path, ErrConflict}
	}
	cur, err := io.ReadAll(io.LimitReader(f, int64(len(s.Data))+1))
	if err != nil {
		return &PathError{s.Path, err}
	}
	if sum := sha256.Sum256(cur); !bytes.Equal(sum[:], s.sum[:]) {
		return &PathError{s.Path, ErrConflict}
	}
	return replace(s.Target, now, data, nil)
}

// Edit reads path, computes its new content with fn and writes it with
// Replace. fn returning an error, or the same bytes, writes nothing.
func Edit(path string, limit int64, fn func(old []byte) ([]byte, error)) error {
	s, err := Read(path, limit)
	if err != nil {
		return err
	}
	out, err := fn(s.Data)
	if err != nil {
		return err
	}
	if bytes.Equal(out, s.Data) {
		return nil
	}
	return Replace(s, out)
}
