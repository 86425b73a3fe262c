package catalog_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
)

func mustDefault(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatalf("embedded catalogue is invalid:\n%v", err)
	}
	return cat
}

func TestDefaultShape(t *testing.T) {
	cat := mustDefault(t)
	s22, s13 := cat.Set(catalog.Set2022), cat.Set(catalog.Set2013)
	if s22 == nil || s13 == nil {
		t.Fatal("embedded catalogue lacks an ISO set")
	}
	if len(s22.Controls) != 93 {
		t.Errorf("2022: %d controls, want 93", len(s22.Controls))
	}
	perTheme := map[string]int{}
	var newIDs []string
	for _, c := range s22.Controls {
		perTheme[c.Theme]++
		if c.New {
			newIDs = append(newIDs, c.ID)
		}
		if c.TitleJA == "" || c.Summary == "" {
			t.Errorf("%s: missing Japanese title or summary", c.ID)
		}
		if len(c.Summary) > 200 {
			t.Errorf("%s: summary is %d bytes; keep it to one short sentence", c.ID, len(c.Summary))
		}
		checkSummaryJA(t, c)
	}
	want := map[string]int{"organizational": 37, "people": 8, "physical": 14, "technological": 34}
	for k, v := range want {
		if perTheme[k] != v {
			t.Errorf("theme %s: %d controls, want %d", k, perTheme[k], v)
		}
	}
	wantNew := []string{"5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"}
	if !slices.Equal(newIDs, wantNew) {
		t.Errorf("new controls = %v, want %v", newIDs, wantNew)
	}
	if len(s13.Controls) != 114 || len(s13.Themes) != 14 {
		t.Errorf("2013: %d controls in %d clauses, want 114 in 14", len(s13.Controls), len(s13.Themes))
	}
	objectives := 0
	for _, th := range s13.Themes {
		objectives += len(th.Objectives)
		if th.TitleJA == "" {
			t.Errorf("2013 clause %s: no Japanese title", th.ID)
		}
	}
	if objectives != 35 {
		t.Errorf("2013: %d objectives, want 35", objectives)
	}
	for _, th := range s22.Themes {
		if th.TitleJA == "" {
			t.Errorf("2022 theme %s: no Japanese title", th.ID)
		}
	}
}

// checkSummaryJA: every bundled 2022 control has a Japanese summary: one
// sentence in the plain style (である/する), ending in 。, short enough to
// sit in a gap finding or a comment line.
func checkSummaryJA(t *testing.T, c *catalog.Control) {
	t.Helper()
	s := c.SummaryJA
	switch n := utf8.RuneCountInString(s); {
	case strings.TrimSpace(s) == "":
		t.Errorf("%s: no summary_ja", c.ID)
		return
	case n > 100:
		t.Errorf("%s: summary_ja is %d characters; keep it to one short sentence", c.ID, n)
	}
	if !strings.HasSuffix(s, "。") || strings.Count(s, "。") != 1 {
		t.Errorf("%s: summary_ja %q: one sentence, ending in 。", c.ID, s)
	}
	for _, polite := range []string{"です", "ます"} {
		if strings.Contains(s, polite) {
			t.Errorf("%s: summary_ja %q: plain style (である/する), not %s", c.ID, s, polite)
		}
	}
	if strings.ContainsAny(s, ",.;:()") {
		t.Errorf("%s: summary_ja %q: use Japanese punctuation (、。：（）)", c.ID, s)
	}
}

// TestSummaryJA: summary_ja is read from a user's set and from overlays;
// a control without one keeps an empty SummaryJA (renderers fall back to
// the English summary).
func TestSummaryJA(t *testing.T) {
	base, err := catalog.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	user := []catalog.File{
		{Name: "org.yaml", Src: []byte(`set: org
title: Own controls
edition: "2022"
prefix: ORG-
controls:
  - id: ORG-1
    title: Tabletop exercise
    summary: Rehearse the plan.
    summary_ja: 計画を演習する。
  - id: ORG-2
    title: English only
    summary: Only in English.
`)},
		{Name: "overlay.yaml", Src: []byte(`overlay: Japanese summaries of our own
controls:
  "5.1":
    summary_ja: 方針を定める。
  ORG-2:
    summary_ja: ""
`)},
	}
	cat, err := catalog.Load(base, user)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"ORG-1": "計画を演習する。", "ORG-2": "", "5.1": "方針を定める。"} {
		if got := cat.Control(id).SummaryJA; got != want {
			t.Errorf("%s: summary_ja = %q, want %q", id, got, want)
		}
	}
	if got := cat.Control("5.2").SummaryJA; got == "" {
		t.Error("5.2 lost its bundled summary_ja")
	}
}

