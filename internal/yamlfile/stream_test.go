package yamlfile

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// copyTree is a deep copy of n, which outlives the nodes a stream reuses.
func copyTree(n *Node) *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = nil
	for _, k := range n.Content {
		c.Content = append(c.Content, copyTree(k))
	}
	return &c
}

// streamAgrees parses src whole and streaming the pairs of "controls":
// the pairs handed over are the whole tree's, in order, and the rest of
// the tree is the same. It reports whether the pairs were streamed.
func streamAgrees(t *testing.T, src []byte) bool {
	t.Helper()
	whole, werr := Parse("s.yaml", src)
	var pairs []*Node
	s := &Stream{Key: "controls", Each: func(k, v *Node) { pairs = append(pairs, copyTree(k), copyTree(v)) }}
	root, streamed, err := ParseStream("s.yaml", src, false, s)
	if (werr == nil) != (err == nil) || werr != nil && werr.Error() != err.Error() {
		t.Fatalf("%.300q: errors differ: whole %v, streaming %v", src, werr, err)
	}
	if err != nil {
		return false
	}
	if !streamed {
		if d := treeDiff(whole, root, "root"); d != "" {
			t.Fatalf("%.300q: not streamed, and the trees differ at %s", src, d)
		}
		return false
	}
	first := -1 // the first controls key's index: only its mapping streams
	for i := 0; i+1 < len(whole.Content) && first < 0; i += 2 {
		if k := whole.Content[i]; k.Value == "controls" && k.Tag() == "!!str" {
			first = i
		}
	}
	var ctl *Node
	if first >= 0 {
		ctl = whole.Content[first+1]
	}
	if ctl == nil || ctl.Kind != yaml.MappingNode {
		t.Fatalf("%.300q: streamed, but the whole tree has no controls mapping", src)
	}
	if len(pairs) != len(ctl.Content) {
		t.Fatalf("%.300q: streamed %d nodes, the mapping holds %d", src, len(pairs), len(ctl.Content))
	}
	for i := range pairs {
		if d := treeDiff(ctl.Content[i], pairs[i], "pair"); d != "" {
			t.Fatalf("%.300q: pair %d differs at %s", src, i/2, d)
		}
	}
	emptied := copyTree(whole)
	emptied.Content[first+1].Content = nil
	if d := treeDiff(emptied, root, "root"); d != "" {
		t.Fatalf("%.300q: the rest of the tree differs at %s", src, d)
	}
	return true
}

// TestStreamFiles: every YAML file of the repository streams as it parses
// whole, and the example answers are streamed.
func TestStreamFiles(t *testing.T) {
	n := 0
	for name, src := range repoYAML(t) {
		if streamAgrees(t, src) {
			n++
		} else if strings.Contains(name, "examples/") {
			t.Errorf("%s: not streamed", name)
		}
	}
	if n < 20 {
		t.Errorf("streamed %d files only", n)
	}
}

// TestStreamRandom: random documents with a controls mapping, between
// other keys, nested, with comments, empty values and merge keys.
func TestStreamRandom(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 500
	}
	r := rand.New(rand.NewPCG(3, 4))
	streamed := 0
	for range n {
		var b strings.Builder
		if r.IntN(2) == 0 {
			b.WriteString(randomTree(r, 0, 1, false))
		}
		b.WriteString([]string{"controls:", "\"controls\":", "controls: # c", "'controls':"}[r.IntN(4)] + "\n")
		for range r.IntN(4) {
			b.WriteString(randomTree(r, 2, 1, false))
			if r.IntN(10) == 0 {
				b.WriteString("  <<: {a: 1}\n")
			}
		}
		if r.IntN(2) == 0 {
			b.WriteString(randomTree(r, 0, 1, false))
		}
		if streamAgrees(t, []byte(b.String())) {
			streamed++
		}
	}
	t.Logf("streamed %d of %d", streamed, n)
	if streamed < n/20 {
		t.Errorf("streamed %d of %d only", streamed, n)
	}
}

// TestStreamSlabs: entries that outgrow the first slab of nodes, between
// small ones, are handed over whole.
func TestStreamSlabs(t *testing.T) {
	var b strings.Builder
	b.WriteString("edition: \"2022\"\ncontrols:\n")
	for i := range 40 {
		b.WriteString("  \"5." + strings.Repeat("1", 1+i%3) + "\":\n    evidence:\n")
		for j := range (i % 5) * 300 {
			b.WriteString("      - record " + strings.Repeat("x", j%7) + "\n")
		}
		b.WriteString("    owner: o\n")
	}
	b.WriteString("after: 1\n")
	if !streamAgrees(t, []byte(b.String())) {
		t.Fatal("not streamed")
	}
}

