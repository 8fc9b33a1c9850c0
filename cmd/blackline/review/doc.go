// Package review measures a transcription against a corrected one: the character error
// rate (CER) on grapheme clusters after Unicode NFC, the word error rate (WER), and the
// OCR confusions that the corrections undid ("0→o ×4, rn→m ×2").
//
// Definitions. The reference is the newer, corrected side (B in "blackline diff A B");
// the hypothesis is the older reading (A, typically OCR). Both are read as their words
// (whitespace is layout, not transcription: words are joined by one space, and a word
// broken at a line end is one word), normalized to NFC. Then
//
//	CER = character edits / grapheme clusters of the reference
//	WER = word edits / words of the reference
//
// where edits are Levenshtein's (substitutions, deletions and insertions, each 1). Both
// can exceed 1 when the hypothesis holds much more text than the reference.
//
// Cost. The edit distance is computed only inside the changes the differ found: the equal
// stretches between them contribute zero, so the work is O(Σ n·m) over the changed
// blocks, linear in the documents' length when changes are spread out. The result is the
// edit distance along the differ's alignment: exact inside each change, and never less
// than the unconstrained distance. A block too large for the O(n·m) program (more than
// maxCells cells) is measured with go-diff's Myers diff instead (Stats.Approximate).
//
// The package imports blackline's diff package and is used by the command line; diff
// itself stays free of the Unicode tables this needs.
package review
