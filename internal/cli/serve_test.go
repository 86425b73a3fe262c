package cli

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/serve"
	"github.com/soa-tool/soa/internal/serveconfig"
)

// TestServeWorkbookIsGenerate: the workbook soa serve offers is the one
// soa generate writes for the same file and date, byte for byte.
func TestServeWorkbookIsGenerate(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "seimitsu-ja.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "seimitsu-ja.yaml")
	os.WriteFile(in, src, 0o644)
	out := filepath.Join(dir, "gen.xlsx")
	var stderr bytes.Buffer
	if code := run([]string{"generate", in, "-o", out, "--as-of", "2026-06-01"}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("generate: %d %s", code, stderr.String())
	}
	want, _ := os.ReadFile(out)
	cat, err := loadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	srv, err := serve.New(serve.Config{Catalog: cat, Dir: dir, File: "seimitsu-ja.yaml", Addr: ts.Listener.Addr().String(),
		Judge: func() rules.Options {
			return rules.Options{AsOf: "2026-06-01", MaxReviewAge: rules.DefaultMaxReviewAge}
		}})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if resp, err := c.Get(srv.URL()); err != nil || resp.StatusCode != 200 {
		t.Fatalf("first URL: %v %v", err, resp)
	}
	resp, err := c.Get(ts.URL + "/soa/seimitsu-ja.yaml/download/seimitsu-ja.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(got, want) {
		t.Errorf("served workbook: %d bytes, soa generate: %d bytes; want the same bytes", len(got), len(want))
	}
}

func TestServeAddr(t *testing.T) {
	got := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4321}
	if a := publicAddr("127.0.0.1:0", got); a != "127.0.0.1:4321" {
		t.Errorf("publicAddr = %s", a)
	}
	if a := publicAddr("localhost:0", got); a != "localhost:4321" || !serveconfig.IsLoopback(a) {
		t.Errorf("publicAddr = %s", a)
	}
}

func TestServeUsage(t *testing.T) {
	var stderr bytes.Buffer
	for _, args := range [][]string{{"serve", "--lang", "fr"}, {"serve", "--as-of", "soon"}, {"serve", "README.md"}, {"serve", "a", "b"}} {
		stderr.Reset()
		if code := run(append(args, "--no-open"), nil, io.Discard, &stderr); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitUsage, stderr.String())
		}
	}
}
