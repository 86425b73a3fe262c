//go:build unix

package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestNewFileHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	p := filepath.Join(t.TempDir(), "a.yaml")
	if err := Write(p, []byte("x"), Options{}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if got := fi.Mode().Perm(); got != 0o640 {
		t.Errorf("mode %o, want 640 (0666 &^ umask 027)", got)
	}
}

func TestReplaceKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(p, []byte("old"), 0o600)
	os.Chmod(p, 0o600)
	if err := Write(p, []byte("new"), Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %o, want 600 kept", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content %q", b)
	}
}

func TestExistingNeedsOverwrite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := Write(p, []byte("new"), Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("err %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("content %q, want old kept", b)
	}
}

func TestSymlinkWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(real, []byte("old"), 0o600)
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := Write(link, []byte("new"), Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("target holds %q, want new", b)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o600 {
		t.Errorf("target mode %o, want 600", fi.Mode().Perm())
	}
	assertNoTemps(t, dir, 2)
}

func TestOnlyRegularFilesReplaced(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("cannot make a FIFO here:", err)
	}
	sub := filepath.Join(dir, "sub.yaml")
	os.Mkdir(sub, 0o755)
	cases := map[string]string{fifo: "a FIFO", sub: "a directory"}
	if os.Geteuid() == 0 {
		dev := filepath.Join(dir, "null.yaml")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(1<<8|3)); err == nil {
			cases[dev] = "a character device"
		} else {
			t.Log("mknod failed, device case not run:", err)
		}
	} else {
		t.Log("not root: cannot mknod a device; the FIFO and directory cases stand for it")
	}
	for p, want := range cases {
		for _, force := range []bool{false, true} {
			err := Write(p, []byte("x"), Options{Overwrite: force})
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
				t.Errorf("%s force=%v: err %v, want not a regular file (%s) naming it", p, force, err, want)
			}
			fi, _ := os.Lstat(p)
			if fi.Mode().IsRegular() {
				t.Errorf("%s became a regular file", p)
			}
		}
	}
	assertNoTemps(t, dir, len(cases))
}

func TestLongNames(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{240, 250, 255} {
		name := strings.Repeat("a", n-5) + ".yaml"
		if err := Write(filepath.Join(dir, name), []byte("x"), Options{}); err != nil {
			t.Errorf("%d-byte name: %v", n, err)
		}
	}
	// Multi-byte names are cut at a character boundary.
	name := strings.Repeat("あ", 83) + ".yam" // 253 bytes
	if err := Write(filepath.Join(dir, name), []byte("x"), Options{}); err != nil {
		t.Errorf("multi-byte name: %v", err)
	}
	assertNoTemps(t, dir, 4)
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	name, err := writeTemp(filepath.Join(dir, "a.yaml"), []byte("x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); err != nil {
		t.Fatal(err)
	}
	RemoveTemps()
	if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temp file %s left after RemoveTemps", name)
	}
}

func assertNoTemps(t *testing.T, dir string, want int) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if len(entries) != want {
		t.Errorf("%d entries in %s, want %d", len(entries), dir, want)
	}
}

func TestReplaceConflict(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(p, []byte("v1"), 0o644)
	s, err := Read(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p, []byte("v2"), 0o644) // someone else's edit, same size
	if err := Replace(s, []byte("mine")); !errors.Is(err, ErrConflict) {
		t.Fatalf("err %v, want ErrConflict", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "v2" {
		t.Errorf("content %q, want the other edit kept", b)
	}
}

// TestConcurrentEdits runs many edits of one version at once: exactly one
// may succeed, the others must report a conflict, and the file must hold
// the winner's bytes.
func TestConcurrentEdits(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(p, []byte("base\n"), 0o644)
	const n = 20
	snaps := make([]*Snapshot, n)
	for i := range snaps {
		var err error
		if snaps[i], err = Read(p, 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	var wins atomic.Int32
	var winner atomic.Value
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			data := fmt.Sprintf("base\nedit %d\n", i)
			err := Replace(snaps[i], []byte(data))
			switch {
			case err == nil:
				wins.Add(1)
				winner.Store(data)
			case !errors.Is(err, ErrConflict):
				t.Errorf("edit %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d edits succeeded, want exactly 1", wins.Load())
	}
	if b, _ := os.ReadFile(p); string(b) != winner.Load() {
		t.Errorf("file holds %q, want the winner's %q", b, winner.Load())
	}
}

func TestEditUnchangedWritesNothing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(p, []byte("x"), 0o644)
	before, _ := os.Stat(p)
	if err := Edit(p, 100, func(b []byte) ([]byte, error) { return b, nil }); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) {
		t.Error("an edit that changed nothing replaced the file")
	}
}

// TestOnFirstTemp: the hook runs once, before the first temporary file
// exists (a signal handler it installs must be there for it), and not
// again for later writes.
func TestOnFirstTemp(t *testing.T) {
	t.Cleanup(func() { onFirstTemp = &firstTempHook{} })
	dir := t.TempDir()
	calls := 0
	OnFirstTemp(func() {
		calls++
		assertNoTemps(t, dir, 0)
	})
	for _, name := range []string{"a.yaml", "b.yaml"} {
		if err := Write(filepath.Join(dir, name), []byte("x"), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	TrackTemp(filepath.Join(dir, "c.tmp"))
	Untrack(filepath.Join(dir, "c.tmp"))
	if calls != 1 {
		t.Errorf("hook ran %d times, want 1", calls)
	}
}

// TestCheck runs a check beside the write: when it passes the file is
// written; when it fails nothing reaches the path, no temporary file is
// left, and its error wins over the write's own (an existing file without
// Overwrite, a directory in the way); a check that panics panics in Write.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	bad := errors.New("does not read back")
	pass := func() error { return nil }
	fail := func() error { time.Sleep(10 * time.Millisecond); return bad }

	ok := filepath.Join(dir, "ok.yaml")
	if err := Write(ok, []byte("a"), Options{Check: pass}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(ok); string(got) != "a" {
		t.Fatalf("ok.yaml holds %q", got)
	}
	for _, c := range []struct {
		name string
		path string
		opts Options
	}{
		{"new file", filepath.Join(dir, "new.yaml"), Options{Check: fail}},
		{"replaced file", ok, Options{Overwrite: true, Check: fail}},
		{"existing file", ok, Options{Check: fail}},
		{"directory", dir, Options{Overwrite: true, Check: fail}},
	} {
		if err := Write(c.path, []byte("b"), c.opts); !errors.Is(err, bad) {
			t.Errorf("%s: err = %v, want the check's", c.name, err)
		}
	}
	if got, _ := os.ReadFile(ok); string(got) != "a" {
		t.Errorf("ok.yaml holds %q after failed checks", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("new.yaml exists after a failed check (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want ok.yaml only", len(entries))
	}
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the check's panic", r)
		}
	}()
	_ = Write(filepath.Join(dir, "p.yaml"), []byte("c"), Options{Check: func() error { panic("boom") }})
	t.Error("Write returned after the check panicked")
}
