package yamlfile

import (
	"strings"
	"testing"
)

// TestAliasPositions: a file with aliases, which yaml.v3 reads and Parse
// converts to Nodes, is read as yaml.v3's own tree was (the want list is
// what soa reported before the conversion): merge keys are expanded, a
// value of the wrong kind is reported at the anchored node, and a text
// that is not true or false at the alias that names it.
func TestAliasPositions(t *testing.T) {
	src := "base: &b {owner: x, flag: maybe}\nlist: &l [a, b]\nm: &m maybe\nitem:\n  <<: *b\n  owner: *l\n  flag: *b\n  ok: *b\n  ok: y\n  words: *l\n  bad: [*l]\n  sure: *m\n"
	root, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := &Reader{File: "f.yaml"}
	top, _ := r.Mapping(root, At{}, nil)
	item, _ := r.Mapping(top[3].Value, At{Field: "item"}, nil)
	var keys []string
	for _, f := range item {
		keys = append(keys, f.Key)
		at := At{Field: "item." + f.Key}
		switch f.Key {
		case "flag", "ok", "sure":
			r.Bool(f.Value, at)
		case "words", "bad":
			r.Strings(f.Value, at)
		default:
			r.String(f.Value, at)
		}
	}
	if got := strings.Join(keys, " "); got != "owner flag ok words bad sure" {
		t.Errorf("keys %q, want the merged ones last and once", got)
	}
	want := []string{
		`f.yaml:1:7: error: item.flag: want a text value, got a mapping`,
		`f.yaml:1:7: error: item.ok: want a text value, got a mapping`,
		`f.yaml:2:7: error: item.owner: want a text value, got a list`,
		`f.yaml:2:7: error: item.bad: want a text value, got a list`,
		`f.yaml:9:3: error: item.ok: duplicate key "ok" (first defined at line 8)`,
		`f.yaml:12:9: error: item.sure: want true or false, got "maybe"`,
	}
	r.Diags.Sort()
	if got := r.Diags.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestTags: a node's tag reads back as yaml.v3 gave it, a file's own tag
// included, and the tags YAML resolves are the shared ones.
func TestTags(t *testing.T) {
	root, err := Parse("f.yaml", []byte("a: !custom x\nb: !!str 1\nc: ~\nd: [1]\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range root.Content {
		got = append(got, n.Tag())
	}
	if s := strings.Join(got, " "); s != "!!str !custom !!str !!str !!str !!null !!str !!seq" {
		t.Errorf("tags %q", s)
	}
	if root.Content[5].tag != &tagNull || root.tag != &tagMap {
		t.Error("a resolved tag is a copy of its own, not the shared one")
	}
}
