package cli

import (
	"strings"

	"github.com/soa-tool/soa/internal/format"
	"github.com/spf13/cobra"
)

// formatNames is what a command's --format flag needs of its format set.
type formatNames interface {
	Names() []string
	Default() string
}

// addFormatFlag adds --format (-f) with the set's formats: its default, its
// help and its shell completion all come from the one list.
func addFormatFlag(cmd *cobra.Command, p *string, set formatNames) {
	cmd.Flags().StringVarP(p, "format", "f", set.Default(), "output format: "+strings.Join(set.Names(), ", "))
	registerEnum(cmd, "format", set.Names())
}

// pickFormat returns the renderer of the format called name, or the usage
// error every command gives for a format it does not have.
func pickFormat[T any](set format.Set[T], name string) (format.Renderer[T], error) {
	r, err := set.Pick(name)
	if err != nil {
		return nil, usageError("--format: %w", err)
	}
	return r, nil
}
