package serve

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/soa-tool/soa/internal/workbook"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
)

// reportKind is one report the page offers for download.
type reportKind struct {
	suffix, ext, label, format, mime string
	transition                       bool
}

var reportKinds = []reportKind{
	{"-gap.html", "HTML", "serve.dl.gap", "html", "text/html; charset=utf-8", false},
	{"-gap.md", "Markdown", "serve.dl.gap", "markdown", "text/markdown; charset=utf-8", false},
	{"-gap.json", "JSON", "serve.dl.gap", "json", "application/json", false},
	{"-transition.md", "Markdown", "serve.dl.transition", "markdown", "text/markdown; charset=utf-8", true},
	{"-transition.json", "JSON", "serve.dl.transition", "json", "application/json", true},
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download sends the workbook (what soa generate writes) or a report
// (what soa gap and soa transition print) of one answers file.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	d, err := s.load(r.PathValue("file"))
	if err != nil {
		s.notFound(w, r, err)
		return
	}
	back := "/soa/" + url.PathEscape(d.name)
	if d.st == nil {
		s.fail(w, r, d.lang, http.StatusUnprocessableEntity, d.lang.F("serve.invalid_file", d.name), back)
		return
	}
	name := r.PathValue("name")
	var buf bytes.Buffer
	typ := ""
	switch {
	case name == d.base()+".xlsx":
		// As soa generate: the rules' errors stop it.
		st, l := render.Load(s.cfg.Catalog, d.name, d.src, false, d.ro)
		if st == nil {
			s.refuse(w, r, d, errorsOf(l), back)
			return
		}
		data, err := render.Workbook(st, d.ro, workbook.Options{Lang: d.lang})
		if err != nil {
			http.Error(w, "soa serve: "+err.Error(), http.StatusInternalServerError)
			return
		}
		buf.Write(data)
		typ = xlsxType
	default:
		k, ok := reportOf(d, name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if err := writeReport(&buf, s, d, k); err != nil {
			http.Error(w, "soa serve: "+err.Error(), http.StatusInternalServerError)
			return
		}
		typ = k.mime
	}
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, _ = w.Write(buf.Bytes())
}

func reportOf(d *doc, name string) (reportKind, bool) {
	for _, k := range reportKinds {
		if name == d.base()+k.suffix && (!k.transition || d.st.Edition == "2013") {
			return k, true
		}
	}
	return reportKind{}, false
}

func writeReport(w io.Writer, s *Server, d *doc, k reportKind) error {
	if !k.transition {
		return gap.Write(w, d.st, d.rep, gap.RenderOptions{Format: k.format, Lang: d.lang})
	}
	res, err := transition.Derive(s.cfg.Catalog, d.st)
	if err != nil {
		return err
	}
	return res.WriteReport(w, transition.ReportOptions{Format: k.format, Lang: d.lang})
}

func errorsOf(l diag.List) diag.List {
	var out diag.List
	for _, x := range l {
		if x.Severity == diag.Error {
			out = append(out, x)
		}
	}
	return out
}

func diagStrings(l diag.List) []string {
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = x.String()
	}
	return out
}

// maxUpload is the most an upload may send: the import's limit and room
// for the form around it.
const maxUpload = importer.MaxFileSize + 1<<20

// upload reads a workbook or CSV file as soa import does and shows the
// changes it would make to the answers file, to be applied on
// confirmation.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, fmt.Sprintf("soa serve: the upload is larger than the limit of %d MiB", importer.MaxFileSize>>20), http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "soa serve: "+err.Error(), http.StatusBadRequest)
		return
	}
	defer r.MultipartForm.RemoveAll()
	d, err := s.load(r.PathValue("file"))
	if err != nil {
		s.notFound(w, r, err)
		return
	}
	l := d.lang
	back := "/soa/" + url.PathEscape(d.name)
	v := previewView{Lang: string(l), Heading: l.T("serve.upload"), Back: back}
	f, hdr, err := r.FormFile("workbook")
	if err != nil {
		s.fail(w, r, l, http.StatusBadRequest, err.Error(), back)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, importer.MaxFileSize+1))
	if err != nil {
		s.fail(w, r, l, http.StatusBadRequest, err.Error(), back)
		return
	}
	if d.st == nil {
		s.fail(w, r, l, http.StatusUnprocessableEntity, l.F("serve.invalid_file", d.name), back)
		return
	}
	upName := filepath.Base(hdr.Filename)
	res, err := importer.Read(data, s.cfg.Catalog, importer.Options{Name: upName})
	var dl diag.List
	if errors.As(err, &dl) {
		v.Errors = diagStrings(errorsOf(dl))
		respond(w, r, l, http.StatusUnprocessableEntity, "preview", v)
		return
	} else if err != nil {
		s.fail(w, r, l, http.StatusUnprocessableEntity, err.Error(), back)
		return
	}
	var cols []string
	for _, c := range res.Columns {
		cols = append(cols, strings.ReplaceAll(c.Heading, "\n", " ")+" → "+c.Field)
	}
	v.Intro = l.F("serve.upload.read", res.Sheet, res.HeaderRow, strings.Join(cols, ", "))
	v.Warnings = diagStrings(res.Diags)
	out, changes, err := res.UpdateFile(d.name, d.src, s.cfg.Catalog.ControlIDs(res.File.Edition))
	if errors.As(err, &dl) {
		v.Errors = diagStrings(errorsOf(dl))
		respond(w, r, l, http.StatusUnprocessableEntity, "preview", v)
		return
	} else if err != nil {
		s.fail(w, r, l, http.StatusUnprocessableEntity, err.Error(), back)
		return
	}
	if len(changes) == 0 {
		v.Intro = l.F("serve.upload.none", d.name)
		respond(w, r, l, http.StatusOK, "preview", v)
		return
	}
	for _, c := range changes {
		v.Changes = append(v.Changes, c.String())
	}
	v.Heading = l.F("serve.upload.changes", len(changes), d.name)
	if bad, _ := s.introduced(d, out); len(bad) > 0 {
		v.Errors = diagStrings(bad)
		respond(w, r, l, http.StatusUnprocessableEntity, "preview", v)
		return
	}
	v.ID = s.addPending(&pending{file: d.name, old: d.src, new: out})
	v.Action, v.Button = back+"/apply", l.T("serve.upload.apply")
	respond(w, r, l, http.StatusOK, "preview", v)
}

