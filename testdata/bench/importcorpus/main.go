// Command importcorpus writes a corpus for benchmarking bulk import: OUT/tree/<ID>/<LABEL>.txt
// for DOCS memos × VERSIONS releases (about 3 KB each, 450 words of a real memo, the
// releases differing by redacted words: the older the release, the more [REDACTED]), the
// memos spread over 17 collection folders (collN/memo-NNNNN); and OUT/fast-import.stream,
// the same versions as one git fast-import stream (one commit per version on main with the
// subject and trailers blackline writes, and a tag ID@LABEL), releases in order across
// the corpus. It is the reference for how fast git itself takes the same commits in.
//
//	go run ./testdata/bench/importcorpus -docs 1000 -versions 3 -out /tmp/corpus
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// labels are the versions' labels, oldest first.
var labels = []string{"foia-1998", "mdr-2008", "ocr-2016", "nara-2025", "v5", "v6"}

func main() {
	docs := flag.Int("docs", 1000, "number of memos")
	versions := flag.Int("versions", 3, "releases per memo (at most 6)")
	out := flag.String("out", "", "output folder (required)")
	seedFile := flag.String("seed", "cmd/blackline/samples/memos/dod/secdef-grachev-1994-01-05/nara-2025.txt", "text whose words the memos are made of")
	flag.Parse()
	if *out == "" || *versions < 1 || *versions > len(labels) {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*seedFile, *out, *docs, *versions); err != nil {
		fmt.Fprintln(os.Stderr, "importcorpus:", err)
		os.Exit(1)
	}
}

type version struct {
	doc, label, text string
}

func run(seedFile, out string, docs, versions int) error {
	b, err := os.ReadFile(seedFile)
	if err != nil {
		return err
	}
	seed := strings.Fields(string(b))
	for len(seed) < 1000 {
		seed = append(seed, seed...)
	}
	rng := rand.New(rand.NewPCG(11, 11))
	byVersion := make([][]version, versions)
	for d := range docs {
		doc := fmt.Sprintf("coll%d/memo-%05d", d%17, d)
		start := rng.IntN(len(seed) - 500)
		base := seed[start : start+450]
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
			p := filepath.Join(out, "tree", filepath.FromSlash(doc), labels[v]+".txt")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(t.String()), 0o644); err != nil {
				return err
			}
			byVersion[v] = append(byVersion[v], version{doc, labels[v], t.String()})
		}
	}
	f, err := os.Create(filepath.Join(out, "fast-import.stream"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	mark := 0
	const t0 = 900000000
	for _, vs := range byVersion {
		for _, v := range vs {
			mark++
			msg := fmt.Sprintf("%s: %s (release)\n\nDocument: %s\nVersion-Label: %s\nVersion-Kind: release\n", v.doc, v.label, v.doc, v.label)
			fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\ncommitter t <t@t> %d +0000\n", mark, t0+mark)
			fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
			fmt.Fprintf(w, "M 100644 inline %s/text.txt\ndata %d\n%s\n", v.doc, len(v.text), v.text)
			fmt.Fprintf(w, "reset refs/tags/%s@%s\nfrom :%d\n\n", v.doc, v.label, mark)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Println(mark)
	return nil
}
