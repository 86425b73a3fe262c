package answers

import (
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/soa-tool/soa/internal/yamlfile"
)

// Parse decodes and checks one answers file on its own. Rules that need the
// catalogue (unknown ids, unanswered controls) are checked by soa.Build.
// The returned list holds every problem found, warnings included; f is nil
// only when the file could not be read as YAML at all.
func Parse(name string, src []byte) (*File, diag.List) {
	return parse(name, src, true)
}

// ParseOwned is Parse for text handed over: nothing changes src after the
// call, and the answers' texts point into it (yamlfile.ParseOwned).
func ParseOwned(name string, src []byte) (*File, diag.List) {
	return parseTree(name, src, true, true)
}

// parse reads an answers file. With rules false it leaves out the checks of
// what the answers say (a missing organization, an exclusion without a
// justification) and reports only what stops the file being read: Update
// edits files that an import is about to complete.
func parse(name string, src []byte, rules bool) (*File, diag.List) {
	return parseTree(name, src, false, rules)
}

// parseTree is parse, of text handed over with owned. Each control is read
// as soon as it is parsed, in the memory of the one before
// (yamlfile.Stream): the answers keep their texts and positions, not the
// tree. The controls' keys are checked as parseControls checks them (keys
// reports what it would), and each answer read as it reads it (entries);
// their reports join the others where the tree's would. When the file is
// read whole after all (see ParseStream), what was read so is dropped and
// parseControls reads the tree.
func parseTree(name string, src []byte, owned, rules bool) (*File, diag.List) {
	keys, entries := &yamlfile.Reader{File: name}, &yamlfile.Reader{File: name}
	ids := keys.Pairs(controlsAt, nil)
	var streamedAnswers []*Answer
	s := &yamlfile.Stream{Key: "controls", Each: func(k, v *yamlfile.Node) {
		if e, ok := ids.Add(k, v); ok {
			streamedAnswers = append(streamedAnswers, parseAnswer(entries, e, rules))
		}
	}}
	if !streamControls {
		s = nil
	}
	root, streamed, err := yamlfile.ParseStream(name, src, owned, s)
	if err != nil {
		return nil, err.(diag.List)
	}
	r := &yamlfile.Reader{File: name}
	f := &File{Name: name, Edition: Editions[0], Pos: r.Pos(root), FieldPos: map[string]diag.Pos{}}
	f.ControlsPos, f.EditionPos = f.Pos, f.Pos
	fields, ok := r.Mapping(root, yamlfile.At{}, schema.Names(theSpec().top))
	if !ok {
		return f, r.Diags
	}
	seenOrg := false
	for _, fl := range fields {
		at := yamlfile.At{Field: fl.Key}
		switch fl.Key {
		case "edition":
			f.EditionPos = r.Pos(fl.Value)
			if e, ok := r.Enum(fl.Value, at, Editions); ok && e != "" {
				f.Edition = e
			}
		case "organization":
			seenOrg = true
			parseOrganization(r, fl.Value, &f.Org, f.FieldPos)
		case "revisions":
			f.Revisions = parseRevisions(r, fl.Value, f.FieldPos)
		case "controls":
			f.ControlsPos = r.Pos(fl.KeyNode)
			if !streamed {
				f.Controls = parseControls(r, fl.Value, rules)
				break
			}
			f.Controls = streamedAnswers
			if f.Controls == nil {
				f.Controls = []*Answer{} // as parseControls gives a mapping of no answers
			}
			r.Diags = append(append(r.Diags, keys.Diags...), entries.Diags...)
		}
	}
	if !seenOrg && rules {
		r.Errorf(root, yamlfile.At{Field: "organization"}, "missing: give at least organization.name and organization.date")
	}
	normalizeSpace(f)
	return f, r.Diags
}

