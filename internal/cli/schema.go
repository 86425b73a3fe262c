package cli

import (
	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/spf13/cobra"
)

func newSchemaCmd() *cobra.Command {
	docs := map[string]schema.Document{"answers": answers.Schema(), "catalog": catalog.Schema()}
	cmd := &cobra.Command{
		Use:   "schema answers|catalog",
		Short: "Print the JSON Schema of answers or catalogue files",
		Long: `Print a JSON Schema (draft 2020-12) of the answers file or of a catalogue
file, made from the same field and value lists the loader uses. It accepts
what soa validate reads without an error, as far as a schema can see: rules
about meaning, such as unknown control ids, are left to soa validate.
Editors with the YAML language server use it for completion and checks,
through a modeline such as:

  # yaml-language-server: $schema=answers.schema.json`,
		Example: `  soa schema answers > answers.schema.json
  soa schema catalog > catalog.schema.json`,
		Args:      exactArgs(1),
		ValidArgs: []string{"answers", "catalog"},
		RunE: func(cmd *cobra.Command, args []string) error {
			d, ok := docs[args[0]]
			if !ok {
				return usageError("unknown schema %q (allowed: answers, catalog)", args[0])
			}
			return schema.Write(cmd.OutOrStdout(), d)
		},
	}
	return cmd
}
