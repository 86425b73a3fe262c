//go:build ignore

// Bench times soa as whole processes against fixed anchors, in one run on
// one machine, and prints the ratios issue 17 sets as goals:
//
//   - one workbook (soa generate) against an openpyxl script writing a
//     similar workbook (goal ≤ 0.07×) and against a minimal Go "floor" that
//     writes the same first four sheets straight into a zip (goal ≤ 3×);
//   - soa version, soa validate and soa gap against a hello-world Go
//     process (goal ≤ 2×);
//   - soa import against soa generate (goal ≤ 1×);
//   - a batch of organizations: ms per workbook and peak RSS at two sizes
//     (goal: flat in N).
//
// Everything it builds (soa with CGO_ENABLED=0, the floor, hello-world) and
// writes goes to a temporary directory. Processes run interleaved, round
// after round, so that a busy neighbour slows every command alike; the
// median of the rounds is reported. With -against OLD_SOA, a second soa
// binary is timed side by side and the workbooks, reports and imports of
// the two are compared byte for byte.
//
// Run from the repository root: scripts/bench.sh [flags] (or go run
// scripts/bench/bench.go [flags]).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

var (
	rounds    = flag.Int("n", 31, "rounds: each command runs this many times, interleaved with the others")
	batches   = flag.String("batch", "100,1000", "comma-separated batch sizes (organizations) for soa generate DIR; empty for none")
	batchReps = flag.Int("batch-reps", 2, "runs of each batch size")
	against   = flag.String("against", "", "another soa binary (say, one built from main) to time side by side and compare byte for byte")
	keep      = flag.Bool("keep", false, "keep the temporary directory and print its name")
)

