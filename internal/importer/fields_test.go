package importer_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/scaffold"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
)

// sample is a value of f that no other field holds, of f's kind.
func sample(f *answers.Field) answers.Value {
	switch f.Kind {
	case answers.Bool:
		return answers.Value{"true"}
	case answers.Enum:
		return answers.Value{f.Values[1]}
	case answers.EnumSet:
		return answers.Value{f.Values[0], f.Values[2]}
	case answers.Date:
		return answers.Value{"2026-0" + string(rune('1'+len(f.Key)%9)) + "-1" + string(rune('0'+len(f.Key)%9))}
	case answers.TextList:
		return answers.Value{f.Key + " one", f.Key + " two"}
	case answers.IDList:
		return answers.Value{"R-" + f.Key, "R-2"}
	case answers.Text:
		return answers.Value{f.Key + " first line\nsecond line"}
	}
	return answers.Value{f.Key + " value"}
}

// TestEveryFieldEveryConsumer walks the table of answer fields and sends
// each field, set to a value of its kind, through every consumer: parse and
// encode, the in-place editor and its read-back check, the JSON Schema, the
// scaffold, the transition's comparison and JSON, the workbook and its
// import. A field some consumer does not handle fails here, by name.
func TestEveryFieldEveryConsumer(t *testing.T) {
	cat := defaultCatalog(t)
	want := &answers.Answer{ID: "5.1"}
	for _, f := range answers.Fields {
		f.Set(want, sample(f))
	}
	file := &answers.File{Edition: "2022", Org: answers.Organization{Name: "Fields Ltd", Date: "2026-04-01"}, Controls: []*answers.Answer{want}}
	check := func(t *testing.T, path string, got *answers.Answer) {
		t.Helper()
		for _, f := range answers.Fields {
			if !f.Equal(f.Get(got), f.Get(want)) {
				t.Errorf("%s: %s = %q, want %q", path, f.Key, f.Get(got), f.Get(want))
			}
		}
	}

	// Encode, then parse.
	var enc bytes.Buffer
	if err := answers.Encode(&enc, file, answers.EncodeOptions{IDs: []string{"5.1"}}); err != nil {
		t.Fatal(err)
	}
	parsed, l := answers.Parse("enc.yaml", enc.Bytes())
	if l.HasErrors() {
		t.Fatalf("encoded file: %v\n%s", l, enc.String())
	}
	check(t, "encode → parse", parsed.Lookup("5.1"))

	// The in-place editor, from an entry with no fields to every field.
	src := []byte("organization:\n  name: Fields Ltd\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n")
	out, changes, err := answers.Update("u.yaml", src, file, answers.UpdateOptions{Fields: answers.FieldKeys(), Order: cat.ControlIDs("2022")})
	if err != nil {
		t.Fatal(err)
	}
	updated, l := answers.Parse("u.yaml", out)
	if l.HasErrors() {
		t.Fatalf("updated file: %v\n%s", l, out)
	}
	check(t, "update → parse", updated.Lookup("5.1"))
	for _, f := range answers.Fields {
		if f.Key != answers.KeyApplicable && !slices.ContainsFunc(changes, func(c answers.Change) bool { return c.Field == f.Key }) {
			t.Errorf("update: no change line for %s", f.Key)
		}
	}

	// JSON Schema, scaffold, JSON, transition.
	ctl, _ := schema.Lookup(answers.Schema().Fields, "controls")
	var scaffolded bytes.Buffer
	if err := scaffold.Write(&scaffolded, cat, scaffold.Options{Edition: "2022", Date: "2026-04-01", Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	js, err := answers.JSON{Answer: want}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back answers.JSON
	if err := back.UnmarshalJSON(js); err != nil {
		t.Fatal(err)
	}
	check(t, "JSON", back.Answer)
	for _, f := range answers.Fields {
		if _, ok := schema.Lookup(ctl.Fields, f.Key); !ok {
			t.Errorf("schema: no %s", f.Key)
		}
		if !f.Remark && !strings.Contains(scaffolded.String(), "\n    "+f.Scaffold()+"\n") {
			t.Errorf("scaffold: no %q", f.Scaffold())
		}
		if f.Remark {
			continue
		}
		other := &answers.Answer{ID: "5.1"}
		f.Set(other, sample(f))
		if ch := transition.Changes(transition.Control{Derived: &answers.Answer{ID: "5.1"}}, other); len(ch) != 1 || ch[0].Field != f.Key {
			t.Errorf("transition: a change of %s gives %+v", f.Key, ch)
		}
	}

	// The workbook, in both languages, and its import.
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		var buf bytes.Buffer
		if err := answers.Encode(&buf, file, answers.EncodeOptions{IDs: []string{"5.1"}}); err != nil {
			t.Fatal(err)
		}
		st, l := soa.Load(cat, "f.yaml", buf.Bytes())
		if st == nil {
			t.Fatal(l)
		}
		res, err := importer.Read(render(t, st, lang), cat, importer.Options{Name: "f.xlsx"})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		var got *answers.Answer
		for _, a := range res.File.Controls {
			if a.ID == "5.1" {
				got = a
			}
		}
		check(t, "generate → import ("+string(lang)+")", got)
	}
	// Every field the sheet shows has a column of its own, or a cell it
	// shares (the review remark in Notes).
	cols := layout.Columns("2022")
	for _, f := range answers.Fields {
		if cols.Of(f.Key) == 0 && !f.Remark {
			t.Errorf("layout: no column for %s", f.Key)
		}
	}
}