// TestStreamFirstKeyOnly: of a key given twice, the first one's mapping
// is streamed, and the second one's is left in the tree, where a reader
// reports it as a duplicate; a first value that is no block mapping
// streams nothing.
func TestStreamFirstKeyOnly(t *testing.T) {
	for _, src := range []string{
		"controls:\n  a: 1\ncontrols:\n  b: 2\n",
		"controls: ~\ncontrols:\n  b: 2\n",
		"controls: {a: 1}\ncontrols:\n  b: 2\n",
		"x:\n  controls:\n    a: 1\ncontrols:\n  b: 2\n",
		"controls:\n- a: 1\n- b: 2\n",
		"controls:\n  - a: 1\n",
		"controls:\n  a:\n    controls:\n      b: 1\n",
	} {
		streamAgrees(t, []byte(src))
	}
	var got []string
	s := &Stream{Key: "controls", Each: func(k, v *Node) { got = append(got, k.Value) }}
	if _, streamed, err := ParseStream("s.yaml", []byte("controls:\n  a: 1\ncontrols:\n  b: 2\n"), false, s); err != nil || !streamed || strings.Join(got, ",") != "a" {
		t.Errorf("streamed %v %v: %v", streamed, err, got)
	}
}

// pairsAgree checks Pairs against Mapping on every mapping of tree n
// without merge keys: the same pairs and the same reports, with keys
// read as fields and as control ids, with and without a list of keys.
func pairsAgree(t *testing.T, n *Node, src []byte) {
	t.Helper()
	if n == nil {
		return
	}
	merge := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		merge = merge || n.Content[i].Tag() == "!!merge"
	}
	if n.Kind == yaml.MappingNode && !merge {
		for _, at := range []At{{Field: "f"}, {Field: "controls", KeysAreControls: true}} {
			for _, allowed := range [][]string{nil, {"a", "5.1", "key", "name"}} {
				whole := &Reader{File: "p.yaml"}
				want, _ := whole.Mapping(n, at, allowed)
				each := &Reader{File: "p.yaml"}
				ps := each.Pairs(at, allowed)
				var got []Field
				for i := 0; i+1 < len(n.Content); i += 2 {
					if f, ok := ps.Add(n.Content[i], n.Content[i+1]); ok {
						got = append(got, f)
					}
				}
				if len(got) != len(want) {
					t.Fatalf("%.300q: Pairs gave %d pairs, Mapping %d", src, len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("%.300q: pair %d: Pairs %v, Mapping %v", src, i, got[i], want[i])
					}
				}
				if g, w := each.Diags.Error(), whole.Diags.Error(); g != w {
					t.Fatalf("%.300q: Pairs reported\n%s\nMapping\n%s", src, g, w)
				}
			}
		}
	}
	for _, c := range n.Content {
		pairsAgree(t, c, src)
	}
}

// TestPairsAgree: Pairs, which the streamed controls are read with, and
// Mapping check the same on every mapping of the repository's files and
// of random texts, duplicates, unknown keys and keys that are no text
// among them, and mappings of more keys than a scan serves.
func TestPairsAgree(t *testing.T) {
	for _, src := range repoYAML(t) {
		if root, err := Parse("p.yaml", src); err == nil {
			pairsAgree(t, root, src)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		src := []byte(randomTree(r, 0, 0, false))
		if root, err := Parse("p.yaml", src); err == nil {
			pairsAgree(t, root, src)
		}
	}
	var b strings.Builder
	for i := range 3 * smallMapping {
		fmt.Fprintf(&b, "k%d: 1\n", i%(2*smallMapping))
	}
	b.WriteString("\"bad\\u0007key\": 1\n[a]: 2\n")
	src := []byte(b.String())
	root, err := Parse("p.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	pairsAgree(t, root, src)
}

// FuzzStream: any text streams as it parses whole (streamAgrees).
func FuzzStream(f *testing.F) {
	for _, s := range []string{"controls:\n  a: 1\n  b: [x]\n", "x: 1\ncontrols:\n  5.1:\n    e:\n      - y\n  5.2: ~\nz: 2\n", "controls:\n  <<: {a: 1}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { streamAgrees(t, src) })
}
