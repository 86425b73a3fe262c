package cli

import (
	"fmt"
	"strings"
	"sync"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/controllist"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/spf13/cobra"
)

type controlsOptions struct {
	*globalOptions
	edition string
	theme   string
	attrs   []string
	isNew   bool
	lang    string
	format  string
}

func newControlsCmd(g *globalOptions) *cobra.Command {
	o := &controlsOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List the controls of the catalogue",
		Long: `List the Annex A controls of the catalogue, filtered by edition, theme,
ISO/IEC 27002:2022 attribute or novelty. The table fits a 100-column
terminal; json, yaml and csv give every field for other tools.`,
		Example: `  soa controls
  soa controls --theme technological --attr cybersecurity_concepts=detect
  soa controls --new --format json
  soa controls --edition 2013 --lang ja`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return runControls(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.edition, "edition", "2022", "Annex A edition: 2022 or 2013")
	f.StringVar(&o.theme, "theme", "", "only this theme: organizational, people, physical, technological (or 5–8; A.5–A.18 for 2013)")
	f.StringArrayVar(&o.attrs, "attr", nil, "only controls with this ISO/IEC 27002:2022 attribute, as KEY=VALUE (repeatable; all must match; 2022 only)")
	f.BoolVar(&o.isNew, "new", false, "only the controls new in 2022")
	f.StringVar(&o.lang, "lang", "en", "language of titles in the table: en or ja")
	addFormatFlag(cmd, &o.format, controllist.Formats)
	registerEnum(cmd, "edition", catalog.Editions)
	registerEnum(cmd, "lang", i18n.Languages)
	_ = cmd.RegisterFlagCompletionFunc("theme", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		cat, err := loadCatalog(g.catalogDir)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ids []string
		for _, s := range cat.EditionSets(o.edition) {
			for _, t := range s.Themes {
				ids = append(ids, t.ID)
			}
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.AddCommand(newControlsShowCmd(g))
	return cmd
}

func runControls(cmd *cobra.Command, o *controlsOptions) error {
	lang, err := i18n.Parse(o.lang)
	if err != nil {
		return usageError("--lang: %v", err)
	}
	if _, err := pickFormat(controllist.Formats, o.format); err != nil {
		return err
	}
	cat, err := loadCatalogOrReport(cmd, o.catalogDir)
	if err != nil {
		return err
	}
	ctls, err := cat.Select(catalog.Query{Edition: o.edition, Theme: o.theme, Attrs: o.attrs, New: o.isNew})
	if err != nil {
		return usageError("%v", err)
	}
	return controllist.Write(forTerminal(cmd.OutOrStdout(), o.format, "table"), cat, ctls, controllist.Options{Format: o.format, Lang: lang})
}

func newControlsShowCmd(g *globalOptions) *cobra.Command {
	var lang, format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one control with everything known about it",
		Long: `Show one control: titles, theme or clause, summary, ISO/IEC 27002:2022
attributes, and both directions of the 2013↔2022 mapping. Any text added
by an overlay in --catalog is shown too.`,
		Example: `  soa controls show 5.23
  soa controls show A.9.2.1 --lang ja
  soa controls show 8.9 --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := i18n.Parse(lang)
			if err != nil {
				return usageError("--lang: %v", err)
			}
			if _, err := pickFormat(controllist.DetailFormats, format); err != nil {
				return err
			}
			cat, err := loadCatalogOrReport(cmd, g.catalogDir)
			if err != nil {
				return err
			}
			id := normalizeID(args[0])
			c := cat.Control(id)
			if c == nil {
				msg := fmt.Sprintf("no control %q in the catalogue", args[0])
				msg += diag.DidYouMean(id, allControlIDs(cat), false)
				return usageError("%s", msg)
			}
			return controllist.WriteDetail(forTerminal(cmd.OutOrStdout(), format, "table", "text", ""), cat, c, controllist.Options{Format: format, Lang: l})
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "en", "language of titles and labels: en or ja")
	addFormatFlag(cmd, &format, controllist.DetailFormats)
	registerEnum(cmd, "lang", i18n.Languages)
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		cat, err := loadCatalog(g.catalogDir)
		if err != nil || len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return allControlIDs(cat), cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}

// normalizeID accepts the ways people type an id: "a.5.1.1" for A.5.1.1.
func normalizeID(id string) string {
	id = strings.TrimSpace(id)
	if strings.HasPrefix(id, "a.") {
		id = "A." + id[2:]
	}
	return id
}

func allControlIDs(cat *catalog.Catalog) []string {
	var ids []string
	for _, s := range cat.Sets {
		for _, c := range s.Controls {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// loadCatalogOrReport loads the catalogue; invalid catalogue files are
// printed as diagnostics on stderr and give exit code 1.
func loadCatalogOrReport(cmd *cobra.Command, dir string) (*catalog.Catalog, error) {
	cat, err := loadCatalog(dir)
	if err == nil {
		return cat, nil
	}
	if l, ok := err.(diag.List); ok {
		_ = diag.Write(cmd.ErrOrStderr(), "text", l)
		fmt.Fprintf(cmd.ErrOrStderr(), "soa: the catalogue has %d error(s); run soa catalog validate for details\n", l.Count(diag.Error))
		return nil, reported(ExitInvalid)
	}
	return nil, err
}

// registerEnum offers values as shell completions of flag.
func registerEnum(cmd *cobra.Command, flag string, values []string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// loadCatalogAside starts loading the catalogue of a --catalog dir on
// another core and returns the wait for it, so that a command reads and
// parses its input meanwhile. The catalogue's problems are printed by
// loadCatalogOrReport as before; the caller prints nothing of its own until
// it has waited, so that they come first. The bundled catalogue alone is
// loaded at once: it is data in the binary (catalog.Load returns it
// without building anything), and a goroutine would start a thread, which
// costs more.
func loadCatalogAside(cmd *cobra.Command, dir string) func() (*catalog.Catalog, error) {
	if dir == "" {
		cat, err := loadCatalogOrReport(cmd, dir)
		return func() (*catalog.Catalog, error) { return cat, err }
	}
	type loaded struct {
		cat *catalog.Catalog
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		cat, err := loadCatalogOrReport(cmd, dir)
		done <- loaded{cat, err}
	}()
	return sync.OnceValues(func() (*catalog.Catalog, error) {
		c := <-done
		return c.cat, c.err
	})
}
