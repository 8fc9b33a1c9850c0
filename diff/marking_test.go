package diff

import "testing"

func TestMarkingLevel(t *testing.T) {
	tests := []struct {
		marking, level, family string
	}{
		{"TOP SECRET", "TOP SECRET", "level"},
		{"SECRET//NOFORN", "SECRET", "level"},
		{"(S//NF)", "SECRET", "level"},
		{"(U//FOUO)", "UNCLASSIFIED", "level"},
		{"(LOU)", "LIMITED OFFICIAL USE", "level"},
		{"LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE", "level"},
		{"(FOUO)", "FOR OFFICIAL USE ONLY", "level"},
		{"NODIS", "", "control"},
		{"Classified by: 0645713", "", "classified"},
	}
	for _, tt := range tests {
		if got := markingLevel(tt.marking); got != tt.level {
			t.Errorf("markingLevel(%q) = %q, want %q", tt.marking, got, tt.level)
		}
		if got := markingFamily(tt.marking); got != tt.family {
			t.Errorf("markingFamily(%q) = %q, want %q", tt.marking, got, tt.family)
		}
	}
}

func TestLevelDirection(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"SECRET", "CONFIDENTIAL", "downgrade"},
		{"CONFIDENTIAL", "LIMITED OFFICIAL USE", "downgrade"},
		{"LIMITED OFFICIAL USE", "UNCLASSIFIED", "downgrade"},
		{"UNCLASSIFIED", "TOP SECRET", "upgrade"},
		{"SECRET", "SECRET", ""},
		{"", "SECRET", ""},
	}
	for _, tt := range tests {
		if got := levelDirection(tt.from, tt.to); got != tt.want {
			t.Errorf("levelDirection(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
