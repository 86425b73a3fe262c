package diag

import (
	"slices"
	"strconv"
	"strings"
)

// maxSuggestions is the most options Suggest offers. When more are equally
// close, the word is no nearer to one than to the others, and a guess
// between so many helps nobody.
const maxSuggestions = 3

// Suggest returns the options closest to word by edit distance, in the
// order of options: usually one; several when they are equally close (at
// most maxSuggestions, else none); none when no option is close enough to
// be a likely typo.
func Suggest(word string, options []string) []string {
	var best []string
	bestDist, bestPrefix := -1, 0
	for _, o := range options {
		d, p := distance(word, o), commonPrefix(word, o)
		// Among equally close options, those sharing the longest start
		// with word win: "A.9.2.7" suggests A.9.2.1, not A.5.1.1.
		switch {
		case bestDist < 0 || d < bestDist || (d == bestDist && p > bestPrefix):
			best, bestDist, bestPrefix = []string{o}, d, p
		case d == bestDist && p == bestPrefix && !slices.Contains(best, o):
			best = append(best, o)
		}
	}
	limit := max(1, len([]rune(word))/3)
	if bestDist < 0 || bestDist > limit || len(best) > maxSuggestions {
		return nil
	}
	return best
}

// DidYouMean returns Suggest's answer as a parenthetical to append to a
// message, " (did you mean A.5.1.1 or A.5.1.2?)", with each option in
// double quotes if quote is set; "" when there is nothing to suggest.
func DidYouMean(word string, options []string, quote bool) string {
	sug := Suggest(word, options)
	if len(sug) == 0 {
		return ""
	}
	if quote {
		for i, s := range sug {
			sug[i] = strconv.Quote(s)
		}
	}
	list := sug[len(sug)-1]
	if len(sug) > 1 {
		list = strings.Join(sug[:len(sug)-1], ", ") + " or " + list
	}
	return " (did you mean " + list + "?)"
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// distance is the optimal string alignment distance between a and b, in
// runes: Levenshtein plus the swap of two neighbours, the commonest typo
// ("titel" for "title").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