const (
	example = "testdata/examples/saas-cloud.yaml"
	asOf    = "2026-04-01"
	python  = "/usr/bin/python3"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	flag.Parse()
	if _, err := os.Stat("go.mod"); err != nil {
		log.Fatal("run from the repository root (scripts/bench.sh)")
	}
	tmp, err := os.MkdirTemp("", "soa-bench-")
	check(err)
	if *keep {
		fmt.Println("temporary directory:", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	j := func(name ...string) string { return filepath.Join(append([]string{tmp}, name...)...) }

	soa := j("soa")
	goBuild(".", soa, "./cmd/soa")
	ref := j("ref.xlsx")
	mustRun(soa, "generate", example, "-o", ref, "--as-of", asOf)

	// The anchors, fed with the cells of soa's own workbook.
	cells := dumpCells(ref)
	check(os.MkdirAll(j("floor"), 0o755))
	check(os.WriteFile(j("floor", "go.mod"), []byte("module floor\n\ngo 1.22\n"), 0o644))
	copyFile("scripts/bench/floor.go", j("floor", "main.go"))
	check(os.WriteFile(j("floor", "cells.go"), floorCells(cells[:4]), 0o644))
	floor := j("floor", "floor")
	goBuild(j("floor"), floor, ".")
	check(os.MkdirAll(j("hello"), 0o755))
	check(os.WriteFile(j("hello", "go.mod"), []byte("module hello\n\ngo 1.22\n"), 0o644))
	copyFile("scripts/bench/hello.go", j("hello", "main.go"))
	hello := j("hello", "hello")
	goBuild(j("hello"), hello, ".")
	cellsJSON, err := json.Marshal(cells)
	check(err)
	check(os.WriteFile(j("cells.json"), cellsJSON, 0o644))
	pyScript, err := filepath.Abs("scripts/bench/openpyxl_soa.py")
	check(err)

	type command struct {
		name string
		argv []string
	}
	soaCmds := func(bin, tag string) []command {
		return []command{
			{"generate" + tag, []string{bin, "generate", example, "-o", j("gen" + tag + ".xlsx"), "--as-of", asOf, "--force"}},
			{"version" + tag, []string{bin, "version"}},
			{"validate" + tag, []string{bin, "validate", example}},
			{"gap" + tag, []string{bin, "gap", example, "--as-of", asOf, "--fail-on", "never"}},
			{"import" + tag, []string{bin, "import", ref, "-o", j("imp" + tag + ".yaml"), "--force"}},
			{"controls" + tag, []string{bin, "controls", "--format", "json"}},
		}
	}
	cmds := []command{
		{"hello", []string{hello}},
		{"floor", []string{floor, j("floor.xlsx")}},
		{"openpyxl", []string{python, pyScript, j("cells.json"), j("openpyxl.xlsx")}},
	}
	cmds = append(cmds, soaCmds(soa, "")...)
	if *against != "" {
		old := j("against")
		rewrite(*against, old)
		cmds = append(cmds, soaCmds(old, "(old)")...)
	}
	// Every command once, untimed: it must succeed, and the page cache is
	// warm for all of them alike.
	for _, c := range cmds {
		mustRun(c.argv[0], c.argv[1:]...)
	}
	times := map[string][]time.Duration{}
	cpu := map[string][]time.Duration{}
	for range *rounds {
		for _, c := range cmds {
			wall, used := timed(c.argv)
			times[c.name] = append(times[c.name], wall)
			cpu[c.name] = append(cpu[c.name], used)
		}
	}
	// Peak RSS is read through /usr/bin/time in runs of its own: a child
	// started by Go (vfork) inherits its parent's high-water mark.
	rss := map[string][]int64{}
	for range 3 {
		for _, c := range cmds {
			_, kb := timedRSS(tmp, c.argv)
			rss[c.name] = append(rss[c.name], kb)
		}
	}
	fmt.Printf("\nwhole processes, %d interleaved rounds: wall time median (min … max), CPU time (user+sys) median, peak RSS median\n", *rounds)
	for _, c := range cmds {
		ts := times[c.name]
		fmt.Printf("  %-16s %9s  (%9s … %9s)  cpu %9s  %6.1f MiB\n", c.name, ms(median(ts)), ms(slices.Min(ts)), ms(slices.Max(ts)), ms(median(cpu[c.name])), float64(median(rss[c.name]))/1024)
	}
	m := func(name string) float64 { return float64(median(times[name])) }
	lo := func(name string) float64 { return float64(slices.Min(times[name])) }
	c := func(name string) float64 { return float64(median(cpu[name])) }
	ratio := func(label, a, b, goal string) {
		fmt.Printf("  %-22s %6.3f×  (fastest runs %6.3f×, CPU time %6.3f×)  [goal %s]\n", label, m(a)/m(b), lo(a)/lo(b), c(a)/c(b), goal)
	}
	fmt.Printf("\nratios of median wall times\n")
	ratio("generate / openpyxl", "generate", "openpyxl", "≤ 0.07×")
	ratio("generate / floor", "generate", "floor", "≤ 3×")
	for _, name := range []string{"version", "validate", "gap"} {
		ratio(name+" / hello", name, "hello", "≤ 2×")
	}
	ratio("import / generate", "import", "generate", "≤ 1×")
	if *against != "" {
		fmt.Printf("\nthis soa against %s (new / old)\n", *against)
		for _, c := range soaCmds(soa, "") {
			fmt.Printf("  %-9s wall %.2f×  CPU %.2f×\n", c.name, m(c.name)/m(c.name+"(old)"), float64(median(cpu[c.name]))/float64(median(cpu[c.name+"(old)"])))
		}
		compare(soa, *against, tmp)
	}

	if *batches != "" {
		fmt.Printf("\nbatches: soa generate DIR -o OUT/, %d run(s) each, median\n", *batchReps)
		src, err := os.ReadFile(example)
		check(err)
		for _, f := range strings.Split(*batches, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			check(err)
			in := j(fmt.Sprintf("batch%d", n))
			check(os.MkdirAll(in, 0o755))
			for i := range n {
				org := bytes.Replace(src, []byte("name: Nimbus Ledger Ltd"), fmt.Appendf(nil, "name: Org %04d", i), 1)
				check(os.WriteFile(filepath.Join(in, fmt.Sprintf("org%04d.yaml", i)), org, 0o644))
			}
			bins := []string{soa}
			if *against != "" {
				bins = append(bins, *against)
			}
			ts := make([][]time.Duration, len(bins))
			kbs := make([][]int64, len(bins))
			for r := range *batchReps {
				for i, bin := range bins {
					out := j(fmt.Sprintf("out%d-%d", n, r))
					d, kb := timedRSS(tmp, []string{bin, "generate", in, "-o", out + "/", "--as-of", asOf})
					ts[i] = append(ts[i], d)
					kbs[i] = append(kbs[i], kb)
					check(os.RemoveAll(out))
				}
			}
			for i, bin := range bins {
				tag := ""
				if i > 0 {
					tag = " (" + bin + ")"
				}
				fmt.Printf("  %5d organizations  %9s  %6.2f ms/workbook  peak RSS %6.1f MiB%s\n",
					n, ms(median(ts[i])), float64(median(ts[i]))/1e6/float64(n), float64(median(kbs[i]))/1024, tag)
			}
		}
	}
}

// compare generates every example with both binaries (and runs gap and
// import) and reports whether the outputs are the same bytes.
func compare(soa, old, tmp string) {
	examples, err := filepath.Glob("testdata/examples/*.yaml")
	check(err)
	fmt.Println("\nsame bytes as", old+"?")
	same := true
	for _, ex := range examples {
		outs := [2][]byte{}
		for i, bin := range []string{soa, old} {
			out := filepath.Join(tmp, fmt.Sprintf("cmp%d.xlsx", i))
			mustRun(bin, "generate", ex, "-o", out, "--as-of", asOf, "--force")
			b, err := os.ReadFile(out)
			check(err)
			outs[i] = b
		}
		ok := bytes.Equal(outs[0], outs[1])
		same = same && ok
		fmt.Printf("  generate %-40s %v\n", ex, ok)
		for _, args := range [][]string{
			{"gap", ex, "--as-of", asOf, "--fail-on", "never", "--format", "json"},
			{"validate", ex, "--format", "json"},
		} {
			a, _ := exec.Command(soa, args...).CombinedOutput()
			b, _ := exec.Command(old, args...).CombinedOutput()
			ok := bytes.Equal(a, b)
			same = same && ok
			fmt.Printf("  %-8s %-40s %v\n", args[0], ex, ok)
		}
		imp := [2][]byte{}
		for i, bin := range []string{soa, old} {
			out := filepath.Join(tmp, fmt.Sprintf("cmp%d.yaml", i))
			in := filepath.Join(tmp, "cmp0.xlsx")
			mustRun(bin, "import", in, "-o", out, "--force")
			b, err := os.ReadFile(out)
			check(err)
			imp[i] = b
		}
		ok = bytes.Equal(imp[0], imp[1])
		same = same && ok
		fmt.Printf("  import   %-40s %v\n", ex, ok)
	}
	if !same {
		fmt.Println("  OUTPUT DIFFERS")
	}
}

type cellJSON struct {
	V string `json:"v"`
	N bool   `json:"n"`
}

type sheetJSON struct {
	Name string       `json:"name"`
	Rows [][]cellJSON `json:"rows"`
}

// dumpCells reads every cell of every sheet of the workbook at path.
func dumpCells(path string) []sheetJSON {
	f, err := excelize.OpenFile(path)
	check(err)
	defer f.Close()
	var out []sheetJSON
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		check(err)
		s := sheetJSON{Name: name}
		for r, row := range rows {
			cs := []cellJSON{}
			for c, v := range row {
				ref, err := excelize.CoordinatesToCellName(c+1, r+1)
				check(err)
				t, err := f.GetCellType(name, ref)
				check(err)
				num := v != "" && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset)
				if num {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						num = false
					}
				}
				cs = append(cs, cellJSON{V: v, N: num})
			}
			s.Rows = append(s.Rows, cs)
		}
		out = append(out, s)
	}
	return out
}

