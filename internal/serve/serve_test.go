package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/soa-tool/soa/internal/workbook"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/xuri/excelize/v2"
)

const page = "/soa/saas-cloud.yaml"

func TestSecurityNoToken(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	for _, path := range []string{"/", page, "/assets/app.js", page + "/download/saas-cloud.xlsx", "/?token=wrong"} {
		resp, err := (&http.Client{}).Get(s.ts.URL + path) // no cookie
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without the token: %d, want 401", path, resp.StatusCode)
		}
	}
	// The cookie the first URL set is HttpOnly and SameSite=Strict.
	s = startUnopened(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(s.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var c *http.Cookie
	for _, x := range resp.Cookies() {
		c = x
	}
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
		t.Errorf("cookie = %+v, want HttpOnly SameSite=Strict", c)
	}
}

// TestOneTimeToken: the first URL opens one browser. Opened again in that
// browser (its cookie sent) it still works; in another one, it does not.
func TestOneTimeToken(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	if code, _ := s.get(s.srv.URL()); code != http.StatusOK {
		t.Errorf("the first URL again in the same browser: %d, want 200", code)
	}
	other := &http.Client{Transport: s.ts.Client().Transport}
	resp, err := other.Get(s.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(b), "opened already") {
		t.Errorf("the first URL in another browser: %d %s, want 401", resp.StatusCode, b)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	resp, err := s.client.Get(s.ts.URL + page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got := resp.Header.Get("Content-Security-Policy"); got != csp || !strings.Contains(got, "script-src 'self'") {
		t.Errorf("CSP = %q", got)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	// The policy allows no inline script or style: the page has none.
	for _, bad := range []string{"<script>", " style=", " onclick=", " onchange=", "javascript:", "http://", "https://"} {
		if strings.Contains(string(body), bad) {
			t.Errorf("page holds %q, which the policy blocks or which reaches another host", bad)
		}
	}
}

func TestSecurityWrongHost(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	for _, host := range []string{"evil.example", "evil.example:" + strings.Split(s.ts.Listener.Addr().String(), ":")[1], "localhost"} {
		req, _ := http.NewRequest(http.MethodGet, s.ts.URL+page, nil)
		req.Host = host
		resp, err := s.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("Host %s: %d, want 421", host, resp.StatusCode)
		}
	}
}

func TestSecurityCrossOriginPost(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml")
	s := start(t, dir, "saas-cloud.yaml", "")
	before := s.read("saas-cloud.yaml")
	form := url.Values{"control": {"5.1"}, "fields": {"owner"}, "owner": {"Mallory"}, "version": {s.version(page)}}
	for _, hdr := range []map[string]string{
		{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
		{"Origin": "http://evil.example"},
		{"Sec-Fetch-Site": "cross-site"},
	} {
		req, _ := http.NewRequest(http.MethodPost, s.ts.URL+page+"/save", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := s.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%v: %d, want 403", hdr, resp.StatusCode)
		}
	}
	if s.read("saas-cloud.yaml") != before {
		t.Error("a cross-origin POST changed the file")
	}
}

func TestSecurityOversizedUpload(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, _ := mw.CreateFormFile("workbook", "big.xlsx")
		_, _ = io.Copy(fw, io.LimitReader(zeros{}, maxUpload+1))
		_ = mw.Close()
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+page+"/upload", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", s.ts.URL)
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "32 MiB") {
		t.Errorf("oversized upload: %d %s, want 413 naming the limit", resp.StatusCode, b)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestSecurityPaths(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml", "seimitsu-ja.yaml")
	outside := fixture(t, "legacy-2013.yaml")
	if err := os.Symlink(filepath.Join(outside, "legacy-2013.yaml"), filepath.Join(dir, "escape.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"", "saas-cloud.yaml"} {
		s := start(t, dir, file, "")
		for _, path := range []string{
			"/soa/..%2F..%2Fetc%2Fpasswd", "/soa/%2Fetc%2Fpasswd", "/soa/notes.txt", "/soa/escape.yaml",
			"/soa/escape.yaml/download/escape.xlsx", "/soa/.hidden.yaml", "/assets/..%2Fserve.go", "/assets/app.css.map",
		} {
			if code, body := s.get(path); code != http.StatusNotFound {
				t.Errorf("serving %q: GET %s: %d, want 404 (%.80s)", file, path, code, body)
			}
		}
		code, _ := s.get("/soa/seimitsu-ja.yaml")
		if want := map[string]int{"": 200, "saas-cloud.yaml": 404}[file]; code != want {
			t.Errorf("serving %q: another file in the directory: %d, want %d", file, code, want)
		}
	}
}

// saveField posts one field's value as the page's script does.
func (s *site) saveField(control, field string, values ...string) (int, saveResult) {
	s.t.Helper()
	form := url.Values{"control": {control}, "fields": {field}, field: values, "version": {s.version(page)}}
	resp, body := s.post(page+"/save", form, true)
	var res saveResult
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		s.t.Fatalf("save: %d %s", resp.StatusCode, body)
	}
	return resp.StatusCode, res
}

func TestSaveInPlace(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml")
	s := start(t, dir, "saas-cloud.yaml", "")
	before := s.read("saas-cloud.yaml")
	code, res := s.saveField("5.6", "reasons", "legal", "business")
	if code != 200 || !res.OK {
		t.Fatalf("save: %d %+v", code, res)
	}
	after := s.read("saas-cloud.yaml")
	if want := strings.Replace(before, "    owner: CISO\n    evidence: [NCSC CiSP", "    owner: CISO\n    evidence: [NCSC CiSP", 1); !strings.Contains(after, "reasons: [legal, business]") || len(after) != len(want)+len("    reasons: [legal, business]\n") {
		t.Errorf("the save did more than add one line:\n%s", lineDiff(before, after))
	}
	if !strings.HasPrefix(after, "# yaml-language-server: $schema=") {
		t.Error("comments lost")
	}
	// The finding about 5.6's missing reason is gone from the answer.
	if strings.Contains(res.Findings, `href="#c-5.6"`) || res.Rows["5.6"].N != 0 {
		t.Errorf("finding of 5.6 still listed:\n%s", res.Findings)
	}
	if res.Version != version([]byte(after)) || res.Rows["5.6"].State != "implemented" {
		t.Errorf("version %s, row %+v", res.Version, res.Rows["5.6"])
	}
	if fi, _ := os.Stat(filepath.Join(dir, "saas-cloud.yaml")); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's 0640 kept", fi.Mode().Perm())
	}
	// The same value again changes nothing.
	if code, res := s.saveField("5.6", "reasons", "business", "legal"); code != 200 || len(res.Changes) != 0 {
		t.Errorf("same reasons again: %d %+v", code, res.Changes)
	}
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)); i++ {
		x, y := "", ""
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("%d: -%q +%q", i+1, x, y))
		}
	}
	return strings.Join(out, "\n")
}

