// Package templates embeds the default templates of soa's reports. A user
// can replace any of them with --template FILE.
package templates

import "embed"

// FS holds the templates, *.tmpl at its root.
//
//go:embed *.tmpl
var FS embed.FS
