package diff

import (
	"fmt"
	"sort"
	"strings"
)

// Reveal is the fullest text a document's releases give together: where any of them
// shows a passage, it is shown, and a marker is kept only where all withhold it.
type Reveal struct {
	Document string `json:"document"`
	// Versions are the labels of the releases combined, oldest first.
	Versions []string `json:"versions"`
	// Base is the release whose text the others fill in: the latest one read through a
	// corrected transcription, else the latest.
	Base string `json:"base"`
	// Withheld counts the markers every release combined kept.
	Withheld int `json:"withheld"`
	// Spans are the combined text, in order, each with the release it came from.
	Spans []RevealSpan `json:"spans"`
}

// RevealSpan is a stretch of the combined text and where it came from.
type RevealSpan struct {
	Text string `json:"text"`
	// Version is the label of the release that showed the text; Reading, when set, is the
	// transcription of it whose text was used.
	Version string `json:"version"`
	Reading string `json:"reading,omitempty"`
	// Withheld marks a redaction marker that every release combined kept.
	Withheld bool `json:"withheld,omitempty"`
}

// Text returns the combined text: the spans' texts joined.
func (r *Reveal) Text() string {
	var sb strings.Builder
	for _, s := range r.Spans {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// Reveal combines releases that withheld different parts into the fullest text. labels
// chooses the releases (all when empty); a transcription's label chooses its release read
// through that transcription, and otherwise each release is read through its latest
// transcription when it has one.
//
// The combined text starts as the preferred release — the latest read through a
// corrected transcription, else the latest — and each other release, in order of
// preference, fills it in: where the combined text has a marker and the release shows
// more of that passage, the release's text replaces it (a partial lift leaves the smaller
// marker); where the release shows words inside a passage that the combined text lacks
// (cut without a marker), they are added. Where the releases read shown text differently,
// the combined text keeps the preferred reading.
//
// Cost: one alignment of the combined text with each other release (see correspond),
// near-linear in their length.
func (d *Differ) Reveal(document string, versions []VersionText, labels []string) (*Reveal, error) {
	index, err := checkVersions(versions)
	if err != nil {
		return nil, fmt.Errorf("reveal %s: %w", document, err)
	}
	rs := releaseReadings(versions, index)
	chosen := rs
	if len(labels) > 0 {
		at := map[string]int{}
		for k, r := range rs {
			at[r.label] = k
		}
		picked := map[int]reading{}
		for _, l := range labels {
			i, ok := index[l]
			if !ok {
				return nil, fmt.Errorf("reveal %s: %w: %s", document, ErrUnknownLabel, l)
			}
			v := versions[i]
			if isTranscriptionOf(v, index) {
				k := at[v.Transcribes]
				r := rs[k]
				r.via, r.text, r.corrected = v.Label, v.Text, true
				picked[k] = r
				continue
			}
			if _, done := picked[at[l]]; !done {
				picked[at[l]] = rs[at[l]]
			}
		}
		chosen = nil
		for k := range rs {
			if r, ok := picked[k]; ok {
				chosen = append(chosen, r)
			}
		}
	}
	if len(chosen) == 0 {
		return nil, fmt.Errorf("reveal %s: %w", document, ErrNoVersions)
	}
	// Preference: corrected readings first, then the latest.
	pref := make([]reading, len(chosen))
	copy(pref, chosen)
	sort.SliceStable(pref, func(x, y int) bool {
		if pref[x].corrected != pref[y].corrected {
			return pref[x].corrected
		}
		return pref[x].released > pref[y].released
	})
	comp := []revealSegment{{text: string(pref[0].text), from: pref[0]}}
	for _, x := range pref[1:] {
		if comp, err = d.fillIn(comp, x); err != nil {
			return nil, fmt.Errorf("reveal %s: %w", document, err)
		}
	}
	rv := &Reveal{Document: document, Base: pref[0].label, Spans: []RevealSpan{}}
	for _, r := range chosen {
		rv.Versions = append(rv.Versions, r.label)
	}
	text := joinSegments(comp)
	spans := d.Redactions([]byte(text))
	rv.Withheld = len(spans)
	// Cut the segments where markers start and end, so each marker is a span of its own.
	var cuts []int
	for _, sp := range spans {
		cuts = append(cuts, sp.Span.Start, sp.Span.End)
	}
	inMarker := func(at int) bool {
		k := sort.Search(len(spans), func(k int) bool { return spans[k].Span.End > at })
		return k < len(spans) && spans[k].Span.Start <= at
	}
	at, c := 0, 0
	for _, seg := range comp {
		end := at + len(seg.text)
		for at < end {
			for c < len(cuts) && cuts[c] <= at {
				c++
			}
			stop := end
			if c < len(cuts) && cuts[c] < end {
				stop = cuts[c]
			}
			rv.add(RevealSpan{Text: text[at:stop], Version: seg.from.label, Reading: seg.from.via, Withheld: inMarker(at)})
			at = stop
		}
	}
	return rv, nil
}

// add appends a span, joining it to the last one when both came from the same place.
func (r *Reveal) add(s RevealSpan) {
	if n := len(r.Spans); n > 0 {
		last := &r.Spans[n-1]
		if last.Version == s.Version && last.Reading == s.Reading && last.Withheld == s.Withheld {
			last.Text += s.Text
			return
		}
	}
	r.Spans = append(r.Spans, s)
}

// revealSegment is a stretch of the combined text and the release it came from.
type revealSegment struct {
	text string
	from reading
}

func joinSegments(segs []revealSegment) string {
	var sb strings.Builder
	for _, s := range segs {
		sb.WriteString(s.text)
	}
	return sb.String()
}

// fillIn fills the combined text comp in with release x: x's text replaces a marker of
// comp where x shows more of that passage, and words x shows inside a passage comp has
// but lacks there are added.
func (d *Differ) fillIn(comp []revealSegment, x reading) ([]revealSegment, error) {
	text := joinSegments(comp)
	cp, xp := d.prepare([]byte(text)), d.prepare(x.text)
	corr, err := d.correspond(cp, xp)
	if err != nil {
		return nil, err
	}
	var out []revealSegment
	cursor, seg, segAt := 0, 0, 0 // bytes of text copied; segment of comp holding cursor and its start
	copyTo := func(to int) {
		for cursor < to {
			for segAt+len(comp[seg].text) <= cursor {
				segAt += len(comp[seg].text)
				seg++
			}
			stop := min(to, segAt+len(comp[seg].text))
			out = appendSegment(out, revealSegment{text: text[cursor:stop], from: comp[seg].from})
			cursor = stop
		}
	}
	// Decide first where x's text is taken: a marker x shows more of, then words x shows
	// between words both texts share (a cut without a marker), not next to other
	// differences, where an OCR reading would only repeat a word.
	const (
		keep = iota
		lift
		insert
	)
	ps := corr.pieces
	action := make([]int, len(ps))
	for k, p := range ps {
		old, new := tokenRange{p.oldLo, p.oldHi}, tokenRange{p.newLo, p.newHi}
		if p.rel != relSame && old.lo < old.hi && new.lo < new.hi && cp.hasRedaction(old) && xp.visibleWords(new) > cp.visibleWords(old) {
			action[k] = lift
		}
	}
	settled := func(k, of int) bool {
		return k < 0 || k >= len(ps) || ps[k].group != ps[of].group || ps[k].rel == relSame || action[k] == lift
	}
	for k, p := range ps {
		if p.oldLo == p.oldHi && p.newLo < p.newHi && p.paired && !xp.hasRedaction(tokenRange{p.newLo, p.newHi}) && settled(k-1, k) && settled(k+1, k) {
			action[k] = insert
		}
	}
	for k, p := range ps {
		old, new := tokenRange{p.oldLo, p.oldHi}, tokenRange{p.newLo, p.newHi}
		switch action[k] {
		case lift:
			s, e := cp.bytesOf(old)
			copyTo(s)
			out = appendSegment(out, revealSegment{text: xp.text(new), from: x})
			cursor = e
		case insert:
			shown := xp.text(new)
			if old.lo < len(cp.toks) {
				// before the next word of comp, with x's spacing after the words
				copyTo(cp.toks[old.lo].Start)
				if new.hi < len(xp.toks) {
					shown += string(xp.raw[xp.toks[new.hi-1].End:xp.toks[new.hi].Start])
				}
			} else {
				// at the end: after comp's last word, with x's spacing before the words
				end := 0
				if n := len(cp.toks); n > 0 {
					end = cp.toks[n-1].End
				}
				copyTo(end)
				if new.lo > 0 {
					shown = string(xp.raw[xp.toks[new.lo-1].End:xp.toks[new.lo].Start]) + shown
				}
			}
			out = appendSegment(out, revealSegment{text: shown, from: x})
		}
	}
	copyTo(len(text))
	return out, nil
}

// appendSegment appends s, joining it to the last segment when both came from the same
// reading.
func appendSegment(segs []revealSegment, s revealSegment) []revealSegment {
	if s.text == "" {
		return segs
	}
	if n := len(segs); n > 0 && segs[n-1].from.label == s.from.label && segs[n-1].from.via == s.from.via {
		segs[n-1].text += s.text
		return segs
	}
	return append(segs, s)
}