// TestMappingComplete proves the correspondence is total in both
// directions: the best-known open mapping file is not.
func TestMappingComplete(t *testing.T) {
	cat := mustDefault(t)
	for _, c := range cat.Set(catalog.Set2013).Controls {
		if len(c.MapsTo) == 0 {
			t.Errorf("2013 %s maps to no 2022 control", c.ID)
		}
		for _, id := range c.MapsTo {
			if tgt := cat.Control(id); tgt == nil || tgt.Set != catalog.Set2022 {
				t.Errorf("2013 %s maps to %s, which is no 2022 control", c.ID, id)
			}
		}
	}
	for _, c := range cat.Set(catalog.Set2022).Controls {
		if c.New != (len(c.MappedFrom) == 0) {
			t.Errorf("2022 %s: new=%v but mapped from %v", c.ID, c.New, c.MappedFrom)
		}
	}
}

// TestKnownFacts spot-checks facts that public mapping files get wrong or
// that auditors ask about, against ISO/IEC 27002:2022 Annex B.
func TestKnownFacts(t *testing.T) {
	cat := mustDefault(t)
	mapsTo := map[string][]string{
		"A.13.2.1": {"5.14"},
		"A.13.2.2": {"5.14"},
		"A.13.2.3": {"5.14"},
		"A.5.1.1":  {"5.1"},
		"A.5.1.2":  {"5.1"},
		"A.12.4.1": {"8.15"},
		"A.12.6.2": {"8.19"},
		"A.12.5.1": {"8.19"},
		"A.16.1.2": {"6.8"},
		"A.16.1.3": {"6.8"},
		"A.6.1.5":  {"5.8"},
		"A.14.1.1": {"5.8"},
		"A.18.2.3": {"5.36", "8.8"},
		// The nine controls the best-known open mapping file leaves unmapped.
		"A.6.1.3":  {"5.5"},
		"A.6.1.4":  {"5.6"},
		"A.9.2.5":  {"5.18"},
		"A.9.2.6":  {"5.18"},
		"A.12.7.1": {"8.34"},
		"A.14.2.3": {"8.32"},
		"A.14.2.4": {"8.32"},
		"A.17.2.1": {"8.14"},
	}
	for id, want := range mapsTo {
		c := cat.Control(id)
		if c == nil {
			t.Errorf("%s missing", id)
			continue
		}
		if !slices.Equal(c.MapsTo, want) {
			t.Errorf("%s maps to %v, want %v", id, c.MapsTo, want)
		}
	}
	titles := map[string]string{
		"5.1":      "Policies for information security",
		"5.23":     "Information security for use of cloud services",
		"8.34":     "Protection of information systems during audit testing",
		"A.18.2.3": "Technical compliance review",
		"A.11.2.7": "Secure disposal or re-use of equipment",       // as published, not "reuse"
		"A.13.2.4": "Confidentiality or non-disclosure agreements", // not "nondisclosure"
	}
	for id, want := range titles {
		if c := cat.Control(id); c == nil || c.Title != want {
			t.Errorf("%s title = %v, want %q", id, c, want)
		}
	}
}

