package diag

// Suggest returns the option closest to word by edit distance, or "" when
// none is close enough to be a likely typo, or when several are equally
// close: a guess between many ids helps nobody.
func Suggest(word string, options []string) string {
	best, bestDist, bestPrefix, tied := "", -1, 0, false
	for _, o := range options {
		d, p := distance(word, o), commonPrefix(word, o)
		// Among equally close options, the one sharing the longest start
		// with word wins: "A.9.2.7" suggests A.9.2.1 … only if it is alone.
		switch {
		case bestDist < 0 || d < bestDist || (d == bestDist && p > bestPrefix):
			best, bestDist, bestPrefix, tied = o, d, p, false
		case d == bestDist && p == bestPrefix && o != best:
			tied = true
		}
	}
	if tied {
		return ""
	}
	limit := max(1, len([]rune(word))/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
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