// applyUpload writes the changes an upload's preview showed, if the file
// is still as it was then.
func (s *Server) applyUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	name := r.PathValue("file")
	path, err := s.resolve(name)
	if err != nil {
		s.notFound(w, r, err)
		return
	}
	l := s.lang()
	back := "/soa/" + url.PathEscape(name)
	p := s.takePending(r.PostFormValue("id"), name)
	if p == nil {
		s.fail(w, r, l, http.StatusGone, l.T("serve.upload.expired"), back)
		return
	}
	s.mu.Lock()
	err = writeIfUnchanged(path, p.old, p.new)
	s.mu.Unlock()
	switch {
	case errors.Is(err, errConflict):
		s.fail(w, r, l, http.StatusConflict, l.F("serve.conflict", name), back)
	case err != nil:
		s.fail(w, r, l, http.StatusInternalServerError, l.F("serve.refused", err.Error()), back)
	default:
		http.Redirect(w, r, back, http.StatusSeeOther)
	}
}

// migration derives the 2022 answers of a 2013 file as soa migrate does,
// with the name it is written under, next to it.
func (s *Server) migration(d *doc) (target string, out []byte, report string, err error) {
	res, err := transition.Derive(s.cfg.Catalog, d.st)
	if err != nil {
		return "", nil, "", err
	}
	var buf bytes.Buffer
	if err := res.WriteAnswers(&buf, transition.AnswersOptions{Date: d.ro.AsOf, Schema: s.cfg.Schema}); err != nil {
		return "", nil, "", err
	}
	target = d.base() + "-2022.yaml"
	st, l := soa.Load(s.cfg.Catalog, target, buf.Bytes())
	if st == nil {
		return "", nil, "", fmt.Errorf("the migrated file does not validate: %v", l)
	}
	if long := rules.CellLimits(st); len(long) > 0 {
		return "", nil, "", fmt.Errorf("the migrated answers would hold text too long for a workbook cell: %v", long)
	}
	var rep bytes.Buffer
	if err := res.WriteReport(&rep, transition.ReportOptions{Format: "text", Lang: d.lang}); err != nil {
		return "", nil, "", err
	}
	return target, buf.Bytes(), rep.String(), nil
}

func (s *Server) migratePreview(w http.ResponseWriter, r *http.Request) {
	d, err := s.load(r.PathValue("file"))
	if err != nil {
		s.notFound(w, r, err)
		return
	}
	l, back := d.lang, "/soa/"+url.PathEscape(d.name)
	if d.st == nil || d.st.Edition != "2013" {
		http.NotFound(w, r)
		return
	}
	target, out, report, err := s.migration(d)
	if err != nil {
		s.fail(w, r, l, http.StatusUnprocessableEntity, err.Error(), back)
		return
	}
	v := previewView{Lang: string(l), Heading: l.F("serve.migrate.title", d.name), Back: back, Report: report}
	if _, err := os.Lstat(filepath.Join(s.root, target)); err == nil {
		v.Intro = l.F("serve.migrate.exists", target)
		if _, err := s.resolve(target); err == nil {
			v.Open = &link{"/soa/" + url.PathEscape(target), l.F("serve.migrate.open", target)}
		}
	} else {
		v.ID = s.addPending(&pending{file: d.name, old: d.src, new: out})
		v.Action, v.Button = back+"/migrate", l.F("serve.migrate.write", target)
	}
	respond(w, r, l, http.StatusOK, "preview", v)
}

// migrate writes the 2022 answers the preview showed next to the 2013 file.
func (s *Server) migrate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	name := r.PathValue("file")
	path, err := s.resolve(name)
	if err != nil {
		s.notFound(w, r, err)
		return
	}
	l, back := s.lang(), "/soa/"+url.PathEscape(name)
	p := s.takePending(r.PostFormValue("id"), name)
	if p == nil {
		s.fail(w, r, l, http.StatusGone, l.T("serve.upload.expired"), back)
		return
	}
	target := strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml") + "-2022.yaml"
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, err := readFile(path); err != nil || !bytes.Equal(cur, p.old) {
		s.fail(w, r, l, http.StatusConflict, l.F("serve.conflict", name), back)
		return
	}
	if err := createNew(filepath.Join(s.root, target), p.new); errors.Is(err, os.ErrExist) {
		s.fail(w, r, l, http.StatusConflict, l.F("serve.migrate.exists", target), back)
		return
	} else if err != nil {
		s.fail(w, r, l, http.StatusInternalServerError, err.Error(), back)
		return
	}
	s.state.Lock()
	s.migrated[target] = true
	s.state.Unlock()
	http.Redirect(w, r, "/soa/"+url.PathEscape(target), http.StatusSeeOther)
}
