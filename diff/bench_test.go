package diff

import (
	"os"
	"testing"
)

// BenchmarkDiffFiles diffs the pair named by BLACKLINE_BENCH_OLD and BLACKLINE_BENCH_NEW
// (made by testdata/bench/memopair); skipped when they are not set.
func BenchmarkDiffFiles(b *testing.B) {
	oldPath, newPath := os.Getenv("BLACKLINE_BENCH_OLD"), os.Getenv("BLACKLINE_BENCH_NEW")
	if oldPath == "" || newPath == "" {
		b.Skip("set BLACKLINE_BENCH_OLD and BLACKLINE_BENCH_NEW")
	}
	old, err := os.ReadFile(oldPath)
	if err != nil {
		b.Fatal(err)
	}
	new, err := os.ReadFile(newPath)
	if err != nil {
		b.Fatal(err)
	}
	d, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(old) + len(new)))
	for b.Loop() {
		if _, err := d.Diff(old, new); err != nil {
			b.Fatal(err)
		}
	}
}
