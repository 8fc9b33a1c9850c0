package diff

import (
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusTexts returns the real documents in testdata/corpus, by path.
func corpusTexts(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("../testdata/corpus/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	texts := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = b
	}
	return texts
}

// corpusWords returns the words of the real documents in testdata/corpus.
func corpusWords(t testing.TB) []string {
	t.Helper()
	texts := corpusTexts(t)
	var words []string
	for _, p := range slices.Sorted(maps.Keys(texts)) {
		words = append(words, strings.Fields(string(texts[p]))...)
	}
	return words
}

// shuffledMemo writes about size bytes of the corpus words in an order drawn from seed,
// eleven words a line: a text of the same vocabulary as any other so made, and unrelated
// to it.
func shuffledMemo(words []string, size int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.Grow(size + 64)
	for i := 0; b.Len() < size; i++ {
		b.WriteString(words[rng.IntN(len(words))])
		if i%11 == 10 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return []byte(b.String())
}

// TestUnrelatedTexts: two different documents are compared as one replaced stretch, and
// the differ says so (Stats.Fallbacks); versions of one document, even heavily changed,
// and short texts are compared word by word.
func TestUnrelatedTexts(t *testing.T) {
	words := corpusWords(t)
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	unrelatedA, unrelatedB := shuffledMemo(words, 60000, 1), shuffledMemo(words, 60000, 2)
	// A heavy revision: every third word replaced, still the same document.
	revised := strings.Fields(string(unrelatedA))
	for i := 0; i < len(revised); i += 3 {
		revised[i] = words[(i*7919)%len(words)]
	}
	tests := []struct {
		name     string
		old, new []byte
		fallback bool
	}{
		{"unrelated memos", unrelatedA, unrelatedB, true},
		{"a heavy revision", unrelatedA, []byte(strings.Join(revised, " ")), false},
		{"an excerpt of a longer text", unrelatedA[:len(unrelatedA)/8], unrelatedA, false},
		{"short unrelated notes", shuffledMemo(words, 3000, 3), shuffledMemo(words, 3000, 4), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := d.Diff(tt.old, tt.new)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, string(tt.old), string(tt.new), res)
			if got := res.Stats.Fallbacks > 0; got != tt.fallback {
				t.Errorf("Diff(%s): Stats %+v, want a fallback: %v", tt.name, res.Stats, tt.fallback)
			}
			if tt.fallback && len(res.Changes) != 1 {
				t.Errorf("Diff(%s): %d changes, want one replaced stretch", tt.name, len(res.Changes))
			}
		})
	}
}

// BenchmarkDiffUnrelated5MB compares two unrelated texts of 5 MB each (the corpus words in
// two random orders), the differ's worst case. The process's wall time and peak memory
// are measured by testdata/bench/bounds.sh.
func BenchmarkDiffUnrelated5MB(b *testing.B) {
	words := corpusWords(b)
	old, new := shuffledMemo(words, 5<<20, 1), shuffledMemo(words, 5<<20, 2)
	d, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := d.Diff(old, new)
		if err != nil {
			b.Fatal(err)
		}
		if res.Stats.Fallbacks == 0 {
			b.Fatalf("Stats %+v: the unrelated texts were paired word by word", res.Stats)
		}
	}
}
