package diff

import (
	"bytes"
	"fmt"
)

// Blame dates each line of one version: the earliest release of the document that
// already showed the line's words.
type Blame struct {
	Document string `json:"document"`
	// Version is the label of the version whose lines are dated.
	Version string `json:"version"`
	// Versions are the labels of the versions compared, oldest first, ending with Version.
	Versions []string `json:"versions"`
	// Lines are the version's lines, in order.
	Lines []BlameLine `json:"lines"`
}

// BlameLine is one line of the blamed version.
type BlameLine struct {
	// Line is the 1-based line number.
	Line int `json:"line"`
	// Text is the line without its line break.
	Text string `json:"text"`
	// Since is the label of the earliest version that showed all the line's words; "" for
	// a line without words.
	Since string `json:"since"`
}

// Blame dates every line of version target: for each word, the earliest version from
// which it was shown without a break, followed through the alignment of consecutive
// versions (see correspond), so re-wrapped lines and words read differently by OCR keep
// their date, while text a marker withheld counts from the release that first showed it.
// A line is as old as its youngest word.
//
// The versions compared are the releases before target's release (each read through its
// latest transcription, when it has one), then target's release, then target when it is a
// transcription of that release.
//
// Cost: one alignment per pair of consecutive versions compared, near-linear in their
// length; then O(n) over the words.
func (d *Differ) Blame(document string, versions []VersionText, target string) (*Blame, error) {
	index, err := checkVersions(versions)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", document, err)
	}
	ti, ok := index[target]
	if !ok {
		return nil, fmt.Errorf("blame %s: %w: %s", document, ErrUnknownLabel, target)
	}
	v := versions[ti]
	release := ti
	if isTranscriptionOf(v, index) {
		release = index[v.Transcribes]
	}
	var chain []reading
	for _, r := range releaseReadings(versions, index) {
		if r.released < release {
			chain = append(chain, r)
		}
	}
	chain = append(chain, reading{label: versions[release].Label, text: versions[release].Text, released: release})
	if release != ti {
		chain = append(chain, reading{label: v.Label, text: v.Text, released: release})
	}
	texts, corrs, err := d.chain(chain)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", document, err)
	}
	since := make([]int, len(texts[0].toks))
	for i := 1; i < len(texts); i++ {
		next := make([]int, len(texts[i].toks))
		for k := range next {
			next[k] = i
		}
		for _, p := range corrs[i-1].pieces {
			switch p.rel {
			case relSame:
				for x := 0; x < p.newHi-p.newLo; x++ {
					next[p.newLo+x] = since[p.oldLo+x]
				}
			case relReading:
				if p.oldLo == p.oldHi {
					continue
				}
				oldest := 0
				for k := p.oldLo; k < p.oldHi; k++ {
					oldest = max(oldest, since[k])
				}
				for k := p.newLo; k < p.newHi; k++ {
					next[k] = oldest
				}
			}
		}
		since = next
	}
	b := &Blame{Document: document, Version: target, Lines: []BlameLine{}}
	for _, r := range chain {
		b.Versions = append(b.Versions, r.label)
	}
	last := texts[len(texts)-1]
	text := last.raw
	k := 0 // first token not ending before the current line
	for start, n := 0, 1; start < len(text); n++ {
		end := len(text)
		if i := bytes.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i
		}
		line := BlameLine{Line: n, Text: string(bytes.TrimSuffix(text[start:end], []byte("\r")))}
		for k < len(last.toks) && last.toks[k].End <= start {
			k++
		}
		youngest := -1
		for j := k; j < len(last.toks) && last.toks[j].Start < end; j++ {
			youngest = max(youngest, since[j])
		}
		if youngest >= 0 {
			line.Since = chain[youngest].label
		}
		b.Lines = append(b.Lines, line)
		start = end + 1
	}
	return b, nil
}
