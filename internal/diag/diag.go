// Package diag reports problems in input files at file:line:column, collects
// them so that a run reports every problem at once, and prints them for
// people (text), CI (GitHub annotations) and other tools (JSON).
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/termsafe"
)

// Pos is a position in an input file: a line and column (1-based; 0 means
// unknown) in a text file, or a cell such as "SoA!D17" in a workbook.
type Pos struct {
	File string
	Line int
	Col  int
	Cell string
}

// String returns "file", "file:line", "file:line:col" or "file:Sheet!A1".
func (p Pos) String() string {
	if p.Cell == "" && p.Line <= 0 {
		return p.File
	}
	var b strings.Builder
	b.Grow(p.size())
	p.writeTo(&b)
	return b.String()
}

// size is at least the length of p.String().
func (p Pos) size() int { return len(p.File) + 1 + len(p.Cell) + 2*(1+20) }

// writeTo writes p.String() to b.
func (p Pos) writeTo(b *strings.Builder) {
	b.WriteString(p.File)
	if p.Cell != "" {
		b.WriteString(":")
		b.WriteString(p.Cell)
		return
	}
	if p.Line > 0 {
		var num [20]byte
		b.WriteString(":")
		b.Write(strconv.AppendInt(num[:0], int64(p.Line), 10))
		if p.Col > 0 {
			b.WriteString(":")
			b.Write(strconv.AppendInt(num[:0], int64(p.Col), 10))
		}
	}
}

// Severity says whether a diagnostic blocks the run.
type Severity int

const (
	Error   Severity = iota // invalid input: fails validate, blocks rendering
	Warning                 // printed; fails validate only with --strict
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Diagnostic is one problem at one position. Control and Field name what the
// problem is about when known. Msg is lower case, has no final period, and
// says what is wrong and what is allowed.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Control  string
	Field    string
	Msg      string
	// Rule names the answer rule an error breaks when a report may list it
	// as a finding instead of refusing the file (see soa.LoadForReport);
	// "" for errors that stop every command. It is not printed.
	Rule string
}

// String formats d as "file:line:col: severity: control ID: field: message",
// leaving out the parts that are unknown. It is one line, whatever the
// parts hold: control characters and line breaks are shown escaped. The
// line is written into memory of its size, made once: soa validate prints
// one for each diagnostic.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.Grow(d.Pos.size() + len(": warning: control : : ") + len(d.Control) + len(d.Field) + len(d.Msg))
	if d.Pos.writeTo(&b); b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	d.writeSubject(&b)
	b.WriteString(d.Msg)
	return termsafe.String(b.String())
}

// subject returns "control ID: field: " with the parts that are known.
func (d Diagnostic) subject() string {
	var b strings.Builder
	d.writeSubject(&b)
	return b.String()
}

func (d Diagnostic) writeSubject(b *strings.Builder) {
	if d.Control != "" {
		b.WriteString("control ")
		b.WriteString(d.Control)
		b.WriteString(": ")
	}
	if d.Field != "" {
		b.WriteString(d.Field)
		b.WriteString(": ")
	}
}

// List collects diagnostics; the zero value is ready to use.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders l by file, line, column, then message, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		if c := cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		); c != 0 {
			return c
		}
		// Only diagnostics at one place get this far: cmp.Or's arguments
		// are all computed, and cells and control ids are parsed.
		return cmp.Or(
			cellCompare(a.Pos.Cell, b.Pos.Cell),
			cmp.Compare(a.Severity, b.Severity),
			CompareIDs(a.Control, b.Control),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Merge returns the diagnostics of l and more, sorted. When one of the
// two is empty it is the other, sorted, and not a copy: of the lists a run
// passes up to the command, most often one is empty. The result may share
// memory with l or more.
func Merge(l, more List) List {
	switch {
	case len(more) == 0:
	case len(l) == 0:
		l = more
	default:
		l = append(l, more...)
	}
	l.Sort()
	return l
}

// HasErrors reports whether l holds at least one Error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of diagnostics of severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Err sorts l and returns it as an error if it holds at least one Error;
// otherwise it returns nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	l.Sort()
	return l
}

// Error joins the diagnostics, one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// cellCompare orders cell references by sheet, then row, then column, so
// that a workbook's problems come out in reading order.
func cellCompare(a, b string) int {
	sa, ra, ca := splitCell(a)
	sb, rb, cb := splitCell(b)
	return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(ra, rb), cmp.Compare(len(ca), len(cb)), cmp.Compare(ca, cb))
}

func splitCell(ref string) (sheet string, row int, col string) {
	if i := strings.LastIndex(ref, "!"); i >= 0 {
		sheet, ref = ref[:i], ref[i+1:]
	}
	j := strings.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if j < 0 {
		return sheet, 0, ref
	}
	row, _ = strconv.Atoi(ref[j:])
	return sheet, row, ref[:j]
}

// CompareIDs orders control ids the way the catalogue does: 5.9 before
// 5.10, A.9.1.2 before A.10.1.1. Parts that are numbers compare as
// numbers, others as text, and an id that is a prefix of the other
// comes first.
func CompareIDs(a, b string) int {
	for {
		pa, restA, moreA := strings.Cut(a, ".")
		pb, restB, moreB := strings.Cut(b, ".")
		na, okA := number(pa)
		nb, okB := number(pb)
		c := strings.Compare(pa, pb)
		if okA && okB {
			c = cmp.Compare(na, nb)
		}
		switch {
		case c != 0:
			return c
		case !moreA || !moreB:
			return cmp.Compare(boolInt(moreA), boolInt(moreB))
		}
		a, b = restA, restB
	}
}

// number reads s as strconv.Atoi does, without its allocation of an error
// for the parts that are not numbers ("A"), which CompareIDs meets in
// every 2013 id.
func number(s string) (int, bool) {
	if len(s) == 0 || len(s) > 18 {
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			if i == 0 && (s[0] == '+' || s[0] == '-') {
				n, err := strconv.Atoi(s)
				return n, err == nil
			}
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
