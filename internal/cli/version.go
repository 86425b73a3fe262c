package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time with -ldflags "-X github.com/soa-tool/soa/internal/cli.version=v1.2.3";
// otherwise it comes from the module or VCS information Go records.
var version = ""

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print soa's version",
		Example: "  soa version",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "soa %s\n", versionString())
			return err
		},
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	return describeBuild(info)
}

// describeBuild says which soa a build is: the module version when Go
// recorded one (a tagged checkout, a pseudo-version, `go install
// …@v1.2.3`), else the VCS revision, its time and whether the tree had
// uncommitted changes; then the Go version.
func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		var rev, when string
		dirty := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		switch {
		case rev == "":
			v = "(devel)"
		default:
			v = "devel-" + rev[:min(12, len(rev))]
			if when != "" {
				v += " " + when
			}
			if dirty {
				v += " (modified)"
			}
		}
	}
	if info.GoVersion != "" {
		v += " " + info.GoVersion
	}
	return v
}
