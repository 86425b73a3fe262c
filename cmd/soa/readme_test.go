package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestReadme runs the README's examples against the real soa: every soa
// line of its ```sh blocks, in order, in one directory (the go lines are
// the developer's, and need the network or the source tree), and every
// command of its command table with --help, whose help must know every
// flag the table gives that command.
func TestReadme(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	inSh := false
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
		case strings.HasPrefix(line, "```"):
			inSh = false
		case inSh:
			cmd, _, _ := strings.Cut(line, "#")
			if cmd = strings.TrimSpace(cmd); strings.HasPrefix(cmd, "soa ") {
				// testscript quotes with single quotes.
				fmt.Fprintf(&script, "exec %s\n", strings.ReplaceAll(cmd, `"`, "'"))
			}
		}
	}
	row := regexp.MustCompile("^\\| `soa ([a-z ]+?)[ `]")
	flag := regexp.MustCompile(`(?:^|[ \[(])(--[a-z-]+|-o)\b`)
	rows := 0
	for _, line := range strings.Split(string(src), "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rows++
		cell := strings.Split(line, "` |")[0]
		for _, sub := range strings.Split(cell, "`, `") { // soa version, soa completion …
			name := regexp.MustCompile(`^\|? ?` + "`?" + `soa ([a-z]+(?: [a-z]+)?)`).FindStringSubmatch(sub)
			if name == nil {
				continue
			}
			path := strings.Fields(name[1])
			if len(path) == 2 && !knownSub[path[0]] {
				path = path[:1] // "soa controls show": show is a subcommand, "soa schema answers" an argument
			}
			fmt.Fprintf(&script, "exec soa %s --help\n", strings.Join(path, " "))
			for _, f := range flag.FindAllStringSubmatch(sub, -1) {
				fmt.Fprintf(&script, "stdout '\\s%s\\b'\n", regexp.QuoteMeta(f[1]))
			}
		}
	}
	if rows < 10 || !strings.Contains(script.String(), "exec soa init") {
		t.Fatalf("found %d command rows and these examples:\n%s", rows, script.String())
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "readme.txtar"), []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("SOURCE_DATE_EPOCH", "1775001600")
			return nil
		},
	})
}

// knownSub are the commands whose second word in the table is a
// subcommand.
var knownSub = map[string]bool{"controls": true, "catalog": true}
