package diff

import (
	"errors"
	"testing"
)

// FuzzDiff checks, for any pair of inputs, that text is refused only with an *InputError
// and that otherwise both texts rebuild exactly from the equal stretches plus the change
// spans, every span being valid UTF-8 at rune boundaries; and that with
// Options.SkipFormat the same holds, with the same changes but the format ones. Seeds:
// every case of testCases, and the findings kept under testdata/fuzz/FuzzDiff.
func FuzzDiff(f *testing.F) {
	for _, tc := range testCases {
		f.Add(tc.old, tc.new)
	}
	d, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	skip, err := New(Options{SkipFormat: true})
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
		without, err := skip.Diff([]byte(old), []byte(new))
		if err != nil {
			t.Fatalf("Diff(%q, %q) with SkipFormat error = %v, want none", old, new, err)
		}
		checkResult(t, old, new, without)
		k := 0
		for _, c := range res.Changes {
			if c.Kind == Format {
				continue
			}
			if k >= len(without.Changes) || describe(without.Changes[k]) != describe(c) {
				t.Fatalf("Diff(%q, %q) with SkipFormat = %v, want the changes but format ones of %v", old, new, without.Changes, res.Changes)
			}
			k++
		}
		if k != len(without.Changes) {
			t.Fatalf("Diff(%q, %q) with SkipFormat has %d changes, want %d", old, new, len(without.Changes), k)
		}
	})
}
