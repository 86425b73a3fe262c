package main

import (
	"errors"
	"os/exec"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdExitCode runs a command and checks its exact exit code, which `! exec`
// cannot do: "exitcode 2 soa controls --bogus". Its stdout and stderr are
// kept for the following cmp/stdout/stderr commands.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		got = ee.ExitCode()
	default:
		// testscript wraps the exit status in its own error text.
		got = parseExit(err.Error())
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d (%v)", got, want, err)
	}
}

func parseExit(s string) int {
	const p = "exit status "
	for i := 0; i+len(p) <= len(s); i++ {
		if s[i:i+len(p)] == p {
			n, err := strconv.Atoi(s[i+len(p):])
			if err == nil {
				return n
			}
		}
	}
	return -1
}
