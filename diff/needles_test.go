package diff

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestNeedleFilter checks the one-pass needle scan against bytes.Contains for every
// default pattern, on windows of the corpus texts.
func TestNeedleFilter(t *testing.T) {
	d, err := New(Options{RedactionPatterns: []string{`XYZ`}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus texts: %v", err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for range 200 {
			lo := rng.IntN(len(text))
			window := text[lo:min(len(text), lo+rng.IntN(600))]
			var hits needleHits
			for _, p := range d.redaction {
				if got, want := p.filter.holds(p.need, window, &hits, nil), containsAny(window, p.need); got != want {
					t.Fatalf("%s: redaction pattern %q holds = %v in %q, want %v", f, p.re.expr, got, window, want)
				}
			}
			hits = nil
			for _, p := range d.marking {
				if got, want := p.filter.holds(p.need, window, &hits, nil), containsAny(window, p.need); got != want {
					t.Fatalf("%s: marking pattern %q holds = %v in %q, want %v", f, p.expr, got, window, want)
				}
			}
		}
	}
	var hits needleHits
	table := newNeedleTable([]string{"ab", "", "b"})
	hits = table.scan([]byte("xab"), nil)
	if !hits.any([]int32{0}) || !hits.any([]int32{1}) || !hits.any([]int32{2}) || hits.any(nil) {
		t.Errorf("scan(xab) = %b, want all three needles", hits)
	}
}
