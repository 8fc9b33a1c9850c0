// Package diff compares two versions of a declassified document and says what changed in
// the terms a historian or a transcription reviewer uses: redactions lifted, added or
// changed; classification markings added, removed or changed (with the direction of a
// level change); personal names that appeared, disappeared or were respelled; OCR slips
// that read the same words differently; other text inserted, deleted, replaced or moved;
// and layout that was merely re-wrapped.
//
// The work happens in four stages, each reusable on its own inside the package:
//
//  1. Tokenizing (Tokenize, tokenize): words with their byte offsets; whitespace is
//     trivia, and a word broken at a line end ("secu-\nrity") is one word. O(n) in the
//     length of the text.
//  2. Aligning (alignTokens): the two token sequences are anchored on words that occur
//     once in each (patience style, recursively, falling back to word n-grams in long
//     stretches without such words), and only the changed blocks between anchors are
//     given to go-diff's Myers diff, each with a deadline. Near-linear on long documents
//     whose changes are spread out; a block whose deadline fires is reported as one
//     replaced block, so the output never depends on how far the search got.
//  3. Recognizing (redactionsIn, markingsIn, the name index, ocrEquivalent): single-text
//     recognizers for redaction markers, classification markings and personal names, and
//     a comparison of two readings of the same word under common OCR confusions.
//  4. Classifying (classify): each changed block is cut into units (a redacted span, a
//     marking, a name, a word) and paired by a small dynamic program, giving one Change
//     per unit with all its categories, ordered by precedence
//     redaction > marking > name > transcription > text > format.
//
// A Differ holds the compiled recognizers and may be used by several goroutines at once.
// The package never prints and knows nothing of git: it takes bytes and returns values.
package diff
