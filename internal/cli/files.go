package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/soa-tool/soa/internal/safefile"
	"github.com/soa-tool/soa/internal/termsafe"
	"github.com/soa-tool/soa/internal/yamlfile"
)

// maxInput is one byte over the parser's limit, so that the parser, not a
// read error, reports an oversized file with its name.
const maxInput = yamlfile.MaxSize + 1

// readLimited reads at most maxInput bytes of a file.
func readLimited(path string) ([]byte, error) { return readUpTo(path, maxInput) }

// readUpTo reads at most limit bytes of the file path.
func readUpTo(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	src, err := readAllSized(f, limit)
	if err != nil {
		return nil, readError(path, err)
	}
	return src, nil
}

// readAllSized reads at most limit bytes of f into a buffer sized from
// f's size, as os.ReadFile does: io.ReadAll grows its buffer step by step,
// leaving twice a file's size in garbage. The size is only a hint (a file
// may grow while it is read, a pipe has none).
func readAllSized(f *os.File, limit int64) ([]byte, error) {
	size := int64(512)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = min(fi.Size()+1, limit)
	}
	return readAllInto(make([]byte, 0, size), io.LimitReader(f, limit))
}

// readAllInto is io.ReadAll reading into buf.
func readAllInto(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
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
// otherwise to the file path as writeFileAtomic does.
func writeOutput(stdout io.Writer, path string, data []byte, force bool, inputs []string) error {
	return writeOutputChecked(stdout, path, data, force, inputs, nil)
}

// writeOutputChecked is writeOutput with a last check of data (nil for
// none) that must pass for anything to be written: it runs beside the
// write of a file (safefile.Options.Check: its time hides behind the
// disk's), before the write to standard output, and its error wins over
// any other.
func writeOutputChecked(stdout io.Writer, path string, data []byte, force bool, inputs []string, check func() error) error {
	verdict := func(err error) error {
		if check != nil {
			if cerr := check(); cerr != nil {
				return cerr
			}
		}
		return err
	}
	if path == stdoutName {
		if err := verdict(nil); err != nil {
			return err
		}
		_, err := stdout.Write(data)
		return err
	}
	if err := notAnInput(path, inputs); err != nil {
		return verdict(err)
	}
	return writeError(path, safefile.Write(path, data, safefile.Options{Overwrite: force, Check: check}))
}

// writeFileAtomic writes data to path with safefile.Write: path never
// holds a partial file, only a regular file is ever replaced, a symlink is
// written through, and a replaced file keeps its mode. An existing file is
// kept unless force is set, so that nothing a user edited is overwritten
// without being asked; a file that is one of inputs (the same file by
// identity, whatever its name) is never overwritten.
func writeFileAtomic(path string, data []byte, force bool, inputs []string) error {
	if err := notAnInput(path, inputs); err != nil {
		return err
	}
	return writeError(path, safefile.Write(path, data, safefile.Options{Overwrite: force}))
}

// writeError turns safefile's errors into messages that name the file
// and say what to do, with the usage exit code for the user's mistakes.
func writeError(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, safefile.ErrExists):
		return &exitErr{code: ExitUsage, err: fmt.Errorf("%s already exists; use --force to overwrite it", displayPath(path))}
	case errors.Is(err, safefile.ErrNotRegular):
		var pe *safefile.PathError
		errors.As(err, &pe)
		return &exitErr{code: ExitUsage, err: fmt.Errorf("%s is %w; soa writes only regular files, --force or not", displayPath(path), pe.Err)}
	case errors.Is(err, safefile.ErrConflict):
		return &exitErr{code: ExitUsage, err: fmt.Errorf("%s changed while soa was working on it (another soa run, an editor, the web page); nothing written; run again", displayPath(path))}
	}
	if ee := (*exitErr)(nil); errors.As(err, &ee) {
		return err // a check's verdict (writeOutputChecked), a message of its own
	}
	var pe *safefile.PathError
	if errors.As(err, &pe) {
		err = pe.Err
		var ope *os.PathError
		if errors.As(err, &ope) {
			err = ope.Err
		}
	}
	return fmt.Errorf("write %s: %w", displayPath(path), err)
}

// notAnInput refuses an output that is the same file as one of inputs,
// by identity (so ./a.yaml, a symlink to it or a hard link are caught).
// "-" stands for standard input, compared when it is a file.
func notAnInput(output string, inputs []string) error {
	out, err := os.Stat(output)
	if err != nil {
		return nil // nothing there yet (or unreadable: the write says why)
	}
	for _, in := range inputs {
		var fi os.FileInfo
		if in == stdoutName {
			fi, err = os.Stdin.Stat()
		} else {
			fi, err = os.Stat(in)
		}
		if err == nil && os.SameFile(out, fi) {
			name := displayPath(in)
			if in == stdoutName {
				name = "standard input"
			}
			return &exitErr{code: ExitUsage, err: fmt.Errorf("%s is the input %s; soa never writes over its input, --force or not; choose another output", displayPath(output), name)}
		}
	}
	return nil
}

// forTerminal wraps w in a termsafe.Writer when format is one of the
// formats for people (text, table, markdown), so that no text from a file
// can reach the terminal or a CI log with a control character in it; the
// data formats (json, csv, yaml) escape, or carry, text as they define.
func forTerminal(w io.Writer, format string, textFormats ...string) io.Writer {
	if slices.Contains(textFormats, format) {
		return termsafe.NewWriter(w)
	}
	return w
}

// inputFiles lists the files a command reads: the catalogue directory's
// files and paths, for notAnInput.
func inputFiles(catalogDir string, paths ...string) []string {
	out := append([]string(nil), paths...)
	if catalogDir != "" {
		if entries, err := os.ReadDir(catalogDir); err == nil {
			for _, e := range entries {
				out = append(out, filepath.Join(catalogDir, e.Name()))
			}
		}
	}
	return out
}
