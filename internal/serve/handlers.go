package serve

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"path"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/lazy"
	"github.com/soa-tool/soa/internal/rules"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// templates holds the page templates, parsed once per language.
var templates = lazy.Value[map[i18n.Lang]*template.Template]{Make: func() map[i18n.Lang]*template.Template {
	out := map[i18n.Lang]*template.Template{}
	for _, code := range i18n.Languages {
		l := i18n.Lang(code)
		out[l] = template.Must(template.New("").Funcs(template.FuncMap{
			"t": l.T,
			"f": l.F,
		}).ParseFS(templateFS, "templates/*.html"))
	}
	return out
}}

// Title is the page's title.
func (v pageView) Title() string {
	return v.Org + " — " + i18n.Lang(v.Lang).T("serve.title")
}

// execute renders template name in l.
func execute(l i18n.Lang, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := templates.Get()[l].ExecuteTemplate(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeHTML sends a page, compressed when the browser takes gzip.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && len(body) > 1024 {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(status)
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		_, _ = zw.Write(body)
		_ = zw.Close()
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// render writes template name with data, or a plain error.
func respond(w http.ResponseWriter, r *http.Request, l i18n.Lang, status int, name string, data any) {
	body, err := execute(l, name, data)
	if err != nil {
		http.Error(w, "soa serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, status, body)
}

// assetType is the content type of an asset by its extension.
func assetType(ext string) (string, bool) {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8", true
	case ".js":
		return "text/javascript; charset=utf-8", true
	}
	return "", false
}

func serveAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	data, err := assetFS.ReadFile("assets/" + name)
	typ, ok := assetType(path.Ext(name))
	if err != nil || !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", typ)
	_, _ = w.Write(data)
}

// wantsJSON reports whether the page's script sent the request: it takes
// JSON answers, where a form posted without script gets a page.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail answers a request that did not do what it asked: JSON for the
// script, a page with the message and a way back otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, l i18n.Lang, status int, msg string, back string) {
	if wantsJSON(r) {
		writeJSON(w, status, saveResult{Message: msg, Reload: status == http.StatusConflict})
		return
	}
	respond(w, r, l, status, "preview", previewView{Lang: string(l), Heading: l.T("serve.error"), Back: back, Errors: []string{msg}})
}

// notFound answers a file that is not served (or leads outside).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errNotServed) {
		http.Error(w, "soa serve: no such answers file here", http.StatusNotFound)
		return
	}
	http.Error(w, "soa serve: "+err.Error(), http.StatusInternalServerError)
}

type previewView struct {
	Lang, Heading, Intro, Back string
	Errors, Changes, Warnings  []string
	Action, ID, Button         string
	Open                       *link
	Report                     string
}

func (v previewView) Title() string { return v.Heading }

func (s *Server) lang() i18n.Lang {
	if s.cfg.Lang != "" {
		return s.cfg.Lang
	}
	return i18n.EN
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	d, err := s.load(r.PathValue("file"))
	if err != nil {
		s.notFound(w, r, err)
		return
	}
	respond(w, r, d.lang, http.StatusOK, "page", s.pageOf(d, r.URL.Query()))
}

type portfolioRow struct {
	Name, Href, Org, Edition, PercentText, Error string
	Percent, Answered, Total                     int
	Counts                                       []int
}

type portfolioView struct {
	Lang, Dir, AsOf string
	Severities      []string
	Files           []portfolioRow
	ErrCols         int
}

func (v portfolioView) Title() string { return i18n.Lang(v.Lang).F("serve.portfolio", v.Dir) }

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	if s.cfg.File != "" {
		http.Redirect(w, r, "/soa/"+s.cfg.File, http.StatusSeeOther)
		return
	}
	l := s.lang()
	files, err := s.files()
	if err != nil {
		http.Error(w, "soa serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	v := portfolioView{Lang: string(l), Dir: s.cfg.Dir, AsOf: s.cfg.Judge().AsOf}
	for _, sev := range rules.Severities {
		v.Severities = append(v.Severities, l.T("severity."+sev))
	}
	v.ErrCols = 4 + len(v.Severities)
	for _, name := range files {
		row := portfolioRow{Name: name, Href: "/soa/" + name}
		d, err := s.load(name)
		switch {
		case err != nil:
			row.Error = err.Error()
		case d.st == nil:
			row.Error = l.F("serve.unreadable", d.diags.Count(diag.Error))
		default:
			row.Org, row.Edition = d.st.Org.Name, d.st.Edition
			c := d.rep.Summary
			row.Percent, row.PercentText = percentText(c)
			row.Answered, row.Total = c.Total-c.Unanswered, c.Total
			row.Counts = d.rep.CountBySeverity()
		}
		v.Files = append(v.Files, row)
	}
	respond(w, r, l, http.StatusOK, "portfolio", v)
}

// fragments are the parts of the page an edit changes, rendered by the
// page's own templates.
func fragments(d *doc, v pageView) (findings, progress string, err error) {
	f, err := execute(d.lang, "findings", v.Findings)
	if err != nil {
		return "", "", err
	}
	p, err := execute(d.lang, "progress", v.Progress)
	if err != nil {
		return "", "", err
	}
	return string(f), string(p), nil
}