func TestSaveInvalidValue(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	before := s.read("saas-cloud.yaml")
	for _, tc := range []struct{ control, field, value, want string }{
		{"5.1", "reviewed_on", "2026-13-45", "reviewed_on"},
		{"5.1", "target_date", "next week", "target_date"},
		{"5.1", "status", "done", "status"},
		{"5.1", "applicable", "maybe", "applicable"},
		{"5.1", "justification", strings.Repeat("x", 40000), "justification"},
	} {
		code, res := s.saveField(tc.control, tc.field, tc.value)
		if code != http.StatusUnprocessableEntity || len(res.Errors) == 0 {
			t.Errorf("%s=%.20q: %d %+v, want 422 with the error", tc.field, tc.value, code, res)
			continue
		}
		if e := res.Errors[0]; e.Control != tc.control || e.Field != tc.want || e.Message == "" {
			t.Errorf("%s=%.20q: error %+v, want at %s %s", tc.field, tc.value, e, tc.control, tc.want)
		}
		if s.read("saas-cloud.yaml") != before {
			t.Fatalf("%s=%.20q: an invalid value was written", tc.field, tc.value)
		}
	}
	// Excluding a control is no error (the justification says why).
	if code, res := s.saveField("5.1", "applicable", "false"); code != 200 {
		t.Errorf("applicable=false: %d %+v", code, res)
	}
}

