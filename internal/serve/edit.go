package serve

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/render"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
)

// maxForm bounds an edit's form: a text of the parser's limit at most.
const maxForm = 4 << 20

// saveResult is the script's answer to an edit.
type saveResult struct {
	OK       bool                 `json:"ok"`
	Version  string               `json:"version,omitempty"`
	Message  string               `json:"message,omitempty"`
	Errors   []fieldError         `json:"errors,omitempty"`
	Changes  []string             `json:"changes,omitempty"`
	Findings string               `json:"findings,omitempty"`
	Progress string               `json:"progress,omitempty"`
	Rows     map[string]rowResult `json:"rows,omitempty"`
	Reload   bool                 `json:"reload,omitempty"`
}

type fieldError struct {
	Control string `json:"control"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

type rowResult struct {
	Findings string `json:"findings"`
	N        int    `json:"n"`
	State    string `json:"state"`
}

// formValue reads field f's value from the form's values for it.
func formValue(f *answers.Field, vals []string) (answers.Value, error) {
	var out answers.Value
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	switch f.Kind {
	case answers.EnumSet:
		for _, v := range vals {
			add(v)
		}
	case answers.TextList:
		for _, v := range vals {
			for _, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
				add(line)
			}
		}
	case answers.IDList:
		for _, v := range vals {
			for _, item := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' || r == '、' }) {
				add(item)
			}
		}
	case answers.Text:
		if len(vals) > 0 {
			t := strings.TrimRight(strings.ReplaceAll(vals[0], "\r\n", "\n"), " \t\n")
			if strings.TrimSpace(t) != "" {
				out = answers.Value{t}
			}
		}
	case answers.Bool:
		if len(vals) > 0 {
			add(vals[0])
		}
		if len(out) > 0 && out[0] != "true" && out[0] != "false" {
			return nil, fmt.Errorf("%q is not an answer: want true, false or nothing", out[0])
		}
	default:
		if len(vals) > 0 {
			add(vals[0])
		}
	}
	return out, nil
}

// answerOf is a copy of the answer of control id in d, or a new one; nil
// when d's edition has no such control.
func answerOf(d *doc, id string) *answers.Answer {
	for _, row := range d.st.Rows {
		if row.Control.ID == id {
			if row.Answer == nil {
				return &answers.Answer{ID: id}
			}
			a := *row.Answer
			return &a
		}
	}
	return nil
}

// begin reads the form and the file for an edit, and refuses one made to
// a version of the file that is no longer on disk. The caller holds s.mu.
func (s *Server) begin(w http.ResponseWriter, r *http.Request) (*doc, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseMultipartForm(maxForm); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		http.Error(w, "soa serve: "+err.Error(), http.StatusRequestEntityTooLarge)
		return nil, false
	}
	name := r.PathValue("file")
	d, err := s.load(name)
	if err != nil {
		s.notFound(w, r, err)
		return nil, false
	}
	back := "/soa/" + url.PathEscape(name)
	if r.PostFormValue("version") != d.version {
		s.fail(w, r, d.lang, http.StatusConflict, d.lang.F("serve.conflict", name), back)
		return nil, false
	}
	if d.st == nil {
		s.fail(w, r, d.lang, http.StatusUnprocessableEntity, d.lang.F("serve.invalid_file", name), back)
		return nil, false
	}
	return d, true
}

// save saves the fields of one control a form sends: one field from the
// page's script, every field from a form posted without it.
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.begin(w, r)
	if !ok {
		return
	}
	id := r.PostFormValue("control")
	a := answerOf(d, id)
	if a == nil {
		s.fail(w, r, d.lang, http.StatusNotFound, "no control "+id+" in "+d.name, "/soa/"+url.PathEscape(d.name))
		return
	}
	// A form posted without the script sends every field of the control.
	keys := answers.FieldKeys()
	if fs := r.PostForm["fields"]; len(fs) > 0 {
		keys = nil
	}
	for _, k := range r.PostForm["fields"] {
		if k == "*" {
			keys = answers.FieldKeys()
			break
		}
		if answers.FieldByKey(k) != nil && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	var bad diag.List
	for _, k := range keys {
		f := answers.FieldByKey(k)
		v, err := formValue(f, r.PostForm[k])
		if err != nil {
			bad = append(bad, diag.Diagnostic{Severity: diag.Error, Control: id, Field: k, Msg: err.Error()})
		}
		f.Set(a, v)
	}
	if len(bad) > 0 {
		s.refuse(w, r, d, bad, "/soa/"+url.PathEscape(d.name))
		return
	}
	s.commit(w, r, d, []*answers.Answer{a}, keys, id)
}

// bulk sets the status, owner or reasons of the selected controls.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.begin(w, r)
	if !ok {
		return
	}
	back := "/soa/" + url.PathEscape(d.name)
	ids := r.PostForm["select"]
	if len(ids) == 0 {
		s.fail(w, r, d.lang, http.StatusUnprocessableEntity, d.lang.T("serve.bulk.none"), back)
		return
	}
	status := answers.FieldByKey(answers.KeyStatus)
	owner := answers.FieldByKey(answers.KeyOwner)
	reasons := answers.FieldByKey(answers.KeyReasons)
	sv, _ := formValue(status, r.PostForm[status.Key])
	ov, _ := formValue(owner, r.PostForm[owner.Key])
	rv, _ := formValue(reasons, r.PostForm[reasons.Key])
	mode := r.PostFormValue("reasons_mode")
	var keys []string
	if len(sv) > 0 {
		keys = append(keys, status.Key)
	}
	if len(ov) > 0 {
		keys = append(keys, owner.Key)
	}
	if mode == "add" || mode == "replace" {
		keys = append(keys, reasons.Key)
	}
	if len(keys) == 0 {
		s.fail(w, r, d.lang, http.StatusUnprocessableEntity, d.lang.T("serve.bulk.nothing"), back)
		return
	}
	var upd []*answers.Answer
	for _, id := range ids {
		a := answerOf(d, id)
		if a == nil {
			s.fail(w, r, d.lang, http.StatusNotFound, "no control "+id+" in "+d.name, back)
			return
		}
		if len(sv) > 0 {
			status.Set(a, sv)
		}
		if len(ov) > 0 {
			owner.Set(a, ov)
		}
		switch mode {
		case "replace":
			reasons.Set(a, rv)
		case "add":
			reasons.Set(a, reasons.Canonical(append(slices.Clone(reasons.Get(a)), rv...)))
		}
		upd = append(upd, a)
	}
	s.commit(w, r, d, upd, keys, "")
}

// commit writes the answers upd (the fields keys of each) into d's file
// with the in-place editor, provided the result brings no error soa
// validate would report that the file did not have, and the file is
// still what the page showed. The caller holds s.mu.
func (s *Server) commit(w http.ResponseWriter, r *http.Request, d *doc, upd []*answers.Answer, keys []string, anchor string) {
	back := "/soa/" + url.PathEscape(d.name)
	if bad := s.checkValues(d, upd, keys); len(bad) > 0 {
		s.refuse(w, r, d, bad, back)
		return
	}
	out, changes, err := answers.Update(d.name, d.src, &answers.File{Edition: d.st.Edition, Controls: upd},
		answers.UpdateOptions{Fields: keys, Order: s.cfg.Catalog.ControlIDs(d.st.Edition)})
	var l diag.List
	if errors.As(err, &l) {
		s.refuse(w, r, d, l, back)
		return
	} else if err != nil {
		s.fail(w, r, d.lang, http.StatusUnprocessableEntity, d.lang.F("serve.refused", err.Error()), back)
		return
	}
	var st *soa.Statement
	if len(changes) > 0 {
		var bad diag.List
		if bad, st = s.introduced(d, out); len(bad) > 0 {
			s.refuse(w, r, d, bad, back)
			return
		}
		if err := writeIfUnchanged(d.path, d.src, out); errors.Is(err, errConflict) {
			s.fail(w, r, d.lang, http.StatusConflict, d.lang.F("serve.conflict", d.name), back)
			return
		} else if err != nil {
			s.fail(w, r, d.lang, http.StatusInternalServerError, d.lang.F("serve.refused", err.Error()), back)
			return
		}
	}
	if !wantsJSON(r) {
		to := back
		if anchor != "" {
			to += "#c-" + anchor
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	nd := d
	switch {
	case len(changes) == 0:
	case st != nil:
		nd = s.judged(d.name, d.path, out, st)
	default:
		nd = s.judge(d.name, d.path, out)
	}
	res := saveResult{OK: true, Version: nd.version, Rows: map[string]rowResult{}}
	for _, c := range changes {
		res.Changes = append(res.Changes, c.String())
	}
	v := pageView{Findings: findingViews(nd.rep.Findings, nd.lang), Progress: nd.progress()}
	if res.Findings, res.Progress, err = fragments(nd, v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	by := nd.findingsOf()
	for _, row := range nd.st.Rows {
		fs := findingViews(by[row.Control.ID], nd.lang)
		html, err := execute(nd.lang, "rowfindings", fs)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		res.Rows[row.Control.ID] = rowResult{Findings: string(html), N: len(fs), State: stateOf(row)}
	}
	writeJSON(w, http.StatusOK, res)
}

// checkValues reads the edited fields of each answer as soa validate
// reads them, in an answers file holding that answer alone: a value the
// loader or the workbook's cell limits refuse is an error at its control
// and field, found before the file is touched (the in-place editor
// refuses to write a file that would not read back, without saying which
// value is wrong).
func (s *Server) checkValues(d *doc, upd []*answers.Answer, keys []string) diag.List {
	var bad diag.List
	for _, a := range upd {
		probe := &answers.Answer{ID: a.ID}
		for _, k := range keys {
			probe.SetField(k, a)
		}
		f := &answers.File{Edition: d.st.Edition, Org: answers.Organization{Name: "probe", Date: "2000-01-01"}, Controls: []*answers.Answer{probe}}
		var buf bytes.Buffer
		if err := answers.Encode(&buf, f, answers.EncodeOptions{IDs: []string{a.ID}}); err != nil {
			bad = append(bad, diag.Diagnostic{Severity: diag.Error, Control: a.ID, Msg: err.Error()})
			continue
		}
		_, l := render.Load(s.cfg.Catalog, d.name, buf.Bytes(), true, d.ro)
		for _, x := range l {
			if x.Severity == diag.Error {
				bad = append(bad, diag.Diagnostic{Severity: diag.Error, Control: a.ID, Field: x.Field, Msg: x.Msg})
			}
		}
	}
	return bad
}

// introduced are the errors soa validate reports of out that it does not
// report of d: what the edit would break. Errors the file had already are
// not the edit's to fix. st is out's statement when out has no error.
func (s *Server) introduced(d *doc, out []byte) (diag.List, *soa.Statement) {
	key := func(x diag.Diagnostic) string { return x.Control + "\x00" + x.Field + "\x00" + x.Msg }
	before := map[string]bool{}
	for _, x := range append(slices.Clone(d.diags), rules.Validate(d.st, d.ro)...) {
		before[key(x)] = true
	}
	st, now := render.Load(s.cfg.Catalog, d.name, out, false, d.ro)
	var bad diag.List
	for _, x := range now {
		if x.Severity == diag.Error && !before[key(x)] {
			bad = append(bad, x)
		}
	}
	return bad, st
}

// refuse reports errors that stop an edit, each at its control and field.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, d *doc, l diag.List, back string) {
	if !wantsJSON(r) {
		var msgs []string
		for _, x := range l {
			msgs = append(msgs, x.String())
		}
		respond(w, r, d.lang, http.StatusUnprocessableEntity, "preview", previewView{Lang: string(d.lang), Heading: d.lang.F("serve.refused", d.name), Back: back, Errors: msgs})
		return
	}
	res := saveResult{Message: d.lang.F("serve.refused", l[0].Msg)}
	for _, x := range l {
		res.Errors = append(res.Errors, fieldError{Control: x.Control, Field: x.Field, Message: x.Msg})
	}
	writeJSON(w, http.StatusUnprocessableEntity, res)
}
