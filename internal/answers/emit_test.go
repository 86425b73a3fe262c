package answers

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// sameAsYAML fails t unless emit writes root exactly as yaml.v3 does (or
// declines it), and reports whether emit wrote it.
func sameAsYAML(t testing.TB, root *yaml.Node) bool {
	t.Helper()
	want, werr := encodeYAML(root)
	got, ok := emit(root)
	if !ok {
		return false
	}
	if werr != nil {
		t.Fatalf("emit wrote a tree yaml.v3 refuses (%v):\n%s", werr, got)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("emit and yaml.v3 differ at byte %d:\nemit:\n%s\nyaml.v3:\n%s", firstDiff(got, want), got, want)
	}
	return true
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// encodeAll checks Encode's tree for f in the shapes soa writes: with
// and without the modeline, header and titles, every control of f and one
// it does not answer.
func encodeAll(t testing.TB, f *File) (fast bool) {
	t.Helper()
	var ids []string
	for _, a := range f.Controls {
		ids = append(ids, a.ID)
	}
	ids = append(ids, "99.9")
	fast = true
	for _, opts := range []EncodeOptions{
		{IDs: ids},
		{Schema: "answers.schema.json", Header: []string{"Answers read from x.xlsx by soa import.", "TODO: replace"}, IDs: ids,
			Comment: func(id string) string { return "Title of " + id }},
		{Header: []string{"# already a comment", "  indented: with colon"}, IDs: ids[:len(ids)-1],
			Comment: func(id string) string { return id + ": NEW in 2022, to answer.\nIt asks: something" }},
	} {
		root := tree(f, opts)
		fast = sameAsYAML(t, root) && fast
		sameEncode(t, f, opts)
	}
	return fast
}

// sameEncode fails t unless Encode writes f as yaml.v3 writes its tree,
// and emitFile, which makes one control's tree at a time, takes the fast
// way exactly when emit of the whole tree does, with the same bytes.
func sameEncode(t testing.TB, f *File, opts EncodeOptions) {
	t.Helper()
	root := tree(f, opts)
	var buf bytes.Buffer
	werr := Encode(&buf, f, opts)
	want, err := encodeYAML(root)
	if (werr != nil) != (err != nil) || !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("Encode = %v, %q; yaml.v3 = %v, %q", werr, buf.Bytes(), err, want)
	}
	whole, wholeOK := emit(root)
	each, eachOK := emitFile(f, opts)
	if wholeOK != eachOK || !bytes.Equal(whole, each) {
		t.Fatalf("emit of the tree: %v, %q; emitFile: %v, %q", wholeOK, whole, eachOK, each)
	}
}

// answerFiles are the answers files of the repository: the examples, the
// bad files, the goldens, and the YAML files of the testscripts (import
// and migrate outputs among them).
func answerFiles(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	for _, pat := range []string{"../../testdata/examples/*.yaml", "../../testdata/bad/*.yaml", "../*/testdata/*.yaml", "testdata/*.yaml"} {
		paths, _ := filepath.Glob(pat)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files[p] = src
		}
	}
	scripts, _ := filepath.Glob("../../cmd/soa/testdata/script/*.txtar")
	for _, p := range scripts {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for name, body := range txtarFiles(string(src)) {
			if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") {
				files[p+":"+name] = []byte(body)
			}
		}
	}
	if len(files) < 30 {
		t.Fatalf("found %d answers files only", len(files))
	}
	return files
}

// txtarFiles reads the files of a txtar archive ("-- name --" lines).
func txtarFiles(src string) map[string]string {
	out := map[string]string{}
	name := ""
	var body strings.Builder
	flush := func() {
		if name != "" {
			out[name] = body.String()
		}
		body.Reset()
	}
	for line := range strings.SplitAfterSeq(src, "\n") {
		if l := strings.TrimRight(line, "\n"); strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			flush()
			name = strings.TrimSpace(l[3 : len(l)-3])
			continue
		}
		body.WriteString(line)
	}
	flush()
	return out
}

// TestEmitMatchesYAML: every answers file of the repository, read and
// written again, comes out of emit as out of yaml.v3; the examples take
// the fast way.
func TestEmitMatchesYAML(t *testing.T) {
	n, fast := 0, 0
	for name, src := range answerFiles(t) {
		f, _ := Parse(name, src)
		if f == nil {
			continue
		}
		n++
		ok := encodeAll(t, f)
		if ok {
			fast++
		}
		if strings.Contains(name, "examples/") && !ok {
			t.Errorf("%s: emit declined an example", name)
		}
	}
	if n < 20 {
		t.Fatalf("compared %d files only", n)
	}
	t.Logf("%d files, %d written by emit", n, fast)
}

