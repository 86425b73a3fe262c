package yamlfile

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/termsafe"
	"go.yaml.in/yaml/v3"
)

// Reader reads typed values out of the nodes of one file and collects a
// diagnostic for every value that is not of the expected shape.
type Reader struct {
	File  string
	Diags diag.List
	// reused holds the pairs MappingReused returns, for the next call.
	reused []Field
}

// At names what a value belongs to: a control (may be empty) and a field
// path such as "attributes.control_type".
type At struct {
	Control string
	Field   string
	// leaf is the last part of the field path, kept apart so that Sub does
	// not build a string for every value read; Path joins it on demand.
	leaf string
	// KeysAreControls says the mapping's keys are control ids, so that a
	// duplicate key is reported as a control answered twice.
	KeysAreControls bool
}

// Sub returns at with field appended to its field path.
func (at At) Sub(field string) At {
	switch {
	case at.Field == "":
		at.Field = field
	case at.leaf == "":
		at.leaf = field
	default:
		at.Field, at.leaf = at.Path(), field
	}
	return at
}

// Path returns the whole field path, such as "attributes.control_type".
func (at At) Path() string {
	if at.leaf == "" {
		return at.Field
	}
	return at.Field + "." + at.leaf
}

// Pos returns the position of n in the reader's file.
func (r *Reader) Pos(n *Node) diag.Pos { return Pos(r.File, n) }

// Errorf records an error at n about at.
func (r *Reader) Errorf(n *Node, at At, format string, args ...any) {
	r.add(n, at, diag.Error, format, args...)
}

// Warnf records a warning at n about at.
func (r *Reader) Warnf(n *Node, at At, format string, args ...any) {
	r.add(n, at, diag.Warning, format, args...)
}

func (r *Reader) add(n *Node, at At, sev diag.Severity, format string, args ...any) {
	pos := diag.Pos{File: r.File}
	if n != nil {
		pos = r.Pos(n)
	}
	r.Diags.Add(diag.Diagnostic{Pos: pos, Severity: sev, Control: at.Control, Field: at.Path(), Msg: fmt.Sprintf(format, args...)})
}

// Field is one key/value pair of a mapping. Key is the key's text exactly as
// written, so an unquoted 5.10 stays "5.10".
type Field struct {
	Key     string
	KeyNode *Node
	Value   *Node
}

// resolve follows aliases to the node they name, an alias's one child.
func resolve(n *Node) *Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = aliased(n)
	}
	return n
}

// aliased returns the node alias n names, nil if none.
func aliased(n *Node) *Node {
	if len(n.Content) == 0 {
		return nil
	}
	return n.Content[0]
}

// IsNull reports whether n is absent or an explicit null ("key:" or "~").
func IsNull(n *Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag() == "!!null")
}

// Mapping returns the pairs of mapping n in file order. It reports a value
// that is not a mapping, duplicate keys, and (when allowed is not nil) keys
// outside allowed. Merge keys (<<: *anchor) are expanded.
func (r *Reader) Mapping(n *Node, at At, allowed []string) ([]Field, bool) {
	return r.mapping(nil, n, at, allowed)
}

// MappingReused is Mapping, its pairs in memory the next call reuses:
// they are valid until then. For the many small mappings read one after
// the other (an answers file's 93 controls), that is one slice where each
// took one of its own (issue 17).
func (r *Reader) MappingReused(n *Node, at At, allowed []string) ([]Field, bool) {
	fields, ok := r.mapping(r.reused[:0], n, at, allowed)
	r.reused = fields[:0]
	return fields, ok
}

