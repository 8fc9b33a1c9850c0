package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
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