func parseOrganization(r *yamlfile.Reader, n *yamlfile.Node, o *Organization, pos map[string]diag.Pos) {
	fields, ok := r.Mapping(n, yamlfile.At{Field: "organization"}, schema.Names(theSpec().organization))
	if !ok {
		return
	}
	for _, fl := range fields {
		at := yamlfile.At{Field: "organization." + fl.Key}
		pos[at.Field] = r.Pos(fl.Value)
		for _, f := range OrgFields {
			if f.Key == fl.Key {
				f.Set(o, f.read(r, fl.Value, at))
			}
		}
	}
	if strings.TrimSpace(o.Name) == "" {
		r.Errorf(n, yamlfile.At{Field: "organization.name"}, "missing: the SoA names the organization")
	}
	// A date that is there but not a date was reported by r.Date; an
	// absent or empty one is reported here, at the key when there is one.
	if o.Date == "" {
		if v := valueOf(fields, "date"); v == nil {
			r.Errorf(n, yamlfile.At{Field: "organization.date"}, "missing: the date of this SoA version, YYYY-MM-DD")
		} else if yamlfile.IsNull(v) || strings.TrimSpace(v.Value) == "" {
			r.Errorf(v, yamlfile.At{Field: "organization.date"}, "missing: the date of this SoA version, YYYY-MM-DD")
		}
	}
}

// valueOf returns the value node of key among fields, or nil.
func valueOf(fields []yamlfile.Field, key string) *yamlfile.Node {
	for _, f := range fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

func parseRevisions(r *yamlfile.Reader, n *yamlfile.Node, pos map[string]diag.Pos) []Revision {
	if yamlfile.IsNull(n) {
		return nil
	}
	items, _ := r.Seq(n, yamlfile.At{Field: "revisions"})
	var out []Revision
	for _, item := range items {
		fields, ok := r.Mapping(item, yamlfile.At{Field: "revisions"}, schema.Names(revisionFields))
		if !ok {
			continue
		}
		var rev Revision
		for _, fl := range fields {
			at := yamlfile.At{Field: "revisions." + fl.Key}
			pos[RevisionField(len(out), fl.Key)] = r.Pos(fl.Value)
			switch fl.Key {
			case "version":
				rev.Version, _ = r.String(fl.Value, at)
			case "date":
				rev.Date, _ = r.Date(fl.Value, at)
			case "author":
				rev.Author, _ = r.String(fl.Value, at)
			case "description":
				rev.Description, _ = r.String(fl.Value, at)
			case "notes":
				rev.Notes, _ = r.String(fl.Value, at)
			}
		}
		out = append(out, rev)
	}
	return out
}

// streamControls is false in the tests that compare the streamed reading
// of the controls with the reading of the whole tree.
var streamControls = true

// controlsAt is where the controls' keys are: control ids.
var controlsAt = yamlfile.At{Field: "controls", KeysAreControls: true}

func parseControls(r *yamlfile.Reader, n *yamlfile.Node, rules bool) []*Answer {
	if yamlfile.IsNull(n) {
		return nil
	}
	// Keys are control ids, read from the node's text: an unquoted 5.10 is
	// "5.10" here, never the number 5.1.
	entries, ok := r.Mapping(n, controlsAt, nil)
	if !ok {
		return nil
	}
	out := make([]*Answer, 0, len(entries))
	for _, e := range entries {
		out = append(out, parseAnswer(r, e, rules))
	}
	return out
}

func parseAnswer(r *yamlfile.Reader, e yamlfile.Field, rules bool) *Answer {
	a := &Answer{ID: strings.TrimSpace(e.Key), Pos: r.Pos(e.KeyNode)}
	at := yamlfile.At{Control: a.ID}
	if yamlfile.IsNull(e.Value) {
		return a // "5.1:" with nothing under it: listed, not answered
	}
	// The pairs are read before the next control's: its mapping reuses them.
	fields, ok := r.MappingReused(e.Value, at, theSpec().controlKeys)
	if !ok {
		return a
	}
	a.FieldPos = make([]FieldPos, 0, len(fields))
	for _, fl := range fields {
		fat := at.Sub(fl.Key)
		a.FieldPos = append(a.FieldPos, FieldPos{fl.Key, fl.Value.Line, fl.Value.Column})
		if f := FieldByKey(fl.Key); f != nil {
			f.read(r, fl.Value, fat, a)
		}
	}
	return a
}
