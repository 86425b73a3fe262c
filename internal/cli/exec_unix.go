//go:build unix

package cli

import "syscall"

// execCompanion replaces this process with path: the companion gets the
// terminal, the signals and the exit code, as if it had been run itself.
func execCompanion(path string, args, env []string) error {
	err := syscall.Exec(path, append([]string{path}, args...), env)
	return usageError("serve: run %s: %v", path, err)
}
