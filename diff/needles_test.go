package diff

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"
)

// TestNeedleFilter checks the one-pass needle scan of a window, and the sites found in a
// whole text, against bytes.Contains for every pattern, on windows of the corpus texts.
func TestNeedleFilter(t *testing.T) {
	d, err := New(Options{RedactionPatterns: []string{`XYZ`}})
	if err != nil {
		t.Fatal(err)
	}
	corpus := corpusTexts(t)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, f := range slices.Sorted(maps.Keys(corpus)) {
		text := corpus[f]
		redSites, markSites := redactionSites(d.redaction, text), markingSites(d.marking, text)
		for range 200 {
			lo := rng.IntN(len(text))
			hi := min(len(text), lo+rng.IntN(600))
			window := text[lo:hi]
			for k, p := range d.redaction {
				if got, want := redSites[k].holds(text, lo, hi, p.need), containsAny(window, p.need); got != want {
					t.Fatalf("%s: redaction pattern %q sites hold = %v in %q, want %v", f, p.re.expr, got, window, want)
				}
			}
			for k, p := range d.marking {
				if got, want := markSites[k].holds(text, lo, hi, p.need), containsAny(window, p.need); got != want {
					t.Fatalf("%s: marking pattern %q sites hold = %v in %q, want %v", f, p.expr, got, window, want)
				}
			}
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

// TestPatternNeeds checks that every match of a default pattern holds one of its needles,
// on the corpus texts and on spellings of each convention, so a window without them may
// be left unsearched.
func TestPatternNeeds(t *testing.T) {
	texts := []string{
		"E.O. 12958 E. O. 13526 EO13526 E.O.\n12958 E O\t13526 E.\fO.\r12356 E.O 1312 (b)(6) b6 25X1",
		"SECRET//NOFORN (S) Top Secret. Classified by: X Declassify on: 2030 Reason: 1.4(c)",
		"[REDACTED] [name not declassified] ███ XXXX Harm to Ongoing Matter DECLASSIFIED IN PART",
	}
	for _, b := range corpusTexts(t) {
		texts = append(texts, string(b))
	}
	check := func(expr string, need []string) {
		if need == nil {
			return
		}
		re := regexp.MustCompile(expr)
		for _, text := range texts {
			for _, m := range re.FindAllString(text, -1) {
				if m != "" && !containsAny([]byte(m), need) {
					t.Errorf("pattern %q matches %q, which holds none of %q", expr, m, need)
				}
			}
		}
	}
	for _, p := range defaultRedactionPatterns {
		check(p.expr, p.need)
	}
	for _, p := range defaultMarkingPatterns {
		check(p.expr, p.need)
	}
}
