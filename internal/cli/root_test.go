package cli

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestCommandsTable: the table a run picks its one command from names
// every command of the tree, by the name cobra finds it by.
func TestCommandsTable(t *testing.T) {
	var tree, table []string
	for _, c := range newRootCmd().Commands() {
		tree = append(tree, c.Name())
	}
	for _, c := range commands {
		table = append(table, c.name)
		if got := c.make(&globalOptions{}).Name(); got != c.name {
			t.Errorf("commands names %q, which makes %q", c.name, got)
		}
	}
	slices.Sort(table) // as cobra lists them
	if !slices.Equal(tree, table) {
		t.Errorf("tree %v, table %v", tree, table)
	}
}

// TestOneCommandTree: a run that builds only its command says the same as
// one with the whole tree: the same output, errors and exit code, for a
// command that runs and for bad flags and arguments of every command.
func TestOneCommandTree(t *testing.T) {
	type result struct {
		out, errOut string
		code        int
	}
	exec := func(root *cobra.Command, args []string) result {
		var out, errOut bytes.Buffer
		root.SetArgs(args)
		root.SetIn(strings.NewReader(""))
		root.SetOut(&out)
		root.SetErr(&errOut)
		code := exitCode(&errOut, root.Execute())
		return result{out.String(), errOut.String(), code}
	}
	cases := [][]string{{"version"}, {"version", "extra"}, {"validate"}, {"gap", "a.yaml", "b.yaml"}, {"controls", "show"}, {"catalog", "validate", "a", "b"}}
	for _, c := range commands {
		cases = append(cases, []string{c.name, "--no-such-flag"})
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			name := commandToRun(args)
			if name != args[0] {
				t.Fatalf("commandToRun(%q) = %q", args, name)
			}
			one, all := exec(newRootCmdFor(name), args), exec(newRootCmd(), args)
			if one != all {
				t.Errorf("one command: %+v\nthe whole tree: %+v", one, all)
			}
			if all.code == 0 && args[0] != "version" {
				t.Errorf("exit code 0: %+v", all)
			}
		})
	}
	for _, args := range [][]string{{}, {"--catalog", "x", "validate"}, {"validate", "--help"}, {"help", "validate"}, {"completion", "bash"}, {"valdate"}, {"__complete", "v"}} {
		if name := commandToRun(args); name != "" {
			t.Errorf("commandToRun(%q) = %q, want the whole tree", args, name)
		}
	}
}
