package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rivo/uniseg"
	"github.com/sergi/go-diff/diffmatchpatch"
	"golang.org/x/text/unicode/norm"

	"github.com/blackline/blackline/diff"
)

// maxCells bounds the Levenshtein program of one changed block; larger blocks are
// measured with Myers' diff.
const maxCells = 4 << 20

// Stats are the error rates of a hypothesis (the older reading) against a reference (the
// newer, corrected one).
type Stats struct {
	// CER is CharEdits / Chars; WER is WordEdits / Words (0 for an empty reference).
	CER float64 `json:"cer"`
	WER float64 `json:"wer"`
	// CharEdits is the edit distance in grapheme clusters; Chars the reference's length.
	CharEdits int `json:"char_edits"`
	Chars     int `json:"chars"`
	// WordEdits is the edit distance in words; Words the reference's number of words.
	WordEdits int `json:"word_edits"`
	Words     int `json:"words"`
	// Confusions are the differences inside the transcription fixes the differ found, most
	// frequent first: what the hypothesis read and what the reference reads.
	Confusions []Confusion `json:"confusions"`
	// Approximate is set when a block was too large for the exact program.
	Approximate bool `json:"approximate,omitempty"`
}

// Confusion is one kind of misreading and how often it was corrected.
type Confusion struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
}

// String writes the confusion as "rn→m ×2"; an empty side shows as ∅.
func (c Confusion) String() string {
	show := func(s string) string {
		if s == "" {
			return "∅"
		}
		return strings.ReplaceAll(s, " ", "␣")
	}
	return fmt.Sprintf("%s→%s ×%d", show(c.From), show(c.To), c.Count)
}

