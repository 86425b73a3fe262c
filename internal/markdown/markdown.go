// Package markdown makes text from the answers safe to put in a Markdown
// report: shown as typed, with no emphasis, link, code or raw HTML of its
// own, and no pipe that would end a table cell.
package markdown

import (
	"strings"

	"github.com/soa-tool/soa/internal/lazy"
)

// escaper is made on first use: only Markdown reports need it.
var escaper = lazy.Value[*strings.Replacer]{Make: func() *strings.Replacer {
	return strings.NewReplacer(
		// ~ is GitHub's strikethrough, $ its maths; # ends an ATX heading.
		`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "~", `\~`, "$", `\$`, "#", `\#`,
		"&", "&amp;", "<", "&lt;", ">", "&gt;", "\r\n", "<br>", "\n", "<br>", "\r", "<br>",
	)
}}

// Cell escapes s for a table cell or a list item; line breaks become <br>.
func Cell(s string) string { return escaper.Get().Replace(s) }

// Line escapes s for a line of its own, such as a heading: on one line.
func Line(s string) string { return escaper.Get().Replace(strings.Join(strings.Fields(s), " ")) }
