package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/safefile"
	"github.com/soa-tool/soa/internal/yamlfile"
)

// validName reports whether name is a plain answers file name: no
// directory, no hidden file, ending in .yaml or .yml.
func validName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`+"\x00") && !strings.HasPrefix(name, ".") &&
		(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"))
}

// files lists the answers files served, in name order.
func (s *Server) files() ([]string, error) {
	if s.cfg.File != "" {
		out := []string{s.cfg.File}
		s.state.Lock()
		for f := range s.migrated {
			out = append(out, f)
		}
		s.state.Unlock()
		slices.Sort(out)
		return out, nil
	}
	entries, err := os.ReadDir(s.root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); validName(n) && (e.Type().IsRegular() || e.Type()&os.ModeSymlink != 0) {
			out = append(out, n)
		}
	}
	return out, nil
}

var errNotServed = errors.New("no such answers file here")

// resolve returns the real path of the answers file name, which must be
// one of the files served and, symlinks followed, inside the served
// directory.
func (s *Server) resolve(name string) (string, error) {
	if !validName(name) {
		return "", errNotServed
	}
	files, err := s.files()
	if err != nil {
		return "", err
	}
	if !slices.Contains(files, name) {
		return "", errNotServed
	}
	real, err := filepath.EvalSymlinks(filepath.Join(s.root, name))
	if err != nil {
		return "", errNotServed
	}
	if !within(s.root, real) {
		return "", fmt.Errorf("%s leads outside the served directory: %w", name, errNotServed)
	}
	return real, nil
}

// within reports whether path is inside dir (both clean and absolute).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// readFile reads at most one byte over the parser's limit, so that the
// parser reports an oversized file.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, yamlfile.MaxSize+1))
}

// version names the bytes a page was rendered from.
func version(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:16])
}

// errConflict says the file on disk is no longer what the edit was made to.
var errConflict = errors.New("the file changed on disk")

// writeIfUnchanged replaces the file at path (symlinks already resolved)
// with new, provided it still holds old. It goes through safefile, the one
// way soa edits a file in place (import --into too): under an exclusive
// advisory lock every soa process takes, the file is read again and
// compared, then new is written atomically, keeping the file's mode and
// owner. It returns errConflict when the file changed, whether before the
// lock (another tab, an editor, git pull) or while waiting for it (a CLI
// import at the same moment).
func writeIfUnchanged(path string, old, new []byte) error {
	err := safefile.Edit(path, yamlfile.MaxSize+1, func(cur []byte) ([]byte, error) {
		if !bytes.Equal(cur, old) {
			return nil, errConflict
		}
		return new, nil
	})
	if errors.Is(err, safefile.ErrConflict) {
		return errConflict
	}
	return err
}

// createNew writes data to path, which must not exist yet (atomically,
// honouring the umask; see safefile).
func createNew(path string, data []byte) error {
	err := safefile.Write(path, data, safefile.Options{})
	if errors.Is(err, safefile.ErrExists) {
		return os.ErrExist
	}
	return err
}
