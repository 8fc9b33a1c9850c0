package repo

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkAdd measures one Add into an archive that already holds a number of versions,
// spread over documents of ten versions each ("documents") or all of one document
// ("one-document"), as many adds leave it (loose objects and tags) and after GC ("packed");
// the added versions take the default label, or are given one ("labelled").
func BenchmarkAdd(b *testing.B) {
	for _, existing := range []int{100, 1000, 3000} {
		for _, layout := range []string{"documents", "one-document", "documents-packed", "documents-labelled"} {
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
				if strings.HasSuffix(layout, "-packed") {
					if _, err := a.GC(); err != nil {
						b.Fatal(err)
					}
				}
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					meta := Meta{Document: doc(i % existing)}
					if strings.HasSuffix(layout, "-labelled") {
						meta.Label = fmt.Sprintf("r%d", i)
					}
					mustAdd(b, a, meta, fmt.Sprintf("CONFIDENTIAL\nnew text %d\n", i))
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

// benchCorpus returns docs documents of versions versions each, memo-like texts of about
// 3 KB that differ between versions by a few words, in ~20 collection folders.
func benchCorpus(docs, versions int) []ImportVersion {
	words := strings.Fields("the secretary said that the minister of defense had agreed to a joint early warning system based on existing national systems and that the exercise would go ahead in the spring subject to review by the national security council staff")
	var out []ImportVersion
	for d := range docs {
		for v := range versions {
			var b strings.Builder
			for i := range 450 {
				w := words[(i*7+d)%len(words)]
				if (i*31+d*17+v*13)%97 < 5*(versions-v) {
					w = "[REDACTED]"
				}
				b.WriteString(w)
				if i%12 == 11 {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
			text := []byte(b.String())
			out = append(out, ImportVersion{
				Meta: Meta{Document: fmt.Sprintf("coll%d/memo-%05d", d%20, d), Label: fmt.Sprintf("r%d", v+1)},
				Load: func() ([]byte, error) { return text, nil },
			})
		}
	}
	return out
}

// BenchmarkImport measures a bulk import of 1,000 documents × 3 versions into an empty
// archive, without summaries (the differ's cost is measured in diff/): planning, packing,
// refs and the version index. Reported per version.
func BenchmarkImport(b *testing.B) {
	vs := benchCorpus(1000, 3)
	for b.Loop() {
		b.StopTimer()
		a := newArchive(b)
		b.StartTimer()
		plan, err := a.PlanImport(vs, 0)
		if err != nil {
			b.Fatal(err)
		}
		res, err := a.Import(plan, ImportOptions{Author: testAuthor})
		if err != nil || res.Added != len(vs) {
			b.Fatalf("Import = %+v, %v", res, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vs)), "ns/version")
}

// BenchmarkVersionsImported measures Versions of one document, in a fresh Archive each
// time as a command opens it, in archives of 3,000 and 30,000 versions written by Import:
// the version index and the direct object reader keep it about flat, where a walk of the
// history grows with it.
func BenchmarkVersionsImported(b *testing.B) {
	for _, docs := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("versions=%d", 3*docs), func(b *testing.B) {
			a := newArchive(b)
			plan, err := a.PlanImport(benchCorpus(docs, 3), 0)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := a.Import(plan, ImportOptions{Author: testAuthor}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				fresh, err := Open(a.gitDir)
				if err != nil {
					b.Fatal(err)
				}
				if vs, err := fresh.Versions("coll3/memo-00003"); err != nil || len(vs) != 3 {
					b.Fatalf("Versions = %d, %v", len(vs), err)
				}
			}
		})
	}
}