// floorCells is the Go source of the floor's cells.
func floorCells(sheets []sheetJSON) []byte {
	var b bytes.Buffer
	b.WriteString("package main\n\nvar sheets = []sheet{\n")
	for _, s := range sheets {
		fmt.Fprintf(&b, "\t{name: %q, rows: [][]cell{\n", s.Name)
		for _, row := range s.Rows {
			b.WriteString("\t\t{")
			for _, c := range row {
				fmt.Fprintf(&b, "{%q, %v}, ", c.V, c.N)
			}
			b.WriteString("},\n")
		}
		b.WriteString("\t}},\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func goBuild(dir, out, pkg string) {
	linked := out + ".linked"
	cmd := exec.Command("go", "build", "-trimpath", "-o", linked, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("go build %s in %s: %v\n%s", pkg, dir, err, b)
	}
	rewrite(linked, out)
	check(os.Remove(linked))
}

// rewrite writes a copy of the binary from at to, to be timed. A file the
// Go linker has just written (through a memory map) starts up slower, by
// 0.4 ms for soa and 0.2 ms for hello-world on Linux 6.18, than the same
// bytes written by write(2), as an installed or downloaded binary is: its
// page-cache pages fault in more slowly.
func rewrite(from, to string) {
	b, err := os.ReadFile(from)
	check(err)
	check(os.WriteFile(to, b, 0o755))
}

// timed runs argv and returns its wall time and the CPU time it used.
func timed(argv []string) (wall, cpu time.Duration) {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		log.Fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	return d, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// timedRSS runs argv under /usr/bin/time (which forks, so the child's
// high-water mark is its own) and returns the wall time, including time's
// own start-up, and the peak RSS in KiB.
func timedRSS(tmp string, argv []string) (time.Duration, int64) {
	out := filepath.Join(tmp, "rss.txt")
	d, _ := timed(append([]string{"/usr/bin/time", "-f", "%M", "-o", out}, argv...))
	b, err := os.ReadFile(out)
	check(err)
	kb, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	check(err)
	return d, kb
}

func mustRun(name string, args ...string) {
	if b, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, b)
	}
}

func copyFile(from, to string) {
	b, err := os.ReadFile(from)
	check(err)
	// The sources carry a go:build ignore line so that the soa module's go
	// test and go vet leave them alone; their own module builds them.
	b = bytes.Replace(b, []byte("//go:build ignore\n"), nil, 1)
	check(os.WriteFile(to, b, 0o644))
}

func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