// hostile are texts that yaml.v3 writes in every style it has.
var hostile = []string{
	"", " ", "plain text", "x", "-", "- item", "-item", "--- doc", "...", "?", "? x", ":", "a: b", "a:b", "http://x.y/z",
	"#", "# c", "a #b", "a# b", "a, b", "[x]", "{x}", "&a", "*a", "!tag", "|", ">", "'", "'quoted'", "it's", `"`, `say "hi"`,
	"%", "@", "`", "back\\slash", "yes", "no", "on", "off", "y", "n", "Y", "true", "False", "TRUE", "null", "Null", "~", "NULL",
	"<<", ".nan", ".inf", "-.inf", "+.Inf", ".5", "1", "-1", "+1", "0x1F", "0o17", "017", "1_000", "1e3", "1.10", "2.0", "12:30",
	"1:20:30", "2026-04-01", "2026-4-1", "2026-02-30", "2026-04-01T10:00:00Z", "2026-04-01 10:00", "20260401", "R-012",
	" leading", "trailing ", "  both  ", "tab\there", "\tlead", "trail\t", "line\nbreak", "line\nbreak\n", "ends\n\n",
	"\n", "\nlead", " \nx", "x \ny", "x\n y", "x\n\ny", "x\n\n\ny\n", "\n\n", "cr\rhere", "crlf\r\nhere", "nel\u0085x",
	"ls\u2028x", "ps\u2029x", "bell\a", "nul\x00x", "esc\x1b[0m", "del\x7f", "\ufeffbom", "x\ufeff", "\ufffe", "\uffff",
	"\u00a0nbsp", "é", "日本語のテキスト", "管理策: 適用", "「引用」と、句読点。", "絵文字😀", "\U0001F600", "ｈａｌｆ　ｗｉｄｔｈ",
	"multi\nline 日本語\n", strings.Repeat("long line ", 300), strings.Repeat("x", 200), strings.Repeat("a\n", 50),
	"ISMS-POL-001 v3", "5.1", "A.9.2.1", "\"5.1\"", "Priya Raman, CISO", "First SoA against ISO/IEC 27001:2013", "100%",
	"a\\nb", "\\", "tab\tand: colon", "x\u2028", "--", "-- x", "-\tx", "?\tx", ":\tx", "a\t#b", "a:\tb", "a ,b",
}

// hostileFile puts s in every text of a file: organization, revision and
// every answer field, and into lists with other items; with all, in the
// texts written in double quotes (edition, versions, control ids) and the
// dates too.
func hostileFile(s string, all bool) *File {
	yes, no := true, false
	q, d := "2.0", "2026-04-01"
	if all {
		q, d = s, s
	}
	f := &File{Edition: q, Org: Organization{Name: s, Date: d, Scope: s, SoAVersion: q, PreparedBy: s, ApprovedOn: d, Language: s,
		DocumentID: s, Classification: s, ReviewedBy: s, ReviewedOn: d, ApprovedBy: s}}
	f.Revisions = []Revision{{Version: q, Date: d, Author: s, Description: s, Notes: s}, {Version: "1.0", Description: s}}
	f.Controls = []*Answer{
		{ID: "5.1", Applicable: &yes, Reasons: []string{s}, Justification: s, Status: Status(s), Owner: s, Evidence: []string{s},
			TargetDate: d, ReviewedOn: d, Risks: []string{s}, Notes: s, Review: s},
		{ID: "5.2", Applicable: &no, Reasons: []string{"legal", s, "risk"}, Evidence: []string{"one", s, s}, Risks: []string{"R-1", s}},
		{ID: q, Justification: s},
	}
	return f
}

func TestEmitHostile(t *testing.T) {
	fast := 0
	for _, s := range hostile {
		t.Run(fmt.Sprintf("%.20q", s), func(t *testing.T) {
			if encodeAll(t, hostileFile(s, false)) {
				fast++
			}
			encodeAll(t, hostileFile(s, true))
			opts := EncodeOptions{Header: []string{s}, IDs: []string{"5.1"}, Comment: func(string) string { return s }}
			sameAsYAML(t, tree(hostileFile("x", false), opts))
		})
	}
	if fast < len(hostile)/3 {
		t.Errorf("emit wrote %d of %d hostile files only", fast, len(hostile))
	}
	t.Logf("emit wrote %d of %d hostile files", fast, len(hostile))
}

