package diff

import (
	"math/rand/v2"
	"sort"
	"testing"
)

// TestUnitIndex checks unitIndex.overlaps against checking every unit, for units added in
// order (overlapping one another or not) and out of order.
func TestUnitIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n := rng.IntN(30)
		units := make([]unit, n)
		for i := range units {
			lo := rng.IntN(100)
			units[i] = unit{lo: lo, hi: lo + 1 + rng.IntN(6)}
		}
		if round%4 != 0 {
			sort.Slice(units, func(i, j int) bool { return units[i].lo < units[j].lo })
		}
		var x unitIndex
		for _, u := range units {
			x.add(u)
		}
		for lo := 0; lo < 110; lo++ {
			for w := 1; w <= 4; w++ {
				u := unit{lo: lo, hi: lo + w}
				want := false
				for _, o := range units {
					want = want || u.lo < o.hi && o.lo < u.hi
				}
				if got := x.overlaps(u); got != want {
					t.Fatalf("unitIndex%v.overlaps(%v) = %v, want %v", units, u, got, want)
				}
			}
		}
	}
}