// mapping is Mapping with its pairs appended to dst.
func (r *Reader) mapping(dst []Field, n *Node, at At, allowed []string) ([]Field, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		r.Errorf(n, at, "want a mapping (key: value lines), got %s", describe(n))
		return nil, false
	}
	fields := slices.Grow(dst, len(n.Content)/2)
	// Most mappings are small (a handful of keys, or 93 control ids), where
	// a scan of the keys seen so far is cheaper than a map; a large one
	// gets a map, so that a file of 100,000 keys is checked in linear time.
	var index map[string]*Node
	if len(n.Content) > 2*smallMapping {
		index = make(map[string]*Node, len(n.Content)/2)
	}
	seen := func(key string) *Node {
		if index != nil {
			return index[key]
		}
		for _, f := range fields {
			if f.Key == key {
				return f.KeyNode
			}
		}
		return nil
	}
	var merged []Field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag() == "!!merge" {
			merged = append(merged, r.mergeFields(v, at, allowed)...)
			continue
		}
		key, ok := r.plainKey(k, at)
		if !ok {
			continue
		}
		if prev := seen(key); prev != nil {
			r.duplicate(k, key, at, prev.Line)
			continue
		}
		fields = append(fields, Field{Key: key, KeyNode: k, Value: v})
		if index != nil {
			index[key] = k
		}
		if !r.knownKey(k, key, at, allowed) {
			fields[len(fields)-1].Value = nil // kept only to catch duplicates
		}
	}
	out := fields[:0]
	for _, f := range fields {
		if f.Value != nil {
			out = append(out, f)
		}
	}
	fields = out
	for _, f := range merged {
		if seen(f.Key) == nil {
			fields = append(fields, f)
		}
	}
	return fields, true
}

// plainKey returns the text of key k, reporting a key that is not a
// scalar or not text a key may be.
func (r *Reader) plainKey(k *Node, at At) (string, bool) {
	kr := resolve(k)
	if kr.Kind != yaml.ScalarNode {
		r.Errorf(k, at, "want a plain key, got %s", describe(kr))
		return "", false
	}
	key := kr.Value
	keyAt := at.Sub(key)
	if at.KeysAreControls {
		keyAt = At{Control: key}
	}
	return key, r.checkText(kr, keyAt, key, false)
}

// duplicate reports key k, given before at line first.
func (r *Reader) duplicate(k *Node, key string, at At, first int32) {
	if at.KeysAreControls {
		r.Errorf(k, At{Control: key}, "listed twice (first at line %d); merge the two entries", first)
	} else {
		r.Errorf(k, at.Sub(key), "duplicate key %q (first defined at line %d)", key, first)
	}
}

// knownKey reports whether key is one of allowed (nil allows any), and
// reports it when it is not.
func (r *Reader) knownKey(k *Node, key string, at At, allowed []string) bool {
	if allowed != nil && !slices.Contains(allowed, key) {
		r.Errorf(k, at, "%s", unknownField(key, allowed))
		return false
	}
	return true
}

// Pairs checks the pairs of one mapping handed over one at a time (see
// Stream) as Mapping checks those of a whole one: Add reports what Mapping
// reports of a pair, and returns the pair when it is one to read. It keeps
// no node, only each key and the line it was first given on. A mapping of
// merge keys ("<<") is not handed over (ParseStream reads it whole).
type Pairs struct {
	r       *Reader
	at      At
	allowed []string
	few     []keyLine        // the keys so far, while they are few
	index   map[string]int32 // then all of them, by key
}

type keyLine struct {
	key  string
	line int32
}

// Pairs returns the checks of a mapping at at whose keys are allowed (nil
// allows any).
func (r *Reader) Pairs(at At, allowed []string) *Pairs {
	return &Pairs{r: r, at: at, allowed: allowed}
}

// Add checks pair k, v: it returns it unless its key is not text, given
// before, or not allowed, which it reports.
func (ps *Pairs) Add(k, v *Node) (Field, bool) {
	key, ok := ps.r.plainKey(k, ps.at)
	if !ok {
		return Field{}, false
	}
	if first, seen := ps.first(key); seen {
		ps.r.duplicate(k, key, ps.at, first)
		return Field{}, false
	}
	ps.remember(key, k.Line)
	if !ps.r.knownKey(k, key, ps.at, ps.allowed) {
		return Field{}, false
	}
	return Field{Key: key, KeyNode: k, Value: v}, true
}

