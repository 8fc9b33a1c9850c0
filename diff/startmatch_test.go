package diff

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestStartMatcher checks the matchers of the default patterns (and of a few others)
// against FindAllIndex, on windows of the corpus texts and on random texts made of the
// patterns' own pieces.
func TestStartMatcher(t *testing.T) {
	exprs := []string{`\bfoo\b|bar`, `\b(?:ab|b)c?`, `(?i:x)y+`, `\b[A-Z]{2,}\b`, `(?:a|)b`, `a*`, `\bX{3,}\b|\bx{4,}\b`, `(?m:^)A`}
	for _, p := range defaultRedactionPatterns {
		exprs = append(exprs, p.expr)
	}
	for _, p := range defaultMarkingPatterns {
		exprs = append(exprs, p.expr)
	}
	texts := []string{
		"TOP SECRET//NOFORN SECRETARY (S) (b)(6), (b) (7)(C) b6 [REDACTED][ redacted ] __SECRET _SECRET SECRET_ 9SECRET",
		"E.O. 12958 E.O.13526 EO 12356 XXXX XXXXX xxxx [name not declassified] ███ ██\n██ Classiﬁed by: DECLASSIFIED IN PART",
		"éSECRET ßCONFIDENTIAL\tRESTRICTED//X Approved for Release 2005/01/12 : CIA-RDP80 Top Secret. foo barfoo foobar",
	}
	for _, b := range corpusTexts(t) {
		texts = append(texts, string(b))
	}
	pieces := strings.Fields(strings.Join(texts[:3], " "))
	pieces = append(pieces, " ", "\n", "_", "é", "(", ")", "/", "//", ".", "1", "X")
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) == 0 {
				b.WriteString(" ")
			}
		}
		texts = append(texts, b.String())
	}
	used := 0
	for _, expr := range exprs {
		m := newStartMatcher(expr)
		if m == nil {
			continue
		}
		used++
		re := regexp.MustCompile(expr)
		for _, text := range texts {
			for range 20 {
				lo := rng.IntN(len(text) + 1)
				hi := lo + rng.IntN(len(text)-lo+1)
				w := []byte(text[lo:hi])
				if got, want := m.findAll(w), re.FindAllIndex(w, -1); !reflect.DeepEqual(got, want) {
					t.Fatalf("startMatcher(%q).findAll(%q) = %v, want %v", expr, w, got, want)
				}
			}
		}
	}
	if used < len(defaultMarkingPatterns) {
		t.Errorf("%d of %d expressions have a start matcher, want most", used, len(exprs))
	}
	for _, expr := range []string{`a*`, `(?:a|)b?`, `\bX{3,}\b|\bx{4,}\b`, `(?m:^)A`, `.x`} {
		if newStartMatcher(expr) != nil {
			t.Errorf("newStartMatcher(%q) = a matcher, want nil", expr)
		}
	}
}
