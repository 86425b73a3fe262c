package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/scaffold"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/spf13/cobra"
)

// schemaFile is the name of the JSON Schema that soa init writes beside a
// new answers file, and that the file's modeline names.
const schemaFile = "answers.schema.json"

type initOptions struct {
	*globalOptions
	output  string
	org     string
	edition string
	lang    string
	date    string
	force   bool
}

func newInitCmd(g *globalOptions) *cobra.Command {
	o := &initOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write an answers file to fill in, listing every control",
		Long: `Write an answers file that lists every control of the edition with its
title as a comment and empty answers, ready to fill in. Its first line, a
yaml-language-server modeline, points editors at the JSON Schema
` + schemaFile + ` beside it. With -o, that schema is written too unless
one is there already; without -o the answers go to standard output, and
"soa schema answers > ` + schemaFile + `" writes the schema. An existing
answers file is never overwritten without --force.`,
		Example: `  soa init -o answers.yaml --org "Example KK"
  soa init --edition 2013 --lang ja -o answers-2013.yaml
  soa init --org "Example KK" > answers.yaml && soa schema answers > ` + schemaFile,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return runInit(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "file to write (default: standard output)")
	f.StringVar(&o.org, "org", "", "organization name")
	f.StringVar(&o.edition, "edition", "2022", "Annex A edition of the control ids: 2022 or 2013")
	f.StringVar(&o.lang, "lang", "en", "language of the comments and of generated documents: en or ja")
	f.StringVar(&o.date, "date", "", "date of the SoA version, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH)")
	f.BoolVar(&o.force, "force", false, "overwrite an existing file")
	registerEnum(cmd, "edition", answers.Editions)
	registerEnum(cmd, "lang", i18n.Languages)
	return cmd
}

func runInit(cmd *cobra.Command, o *initOptions) error {
	lang, err := i18n.Parse(o.lang)
	if err != nil {
		return usageError("--lang: %v", err)
	}
	if !slices.Contains(answers.Editions, o.edition) {
		return usageError("--edition: unknown edition %q (allowed: 2022, 2013)", o.edition)
	}
	date := o.date
	if date == "" {
		date = today()
	} else if _, err := time.Parse(time.DateOnly, date); err != nil {
		return usageError("--date: %q is not a date; write YYYY-MM-DD", date)
	}
	cat, err := loadCatalogOrReport(cmd, o.catalogDir)
	if err != nil {
		return err
	}
	// The modeline names the schema by its name beside the answers file,
	// on standard output too: stdout stays the file itself, and the schema
	// is one command away (said on stderr).
	opts := scaffold.Options{Edition: o.edition, Org: o.org, Date: date, Lang: lang, SchemaPath: schemaFile}
	var buf bytes.Buffer
	if err := scaffold.Write(&buf, cat, opts); err != nil {
		return err
	}
	if o.output == "" || o.output == "-" {
		if _, err := cmd.OutOrStdout().Write(buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "for editors, write the schema the first line names beside the file: soa schema answers > %s\n", schemaFile)
		return nil
	}
	if err := writeFileAtomic(o.output, buf.Bytes(), o.force, inputFiles(o.catalogDir)); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d controls to answer)\n", displayPath(o.output), len(cat.ControlIDs(o.edition)))
	return writeSchemaBeside(cmd, o.output)
}

// writeSchemaBeside writes the answers' JSON Schema beside the answers
// file output, which the file's modeline names, unless one is there; on
// standard output, it says how to write it.
func writeSchemaBeside(cmd *cobra.Command, output string) error {
	if output == "" || output == stdoutName {
		fmt.Fprintf(cmd.ErrOrStderr(), "for editors, write the schema the first line names beside the file: soa schema answers > %s\n", schemaFile)
		return nil
	}
	schemaPath := filepath.Join(filepath.Dir(output), schemaFile)
	if _, err := os.Stat(schemaPath); err == nil {
		// The user's copy stays as it is; say so, since it may be older.
		fmt.Fprintf(cmd.ErrOrStderr(), "kept the existing %s (soa schema answers prints the current one)\n", displayPath(schemaPath))
		return nil
	}
	var sb bytes.Buffer
	if err := schema.Write(&sb, answers.Schema()); err != nil {
		return err
	}
	if err := writeFileAtomic(schemaPath, sb.Bytes(), false, nil); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (JSON Schema for editors)\n", displayPath(schemaPath))
	return nil
}

// today returns the date to stamp new files with: SOURCE_DATE_EPOCH when
// set (reproducible builds and tests), otherwise the local date.
func today() string {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC().Format(time.DateOnly)
		}
	}
	return time.Now().Format(time.DateOnly)
}

// todayAside works today out on a goroutine of its own and returns a
// function that waits for it. The first use of the local time zone opens,
// reads and parses /etc/localtime (about 0.1 ms), which then overlaps the
// caller's work; and it reads the file into a 4 KB buffer on the stack,
// which on a command's stack, deep by then, doubled the whole of it (8 to
// 16 KB for soa validate: a copy of every frame).
func todayAside() func() string {
	date := make(chan string, 1)
	go func() { date <- today() }()
	return sync.OnceValue(func() string { return <-date })
}
