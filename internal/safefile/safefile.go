// Package safefile writes files so that nothing is lost or corrupted: the
// data goes to a temporary file beside the target, which is synced and
// renamed into place, so a reader sees the old file or the new one, never
// a part. Only regular files are ever replaced; a symlink is written
// through (the link stays, its target changes); a new file gets the
// permissions the umask allows, and a replaced one keeps its mode and,
// where the process may set it, its owner. Temporary files are tracked so
// that a signal handler can remove them (RemoveTemps); OnFirstTemp lets the
// handler be installed only once there is something to remove.
//
// Edit and Replace edit a file in place safely against other writers: the
// file is read with its identity, and the new bytes are written only if,
// under an advisory lock, the file is still what was read.
//
// Atomic replacement gives the path a new inode, so other hard links to the
// old file keep the old content.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"unicode/utf8"
)

// ErrExists is returned (wrapped) when the target exists and Overwrite is
// not set.
var ErrExists = errors.New("already exists")

// ErrNotRegular is returned (wrapped) when the target is a directory,
// device, FIFO, socket or anything else but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Options says how Write treats an existing file.
type Options struct {
	// Overwrite allows replacing an existing regular file.
	Overwrite bool
	// Check, when set, is a last check of data that runs on another
	// goroutine while the data is written and synced to the temporary
	// file, so that its time is hidden behind the disk's. When it fails,
	// nothing reaches path and its error is what Write returns, whatever
	// else went wrong: the same outcome as checking before writing.
	Check func() error
}

// PathError names the path a write failed for.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

// Write writes data to path atomically (see the package comment).
func Write(path string, data []byte, opts Options) error {
	check := startCheck(opts.Check)
	target, fi, err := resolve(path)
	if err != nil {
		return check.wait(err)
	}
	if fi != nil && !opts.Overwrite {
		return check.wait(&PathError{path, ErrExists})
	}
	if opts.Overwrite {
		return replace(target, fi, data, check)
	}
	return create(target, data, check)
}

// pendingCheck is an Options.Check running on its own goroutine.
type pendingCheck struct {
	done chan checkResult
}

type checkResult struct {
	err    error
	panicV any // what the check panicked with, raised again by wait
}

func startCheck(fn func() error) *pendingCheck {
	if fn == nil {
		return nil
	}
	c := &pendingCheck{done: make(chan checkResult, 1)}
	go func() {
		var r checkResult
		defer func() {
			if v := recover(); v != nil {
				r.panicV = v
			}
			c.done <- r
		}()
		r.err = fn()
	}()
	return c
}

// wait waits for the check and returns its error, or else err. A check
// that panicked panics again here, on the writer's goroutine.
func (c *pendingCheck) wait(err error) error {
	if c == nil {
		return err
	}
	r := <-c.done
	if r.panicV != nil {
		panic(r.panicV)
	}
	if r.err != nil {
		return r.err
	}
	return err
}

// resolve follows symlinks at path to the file to write and returns it with
// its FileInfo (nil when it does not exist). A dangling symlink resolves to
// where it points. Anything there that is not a regular file is an error.
func resolve(path string) (string, fs.FileInfo, error) {
	target := path
	for range 40 {
		fi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			return target, nil, nil
		}
		if err != nil {
			return "", nil, &PathError{path, err}
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			if !fi.Mode().IsRegular() {
				return "", nil, &PathError{path, fmt.Errorf("%w (%s)", ErrNotRegular, kind(fi.Mode()))}
			}
			return target, fi, nil
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", nil, &PathError{path, err}
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	return "", nil, &PathError{path, errors.New("too many levels of symbolic links")}
}

// Kind names a file mode that is not a regular file's, for messages: "a
// directory", "a FIFO", "a character device" …
func Kind(m fs.FileMode) string { return kind(m) }

// kind names a file mode for messages.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeDevice != 0 && m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// create writes a new file at target: linking the temporary file into place
// fails if target appeared meanwhile, so it is never overwritten.
func create(target string, data []byte, check *pendingCheck) error {
	tmp, err := writeTemp(target, data, nil)
	if err != nil {
		return check.wait(err)
	}
	defer removeTemp(tmp)
	if err := check.wait(nil); err != nil {
		return err
	}
	if err := os.Link(tmp, target); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &PathError{target, ErrExists}
		}
		// A file system without hard links: rename, after checking again.
		if _, err := os.Lstat(target); err == nil {
			return &PathError{target, ErrExists}
		}
		if err := os.Rename(tmp, target); err != nil {
			return &PathError{target, err}
		}
	}
	return nil
}