func TestSaveConflict(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml")
	s := start(t, dir, "saas-cloud.yaml", "")
	stale := s.version(page)
	// Another editor changes the file after the page was read.
	edited := strings.Replace(s.read("saas-cloud.yaml"), "owner: CISO", "owner: Head of Security", 1)
	if err := os.WriteFile(filepath.Join(dir, "saas-cloud.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"control": {"5.1"}, "fields": {"owner"}, "owner": {"Alice"}, "version": {stale}}
	resp, body := s.post(page+"/save", form, true)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "changed on disk") || !strings.Contains(body, `"reload":true`) {
		t.Errorf("stale save: %d %s, want 409 saying the file changed", resp.StatusCode, body)
	}
	if s.read("saas-cloud.yaml") != edited {
		t.Error("the file was written over")
	}
	// Without the script, the same refusal is a page with a way back.
	resp, body = s.post(page+"/save", form, false)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "changed on disk") {
		t.Errorf("stale form: %d", resp.StatusCode)
	}
	// A change between the read and the write is caught too.
	path := filepath.Join(dir, "saas-cloud.yaml")
	if err := writeIfUnchanged(path, []byte("what the page read"), []byte("x")); err != errConflict {
		t.Errorf("writeIfUnchanged: %v, want errConflict", err)
	}
	if s.read("saas-cloud.yaml") != edited {
		t.Error("the file was written over")
	}
}

func TestSaveWithoutScript(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	before := s.read("saas-cloud.yaml")
	// The row's form posted whole, every field as the page shows it: no
	// change at all, then one.
	st, _ := soa.Load(testCatalog, "x", []byte(before))
	for _, row := range st.Rows {
		form := url.Values{"control": {row.Control.ID}, "version": {version([]byte(before))}}
		for _, f := range answers.Fields {
			fv := newField(f, f.Get(row.Answer), i18n.EN)
			if len(fv.Options) > 0 {
				for _, o := range fv.Options {
					if o.Selected {
						form.Add(f.Key, o.Value)
					}
				}
			} else {
				form.Set(f.Key, strings.ReplaceAll(fv.Value, "\n", "\r\n")) // browsers send CRLF
			}
		}
		resp, body := s.post(page+"/save", form, false)
		if resp.StatusCode != http.StatusOK || resp.Request.URL.Fragment != "" && resp.Request.URL.Path != page {
			t.Fatalf("%s: %d %.200s", row.Control.ID, resp.StatusCode, body)
		}
		if after := s.read("saas-cloud.yaml"); after != before {
			t.Fatalf("%s: the form as shown changed the file:\n%s", row.Control.ID, lineDiff(before, after))
		}
	}
}

func TestHostileText(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	hostile := `<script>alert(1)</script> "><img src=x onerror=alert(2)>`
	if code, res := s.saveField("5.2", "justification", hostile); code != 200 {
		t.Fatalf("save: %d %+v", code, res)
	}
	_, body := s.get(page)
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
		t.Error("hostile text reached the page as markup")
	}
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(2)&gt;") {
		t.Error("hostile text not shown as text")
	}
}

func TestBulk(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	form := url.Values{"select": {"5.1", "5.2", "5.6"}, "owner": {"ISMS Manager"}, "reasons_mode": {"add"}, "reasons": {"legal"},
		"version": {s.version(page)}}
	resp, body := s.post(page+"/bulk", form, true)
	if resp.StatusCode != 200 {
		t.Fatalf("bulk: %d %s", resp.StatusCode, body)
	}
	f, _ := answers.Parse("x", []byte(s.read("saas-cloud.yaml")))
	for _, id := range []string{"5.1", "5.2", "5.6"} {
		a := f.Lookup(id)
		if a.Owner != "ISMS Manager" || a.Reasons[0] != "legal" {
			t.Errorf("%s: owner %q reasons %v", id, a.Owner, a.Reasons)
		}
	}
	if f.Lookup("5.3").Owner == "ISMS Manager" {
		t.Error("an unselected control changed")
	}
	// Nothing selected, or nothing to set: refused with a message.
	for _, form := range []url.Values{{"owner": {"X"}}, {"select": {"5.1"}}} {
		form.Set("version", s.version(page))
		if resp, body := s.post(page+"/bulk", form, true); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "message") {
			t.Errorf("bulk %v: %d %s", form, resp.StatusCode, body)
		}
	}
}

