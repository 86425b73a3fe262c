package cli

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/spf13/cobra"
)

func newCatalogCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Work with the control catalogue",
		Example: `  soa catalog validate
  soa catalog validate ./my-controls --format github`,
		Args: exactArgs(0),
	}
	cmd.AddCommand(newCatalogValidateCmd(g))
	return cmd
}

func newCatalogValidateCmd(g *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check the catalogue, or DIR merged over it",
		Long: `Check the bundled catalogue, or the catalogue files in DIR merged over it
(the same as --catalog DIR). Every problem is printed, one per line, as
file:line:col: severity: control: field: message.

Exit codes: 0 valid, 1 invalid, 2 usage or I/O error.`,
		Example: `  soa catalog validate
  soa catalog validate ./my-controls
  soa catalog validate ./my-controls --format json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := pickFormat(diag.Formats, format); err != nil {
				return err
			}
			dir := g.catalogDir
			if len(args) == 1 {
				if dir != "" && dir != args[0] {
					return usageError("give the directory either as DIR or as --catalog, not both")
				}
				dir = args[0]
			}
			return runCatalogValidate(cmd, dir, format)
		},
	}
	addFormatFlag(cmd, &format, diag.Formats)
	return cmd
}

func runCatalogValidate(cmd *cobra.Command, dir, format string) error {
	cat, err := loadCatalog(dir)
	var l diag.List
	switch {
	case err == nil:
	case asList(err, &l):
	default:
		return err
	}
	if err := diag.Write(cmd.OutOrStdout(), format, l); err != nil {
		return err
	}
	if l.HasErrors() {
		if format == "text" {
			fmt.Fprintf(cmd.ErrOrStderr(), "soa: catalogue invalid: %d error(s)\n", l.Count(diag.Error))
		}
		return reported(ExitInvalid)
	}
	if format == "text" {
		fmt.Fprintf(cmd.ErrOrStderr(), "catalogue valid: %s\n", describeCatalog(cat))
	}
	return nil
}

// describeCatalog says what a valid catalogue holds, in one line.
func describeCatalog(cat *catalog.Catalog) string {
	var parts []string
	for _, s := range cat.Sets {
		parts = append(parts, fmt.Sprintf("%s (%d controls)", s.ID, len(s.Controls)))
	}
	for _, o := range cat.Overlays {
		parts = append(parts, fmt.Sprintf("overlay %q (%d controls)", o.Name, o.N))
	}
	return strings.Join(parts, ", ")
}

func asList(err error, l *diag.List) bool {
	v, ok := err.(diag.List)
	if ok {
		*l = v
	}
	return ok
}
