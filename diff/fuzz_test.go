package diff

import (
	"errors"
	"testing"
)

// FuzzDiff checks, for any pair of inputs, that text is refused only with an *InputError
// and that otherwise both texts rebuild exactly from the equal stretches plus the change
// spans, every span being valid UTF-8 at rune boundaries. Seeds: every case of
// testCases, and the findings kept under testdata/fuzz/FuzzDiff.
func FuzzDiff(f *testing.F) {
	for _, tc := range testCases {
		f.Add(tc.old, tc.new)
	}
	d, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, old, new string) {
		res, err := d.Diff([]byte(old), []byte(new))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrNotText) {
				t.Fatalf("Diff(%q, %q) error = %v, want an *InputError", old, new, err)
			}
			return
		}
		checkResult(t, old, new, res)
	})
}
