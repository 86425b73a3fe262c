// Package controls embeds the bundled control catalogue: ISO/IEC 27001:2022
// Annex A with the ISO/IEC 27002:2022 attributes, ISO/IEC 27001:2013 Annex A,
// and the 2013→2022 correspondence. README.md in this folder names the
// public sources behind every fact.
package controls

import "embed"

// FS holds the catalogue files, *.yaml at its root.
//
//go:embed *.yaml
var FS embed.FS

// Dir is the repository path of this folder, used to name the embedded
// files in messages so that they point at a file a user can open.
const Dir = "controls"
