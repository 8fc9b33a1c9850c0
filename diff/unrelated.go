package diff

// Two texts that share little of their wording in order are two different documents, not
// two versions of one: pairing their changed blocks word by word would cost a dynamic
// program per block (about 40 s per MB on a typical machine) for changes no reader wants.
// Such texts are compared as one replaced stretch, counted in Stats.Fallbacks, in time
// linear in their length.
const (
	// unrelatedShare: texts whose equal stretches hold less than this share of the
	// shorter text's words are unrelated. Versions of one document share far more: 44%
	// between a 2018 and a 2022 release of a heavily re-redacted CIA cable, 94% between
	// an OCR reading and its correction; unrelated memos share 2–6% (common words).
	unrelatedShare = 0.2
	// unrelatedMinWords: only texts of at least this many words each are judged; shorter
	// ones are compared word by word at little cost.
	unrelatedMinWords = 2000
)

// unrelated reports whether an alignment of texts of na and nb words leaves so few of the
// shorter text's words in equal stretches that the texts are different documents.
// O(blocks).
func unrelated(blocks []editBlock, na, nb int) bool {
	if min(na, nb) < unrelatedMinWords {
		return false
	}
	equal := na
	for _, bl := range blocks {
		equal -= bl.oldHi - bl.oldLo
	}
	return float64(equal) < unrelatedShare*float64(min(na, nb))
}
