package repo

import (
	"strings"
	"testing"
)

// TestValidateIDNamesTheCharacter: a refused first character is named as the character it
// is, not as its first byte.
func TestValidateIDNamesTheCharacter(t *testing.T) {
	for id, want := range map[string]string{"dod/é": `starts with 'é'`, "█/x": `starts with '█'`, "a/-b": `starts with '-'`} {
		if err := ValidateID(id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidateID(%q) = %v, want it to say %s", id, err, want)
		}
	}
}