func TestDownloads(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml", "legacy-2013.yaml")
	s := start(t, dir, "", "")
	src := []byte(s.read("saas-cloud.yaml"))
	st, _ := render.Load(testCatalog, "saas-cloud.yaml", src, false, s.srv.cfg.Judge())
	want, err := render.Workbook(st, s.srv.cfg.Judge(), workbook.Options{Lang: i18n.EN})
	if err != nil {
		t.Fatal(err)
	}
	_, body := s.get(page)
	if !strings.Contains(body, `href="/soa/saas-cloud.yaml/download/saas-cloud.xlsx"`) {
		t.Error("no workbook link ending in .xlsx")
	}
	code, got := s.get(page + "/download/saas-cloud.xlsx")
	if code != 200 || got != string(want) {
		t.Fatalf("workbook: %d, %d bytes; want the %d bytes soa generate writes", code, len(got), len(want))
	}
	x, err := excelize.OpenReader(strings.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := x.GetCellValue("SoA", "A1"); v == "" {
		t.Errorf("SoA!A1 empty")
	}
	for path, want := range map[string]string{
		page + "/download/saas-cloud-gap.html":                       "<html",
		page + "/download/saas-cloud-gap.md":                         "# ",
		page + "/download/saas-cloud-gap.json":                       `"findings"`,
		"/soa/legacy-2013.yaml/download/legacy-2013-transition.md":   "|",
		"/soa/legacy-2013.yaml/download/legacy-2013-transition.json": `"summary"`,
	} {
		if code, body := s.get(path); code != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %.100s", path, code, body)
		}
	}
	for _, path := range []string{page + "/download/saas-cloud-transition.md", page + "/download/other.xlsx", page + "/download/saas-cloud.txt"} {
		if code, _ := s.get(path); code != 404 {
			t.Errorf("%s: %d, want 404", path, code)
		}
	}
}

// upload posts a file as the upload form does.
func (s *site) upload(name string, data []byte) (int, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("workbook", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.ts.URL+page+"/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", s.ts.URL)
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestUpload(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	before := s.read("saas-cloud.yaml")
	// The workbook of the answers with one owner changed.
	edited := strings.Replace(before, "owner: Data Protection Officer", "owner: DPO Team", 1)
	st, _ := render.Load(testCatalog, "x", []byte(edited), true, s.srv.cfg.Judge())
	book, err := render.Workbook(st, s.srv.cfg.Judge(), workbook.Options{Lang: i18n.EN})
	if err != nil {
		t.Fatal(err)
	}
	code, body := s.upload("edited.xlsx", book)
	if code != 200 || !strings.Contains(body, "5.5: owner: Data Protection Officer → DPO Team") || !strings.Contains(body, `action="/soa/saas-cloud.yaml/apply"`) {
		t.Fatalf("preview: %d %s", code, body)
	}
	if s.read("saas-cloud.yaml") != before {
		t.Fatal("the preview wrote the file")
	}
	id := strings.Split(strings.Split(body, `name="id" value="`)[1], `"`)[0]
	resp, _ := s.post(page+"/apply", url.Values{"id": {id}}, false)
	if resp.StatusCode != 200 || s.read("saas-cloud.yaml") != edited {
		t.Errorf("apply: %d\n%s", resp.StatusCode, lineDiff(edited, s.read("saas-cloud.yaml")))
	}
	// A preview is applied once.
	if resp, _ := s.post(page+"/apply", url.Values{"id": {id}}, false); resp.StatusCode != http.StatusGone {
		t.Errorf("second apply: %d, want 410", resp.StatusCode)
	}
	// Not a workbook: the import's message, nothing written.
	if code, body := s.upload("notes.xlsx", []byte("hello")); code != http.StatusUnprocessableEntity || !strings.Contains(body, "not an .xlsx workbook") {
		t.Errorf("bad upload: %d %.300s", code, body)
	}
	// A file changed between the preview and the apply is not overwritten.
	os.WriteFile(filepath.Join(s.dir, "saas-cloud.yaml"), []byte(before), 0o644)
	if code, body = s.upload("edited.xlsx", book); code != 200 {
		t.Fatalf("preview: %d", code)
	}
	id = strings.Split(strings.Split(body, `name="id" value="`)[1], `"`)[0]
	changed := before + "# edited meanwhile\n"
	os.WriteFile(filepath.Join(s.dir, "saas-cloud.yaml"), []byte(changed), 0o644)
	if resp, _ := s.post(page+"/apply", url.Values{"id": {id}}, false); resp.StatusCode != http.StatusConflict || s.read("saas-cloud.yaml") != changed {
		t.Errorf("apply after a change on disk: %d", resp.StatusCode)
	}
	_ = importer.MaxFileSize
}

func TestMigrate(t *testing.T) {
	dir := fixture(t, "legacy-2013.yaml")
	s := start(t, dir, "legacy-2013.yaml", "")
	_, body := s.get("/soa/legacy-2013.yaml")
	if !strings.Contains(body, `href="/soa/legacy-2013.yaml/migrate"`) {
		t.Fatal("a 2013 file offers no migration")
	}
	code, body := s.get("/soa/legacy-2013.yaml/migrate")
	if code != 200 || !strings.Contains(body, "legacy-2013-2022.yaml") {
		t.Fatalf("preview: %d %.300s", code, body)
	}
	id := strings.Split(strings.Split(body, `name="id" value="`)[1], `"`)[0]
	resp, body := s.post("/soa/legacy-2013.yaml/migrate", url.Values{"id": {id}}, false)
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/soa/legacy-2013-2022.yaml" {
		t.Fatalf("migrate: %d %s %.200s", resp.StatusCode, resp.Request.URL, body)
	}
	st, l := soa.Load(testCatalog, "new", []byte(s.read("legacy-2013-2022.yaml")))
	if st == nil || st.Edition != "2022" {
		t.Fatalf("migrated file: %v", l)
	}
	// Once written, the preview says so instead of writing again.
	if _, body := s.get("/soa/legacy-2013.yaml/migrate"); !strings.Contains(body, "already exists") || strings.Contains(body, `name="id"`) {
		t.Errorf("second preview: %.300s", body)
	}
}