// TestBadCatalogs loads each file of testdata/catalog/bad over the default
// catalogue and checks every message, position included.
func TestBadCatalogs(t *testing.T) {
	tests := map[string][]string{
		"duplicate-id.yaml": {
			`bad/duplicate-id.yaml:7:9: error: control ACME-1: id: duplicate control id (first defined at bad/duplicate-id.yaml:5:9)`,
		},
		"duplicate-key.yaml": {
			`bad/duplicate-key.yaml:7:5: error: control ACME-1: title: duplicate key "title" (first defined at line 6)`,
		},
		"list-at-top.yaml": {
			`bad/list-at-top.yaml:1:1: error: want a mapping (key: value lines), got a list`,
		},
		"malformed-id.yaml": {
			`bad/malformed-id.yaml:5:5: error: control AC-1: id: malformed id: ids of set acme start with "ACME-"`,
		},
		"mapping-to-nothing.yaml": {
			`bad/mapping-to-nothing.yaml:7:23: error: control ACME-1: maps_to: maps to 8.35, which is no control`,
		},
		"neither-set-nor-overlay.yaml": {
			`bad/neither-set-nor-overlay.yaml:1:1: error: a catalogue file starts with "set:" (a control set) or "overlay:" (fields added to existing controls)`,
		},
		"overlay-unknown-control.yaml": {
			`bad/overlay-unknown-control.yaml:3:3: error: control 5.38: overlay names control 5.38, which is not in the catalogue`,
			`bad/overlay-unknown-control.yaml:6:5: error: control 8.9: unknown field "txt" (did you mean "text"?) (allowed: title_ja, summary, summary_ja, text, guidance, attributes, extra)`,
		},
		"redefines-iso-id.yaml": {
			`bad/redefines-iso-id.yaml:1:1: error: prefix: prefix "5." could be mistaken for an Annex A id; start it with a letter other than a lone "A."`,
			`bad/redefines-iso-id.yaml:5:9: error: control 5.1: id: duplicate control id (first defined at controls/annex-a-2022.yaml:32:9)`,
		},
		"set-without-prefix.yaml": {
			`bad/set-without-prefix.yaml:1:1: error: prefix: set acme needs a prefix, such as "ORG-" or "CLD.", so its ids cannot be mistaken for Annex A ids`,
		},
		"syntax-error.yaml": {
			`bad/syntax-error.yaml:6:5: error: invalid YAML: found unexpected end of stream`,
		},
		"unknown-attribute-type.yaml": {
			`bad/unknown-attribute-type.yaml:8:7: error: control ACME-1: attributes: unknown field "control_types" (did you mean "control_type"?) (allowed: control_type, security_properties, cybersecurity_concepts, operational_capabilities, security_domains)`,
		},
		"unknown-attribute-value.yaml": {
			`bad/unknown-attribute-value.yaml:8:22: error: control ACME-1: attributes.control_type: "preventative" is not one of preventive, detective, corrective (did you mean "preventive"?)`,
		},
		"unknown-field.yaml": {
			`bad/unknown-field.yaml:6:5: error: control ACME-1: unknown field "titel" (did you mean "title"?) (allowed: id, theme, objective, title, title_ja, summary, summary_ja, new, attributes, maps_to, text, guidance)`,
			`bad/unknown-field.yaml:5:5: error: control ACME-1: title: missing title`,
		},
		"unknown-theme.yaml": {
			`bad/unknown-theme.yaml:9:12: error: control ACME-1: theme: unknown theme "operations" (allowed: ops)`,
		},
	}
	base, err := catalog.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/catalog/bad/*.yaml")
	if len(files) != len(tests) {
		t.Errorf("testdata/catalog/bad has %d files, the table %d: every bad file needs its expected messages", len(files), len(tests))
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("../../testdata/catalog/bad", name))
			if err != nil {
				t.Fatal(err)
			}
			_, err = catalog.Load(base, []catalog.File{{Name: "bad/" + name, Src: src}})
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("Load: %v, want a diag.List", err)
			}
			got := strings.Split(l.Error(), "\n")
			if len(got) != len(want) {
				t.Fatalf("got %d messages, want %d:\n%s", len(got), len(want), l.Error())
			}
			slices.Sort(want)
			gs := slices.Clone(got)
			slices.Sort(gs)
			for i := range want {
				if gs[i] != want[i] {
					t.Errorf("message\n got: %s\nwant: %s", gs[i], want[i])
				}
			}
		})
	}
}

// TestCustomCatalog loads the worked example of a user's catalogue.
func TestCustomCatalog(t *testing.T) {
	base, _ := catalog.DefaultFiles()
	var user []catalog.File
	files, _ := filepath.Glob("../../testdata/catalog/custom/*.yaml")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		user = append(user, catalog.File{Name: filepath.Base(f), Src: src})
	}
	cat, err := catalog.Load(base, user)
	if err != nil {
		t.Fatalf("Load:\n%v", err)
	}
	ids := cat.ControlIDs("2022")
	if len(ids) != 93+7+1 || ids[93] != "CLD.6.3.1" || ids[100] != "ORG-1" {
		t.Errorf("2022 SoA controls: %d, [93]=%s", len(ids), ids[93])
	}
	c := cat.Control("5.1")
	if !strings.Contains(c.Text, "licensed text") || c.Guidance == "" || len(c.Extra) != 1 || c.Extra[0] != (catalog.KV{Key: "internal_ref", Value: "POL-001"}) {
		t.Errorf("overlay not applied to 5.1: %+v", c)
	}
	if cat.Control("ORG-1").SummaryJA == "" || cat.Control("CLD.6.3.1").SummaryJA != "" {
		t.Errorf("summary_ja of the user's controls: ORG-1 %q, CLD.6.3.1 %q", cat.Control("ORG-1").SummaryJA, cat.Control("CLD.6.3.1").SummaryJA)
	}
	if got := cat.Control("5.23").MappedFrom; !slices.Equal(got, []string{"CLD.6.3.1", "CLD.8.1.5"}) {
		t.Errorf("5.23 mapped from %v", got)
	}
	if len(cat.Overlays) != 2 || cat.Overlays[0].N != 93 || cat.Overlays[1].N != 2 {
		t.Errorf("overlays: %+v", cat.Overlays)
	}
}

// TestISOInvariants breaks the embedded sets the way an edit could and
// checks that the loader notices.
func TestISOInvariants(t *testing.T) {
	base, _ := catalog.DefaultFiles()
	edit := func(file, old, new string) []catalog.File {
		t.Helper()
		out := slices.Clone(base)
		for i, f := range out {
			if strings.HasSuffix(f.Name, file) {
				s := string(f.Src)
				if !strings.Contains(s, old) {
					t.Fatalf("%s does not contain %q", file, old)
				}
				out[i].Src = []byte(strings.Replace(s, old, new, 1))
			}
		}
		return out
	}
	tests := []struct {
		name  string
		files []catalog.File
		want  []string
	}{
		{
			name:  "2013 control without target",
			files: edit("annex-a-2013.yaml", `maps_to: ["5.14"]`, `maps_to: []`),
			want:  []string{"control A.13.2.1: maps_to: missing: every 2013 control maps to one or more 2022 controls"},
		},
		{
			name:  "2022 control marked new loses its sources",
			files: edit("annex-a-2022.yaml", "title: Policies for information security\n", "title: Policies for information security\n    new: true\n"),
			want: []string{
				"control 5.1: new: marked new in 2022, but 2013 control(s) A.5.1.1, A.5.1.2 map to it",
				"new: set iso27001-2022 marks 12 controls new; ISO/IEC 27001:2022 has 11 new controls",
			},
		},
		{
			name:  "theme moved",
			files: edit("annex-a-2022.yaml", "title: Screening\n", "title: Screening\n    theme: physical\n"),
			want: []string{
				"control 6.1: theme: control 6.1 is numbered under theme 6, not 7 (physical)",
				"theme: theme people has 7 controls; ISO/IEC 27001:2022 has 8",
				"theme: theme physical has 15 controls; ISO/IEC 27001:2022 has 14",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalog.Load(tt.files, nil)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("missing %q in:\n%v", w, err)
				}
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tt.want) {
				t.Errorf("%d messages, want %d:\n%v", n, len(tt.want), err)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	cat := mustDefault(t)
	tests := []struct {
		q       catalog.Query
		n       int
		first   string
		wantErr string
	}{
		{q: catalog.Query{}, n: 93, first: "5.1"},
		{q: catalog.Query{Theme: "people"}, n: 8, first: "6.1"},
		{q: catalog.Query{Theme: "7"}, n: 14, first: "7.1"},
		{q: catalog.Query{New: true}, n: 11, first: "5.7"},
		{q: catalog.Query{Edition: "2013"}, n: 114, first: "A.5.1.1"},
		{q: catalog.Query{Edition: "2013", Theme: "A.9"}, n: 14, first: "A.9.1.1"},
		{q: catalog.Query{Attrs: []string{"cybersecurity_concepts=detect", "control_type=detective"}}, first: "5.7"},
		{q: catalog.Query{Theme: "cloud"}, wantErr: `unknown theme "cloud" (allowed: organizational, people, physical, technological)`},
		{q: catalog.Query{Attrs: []string{"concepts=detect"}}, wantErr: `--attr "concepts=detect": unknown attribute type "concepts"`},
		{q: catalog.Query{Attrs: []string{"cybersecurity_concepts=detection"}}, wantErr: `has no value "detection" (allowed: identify, protect, detect, respond, recover)`},
		{q: catalog.Query{Edition: "2005"}, wantErr: `unknown edition "2005" (allowed: 2022, 2013)`},
		{q: catalog.Query{Edition: "2013", New: true}, wantErr: `--new selects controls new in 2022`},
		{q: catalog.Query{Edition: "2013", Attrs: []string{"control_type=preventive"}}, wantErr: `--attr filters on the ISO/IEC 27002:2022 attributes, which only 2022 controls have; it needs --edition 2022`},
	}
	for _, tt := range tests {
		got, err := cat.Select(tt.q)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Select(%+v) error = %v, want %q", tt.q, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Select(%+v): %v", tt.q, err)
			continue
		}
		if (tt.n > 0 && len(got) != tt.n) || len(got) == 0 || got[0].ID != tt.first {
			t.Errorf("Select(%+v) = %d controls starting %v, want %d starting %s", tt.q, len(got), got[0].ID, tt.n, tt.first)
		}
	}
}

// BenchmarkLoadCatalog loads the bundled files alone (the catalogue made
// at build time), then copies of them, as a run with --catalog loads them
// (decoded at build time file by file, merged and checked at run time).
func BenchmarkLoadCatalog(b *testing.B) {
	files, err := catalog.DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	copies := slices.Clone(files)
	for i := range copies {
		copies[i].Src = bytes.Clone(copies[i].Src)
	}
	for _, bb := range []struct {
		name  string
		files []catalog.File
	}{{"bundled", files}, {"copies", copies}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := catalog.Load(bb.files, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
