package main

import (
	"io"
	"os"
	"testing"
)

// BenchmarkDiffCommand runs `blackline diff --format json` on the pair named by
// BLACKLINE_BENCH_OLD and BLACKLINE_BENCH_NEW (made by testdata/bench/memopair).
func BenchmarkDiffCommand(b *testing.B) {
	oldPath, newPath := os.Getenv("BLACKLINE_BENCH_OLD"), os.Getenv("BLACKLINE_BENCH_NEW")
	if oldPath == "" || newPath == "" {
		b.Skip("set BLACKLINE_BENCH_OLD and BLACKLINE_BENCH_NEW")
	}
	c := newCLI(&testing.T{})
	for b.Loop() {
		a := &app{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return c.env[k] }}
		if code := a.run(b.Context(), []string{"--archive", c.dir, "diff", "--format", "json", oldPath, newPath}); code != 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