func TestPortfolio(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml", "seimitsu-ja.yaml", "legacy-2013.yaml")
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("organization: [\n"), 0o644)
	s := start(t, dir, "", "")
	code, body := s.get("/")
	if code != 200 {
		t.Fatal(code)
	}
	for _, want := range []string{`href="/soa/saas-cloud.yaml"`, "Nimbus Ledger Ltd", `href="/soa/legacy-2013.yaml"`, `data-file="broken.yaml"`, "cannot be read"} {
		if !strings.Contains(body, want) {
			t.Errorf("portfolio lacks %q", want)
		}
	}
	if code, body := s.get("/soa/broken.yaml"); code != 200 || !strings.Contains(body, "broken.yaml:") {
		t.Errorf("broken file's page: %d %.300s", code, body)
	}
}

func TestNoMissingMessage(t *testing.T) {
	dir := fixture(t, "saas-cloud.yaml", "seimitsu-ja.yaml", "legacy-2013.yaml")
	for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
		s := start(t, dir, "", l)
		for _, path := range []string{"/", page, "/soa/legacy-2013.yaml", "/soa/seimitsu-ja.yaml", "/soa/legacy-2013.yaml/migrate", page + "?theme=people&findings=1&q=x"} {
			_, body := s.get(path)
			if i := strings.Index(body, "[serve."); i >= 0 {
				t.Errorf("%s %s: missing message %.40s", l, path, body[i:])
			}
		}
	}
}

func TestFilters(t *testing.T) {
	s := start(t, fixture(t, "saas-cloud.yaml"), "saas-cloud.yaml", "")
	count := func(q string) int {
		_, body := s.get(page + "?" + q)
		return strings.Count(body, `data-control="`)
	}
	for q, want := range map[string]int{
		"": 93, "theme=people": 8, "theme=technological": 34, "applicable=false": count("applicable=false"),
		"q=5.16": 1, "attr=control_type%3Dcorrective": count("attr=control_type%3Dcorrective"),
	} {
		if got := count(q); got != want {
			t.Errorf("?%s: %d controls, want %d", q, got, want)
		}
	}
	if n := count("findings=1"); n == 0 || n >= 93 {
		t.Errorf("has findings: %d", n)
	}
	if n := count("applicable=false"); n == 0 || n >= 93 {
		t.Errorf("excluded: %d", n)
	}
	if n := count("status=implemented&theme=people"); n == 0 || n > 8 {
		t.Errorf("implemented people controls: %d", n)
	}
}