// Compare measures hyp against ref, given res, the differ's comparison of hyp (old) with
// ref (new). Every change counts towards CER and WER (a moved passage as deleted and
// inserted); transcription fixes give the confusions.
func Compare(hyp, ref []byte, res *diff.Result) Stats {
	ht, rt := diff.Tokenize(hyp), diff.Tokenize(ref)
	st := Stats{Words: len(rt), Confusions: []Confusion{}}
	for i, t := range rt {
		st.Chars += graphemeCount(norm.NFC.String(t.Text))
		if i > 0 {
			st.Chars++ // the space between words
		}
	}
	words := func(toks []diff.Token, s diff.Span) []string {
		lo := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= s.Start })
		var out []string
		for k := lo; k < len(toks) && toks[k].Start < s.End; k++ {
			out = append(out, norm.NFC.String(toks[k].Text))
		}
		return out
	}
	confusions := map[[2]string]int{}
	for _, c := range res.Changes {
		ow, nw := words(ht, c.Old), words(rt, c.New)
		if c.Action == diff.ActionMoved {
			st.add(blockEdits(ow, nil, len(ht), len(rt)))
			st.add(blockEdits(nil, nw, len(ht), len(rt)))
			continue
		}
		st.add(blockEdits(ow, nw, len(ht), len(rt)))
		if c.Has(diff.Transcription) && len(ow) > 0 && len(nw) > 0 {
			for _, cf := range confusionsOf(graphemes(strings.Join(ow, " ")), graphemes(strings.Join(nw, " "))) {
				confusions[cf]++
			}
		}
	}
	if st.Chars > 0 {
		st.CER = float64(st.CharEdits) / float64(st.Chars)
	}
	if st.Words > 0 {
		st.WER = float64(st.WordEdits) / float64(st.Words)
	}
	for k, n := range confusions {
		st.Confusions = append(st.Confusions, Confusion{From: k[0], To: k[1], Count: n})
	}
	sort.Slice(st.Confusions, func(i, j int) bool {
		a, b := st.Confusions[i], st.Confusions[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	return st
}

// edits are one block's edit counts.
type edits struct {
	chars, words int
	approximate  bool
}

func (st *Stats) add(e edits) {
	st.CharEdits += e.chars
	st.WordEdits += e.words
	st.Approximate = st.Approximate || e.approximate
}

// blockEdits measures one changed block: old words ow for new words nw, in texts of
// oldTotal and newTotal words. A block with words on one side only also adds or removes
// the space that separates it from the rest of the text.
func blockEdits(ow, nw []string, oldTotal, newTotal int) edits {
	var e edits
	var approx bool
	e.words, approx = levenshtein(ow, nw)
	e.approximate = approx
	a, b := strings.Join(ow, " "), strings.Join(nw, " ")
	if a == b {
		return e
	}
	e.chars, approx = levenshtein(graphemes(a), graphemes(b))
	e.approximate = e.approximate || approx
	switch {
	case len(ow) == 0 && len(nw) < newTotal, len(nw) == 0 && len(ow) < oldTotal:
		e.chars++
	}
	return e
}

// graphemes splits s into its grapheme clusters.
func graphemes(s string) []string {
	var out []string
	state := -1
	for s != "" {
		var c string
		c, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		out = append(out, c)
	}
	return out
}

func graphemeCount(s string) int { return uniseg.GraphemeClusterCount(s) }

// levenshtein returns the edit distance of a and b, O(len(a)·len(b)) time and O(len(b))
// memory; above maxCells cells, Myers' diff (go-diff) on the same units instead, which
// gives an edit script no shorter than the distance (approximate is then true).
func levenshtein(a, b []string) (int, bool) {
	if len(a) == 0 || len(b) == 0 {
		return len(a) + len(b), false
	}
	if len(a)*len(b) > maxCells {
		return myers(a, b), true
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], false
}

// myers counts edits along go-diff's diff of a and b, each unit mapped to one rune.
func myers(a, b []string) int {
	ids := map[string]rune{}
	runes := func(units []string) []rune {
		out := make([]rune, len(units))
		for i, u := range units {
			r, ok := ids[u]
			if !ok {
				r = rune(len(ids) + 1)
				if r >= 0xD800 {
					r += 0x800
				}
				ids[u] = r
			}
			out[i] = r
		}
		return out
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: the count must not depend on the machine's speed
	return dmp.DiffLevenshtein(dmp.DiffMainRunes(runes(a), runes(b), false))
}

// confusionsOf aligns the graphemes of an old reading a with a new reading b and returns
// their differences: a run of substitutions as single-character pairs ("0→o"), any other
// run of edits as one pair of strings ("rn→m"). O(len(a)·len(b)); readings longer than the
// program allows give none.
func confusionsOf(a, b []string) [][2]string {
	n, m := len(a), len(b)
	if (n+1)*(m+1) > maxCells {
		return nil
	}
	W := m + 1
	d := make([]int32, (n+1)*W)
	for i := 0; i <= n; i++ {
		d[i*W] = int32(i)
	}
	for j := 0; j <= m; j++ {
		d[j] = int32(j)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			c := d[(i-1)*W+j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(d[(i-1)*W+j-1], d[(i-1)*W+j], d[i*W+j-1])
			}
			d[i*W+j] = c
		}
	}
	// Walk back, collecting runs of edits between matches.
	var out [][2]string
	var runA, runB []string
	subsOnly := true
	flush := func() {
		if len(runA) == 0 && len(runB) == 0 {
			return
		}
		if subsOnly {
			for k := len(runA) - 1; k >= 0; k-- {
				out = append(out, [2]string{runA[k], runB[k]})
			}
		} else {
			out = append(out, [2]string{reverseJoin(runA), reverseJoin(runB)})
		}
		runA, runB, subsOnly = runA[:0], runB[:0], true
	}
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && a[i-1] == b[j-1] && d[i*W+j] == d[(i-1)*W+j-1]:
			flush()
			i, j = i-1, j-1
		case i > 0 && j > 0 && d[i*W+j] == d[(i-1)*W+j-1]+1:
			runA, runB = append(runA, a[i-1]), append(runB, b[j-1])
			i, j = i-1, j-1
		case i > 0 && d[i*W+j] == d[(i-1)*W+j]+1:
			runA = append(runA, a[i-1])
			subsOnly = false
			i--
		default:
			runB = append(runB, b[j-1])
			subsOnly = false
			j--
		}
	}
	flush()
	// reverse into reading order
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// reverseJoin joins units collected backwards.
func reverseJoin(units []string) string {
	var sb strings.Builder
	for k := len(units) - 1; k >= 0; k-- {
		sb.WriteString(units[k])
	}
	return sb.String()
}

// Top returns the n most frequent confusions written as "0→o ×4, rn→m ×2".
func (st Stats) Top(n int) string {
	var parts []string
	for i, c := range st.Confusions {
		if i == n {
			break
		}
		parts = append(parts, c.String())
	}
	return strings.Join(parts, ", ")
}
