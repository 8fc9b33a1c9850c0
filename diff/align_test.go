package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// internWords interns the space-separated words of old and new in one interner.
func internWords(old, new string) (a, b []tok, n int) {
	var in interner
	for _, w := range strings.Fields(old) {
		a = append(a, tok{id: in.id([]byte(w))})
	}
	for _, w := range strings.Fields(new) {
		b = append(b, tok{id: in.id([]byte(w))})
	}
	return a, b, len(in.keys)
}

// checkAlignment verifies that blocks are ordered, separated by equal tokens, and that the
// tokens outside them are equal pairwise.
func checkAlignment(t *testing.T, a, b []tok, blocks []editBlock) {
	t.Helper()
	i, j := 0, 0
	for k, bl := range blocks {
		if bl.oldLo < i || bl.newLo < j || bl.oldHi < bl.oldLo || bl.newHi < bl.newLo {
			t.Fatalf("block %d %+v out of order after (%d,%d)", k, bl, i, j)
		}
		if bl.oldLo-i != bl.newLo-j {
			t.Fatalf("block %d %+v: equal stretch before it differs in length", k, bl)
		}
		if k > 0 && bl.oldLo == i {
			t.Fatalf("block %d %+v touches the previous block", k, bl)
		}
		for ; i < bl.oldLo; i, j = i+1, j+1 {
			if a[i].id != b[j].id {
				t.Fatalf("tokens %d and %d outside blocks differ", i, j)
			}
		}
		i, j = bl.oldHi, bl.newHi
	}
	if len(a)-i != len(b)-j {
		t.Fatalf("trailing equal stretch differs in length: %d vs %d", len(a)-i, len(b)-j)
	}
	for ; i < len(a); i, j = i+1, j+1 {
		if a[i].id != b[j].id {
			t.Fatalf("trailing tokens %d and %d differ", i, j)
		}
	}
}

func TestAlignTokens(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []editBlock
	}{
		{"equal", "a b c", "a b c", nil},
		{"both empty", "", "", nil},
		{"insert all", "", "a b", []editBlock{{0, 0, 0, 2}}},
		{"delete all", "a b", "", []editBlock{{0, 2, 0, 0}}},
		{"replace middle", "a b c", "a x c", []editBlock{{1, 2, 1, 2}}},
		{"insert middle", "a c", "a b c", []editBlock{{1, 1, 1, 2}}},
		{"two changes", "a b c d e", "a x c d y", []editBlock{{1, 2, 1, 2}, {4, 5, 4, 5}}},
		{"repeated words", "the a the b the", "the a the c the", []editBlock{{3, 4, 3, 4}}},
		{"moved word", "a b c d", "b c d a", []editBlock{{0, 1, 0, 0}, {4, 4, 3, 4}}},
		// three unique words against a passage of ten words, two of them unique: the
		// longer passage keeps its place, the short one moved.
		{"the longer passage stays", "u1 u2 u3 v1 c c c c c c c c v2", "v1 c c c c c c c c v2 u1 u2 u3",
			[]editBlock{{0, 3, 0, 0}, {13, 13, 10, 13}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b, n := internWords(tt.old, tt.new)
			got, _ := alignTokens(a, b, n, 0)
			checkAlignment(t, a, b, got)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("alignTokens(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

// TestAlignTokensLarge aligns long texts of repetitive words (few unique ones), so the
// n-gram anchors and the go-diff search are both exercised, and checks the invariants.
func TestAlignTokensLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the of and to a in that is was he for it with as his on be at by")
	var old []string
	for range 5000 {
		old = append(old, words[rng.IntN(len(words))])
	}
	var new []string
	for _, w := range old {
		switch r := rng.IntN(100); {
		case r < 2:
			new = append(new, "changed")
		case r < 3:
		case r < 4:
			new = append(new, w, "inserted")
		default:
			new = append(new, w)
		}
	}
	a, b, n := internWords(strings.Join(old, " "), strings.Join(new, " "))
	blocks, stats := alignTokens(a, b, n, time.Minute)
	checkAlignment(t, a, b, blocks)
	if stats.TimedOut != 0 {
		t.Errorf("alignTokens timed out %d times with a one-minute deadline", stats.TimedOut)
	}
	changed := 0
	for _, bl := range blocks {
		changed += bl.oldHi - bl.oldLo
	}
	if changed > len(a)/10 {
		t.Errorf("alignTokens marked %d of %d old tokens changed, want about 3%%", changed, len(a))
	}
}
