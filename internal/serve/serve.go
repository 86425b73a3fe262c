// Package serve is soa's local web page: the Statement of Applicability of
// one answers file (or a directory of them) in a browser, edited in place.
// The answers file stays the source of truth: every edit goes through the
// same in-place editor as soa import --into and is judged as soa validate
// judges it, and every download is what the commands write. The package
// parses no flags and never exits: internal/cli gives it what it needs.
package serve

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/soa-tool/soa/internal/serveconfig"
)

// Config is what the server needs (see serveconfig, which soa links
// without the page).
type Config = serveconfig.Config

// Server serves the page. Create it with New.
type Server struct {
	cfg     Config
	root    string // Dir, absolute, symlinks resolved
	token   string // the first URL's secret: it opens one browser session
	session string // the cookie's secret, given for the token
	handler http.Handler

	used sync.Mutex // guards spent
	// spent is set once the token has been exchanged for the session
	// cookie: the URL then opens no other browser (a link left in a
	// history, a log or a screenshot is no key).
	spent bool

	mu       sync.Mutex // one edit at a time
	state    sync.Mutex // guards pending and migrated
	pending  map[string]*pending
	migrated map[string]bool // files written by a migration, served too in one-file mode
}

// cookieName holds the session once the first URL has been opened.
const cookieName = "soa_session"

// New checks cfg and returns the server.
func New(cfg Config) (*Server, error) {
	if cfg.Catalog == nil || cfg.Judge == nil {
		return nil, errors.New("serve: a catalogue and a judging function are needed")
	}
	abs, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", cfg.Dir, err)
	}
	if cfg.File != "" && !validName(cfg.File) {
		return nil, fmt.Errorf("serve: %q is not an answers file name (*.yaml)", cfg.File)
	}
	if cfg.Token == "" {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		cfg.Token = hex.EncodeToString(b)
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, root: root, token: cfg.Token, session: hex.EncodeToString(b), pending: map[string]*pending{}, migrated: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /assets/{name}", serveAsset)
	mux.HandleFunc("GET /soa/{file}", s.page)
	mux.HandleFunc("POST /soa/{file}/save", s.save)
	mux.HandleFunc("POST /soa/{file}/bulk", s.bulk)
	mux.HandleFunc("GET /soa/{file}/download/{name}", s.download)
	mux.HandleFunc("POST /soa/{file}/upload", s.upload)
	mux.HandleFunc("POST /soa/{file}/apply", s.applyUpload)
	mux.HandleFunc("GET /soa/{file}/migrate", s.migratePreview)
	mux.HandleFunc("POST /soa/{file}/migrate", s.migrate)
	s.handler = s.secure(http.NewCrossOriginProtection().Handler(mux))
	return s, nil
}

// URL is the address to open first: it carries the token.
func (s *Server) URL() string { return "http://" + s.cfg.Addr + "/?token=" + s.token }

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// csp allows the page's own script, styles and images and nothing else: no
// inline script or style, no other origin.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure applies the rules every request passes: the Host header names the
// served address, the token (in the first URL, then a cookie) is given,
// and the responses carry headers that keep the page to itself.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		if !strings.EqualFold(r.Host, s.cfg.Addr) {
			http.Error(w, "soa serve: this page is served as "+s.cfg.Addr+", not "+r.Host, http.StatusMisdirectedRequest)
			return
		}
		if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
			if !s.validToken(t) {
				http.Error(w, "soa serve: wrong token; open the URL soa serve printed", http.StatusUnauthorized)
				return
			}
			if !s.spend() && !s.hasSession(r) {
				http.Error(w, "soa serve: this link has been opened already, in another browser; it opens one browser only. Use that browser, or restart soa serve for a new link", http.StatusUnauthorized)
				return
			}
			http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.session, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			u := *r.URL
			q := u.Query()
			q.Del("token")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		if !s.hasSession(r) {
			http.Error(w, "soa serve: open the URL soa serve printed (it carries the token)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) validToken(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

// spend marks the token used; it reports whether this was its first use.
func (s *Server) spend() bool {
	s.used.Lock()
	defer s.used.Unlock()
	first := !s.spent
	s.spent = true
	return first
}

// hasSession reports whether r carries the session cookie.
func (s *Server) hasSession(r *http.Request) bool {
	c, err := r.Cookie(cookieName)
	return err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.session)) == 1
}

// pending is an upload or a migration shown for confirmation, applied only
// while the file still holds the bytes it was computed from.
type pending struct {
	file     string
	old, new []byte
	created  time.Time
}

// pendingTTL is how long a preview can be confirmed.
const pendingTTL = 30 * time.Minute

func (s *Server) addPending(p *pending) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	p.created = time.Now()
	s.state.Lock()
	defer s.state.Unlock()
	for k, v := range s.pending {
		if time.Since(v.created) > pendingTTL {
			delete(s.pending, k)
		}
	}
	s.pending[id] = p
	return id
}

func (s *Server) takePending(id, file string) *pending {
	s.state.Lock()
	defer s.state.Unlock()
	p := s.pending[id]
	if p == nil || p.file != file || time.Since(p.created) > pendingTTL {
		return nil
	}
	delete(s.pending, id)
	return p
}
