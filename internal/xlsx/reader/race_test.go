//go:build race

package reader

// raceEnabled: the race detector's own allocations would fail memory bounds.
const raceEnabled = true