// first returns the line key was first given on.
func (ps *Pairs) first(key string) (int32, bool) {
	if ps.index != nil {
		line, ok := ps.index[key]
		return line, ok
	}
	for _, kl := range ps.few {
		if kl.key == key {
			return kl.line, true
		}
	}
	return 0, false
}

// remember notes that key is given at line: in a scanned list while the
// keys are few, in a map once they are many, so that a mapping of 100,000
// keys is checked in linear time.
func (ps *Pairs) remember(key string, line int32) {
	if ps.index == nil && len(ps.few) < smallMapping {
		ps.few = append(ps.few, keyLine{key, line})
		return
	}
	if ps.index == nil {
		ps.index = make(map[string]int32, 4*smallMapping)
		for _, kl := range ps.few {
			ps.index[kl.key] = kl.line
		}
		ps.few = nil
	}
	ps.index[key] = line
}

func (r *Reader) mergeFields(v *Node, at At, allowed []string) []Field {
	v = resolve(v)
	if v != nil && v.Kind == yaml.SequenceNode {
		var out []Field
		for _, item := range v.Content {
			out = append(out, r.mergeFields(item, at, allowed)...)
		}
		return out
	}
	fields, _ := r.Mapping(v, at, allowed)
	return fields
}

func unknownField(key string, allowed []string) string {
	msg := fmt.Sprintf("unknown field %q", key) + diag.DidYouMean(key, allowed, true)
	return msg + " (allowed: " + strings.Join(allowed, ", ") + ")"
}

// Seq returns the items of sequence n.
func (r *Reader) Seq(n *Node, at At) ([]*Node, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		r.Errorf(n, at, "want a list, got %s", describe(n))
		return nil, false
	}
	if !slices.ContainsFunc(n.Content, func(c *Node) bool { return c.Kind == yaml.AliasNode }) {
		return n.Content, true // callers only read the items
	}
	items := make([]*Node, len(n.Content))
	for i, c := range n.Content {
		items[i] = resolve(c)
	}
	return items, true
}

// String returns the text of scalar n as written. A null gives "".
func (r *Reader) String(n *Node, at At) (string, bool) {
	if IsNull(n) {
		return "", true
	}
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, at, "want a text value, got %s", describe(n))
		return "", false
	}
	if !r.checkText(n, at, n.Value, r.multiLine(at)) {
		return "", false
	}
	return n.Value, true
}

// Strings reads a list of text values. A single value is taken as a list of
// one, which is what people mean when they write "evidence: Policy v2".
func (r *Reader) Strings(n *Node, at At) ([]string, bool) {
	if IsNull(n) {
		return nil, true
	}
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		s, ok := r.String(n, at)
		if !ok {
			return nil, false
		}
		return []string{s}, true
	}
	items, ok := r.Seq(n, at)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		s, ok2 := r.String(item, at)
		if !ok2 {
			ok = false
			continue
		}
		out = append(out, s)
	}
	return out, ok
}

// TrueWords and FalseWords are the spellings Bool accepts, in any case.
// The JSON Schema of soa's files is made from the same lists.
var (
	TrueWords  = []string{"true", "yes"}
	FalseWords = []string{"false", "no"}
)

// Bool reads true or false, spelled as one of TrueWords or FalseWords in
// any case.
func (r *Reader) Bool(n *Node, at At) (bool, bool) {
	s, ok := r.String(n, at)
	if !ok {
		return false, false
	}
	switch lower := strings.ToLower(s); {
	case slices.Contains(TrueWords, lower):
		return true, true
	case slices.Contains(FalseWords, lower):
		return false, true
	}
	r.Errorf(n, at, "want true or false, got %q", s)
	return false, false
}

