package yamlfile

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/fuzzing"
	"go.yaml.in/yaml/v3"
)

func TestMain(m *testing.M) { fuzzing.Main(m) }

// fastAgrees checks fastParse against yaml.v3 on src: when fastParse
// returns a tree, yaml.v3 must accept src and build the same tree, once
// converted to Nodes as parseYAML converts it. It reports whether fastParse took the text.
func fastAgrees(src []byte) (taken bool, err error) {
	fast, ok := fastParse(src, false)
	if !ok {
		return false, nil
	}
	var doc yaml.Node
	if err := unmarshalNoPanic(src, &doc); err != nil {
		return true, fmt.Errorf("fastParse took a text yaml.v3 refuses (%v)", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return true, fmt.Errorf("fastParse took a text yaml.v3 reads as %v with %d nodes", doc.Kind, len(doc.Content))
	}
	want := compact(doc.Content[0], map[*yaml.Node]*Node{})
	if diff := treeDiff(want, fast, "root"); diff != "" {
		return true, fmt.Errorf("trees differ at %s", diff)
	}
	return true, nil
}

func unmarshalNoPanic(src []byte, doc *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return yaml.Unmarshal(src, doc)
}

// treeDiff describes the first difference between yaml.v3's tree want,
// converted, and fastParse's got, or returns "".
func treeDiff(want, got *Node, path string) string {
	type fields struct {
		Kind         yaml.Kind
		Style        yaml.Style
		Tag, Value   string
		Line, Column int32
		Content      int
	}
	w := fields{want.Kind, want.Style, want.Tag(), want.Value, want.Line, want.Column, len(want.Content)}
	g := fields{got.Kind, got.Style, got.Tag(), got.Value, got.Line, got.Column, len(got.Content)}
	if w != g {
		return fmt.Sprintf("%s: yaml.v3 %+v, fastParse %+v", path, w, g)
	}
	for i := range want.Content {
		if d := treeDiff(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// fastCases are texts of every shape the fast parser takes, and of shapes
// it must leave to yaml.v3; taken says which.
var fastCases = []struct {
	name  string
	src   string
	taken bool
}{
	{"mapping", "a: 1\nb: two\n", true},
	{"nested", "a:\n  b: 1\n  c:\n    d: x\n", true},
	{"quoted keys", "\"5.1\": x\n'5.2': y\n", true},
	{"quoted keys spaced", "\"a\" : 1\n'b'   : 2\n", true},
	{"plain key spaced", "a : 1\n", false},
	{"unquoted ids", "controls:\n  5.1: a\n  5.10: b\n  8.1:\n    applicable: true\n", true},
	{"sequence", "- a\n- b\n-\n- c: 1\n  d: 2\n", true},
	{"indentless", "a:\n- x\n- y\nb: 1\n", true},
	{"indented sequence", "a:\n  - x\n  - y\nb: 1\n", true},
	{"flow", "a: [x, y z, \"q\", 'r']\nb: {k: v, \"n\": 2}\nc: []\nd: {}\n", true},
	{"flow nested", "a: [[1, 2], {x: [y]}]\n", true},
	{"flow lines", "a: [\n  x,\n  y, # note\n  z\n]\n", true},
	{"flow trailing comma", "a: [x, y,]\n", true},
	{"json", "{\"a\":1, \"b\": [true, null]}\n", true},
	{"comments", "# head\na: 1 # line\n# between\nb: 2\n\n# foot\n", true},
	{"empty values", "a:\nb: \nc: # none\n-\n", true},
	{"empty values in mapping", "a:\nb: \nc: # none\nd: 1\n", true},
	{"plain multiline", "a: one\n  two\n\n  three\nb: x\n", true},
	{"plain with colon and hash", "a: http://x.y/z#frag and b:c\n", true},
	{"double escapes", "a: \"tab\\there \\u00e9 \\x41 \\\" \\\\ \\N\"\n", true},
	{"double multiline", "a: \"one\n  two\n\n  three \\\n  four\"\n", true},
	{"single", "a: 'it''s'\nb: 'one\n  two'\n", true},
	{"literal", "a: |\n  line 1\n    indented\n\n  line 3\nb: x\n", true},
	{"literal keep strip", "a: |+\n  x\n\nb: |-\n  y\nc: |2\n    z\n", true},
	{"folded", "a: >\n  one\n  two\n\n  three\n    more\n  four\nb: x\n", true},
	{"folded at end", "a: >-\n  one\n  two", true},
	{"types", "a: 1\nb: 1.5\nc: 2026-04-01\nd: true\ne: ~\nf: 0x1F\ng: 1_000\nh: .inf\ni: -.5e3\nj: <<\nk: 0b101\nl: 2026-04-01 10:00:00\n", true},
	{"crlf", "a: 1\r\nb:\r\n  - x\r\n  - \"y\r\n  z\"\r\nc: |\r\n  l1\r\n  l2\r\n", true},
	{"japanese", "組織: 株式会社テスト\n説明: \"適用宣言書\"\nリスト: [一, 二]\n", true},
	{"non-ASCII columns", "ké: [ü, ö, {ä: ß}]\n日本:\n  - 語: x\n    y: [é,\n      è]\n  -\n", true},
	{"indented root", "  a: 1\n  b: 2\n", true},
	{"root flow", "[1, 2]\n", true},
	{"anchor", "a: &x 1\nb: *x\n", false},
	{"tag", "a: !!str 1\n", false},
	{"document start", "---\na: 1\n", true},
	{"document start after comments", "# c\n\n--- # start\na: 1\n", true},
	{"document start crlf", "---\r\na: 1\r\n", true},
	{"document start with content", "--- a: 1\n", false},
	{"document start twice", "---\n---\na: 1\n", false},
	{"document end", "a: 1\n...\n", false},
	{"second document", "---\na: 1\n---\nb: 2\n", false},
	{"document start only", "---\n", false},
	{"marker after content", "a: 1\n--- \n", false},
	{"dashes in text", "a: ----\nb: \"---\"\n", true},
	{"directive", "%YAML 1.2\n---\na: 1\n", false},
	{"explicit key", "? a\n: 1\n", false},
	{"tab", "a:\t1\n", false},
	{"tab indent", "a:\n\tb: 1\n", false},
	{"bad indent", "a:\n  b: 1\n c: 2\n", false},
	{"value then mapping", "a: b: c\n", false},
	{"entry after key", "a: - b\n", false},
	{"unclosed quote", "a: \"x\n", false},
	{"unclosed flow", "a: [x, y\n", false},
	{"nested entry", "- - a\n", false},
	{"multiline key", "\"a\n b\": 1\n", false},
	{"flow pair", "a: [b: c]\n", false},
	{"flow key before a line break", "{\"a\"\n: 1}\n", false},
	{"flow key too long", "{" + strings.Repeat("k", 1100) + ": 1}\n", false},
	{"at sign", "a: @x\n", false},
	{"second root", "a: 1\n- b\n", false},
	{"control", "a: \x01\n", false},
	{"nel", "a: \u0085\n", false},
	{"only comments", "# nothing\n", false},
}

func TestFastParse(t *testing.T) {
	for _, c := range fastCases {
		t.Run(c.name, func(t *testing.T) {
			taken, err := fastAgrees([]byte(c.src))
			if err != nil {
				t.Fatalf("%q: %v", c.src, err)
			}
			if taken != c.taken {
				t.Fatalf("%q: taken = %v, want %v", c.src, taken, c.taken)
			}
		})
	}
}

// repoYAML returns the YAML files of the repository: examples, the
// catalogue, test data of every package.
func repoYAML(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || strings.HasPrefix(d.Name(), "wt-")) {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[path] = src
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFastParseFiles holds the fast parser to yaml.v3 on every YAML file
// of the repository, and requires it to take the example answers and the
// bundled catalogue: a parser that declined everything would agree with
// yaml.v3 and be worthless.
func TestFastParseFiles(t *testing.T) {
	files := repoYAML(t)
	if len(files) < 20 {
		t.Fatalf("found only %d YAML files", len(files))
	}
	taken := 0
	for path, src := range files {
		ok, err := fastAgrees(src)
		if err != nil {
			t.Errorf("%s: %v", path, err)
		}
		if ok {
			taken++
		}
		mustTake := strings.Contains(path, filepath.Join("testdata", "examples")) ||
			strings.HasPrefix(path, filepath.Join("..", "..", "controls"))
		if mustTake && !ok {
			t.Errorf("%s: left to yaml.v3", path)
		}
	}
	t.Logf("fastParse took %d of %d files", taken, len(files))
}

func FuzzFastParse(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c.src))
	}
	for _, src := range repoYAML(f) {
		if len(src) < 64<<10 {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := fastAgrees(src); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
	})
}

// TestFastParseRandom holds the fast parser to yaml.v3 on texts built at
// random from the pieces YAML files are made of (indentation, entries,
// keys, every kind of scalar, flow collections, comments, breaks): unlike
// the fuzzer's byte mutations, most of them are YAML, so the comparison
// covers the trees the fast parser builds, not only its refusals.
func TestFastParseRandom(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(1, 2))
	taken := 0
	for range n {
		src := randomYAML(r)
		if r.IntN(2) == 0 {
			src = randomTree(r, 0, 0, r.IntN(2) == 0)
		}
		ok, err := fastAgrees([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if ok {
			taken++
		}
	}
	t.Logf("fastParse took %d of %d random texts", taken, n)
	if taken < n/5 {
		t.Errorf("fastParse took only %d of %d random texts", taken, n)
	}
}

var randomPieces = struct {
	keys, values, tails []string
}{
	keys: []string{"a", "key", "5.1", "5.10", "\"q\"", "'s'", "\"5.2\"", "k y", "x-y", "日本", "true", "~", "1", "-1", "a#b", "a:b"},
	values: []string{"v", "two words", "1", "1.5", "2026-04-01", "2026-4-1", "2026-13-01", "2026-04-01T10:00:00Z", "2026-02-30", "true", "null", "~", "0x1F", "1_000", ".inf", "-", "-x", "<<",
		"\"dq\"", "\"a\\tb\\u00e9\"", "\"a\\\"b\"", "'it''s'", "''", "\"\"", "[a, b]", "[]", "{}", "{k: v}", "[a, [b, c], {d: e}]",
		"{\"j\":1}", "[a,]", "|", "|-", "|+", ">", ">-", "|2", "http://x/y#z", "a: b", "a #c", "&x", "*x", "!t v", "@", "[a", "\"open",
		"[\n  a,\n  b\n]", "\"multi\n  line\"", "'multi\n\n  line'", "v\n  cont", "v\n\n  cont", "日本語 テキスト"},
	tails: []string{"", "", "", " # c", "  ", " #", "#x"},
}

// randomYAML returns a text of up to 12 lines of mappings and sequences
// at random indentations, with a block scalar's lines after '|' or '>'.
func randomYAML(r *rand.Rand) string {
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	var b strings.Builder
	lines := 1 + r.IntN(12)
	if r.IntN(4) == 0 {
		b.WriteString(pick([]string{"---\n", "--- # c\n", "# c\n---\n", "---x\n", "...\n", "--- a\n"}))
	}
	for range lines {
		if r.IntN(40) == 0 {
			b.WriteString(pick([]string{"---\n", "...\n", "--- # c\n"}))
		}
		indent := []int{0, 0, 0, 2, 2, 4, 1, 3, 6}[r.IntN(9)]
		b.WriteString(strings.Repeat(" ", indent))
		switch r.IntN(10) {
		case 0:
			b.WriteString("- ")
			b.WriteString(pick(randomPieces.values))
		case 1:
			b.WriteString("- ")
			b.WriteString(pick(randomPieces.keys) + ": " + pick(randomPieces.values))
		case 2:
			b.WriteString("-")
		case 3:
			b.WriteString(pick(randomPieces.keys) + ":")
		case 4:
			b.WriteString("# comment")
		case 5:
			// nothing: a blank line
		default:
			b.WriteString(pick(randomPieces.keys) + ": " + pick(randomPieces.values))
		}
		b.WriteString(pick(randomPieces.tails))
		if r.IntN(6) == 0 {
			for range r.IntN(3) {
				b.WriteString("\n" + strings.Repeat(" ", indent+r.IntN(4)) + pick([]string{"text", "  more", "", "x: y", "- z"}))
			}
		}
		if r.IntN(20) == 0 {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// randomTree returns a well-indented block mapping (or sequence) at
// indent, of random depth, whose values are random scalars, flow
// collections, block scalars and nested collections.
func randomTree(r *rand.Rand, indent, depth int, seq bool) string {
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	for range 1 + r.IntN(4) {
		b.WriteString(pad)
		if seq {
			b.WriteString("-")
		} else {
			b.WriteString(pick(randomPieces.keys) + ":")
		}
		switch k := r.IntN(8); {
		case k == 0 && depth < 4:
			step := 1 + r.IntN(3)
			nested := r.IntN(2) == 0
			if !seq && nested && r.IntN(3) == 0 {
				step = 0 // an indentless sequence
			}
			b.WriteString(pick(randomPieces.tails) + "\n")
			b.WriteString(randomTree(r, indent+step, depth+1, nested || step == 0))
			continue
		case k == 1:
			header := pick([]string{"|", ">", "|-", ">+", "|2", ">1-"})
			b.WriteString(" " + header + pick(randomPieces.tails) + "\n")
			inner := strings.Repeat(" ", indent+1+r.IntN(3))
			for range r.IntN(4) {
				b.WriteString(inner + pick([]string{"text", "  more", "", "x: y", "- z", "# not a comment", "   "}) + "\n")
			}
			continue
		case k == 2:
			// nothing: an empty value
		default:
			b.WriteString(" " + pick(randomPieces.values))
		}
		b.WriteString(pick(randomPieces.tails) + "\n")
		if r.IntN(8) == 0 {
			b.WriteString(pick([]string{"\n", "# c\n", pad + "  # c\n"}))
		}
	}
	return b.String()
}

func TestIsPlainDate(t *testing.T) {
	for v, want := range map[string]bool{
		"2026-04-01": true, "2026-4-1": true, "2026-12-31": true, "2026-04-01T10:00:00Z": false,
		"2026-04": false, "2026-04-01-02": false, "20260-04-01": false, "2026-004-01": false, "2026--01": false, "2026-04-": false,
	} {
		if got := isPlainDate(v); got != want {
			t.Errorf("isPlainDate(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestRuns holds printableRun's and plainInLineRun's eight-at-a-time
// tests to the table they stand for, on words with one byte of every
// value in every place and on random words.
func TestRuns(t *testing.T) {
	slow := func(b []byte, class uint8) int {
		i := 0
		for i < len(b) && byteClass[b[i]]&class != 0 {
			i++
		}
		return i
	}
	check := func(b []byte) {
		if got, want := printableRun(b, 0), slow(b, printable); got != want {
			t.Fatalf("%q: printableRun %d, want %d", b, got, want)
		}
		if got, want := plainInLineRun(string(b), 0), slow(b, plainInLine); got != want {
			t.Fatalf("%q: plainInLineRun %d, want %d", b, got, want)
		}
	}
	for c := range 256 {
		for at := range 8 {
			for _, fill := range []byte{' ', '~', 'a', 0x7f, 0xff, 0x80, 0} {
				b := []byte(strings.Repeat(string(fill), 12))
				b[at] = byte(c)
				check(b)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		b := make([]byte, 1+r.IntN(20))
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(4) > 0 {
				b[i] = byte(0x20 + r.IntN(0x5f))
			}
		}
		check(b)
	}
}
