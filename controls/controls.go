// Package controls embeds the bundled control catalogue: ISO/IEC 27001:2022
// Annex A with the ISO/IEC 27002:2022 attributes, ISO/IEC 27001:2013 Annex A,
// and the 2013→2022 correspondence. README.md in this folder names the
// public sources behind every fact.
package controls

import _ "embed" // for the files below

// Dir is the repository path of this folder, used to name the embedded
// files in messages so that they point at a file a user can open.
const Dir = "controls"

// File is one catalogue file: its name in this folder and its text.
type File struct {
	Name, Text string
}

// Files are the catalogue files, in name order. Each is embedded as a
// string, which the linker lays out in the binary, so that reading one
// copies nothing (an embed.FS copies every file it reads: 87 KB in every
// run). TestFilesListed checks that every *.yaml file of this folder is
// here, with its text.
var Files = []File{
	{"annex-a-2013.yaml", annexA2013},
	{"annex-a-2022.yaml", annexA2022},
	{"iso27002-2022-attributes.yaml", iso27002Attributes},
}

var (
	//go:embed annex-a-2013.yaml
	annexA2013 string
	//go:embed annex-a-2022.yaml
	annexA2022 string
	//go:embed iso27002-2022-attributes.yaml
	iso27002Attributes string
)
