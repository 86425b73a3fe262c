//go:build !unix

package cli

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
)

// execCompanion runs path as a child with this process's streams and
// exits as it does; Ctrl-C reaches the child, which stops the page, while
// this process waits for it.
func execCompanion(path string, args, env []string) error {
	c := exec.Command(path, args...)
	c.Env, c.Stdin, c.Stdout, c.Stderr = env, os.Stdin, os.Stdout, os.Stderr
	signal.Ignore(os.Interrupt)
	err := c.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit):
		return reported(exit.ExitCode())
	default:
		return usageError("serve: run %s: %v", path, err)
	}
}