// Enum reads a text value that must be one of allowed, in any case (the
// workbook shows "Implemented" for implemented), and returns it as allowed
// spells it. A null gives "".
func (r *Reader) Enum(n *Node, at At, allowed []string) (string, bool) {
	s, ok := r.String(n, at)
	if !ok || s == "" {
		return s, ok
	}
	i := slices.IndexFunc(allowed, func(a string) bool { return strings.EqualFold(a, s) })
	if i < 0 {
		r.Errorf(n, at, "%s", notOneOf(s, allowed))
		return "", false
	}
	return allowed[i], true
}

// EnumList reads a list whose every item must be one of allowed.
func (r *Reader) EnumList(n *Node, at At, allowed []string) ([]string, bool) {
	if IsNull(n) {
		return nil, true
	}
	n = resolve(n)
	var items []*Node
	if n.Kind == yaml.ScalarNode {
		items = []*Node{n}
	} else {
		var ok bool
		if items, ok = r.Seq(n, at); !ok {
			return nil, false
		}
	}
	ok := true
	out := make([]string, 0, len(items))
	for _, item := range items {
		s, ok2 := r.Enum(item, at, allowed)
		if !ok2 {
			ok = false
			continue
		}
		if s == "" {
			continue
		}
		if slices.Contains(out, s) {
			r.Errorf(item, at, "%q is listed twice", s)
			ok = false
			continue
		}
		out = append(out, s)
	}
	return out, ok
}

func notOneOf(s string, allowed []string) string {
	msg := fmt.Sprintf("%q is not one of %s", s, strings.Join(allowed, ", "))
	return msg + diag.DidYouMean(strings.ToLower(s), allowed, true)
}

// Date reads a calendar date written YYYY-MM-DD. A null gives "".
func (r *Reader) Date(n *Node, at At) (string, bool) {
	s, ok := r.String(n, at)
	if !ok || s == "" {
		return s, ok
	}
	if !isDate(s) {
		r.Errorf(n, at, "%q is not a date; write YYYY-MM-DD, such as 2026-04-01", s)
		return "", false
	}
	return s, true
}

// describe names the kind of n for messages.
func describe(n *Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Tag() == "!!null":
		return "an empty value"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

// smallMapping is the size up to which Mapping finds duplicates by a scan.
const smallMapping = 32

// MultiLine lists the fields (the last part of their path) whose text may
// hold line breaks: the free texts of answers and catalogues. Every other
// text is one line.
var MultiLine = []string{"justification", "notes", "review", "description", "text", "guidance", "summary", "summary_ja", "scope"}

func (r *Reader) multiLine(at At) bool {
	last := at.leaf // the last part of the path, without joining it (Path)
	if last == "" {
		last = at.Field[strings.LastIndexByte(at.Field, '.')+1:]
	}
	return slices.Contains(MultiLine, last)
}

// checkText reports the first control character in s, the text of node n
// (a value or a key), at n: C0 and C1 controls and DEL, but tab, and line
// breaks where multiLine allows them. Such characters, from an escape such
// as "\e" or "\x1b" in a quoted text, would reach terminals and workbooks.
func (r *Reader) checkText(n *Node, at At, s string, multiLine bool) bool {
	if printableASCII(s) {
		return true // most texts: no character to decode
	}
	for i, c := range s {
		if c == '\t' || c == '\n' && multiLine || !termsafe.Control(c) {
			continue
		}
		what := "a control character"
		if c == '\n' || c == '\r' || c == 0x85 {
			what = "a line break, which this field does not allow"
		}
		r.Errorf(n, at, "holds %s (%s, character %d); remove it", what, termsafe.String(string(c)), utf8.RuneCountInString(s[:i])+1)
		return false
	}
	return true
}

// printableASCII reports whether s is only ASCII from space to '~' (the
// parser's printable class).
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if byteClass[s[i]]&printable == 0 {
			return false
		}
	}
	return true
}
