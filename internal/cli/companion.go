package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
)

// The web page of `soa serve` lives in a companion binary, soa-serve, the
// way git runs git-* commands: without it, `soa version` takes 12 % fewer
// page faults and `soa validate` 10 % (net/http, crypto/tls and x509
// initialise in every process that links them), which is what keeps
// `soa validate` and `soa gap` within twice a hello-world process. soa-serve is soa with the page linked in;
// soa's serve command checks its flags and arguments, then replaces itself
// with soa-serve, found beside soa's executable or else on PATH, given the
// same arguments.
const companionName = "soa-serve"

// module is soa's module path, which `go install` names.
const module = "github.com/soa-tool/soa"

// envRunFor names, in soa-serve's environment, the version of the soa that
// ran it: a soa-serve of another build refuses to run (its page would
// judge and write answers as another soa does).
const envRunFor = "SOA_SERVE_FOR"

// runCompanion replaces this process with soa-serve, run with args.
func runCompanion(args []string) error {
	if os.Getenv(envRunFor) != "" {
		exe, _ := os.Executable()
		return usageError("serve: %s was run as %s but has no web page: it is a copy of soa, not soa-serve", exe, companionName)
	}
	path, err := findCompanion()
	if err != nil {
		return err
	}
	env := append(os.Environ(), envRunFor+"="+versionString())
	return execCompanion(path, args, env)
}

// findCompanion looks for soa-serve beside this executable (symlinks
// resolved: a soa linked into ~/bin finds the soa-serve of its install),
// then on PATH.
func findCompanion() (string, error) {
	name := companionName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	beside := ""
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			beside = filepath.Dir(exe)
			p := filepath.Join(beside, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return p, nil
			}
		}
	}
	if p, err := exec.LookPath(companionName); err == nil {
		return p, nil
	} else if !errors.Is(err, exec.ErrNotFound) {
		return "", usageError("serve: %v", err)
	}
	where := "beside soa nor on PATH"
	if beside != "" {
		where = fmt.Sprintf("beside soa (in %s) nor on PATH", displayPath(beside))
	}
	return "", usageError("serve: the web page is the companion binary %s, found neither %s: install it with the same version as soa: %s",
		companionName, where, installHint())
}

// installHint is the command that installs soa-serve of this soa's version.
func installHint() string {
	if version != "" { // a release build
		return "the soa-serve of soa's release archive " + version + ", or go install " + module + "/cmd/" + companionName + "@" + version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return "go install " + module + "/cmd/" + companionName + "@" + info.Main.Version
	}
	return "CGO_ENABLED=0 go install ./cmd/... (in soa's source tree, which installs both)"
}

// checkRunFor refuses, in soa-serve, to run for a soa of another build.
func checkRunFor() error {
	want := os.Getenv(envRunFor)
	if want == "" {
		return nil
	}
	os.Unsetenv(envRunFor) // not handed on to a browser or an editor
	if got := versionString(); want != got {
		return usageError("%s is %s, but the soa that ran it is %s: install both from one version: %s", companionName, got, want, installHint())
	}
	return nil
}
