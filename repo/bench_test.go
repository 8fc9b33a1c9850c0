package repo

import (
	"fmt"
	"testing"
)

// BenchmarkAdd measures one Add into an archive that already holds a number of versions,
// spread over documents of ten versions each ("documents") or all of one document
// ("one-document"). The cost per version should not grow with the archive.
func BenchmarkAdd(b *testing.B) {
	for _, existing := range []int{100, 1000} {
		for _, layout := range []string{"documents", "one-document"} {
			b.Run(fmt.Sprintf("%s/existing=%d", layout, existing), func(b *testing.B) {
				a := newArchive(b)
				doc := func(i int) string {
					if layout == "one-document" {
						return "memo/one"
					}
					return fmt.Sprintf("memo/%04d", i/10)
				}
				for i := range existing {
					mustAdd(b, a, Meta{Document: doc(i)}, fmt.Sprintf("SECRET\nversion %d of the memo\n", i))
				}
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					mustAdd(b, a, Meta{Document: doc(i % existing)}, fmt.Sprintf("CONFIDENTIAL\nnew text %d\n", i))
				}
			})
		}
	}
}

// BenchmarkVersions measures listing one document's versions in an archive of 1,000
// versions over 100 documents: a walk of main's first parents comparing one path.
func BenchmarkVersions(b *testing.B) {
	a := newArchive(b)
	for i := range 1000 {
		mustAdd(b, a, Meta{Document: fmt.Sprintf("memo/%04d", i%100)}, fmt.Sprintf("version %d\n", i))
	}
	b.ResetTimer()
	for b.Loop() {
		if vs, err := a.Versions("memo/0042"); err != nil || len(vs) != 10 {
			b.Fatalf("Versions = %d, %v", len(vs), err)
		}
	}
}
