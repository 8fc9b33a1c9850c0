package review

import (
	"fmt"
	"math"
	"testing"

	"github.com/blackline/blackline/diff"
)

func compare(t *testing.T, hyp, ref string) Stats {
	t.Helper()
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Diff([]byte(hyp), []byte(ref))
	if err != nil {
		t.Fatal(err)
	}
	return Compare([]byte(hyp), []byte(ref), res)
}

// The expected values are counted by hand: reference characters include one space
// between words; a pure insertion also inserts the space that separates it.
func TestCompareHandComputed(t *testing.T) {
	for _, c := range []struct {
		name, hyp, ref   string
		charEdits, chars int
		wordEdits, words int
		confusions       string
	}{
		// "Grachev confirmed the plan." is 7+1+9+1+3+1+5 = 27 clusters; 0→o is one edit.
		{"one slip", "Grachev c0nfirmed the plan.", "Grachev confirmed the plan.", 1, 27, 1, 4, "0→o ×1"},
		// lev(rnodel, model) = 2 (r→m, n deleted); "The model works." is 16.
		{"rn for m", "The rnodel works.", "The model works.", 2, 16, 1, 3, "rn→m ×1"},
		// "U.S. consular official" (22) and its space inserted: 23 of 32; 3 of 5 words.
		{"insertion", "was there", "was U.S. consular official there", 23, 32, 3, 5, ""},
		// c00peration → cooperation: two substitutions, each counted; 11+1+4 = 16.
		{"two zeros", "c00peration with Europe", "cooperation with Europe", 2, 23, 1, 3, "0→o ×2"},
		// Re-wrapping and hyphenation are layout, not transcription.
		{"reflow", "the secu-\nrity plan\nfor the", "the security plan for the", 0, 25, 0, 5, ""},
		// NFC: a decomposed é is the same character.
		{"nfc", "caf\u0065\u0301 open", "caf\u00e9 open", 0, 9, 0, 2, ""},
		// A skin-toned thumb is one grapheme cluster (two code points): one substitution
		// of 4 clusters, not one deletion of 5 runes.
		{"graphemes", "👍 ok", "👍🏽 ok", 1, 4, 1, 2, ""},
		{"identical", "same words here", "same words here", 0, 15, 0, 3, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := compare(t, c.hyp, c.ref)
			if st.CharEdits != c.charEdits || st.Chars != c.chars || st.WordEdits != c.wordEdits || st.Words != c.words {
				t.Errorf("Compare(%q, %q) = chars %d/%d words %d/%d, want %d/%d and %d/%d",
					c.hyp, c.ref, st.CharEdits, st.Chars, st.WordEdits, st.Words, c.charEdits, c.chars, c.wordEdits, c.words)
			}
			if want := float64(c.charEdits) / float64(c.chars); math.Abs(st.CER-want) > 1e-12 {
				t.Errorf("CER = %v, want %v", st.CER, want)
			}
			if want := float64(c.wordEdits) / float64(c.words); math.Abs(st.WER-want) > 1e-12 {
				t.Errorf("WER = %v, want %v", st.WER, want)
			}
			if got := st.Top(5); got != c.confusions {
				t.Errorf("confusions = %q, want %q", got, c.confusions)
			}
		})
	}
}

func TestLevenshtein(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"kitten", "sitting", 3}, {"", "abc", 3}, {"abc", "abc", 0}, {"flaw", "lawn", 2},
	} {
		got, _ := levenshtein(graphemes(c.a), graphemes(c.b))
		if got != c.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if m := myers(graphemes(c.a), graphemes(c.b)); m < c.want {
			t.Errorf("myers(%q, %q) = %d, below the distance %d", c.a, c.b, m, c.want)
		}
	}
}

func TestConfusionsOf(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"c00peration", "cooperation", "[[0 o] [0 o]]"},
		{"rnodel", "model", "[[rn m]]"},
		{"con rmed", "confirmed", "[[  fi]]"},
		{"same", "same", "[]"},
	} {
		if got := fmt.Sprint(confusionsOf(graphemes(c.a), graphemes(c.b))); got != c.want && !(c.want == "[]" && got == "[]") {
			t.Errorf("confusionsOf(%q, %q) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

// The most frequent confusions come first, ties in order of the characters.
func TestCompareConfusionOrder(t *testing.T) {
	st := compare(t, "The c0uncil rnet in Oct0ber; the rninister spoke t0 the c0uncil.",
		"The council met in October; the minister spoke to the council.")
	if got, want := st.Top(2), "0→o ×4, rn→m ×2"; got != want {
		t.Errorf("Top(2) = %q, want %q", got, want)
	}
}
