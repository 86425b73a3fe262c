package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/soa-tool/soa/internal/yamlfile"
)

// maxInput is one byte over the parser's limit, so that the parser, not a
// read error, reports an oversized file with its name.
const maxInput = yamlfile.MaxSize + 1

// readLimited reads at most maxInput bytes of a file.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxInput))
	if err != nil {
		return nil, readError(path, err)
	}
	return src, nil
}

// readError says which file could not be read and why, without repeating
// the path that *os.PathError carries.
func readError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot read %s: %w", displayPath(path), err)
}

// displayPath returns p as users should see it in messages: relative to the
// working directory when that is shorter, with forward slashes.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !filepath.IsAbs(rel) && len(rel) < len(p) && rel[:min(2, len(rel))] != ".." {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// stdoutName is the -o value that means standard output, for every command
// that writes a file.
const stdoutName = "-"

// writeOutput writes data to standard output when path is "-", and
// otherwise to the file path with writeFileAtomic.
func writeOutput(stdout io.Writer, path string, data []byte, force bool) error {
	if path == stdoutName {
		_, err := stdout.Write(data)
		return err
	}
	return writeFileAtomic(path, data, force)
}

// writeFileAtomic writes data to path so that path never holds a partial
// file: the data goes to a temporary file in the same directory, which is
// synced and renamed into place. An existing file is kept unless force is
// set, so that nothing a user edited is overwritten without being asked.
func writeFileAtomic(path string, data []byte, force bool) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return &exitErr{code: ExitUsage, err: fmt.Errorf("%s already exists; use --force to overwrite it", displayPath(path))}
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", displayPath(path), err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", displayPath(path), err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", displayPath(path), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", displayPath(path), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", displayPath(path), err)
	}
	if force {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("write %s: %w", displayPath(path), err)
		}
		ok = true
		return nil
	}
	// Link fails if path exists, so a file that appeared since the check
	// above (another soa writing the same name) is never overwritten.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return &exitErr{code: ExitUsage, err: fmt.Errorf("%s already exists; use --force to overwrite it", displayPath(path))}
		}
		// A file system without hard links: fall back to rename.
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("write %s: %w", displayPath(path), err)
		}
		ok = true
		return nil
	}
	os.Remove(tmp.Name())
	ok = true
	return nil
}