// replace renames a temporary file over target, keeping old's mode and
// owner when there was an old file.
func replace(target string, old fs.FileInfo, data []byte, check *pendingCheck) error {
	tmp, err := writeTemp(target, data, old)
	if err != nil {
		return check.wait(err)
	}
	defer removeTemp(tmp)
	if err := check.wait(nil); err != nil {
		return err
	}
	// The file may have been swapped for something else since resolve.
	if fi, err := os.Lstat(target); err == nil && !fi.Mode().IsRegular() {
		return &PathError{target, fmt.Errorf("%w (%s)", ErrNotRegular, kind(fi.Mode()))}
	}
	if err := os.Rename(tmp, target); err != nil {
		return &PathError{target, err}
	}
	return nil
}

// maxNameBytes is the longest file name most file systems allow.
const maxNameBytes = 255

// tempName returns a hidden name in target's directory that stays within
// the file name limit however long target's name is. Its 48 random bits
// come from math/rand/v2's generator, which the runtime seeds from the
// system's randomness at start: the name need only not collide (the file
// is created exclusively, and another name tried if it exists), and
// crypto/rand's first read cost every written file a system call and
// eight page faults of code (issue 17).
func tempName(target string) string {
	suffix := fmt.Sprintf(".%012x.tmp", rand.Uint64()&(1<<48-1))
	base := filepath.Base(target)
	if limit := maxNameBytes - 1 - len(suffix); len(base) > limit {
		base = base[:limit]
		for len(base) > 0 && !utf8.ValidString(base) {
			base = base[:len(base)-1]
		}
	}
	return filepath.Join(filepath.Dir(target), "."+base+suffix)
}

// writeTemp writes data to a new temporary file beside target and syncs
// it. A new file is created with mode 0666 so that the kernel applies the
// umask; with old set, the file takes old's mode and owner.
func writeTemp(target string, data []byte, old fs.FileInfo) (string, error) {
	firstTemp()
	var f *os.File
	var name string
	var err error
	for range 10 {
		name = tempName(target)
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", &PathError{target, err}
	}
	track(name)
	fail := func(err error) (string, error) {
		f.Close()
		removeTemp(name)
		return "", &PathError{target, err}
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if old != nil {
		keepOwner(f, old)
		if err := f.Chmod(old.Mode().Perm() | old.Mode()&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)); err != nil {
			return fail(err)
		}
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		removeTemp(name)
		return "", &PathError{target, err}
	}
	return name, nil
}

var temps = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

func track(name string) {
	temps.Lock()
	temps.names[name] = true
	temps.Unlock()
}

// TrackTemp registers a temporary file or directory someone else created
// (the workbook reader's scratch directory) for RemoveTemps; Untrack
// forgets it once it is gone.
func TrackTemp(name string) {
	firstTemp()
	track(name)
}

// onFirstTemp is the function OnFirstTemp set, and the once that runs it.
var onFirstTemp = &firstTempHook{}

type firstTempHook struct {
	once sync.Once
	fn   func()
}

// OnFirstTemp sets fn to run once, before the process creates its first
// temporary file (before the file exists, so that a signal handler fn
// installs is in place for it) or tracks the first one with TrackTemp.
// Set it before any write.
func OnFirstTemp(fn func()) { onFirstTemp.fn = fn }

func firstTemp() {
	if onFirstTemp.fn != nil {
		onFirstTemp.once.Do(onFirstTemp.fn)
	}
}

// Untrack forgets a name given to TrackTemp.
func Untrack(name string) {
	temps.Lock()
	delete(temps.names, name)
	temps.Unlock()
}

func removeTemp(name string) {
	os.Remove(name)
	Untrack(name)
}

// RemoveTemps removes every temporary file this process still has, for a
// signal handler to call before exiting.
func RemoveTemps() {
	temps.Lock()
	defer temps.Unlock()
	for name := range temps.names {
		os.RemoveAll(name)
		delete(temps.names, name)
	}
}
