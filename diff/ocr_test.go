package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOCREquivalent(t *testing.T) {
	tests := []struct {
		old, new string // words separated by " "
		want     bool
	}{
		{"c00peration", "cooperation", true},
		{"con rmed", "confirmed", true},
		{"Warren Coumission", "Warren Commission", true}, // word for word
		{"Warren Coumission", "WarrenCommission", false}, // joined words must read the same
		{"four men", "five men", false},
		{"200", "300", false},
	}
	for _, tt := range tests {
		if got := ocrEquivalent(strings.Fields(tt.old), strings.Fields(tt.new)); got != tt.want {
			t.Errorf("ocrEquivalent(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestNameMisread(t *testing.T) {
	tests := []struct {
		old, new string
		want     bool
	}{
		{"Grachcv's", "Grachev's", true},
		{"Lee 1. Wigren", "Lee H. Wigren", true}, // a digit in a name is a slip
		{"Srnith", "Smith", true},
		{"Gratchev", "Grachev", false}, // a respelling
		{"Petrenko", "Petrenco", false},
		{"John A. Smith", "John B. Smith", false}, // another initial: maybe another person
		{"Ruth Okafor", "Felix Amsel", false},
	}
	var r ocrReader
	for _, tt := range tests {
		if got := r.nameMisread([]string{tt.old}, []string{tt.new}); got != tt.want {
			t.Errorf("nameMisread(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

// TestOCRCanonASCII checks the one-pass path for ASCII against the general one, on strings
// dense in the confusable pairs and characters.
func TestOCRCanonASCII(t *testing.T) {
	const alphabet = "rnmclvwhbic015lIOSRNMCLVW .,-'()X7"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(90))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := ocrCanonASCII(string(b)), ocrCanonUnicode(string(b)); got != want {
			t.Fatalf("ocrCanonASCII(%q) = %q, want %q", b, got, want)
		}
	}
	for c := 0; c < 128; c++ {
		for d := 0; d < 128; d++ {
			s := string([]byte{byte(c), byte(d), 'r', byte(c)})
			if got, want := ocrCanonASCII(s), ocrCanonUnicode(s); got != want {
				t.Fatalf("ocrCanonASCII(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// TestLigatureGap checks ligatureGap against its definition: the canonical form of each
// reading with a ligature put back, built and compared.
func TestLigatureGap(t *testing.T) {
	for k, lig := range ocrLigatures {
		if got := ocrCanon(lig); got != ocrLigatureCanons[k] {
			t.Errorf("ocrCanon(%q) = %q, ocrLigatureCanons has %q", lig, got, ocrLigatureCanons[k])
		}
	}
	byDefinition := func(parts []string, canon string) bool {
		joined := strings.Join(parts, "")
		if d := len(canon) - len(ocrCanon(joined)); d < 1 || d > 3 {
			return false
		}
		cuts := []int{0, len(joined)}
		at := 0
		for _, p := range parts[:len(parts)-1] {
			at += len(p)
			cuts = append(cuts, at)
		}
		for _, c := range cuts {
			for _, lig := range ocrLigatures {
				if ocrCanon(joined[:c]+lig+joined[c:]) == canon {
					return true
				}
			}
		}
		return false
	}
	pieces := []string{"con", "rmed", "quali", "ed", "rst", "e", "o", "r", "n", "c", "l", "v", "i", "f", "ﬁ", "İ", "K", "é", "-", ".", "ff", "fi", "fl", "rn", "cl", "vv", "1", "0"}
	rng := rand.New(rand.NewPCG(7, 8))
	r := &ocrReader{cache: map[string]string{}}
	found := 0
	for range 50000 {
		parts := make([]string, 1+rng.IntN(3))
		for i := range parts {
			for range 1 + rng.IntN(3) {
				parts[i] += pieces[rng.IntN(len(pieces))]
			}
		}
		// canon: the parts' reading with a ligature put back somewhere, or not
		joined := strings.Join(parts, "")
		at := rng.IntN(len(joined) + 1)
		for at > 0 && at < len(joined) && !utf8.RuneStart(joined[at]) {
			at--
		}
		canon := ocrCanon(joined[:at] + ocrLigatures[rng.IntN(len(ocrLigatures))] + joined[at:])
		if rng.IntN(4) == 0 {
			canon = ocrCanon(joined + pieces[rng.IntN(len(pieces))])
		}
		want := byDefinition(parts, canon)
		if got := r.ligatureGap(parts, canon); got != want {
			t.Fatalf("ligatureGap(%q, %q) = %v, want %v", parts, canon, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d of the readings had a ligature put back", found)
	}
}
