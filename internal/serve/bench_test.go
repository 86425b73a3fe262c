package serve

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/rules"
)

// benchServer serves the 93-control example, for requests made straight
// to its handler (no network in the measurement).
func benchServer(b *testing.B) (*Server, string) {
	dir := fixture(b, "saas-cloud.yaml")
	srv, err := New(Config{Catalog: testCatalog, Dir: dir, File: "saas-cloud.yaml", Addr: "127.0.0.1:1",
		Judge: func() rules.Options { return rules.Options{AsOf: asOf} }})
	if err != nil {
		b.Fatal(err)
	}
	return srv, dir
}

func (s *Server) benchRequest(method, path string, body string) *http.Request {
	r := httptest.NewRequest(method, "http://127.0.0.1:1"+path, strings.NewReader(body))
	r.AddCookie(&http.Cookie{Name: cookieName, Value: s.token})
	if method == http.MethodPost {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Accept", "application/json")
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return r
}

// BenchmarkPage is the page of 93 controls (budget: 50 ms).
func BenchmarkPage(b *testing.B) {
	srv, _ := benchServer(b)
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, srv.benchRequest(http.MethodGet, page, ""))
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
		b.SetBytes(int64(w.Body.Len()))
	}
}

// BenchmarkSave is one field saved, findings and progress answered
// (budget: 50 ms).
func BenchmarkSave(b *testing.B) {
	srv, dir := benchServer(b)
	path := filepath.Join(dir, "saas-cloud.yaml")
	i := 0
	for b.Loop() {
		src, _ := os.ReadFile(path)
		i++
		form := url.Values{"control": {"5.1"}, "fields": {"owner"}, "owner": {[]string{"CISO", "ISMS Manager"}[i%2]}, "version": {version(src)}}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, srv.benchRequest(http.MethodPost, page+"/save", form.Encode()))
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}

// TestPageSize keeps the page and its assets under 300 KB.
func TestPageSize(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	total := 0
	for _, p := range []string{page, "/assets/app.js", "/assets/app.css"} {
		_, body := s.get(p)
		total += len(body)
	}
	t.Logf("page and assets: %d bytes", total)
	if total > 300<<10 {
		t.Errorf("page and assets: %d bytes, over 300 KB", total)
	}
}
