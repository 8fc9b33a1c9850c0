// Command memopair writes a pair of memo-like texts for benchmarking blackline diff: an old
// version of about -words words and a new version with about 3% of its words changed —
// redactions added, OCR-style slips (0/o, 1/l, rn/m, split and joined words), words
// inserted and deleted — re-wrapped to other line lengths.
//
//	go run ./testdata/bench/memopair -words 200000 -out DIR
//
// The vocabulary is drawn from the real documents in testdata/corpus with a Zipf
// distribution, plus a long tail of invented surnames and numbers, as in real memos.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

func main() {
	words := flag.Int("words", 200000, "words in the old version")
	out := flag.String("out", ".", "directory for old.txt and new.txt")
	corpus := flag.String("corpus", "testdata/corpus", "directory of real documents for the vocabulary")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*words, *out, *corpus, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "memopair:", err)
		os.Exit(1)
	}
}

func run(n int, out, corpus string, seed uint64) error {
	vocab, err := vocabulary(corpus)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(seed+1, seed)), 1.1, 2, uint64(len(vocab)-1))
	old := memo(rng, zipf, vocab, n)
	new := revise(rng, zipf, vocab, old)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "old.txt"), []byte(layout(old, 72)), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "new.txt"), []byte(layout(new, 61)), 0o644)
}

// vocabulary collects the distinct lowercase words of the corpus, most frequent first.
func vocabulary(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no corpus in %s (run from the repository root)", dir)
	}
	count := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, w := range strings.FieldsFunc(string(b), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) > 1 && strings.ToLower(w) == w {
				count[w]++
			}
		}
	}
	var vocab []string
	for w := range count {
		vocab = append(vocab, w)
	}
	// most frequent first, ties alphabetical, so the Zipf ranks follow real frequency
	sortBy(vocab, func(a, b string) bool {
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		return a < b
	})
	return vocab, nil
}

func sortBy(s []string, less func(a, b string) bool) {
	// insertion into a simple merge sort keeps this file free of extra imports
	if len(s) < 2 {
		return
	}
	mid := len(s) / 2
	a, b := append([]string(nil), s[:mid]...), append([]string(nil), s[mid:]...)
	sortBy(a, less)
	sortBy(b, less)
	i, j := 0, 0
	for k := range s {
		if j >= len(b) || (i < len(a) && !less(b[j], a[i])) {
			s[k], i = a[i], i+1
		} else {
			s[k], j = b[j], j+1
		}
	}
}

var syllables = strings.Fields("ko va len ber man dt ski ov ich ner son ha ra li mo tu ge")

// word returns a vocabulary word, now and then an invented surname or a number.
func word(rng *rand.Rand, zipf *rand.Zipf, vocab []string) string {
	switch r := rng.IntN(100); {
	case r < 3:
		var b strings.Builder
		for range 2 + rng.IntN(2) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	case r < 5:
		return fmt.Sprint(rng.IntN(2000))
	}
	return vocab[zipf.Uint64()]
}

// memo returns n words in paragraphs (a blank line is the token "\n\n"), sentences
// capitalized and ended with periods, some paragraphs opening with a portion mark.
func memo(rng *rand.Rand, zipf *rand.Zipf, vocab []string, n int) []string {
	out := make([]string, 0, n+n/10)
	marks := []string{"(U)", "(C)", "(S)"}
	for len(out) < n {
		if rng.IntN(3) == 0 {
			out = append(out, marks[rng.IntN(len(marks))])
		}
		for range 3 + rng.IntN(5) {
			length := 8 + rng.IntN(18)
			for k := range length {
				w := word(rng, zipf, vocab)
				if k == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				if k == length-1 {
					w += "."
				} else if rng.IntN(12) == 0 {
					w += ","
				}
				out = append(out, w)
			}
		}
		out = append(out, "\n\n")
	}
	return out
}

// slip misreads a word as OCR does.
func slip(rng *rand.Rand, w string) []string {
	switch rng.IntN(5) {
	case 0:
		if strings.Contains(w, "o") {
			return []string{strings.Replace(w, "o", "0", 1)}
		}
	case 1:
		if strings.Contains(w, "m") {
			return []string{strings.Replace(w, "m", "rn", 1)}
		}
	case 2:
		if strings.Contains(w, "l") {
			return []string{strings.Replace(w, "l", "1", 1)}
		}
	case 3:
		if len(w) > 5 {
			return []string{w[:len(w)/2], w[len(w)/2:]}
		}
	}
	return []string{strings.Replace(w, "e", "c", 1)}
}

// revise changes about 3% of the words of old.
func revise(rng *rand.Rand, zipf *rand.Zipf, vocab []string, old []string) []string {
	markers := []string{"[REDACTED]", "█████", "(b)(6)", "(b)(1) 1.4(c)", "XXXXXX"}
	out := make([]string, 0, len(old)+len(old)/20)
	for i := 0; i < len(old); i++ {
		w := old[i]
		if w == "\n\n" || rng.IntN(1000) >= 12 { // ~1.2% of positions start a change
			out = append(out, w)
			continue
		}
		switch r := rng.IntN(100); {
		case r < 30: // OCR slip of this word, sometimes joined with the next
			if r < 5 && i+1 < len(old) && old[i+1] != "\n\n" {
				out = append(out, w+old[i+1])
				i++
				continue
			}
			out = append(out, slip(rng, w)...)
		case r < 50: // redaction added over 1-4 words
			out = append(out, markers[rng.IntN(len(markers))])
			i += rng.IntN(4)
		case r < 75: // 1-5 words inserted
			out = append(out, w)
			for range 1 + rng.IntN(5) {
				out = append(out, word(rng, zipf, vocab))
			}
		default: // 1-5 words deleted
			i += rng.IntN(5)
		}
	}
	return out
}

// layout joins words into lines of at most width columns, paragraphs apart.
func layout(words []string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range words {
		if w == "\n\n" {
			b.WriteString("\n\n")
			col = 0
			continue
		}
		if col > 0 && col+1+len(w) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteByte('\n')
	return b.String()
}
