// Package serveconfig is what `soa serve` hands the web page once its
// flags and files are checked: the page's settings and the type of the
// function that serves them. It imports no net/http. The soa binary links
// this package but not the page (package serve, with net/http, crypto/tls
// and x509 under it, whose start-up every process would otherwise pay):
// `soa serve` runs the companion binary soa-serve, which links both.
package serveconfig

import (
	"context"
	"net"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
)

// Config is what the page needs.
type Config struct {
	Catalog *catalog.Catalog
	// Dir is the served directory: no file outside it is read or written.
	Dir string
	// File is the base name of the one answers file served, or "" to serve
	// every answers file (*.yaml, *.yml) directly in Dir.
	File string
	// Lang is the page's language; "" follows each file's
	// organization.language (English for the list of files).
	Lang i18n.Lang
	// Judge says, on every request, how answers are judged: the as-of date
	// (today, unless fixed) and the review age.
	Judge func() rules.Options
	// Schema is the schema file a migrated answers file names in its first
	// line, as soa migrate writes it.
	Schema string
	// Addr is the host:port the server is reached at; a request naming
	// another Host is refused (DNS rebinding).
	Addr string
	// Token is the secret of the first URL; "" for a random one.
	Token string
}

// Launch is one run of the page: its settings and the listener it
// serves on.
type Launch struct {
	Config
	Listener net.Listener
	// Ready is called once, with the URL to open first, when the page is
	// about to serve.
	Ready func(url string)
}

// Runner serves l until ctx is done, then stops within a few seconds
// and returns nil; it returns an error when the page cannot be set up or
// the listener fails. It closes l.Listener.
type Runner func(ctx context.Context, l Launch) error

// IsLoopback reports whether addr (host:port) is on the loopback
// interface, where no other machine can reach the page.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
