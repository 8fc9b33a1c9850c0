package diff

import (
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
