package diff

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
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
	// as blackline diff --format json runs it: no layout changes looked for
	d, err := New(Options{SkipFormat: os.Getenv("BLACKLINE_BENCH_ALL") == ""})
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

// memoPair builds a memo of about n words from the real corpus texts, each copy numbered,
// and a revision with OCR slips, a lifted redaction and an inserted sentence every few
// hundred words.
func memoPair(b *testing.B, n int) (old, new []byte) {
	b.Helper()
	var base []string
	for _, f := range []string{"memcon-1994-01-05-secdef-grachev.ocr.txt", "mueller_2019_vol1_execsummary_ocr.txt"} {
		text, err := os.ReadFile("../testdata/corpus/" + f)
		if err != nil {
			b.Fatal(err)
		}
		base = append(base, strings.Fields(string(text))...)
	}
	var o, w strings.Builder
	for k := 0; k*len(base) < n; k++ {
		fmt.Fprintf(&o, "\n\nPart %d.\n", k)
		fmt.Fprintf(&w, "\n\nPart %d.\n", k)
		for i, word := range base {
			sep := " "
			if i%11 == 10 {
				sep = "\n"
			}
			o.WriteString(word + sep)
			switch {
			case i%97 == 0:
				w.WriteString(strings.Replace(word, "o", "0", 1) + " ")
			case i%389 == 0:
				o.WriteString("(b)(6) ")
				w.WriteString("Mr. Robert Fulton ")
				w.WriteString(word + " ")
			case i%401 == 0:
				w.WriteString(word + " and a sentence was inserted here. ")
			default:
				w.WriteString(word + " ")
			}
		}
	}
	return []byte(o.String()), []byte(w.String())
}

func BenchmarkDiffMemo50k(b *testing.B) {
	old, new := memoPair(b, 50000)
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

func BenchmarkTokenize(b *testing.B) {
	old, _ := memoPair(b, 50000)
	b.SetBytes(int64(len(old)))
	for b.Loop() {
		var in interner
		tokenize(old, &in)
	}
}

func BenchmarkAlign(b *testing.B) {
	old, new := memoPair(b, 50000)
	var in interner
	a, bt := tokenize(old, &in), tokenize(new, &in)
	for b.Loop() {
		alignTokens(a, bt, len(in.keys), 0)
	}
}

// smallMemoPairs builds n pairs of consecutive releases the way testdata/bench/importcorpus
// does: 450 words of the sample memo, 12 to a line (about 3 KB), the older release with
// more words replaced by [REDACTED].
func smallMemoPairs(b testing.TB, n int) (pairs [][2][]byte) {
	b.Helper()
	text, err := os.ReadFile("../cmd/blackline/samples/memos/dod/secdef-grachev-1994-01-05/nara-2025.txt")
	if err != nil {
		b.Fatal(err)
	}
	seed := strings.Fields(string(text))
	for len(seed) < 1000 {
		seed = append(seed, seed...)
	}
	rng := rand.New(rand.NewPCG(11, 11))
	const versions = 3
	for range n {
		start := rng.IntN(len(seed) - 500)
		base := seed[start : start+450]
		var texts [][]byte
		for v := range versions {
			words := make([]string, len(base))
			for i, w := range base {
				if rng.Float64() < 0.05*float64(versions-v) {
					w = "[REDACTED]"
				}
				words[i] = w
			}
			var t strings.Builder
			for k := 0; k < len(words); k += 12 {
				t.WriteString(strings.Join(words[k:min(k+12, len(words))], " ") + "\n")
			}
			texts = append(texts, []byte(t.String()))
		}
		for v := 1; v < versions; v++ {
			pairs = append(pairs, [2][]byte{texts[v-1], texts[v]})
		}
	}
	return pairs
}

// BenchmarkDiffSmallMemo diffs pairs of ~3 KB releases, as import does for every version's
// summary: per-call costs dominate here.
func BenchmarkDiffSmallMemo(b *testing.B) {
	pairs := smallMemoPairs(b, 16)
	d, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pairs[i%len(pairs)]
		i++
		if _, err := d.Diff(p[0], p[1]); err != nil {
			b.Fatal(err)
		}
	}
}
