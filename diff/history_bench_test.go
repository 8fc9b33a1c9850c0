package diff

import (
	"bytes"
	"testing"
)

// historyOf builds three releases of a memo of about n words: memoPair's pair, then the
// revision with every "(b)(6)" of the first release's places withheld again.
func historyOf(b *testing.B, n int) []VersionText {
	old, new := memoPair(b, n)
	third := bytes.ReplaceAll(new, []byte("Mr. Robert Fulton"), []byte("[REDACTED]"))
	return []VersionText{
		{Label: "r1", Kind: KindRelease, Text: old},
		{Label: "r2", Kind: KindRelease, Text: new},
		{Label: "r3", Kind: KindRelease, Text: third},
	}
}

func benchHistory(b *testing.B, run func(d *Differ, vs []VersionText) error) {
	vs := historyOf(b, 50000)
	d, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, v := range vs {
		n += len(v.Text)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		if err := run(d, vs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLedger50k(b *testing.B) {
	benchHistory(b, func(d *Differ, vs []VersionText) error { _, err := d.Ledger("doc", vs); return err })
}

func BenchmarkBlame50k(b *testing.B) {
	benchHistory(b, func(d *Differ, vs []VersionText) error { _, err := d.Blame("doc", vs, "r3"); return err })
}

func BenchmarkReveal50k(b *testing.B) {
	benchHistory(b, func(d *Differ, vs []VersionText) error { _, err := d.Reveal("doc", vs, nil); return err })
}
