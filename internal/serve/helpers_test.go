package serve

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
)

// asOf fixes the date answers are judged by, so that findings are stable.
const asOf = "2026-06-01"

var testCatalog = func() *catalog.Catalog {
	c, err := catalog.Default()
	if err != nil {
		panic(err)
	}
	return c
}()

// fixture copies example answers files into a new directory.
func fixture(t testing.TB, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), src, 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// site is a running server and a browser-like client that holds its cookie.
type site struct {
	t      testing.TB
	srv    *Server
	ts     *httptest.Server
	client *http.Client
	dir    string
}

// start serves dir (file "" for the whole directory) and opens the first URL.
func start(t testing.TB, dir, file string, lang i18n.Lang) *site {
	t.Helper()
	s := startUnopened(t, dir, file, lang)
	if code, body := s.get(s.srv.URL()); code != http.StatusOK {
		t.Fatalf("first URL: %d %s", code, body)
	}
	return s
}

// startUnopened starts a server whose first URL nobody has opened yet: its
// one-time token is still to spend (by a browser, say).
func startUnopened(t testing.TB, dir, file string, lang i18n.Lang) *site {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	srv, err := New(Config{Catalog: testCatalog, Dir: dir, File: file, Lang: lang, Schema: "answers.schema.json",
		Addr: ts.Listener.Addr().String(), Judge: func() rules.Options { return rules.Options{AsOf: asOf} }})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Transport: ts.Client().Transport, Jar: jar}
	return &site{t: t, srv: srv, ts: ts, client: c, dir: dir}
}

func (s *site) get(u string) (int, string) {
	s.t.Helper()
	if strings.HasPrefix(u, "/") {
		u = s.ts.URL + u
	}
	resp, err := s.client.Get(u)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// post sends a form as the page's script does (same origin, JSON answer).
func (s *site) post(path string, form url.Values, script bool) (*http.Response, string) {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", s.ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if script {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (s *site) read(name string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

var versionRE = regexp.MustCompile(`data-version="([0-9a-f]+)"`)

// version is the file version the page at path was rendered from.
func (s *site) version(path string) string {
	s.t.Helper()
	_, body := s.get(path)
	m := versionRE.FindStringSubmatch(body)
	if m == nil {
		s.t.Fatalf("%s: no data-version in the page", path)
	}
	return m[1]
}
