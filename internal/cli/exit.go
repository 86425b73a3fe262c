package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/soa-tool/soa/internal/diag"
)

// Exit codes. They are part of soa's interface: CI jobs branch on them, so
// they never change meaning. The README lists them.
const (
	// ExitOK: the command did what was asked (there may be warnings).
	ExitOK = 0
	// ExitInvalid: the input is invalid (validate, catalog validate,
	// generate), or findings at or above --fail-on were found (gap).
	ExitInvalid = 1
	// ExitUsage: a usage error (bad flag or argument), an I/O error, or
	// anything else that stopped soa from doing the job.
	ExitUsage = 2
)

const exitHelp = `Exit codes:
  0  success (warnings may have been printed)
  1  invalid input, or findings at or above --fail-on
  2  usage error, I/O error, or soa could not do the job`

// exitErr carries an exit code. A nil err means the problem was already
// reported (diagnostics were printed) and only the code is left to give.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitErr) Unwrap() error { return e.err }

// usageError marks a problem with flags or arguments.
func usageError(format string, args ...any) error {
	return &exitErr{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// reported returns an error that only sets the exit code.
func reported(code int) error { return &exitErr{code: code} }

// exitCode prints err (once) and returns the process exit code for it.
func exitCode(stderr io.Writer, err error) int {
	if err == nil {
		return ExitOK
	}
	var l diag.List
	if errors.As(err, &l) {
		// Input problems that reached here unhandled: print them as they are.
		_ = diag.Write(stderr, "text", l)
		return ExitInvalid
	}
	code := ExitUsage
	var ee *exitErr
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
	}
	fmt.Fprintf(stderr, "soa: %v\n", err)
	return code
}