// FuzzEmit: for answers made of any texts, Encode writes what yaml.v3
// writes. Run with -fuzzminimizetime 0x for many executions a minute.
func FuzzEmit(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, "plain", "two\nlines")
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		sameResolve(t, a)
		yes := true
		file := &File{Edition: "2022", Org: Organization{Name: a, Date: "2026-04-01", Scope: b, SoAVersion: c, PreparedBy: a + b},
			Revisions: []Revision{{Version: a, Date: c, Author: b, Description: c, Notes: a}},
			Controls: []*Answer{
				{ID: "5.1", Applicable: &yes, Reasons: []string{a, b}, Justification: b, Status: Status(a), Owner: c,
					Evidence: []string{a, b, c}, TargetDate: a, Risks: []string{c}, Notes: c + b, Review: a},
				{ID: a, Justification: c},
			}}
		ids := []string{"5.1", a, "5.2"}
		for _, opts := range []EncodeOptions{
			{IDs: ids},
			{Schema: b, Header: []string{a, c}, IDs: ids, Comment: func(id string) string { return id + b }},
		} {
			sameAsYAML(t, tree(file, opts))
			sameEncode(t, file, opts)
		}
		for _, c := range []struct {
			f    *File
			opts EncodeOptions
		}{
			{hostileFile(a, false), EncodeOptions{IDs: []string{"5.1", "5.2", "2.0"}}},
			{hostileFile(b, true), EncodeOptions{IDs: []string{"5.1", "5.2", b}}},
		} {
			sameAsYAML(t, tree(c.f, c.opts))
			sameEncode(t, c.f, c.opts)
		}
	})
}

// exampleEncode is the example file with the options soa import gives.
func exampleEncode(b *testing.B) (*File, EncodeOptions) {
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f, _ := Parse("saas-cloud.yaml", src)
	var ids []string
	for _, a := range f.Controls {
		ids = append(ids, a.ID)
	}
	return f, EncodeOptions{Schema: "answers.schema.json", Header: []string{"Answers read from x.xlsx by soa import."}, IDs: ids,
		Comment: func(id string) string { return "Title of control " + id }}
}

// BenchmarkEncode is Encode of the example as soa import writes it.
func BenchmarkEncode(b *testing.B) {
	f, opts := exampleEncode(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, f, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeYAML is the same with yaml.v3's encoder, as Encode was.
func BenchmarkEncodeYAML(b *testing.B) {
	f, opts := exampleEncode(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeYAML(tree(f, opts)); err != nil {
			b.Fatal(err)
		}
	}
}

// sameResolve fails t unless yamlfile.PlainTag, which the emitter asks,
// says what yaml.v3 says.
func sameResolve(t testing.TB, v string) {
	t.Helper()
	n := yaml.Node{Kind: yaml.ScalarNode, Value: v}
	if got, want := yamlfile.PlainTag(v), n.ShortTag(); got != want {
		t.Fatalf("PlainTag(%q) = %s, yaml.v3: %s", v, got, want)
	}
}

func TestResolve(t *testing.T) {
	for _, s := range hostile {
		sameResolve(t, s)
	}
	for _, s := range []string{"yes", "Yes", "YES", "o", "On", "<", "<<", "<<<", "~~", "t", "nULL", "0", "2024-02-29", "2025-02-29"} {
		sameResolve(t, s)
	}
}

// TestEncodeCommentNotUTF8: a comment that is not UTF-8 (a file name in
// the header) is written with U+FFFD, not refused (yaml.v3 panics on it).
func TestEncodeCommentNotUTF8(t *testing.T) {
	f := &File{Edition: "2022", Org: Organization{Name: "N", Date: "2026-04-01"}}
	var buf bytes.Buffer
	err := Encode(&buf, f, EncodeOptions{Header: []string{"read from a\x81.xlsx"}, IDs: []string{"5.1"},
		Comment: func(string) string { return "title \xff" }})
	if err != nil {
		t.Fatal(err)
	}
	want := "# read from a\uFFFD.xlsx\n\nedition: \"2022\"\norganization:\n  name: N\n  date: 2026-04-01\ncontrols:\n  # title \uFFFD\n  \"5.1\":\n"
	if buf.String() != want {
		t.Errorf("got\n%q\nwant\n%q", buf.String(), want)
	}
}

// TestEncodeSlabs: controls whose trees outgrow the nodes' first slabs
// (hundreds of evidence items and risks) between small ones are written
// as yaml.v3 writes them, so no node handed out moved or was reused too
// early.
func TestEncodeSlabs(t *testing.T) {
	yes := true
	f := &File{Edition: "2022", Org: Organization{Name: "N", Date: "2026-04-01"}}
	var ids []string
	for i := range 12 {
		a := &Answer{ID: fmt.Sprintf("5.%d", i+1), Applicable: &yes, Justification: fmt.Sprint("why ", i), Owner: "CISO"}
		for j := range (i % 4) * 150 {
			a.Evidence = append(a.Evidence, fmt.Sprintf("record %d of control %d", j, i))
			a.Risks = append(a.Risks, fmt.Sprintf("R-%d", j))
		}
		f.Controls = append(f.Controls, a)
		ids = append(ids, a.ID)
	}
	opts := EncodeOptions{IDs: ids, Comment: func(id string) string { return "control " + id }}
	sameEncode(t, f, opts)
	if _, ok := emitFile(f, opts); !ok {
		t.Fatal("emitFile declined plain answers")
	}
}
