//go:build unix

package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServeCompanion builds soa and soa-serve side by side, as `go install
// ./cmd/...` installs them, and runs them as a person does.
func TestServeCompanion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds soa and soa-serve")
	}
	bin := t.TempDir()
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin+string(filepath.Separator), "./cmd/soa", "./cmd/soa-serve")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("runs", func(t *testing.T) { testServeRunsCompanion(t, bin) })
	t.Run("missing", func(t *testing.T) { testServeWithoutCompanion(t, bin) })
}

// testServeRunsCompanion runs `soa serve` as a person does, with the two
// binaries as they are installed: soa replaces itself with the soa-serve
// beside it (nothing on PATH), which prints the URL, serves the page to
// a browser's requests and stops on Ctrl-C with exit 0.
func testServeRunsCompanion(t *testing.T, bin string) {
	// soa linked from elsewhere (~/bin/soa -> the install) finds the
	// soa-serve beside its target.
	link := filepath.Join(t.TempDir(), "soa")
	if err := os.Symlink(filepath.Join(bin, "soa"), link); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "saas-cloud.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	answers := filepath.Join(work, "saas-cloud.yaml")
	if err := os.WriteFile(answers, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(link, "serve", answers, "--no-open", "--as-of", "2026-04-01")
	cmd.Env = append(os.Environ(), "PATH=/nonexistent")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	url := firstLine(t, out)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(url, "/?token=") {
		t.Fatalf("first line %q, want the page's URL", url)
	}
	if runtime.GOOS == "linux" {
		exe, err := os.Readlink("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/exe")
		if err != nil || filepath.Base(exe) != "soa-serve" {
			t.Errorf("the process serving is %q (%v), want soa-serve", exe, err)
		}
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("saas-cloud.yaml")) {
		t.Errorf("GET the URL: %s, %d bytes; want the page of saas-cloud.yaml", resp.Status, len(body))
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after Ctrl-C: %v, want exit 0; stderr:\n%s", err, stderr.String())
	}
	for _, want := range []string{"serving " + answers, "stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q, want it to say %q", stderr.String(), want)
		}
	}
}

// testServeWithoutCompanion: a soa installed alone says what is missing
// and how to install it, with exit 2; the other commands work.
func testServeWithoutCompanion(t *testing.T, bin string) {
	alone := filepath.Join(t.TempDir(), "soa")
	data, err := os.ReadFile(filepath.Join(bin, "soa"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(alone, "serve", t.TempDir(), "--no-open")
	cmd.Env = append(os.Environ(), "PATH=/nonexistent")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("soa serve without soa-serve: %v, want exit 2; output:\n%s", err, out)
	}
	for _, want := range []string{"the web page is the companion binary soa-serve", "beside soa (in " + filepath.Dir(alone) + ") nor on PATH", "go install ./cmd/..."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output %q, want it to say %q", out, want)
		}
	}
	if out, err := exec.Command(alone, "version").CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "soa ") {
		t.Errorf("soa version alone: %v %s", err, out)
	}
}

// firstLine reads out's first line, failing after a minute.
func firstLine(t *testing.T, out io.Reader) string {
	t.Helper()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
		io.Copy(io.Discard, out)
	}()
	select {
	case s := <-line:
		return s
	case <-time.After(time.Minute):
		t.Fatal("no URL on standard output after a minute")
		return ""
	}
}

// TestSoaLinksNoWebServer: soa itself links none of the web server's
// packages, whose initialisation every process would pay (see
// internal/cli/companion.go); soa-serve links them.
func TestSoaLinksNoWebServer(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	deps := func(pkg string) map[string]bool {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		m := map[string]bool{}
		for _, p := range strings.Fields(string(out)) {
			m[p] = true
		}
		return m
	}
	soa, serve := deps("github.com/soa-tool/soa/cmd/soa"), deps("github.com/soa-tool/soa/cmd/soa-serve")
	for _, p := range []string{"net/http", "crypto/tls", "crypto/x509", "github.com/soa-tool/soa/internal/serve"} {
		if soa[p] {
			t.Errorf("soa links %s", p)
		}
		if !serve[p] {
			t.Errorf("soa-serve does not link %s", p)
		}
	}
}
