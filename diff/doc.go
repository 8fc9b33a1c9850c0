// Package diff compares two versions of a declassified document and says what changed in
// the terms a historian or a transcription reviewer uses: redactions lifted, added or
// changed; classification markings added, removed or changed (with the direction of a
// level change); personal names that appeared, disappeared or were respelled; OCR slips
// that read the same words differently; other text inserted, deleted, replaced or moved;
// and layout that was merely re-wrapped.
//
// The work happens in four stages, each reusable on its own inside the package (the
// analyses over many versions build on them):
//
//  1. Tokenizing (Tokenize; internally tokenize with an interner): words with their byte
//     offsets; whitespace is trivia, and a word broken at a line end ("secu-\nrity") is
//     one word. O(n) in the length of the text.
//  2. Aligning (alignTokens → []editBlock, the old and new token ranges of each changed
//     block; the stretches between blocks are equal word for word). The token sequences
//     are anchored on words that occur once in each (patience style, recursively, falling
//     back to word 4-grams in long stretches without such words), keeping the chain of
//     anchors that holds the most equal words in place (heaviestChain), and only the
//     stretches left between anchors are given to go-diff's Myers diff, each with a
//     deadline. A stretch whose deadline fires is taken as one replaced block, so the
//     result never depends on how far a search got; Result.Stats counts such blocks.
//     Near-linear on long documents whose changes are spread out. Before classifying, a
//     pure insertion or deletion slides along repeated words to paragraph, line and
//     sentence ends (slideToBoundaries).
//  3. Recognizing, on one text at a time: redactionSpans and describeRedaction (markers,
//     exemption codes, declared extents), markingSpans and markingLevel (classification
//     markings and their levels), nameFinder (personal names, marked per token), and
//     ocrReader.equivalent (two readings of the same words under common OCR confusions).
//     The patterns run on a window around each changed block. A Diff finds once per text
//     where each pattern's needles (strings every match holds) occur (patternSites), runs
//     a pattern only in windows holding one, remembers each window's spans, and tries an
//     expression whose matches start only at a few bytes anchored at those bytes
//     (startMatcher) rather than at every position: on memos of a few kilobytes these
//     fixed costs, not the texts' length, set the time of a comparison.
//  4. Classifying (classifier.classify): each changed block is widened so that no
//     recognized unit is cut, cut into atoms (a redacted span, a marking, a name, a word)
//     and paired by a small dynamic program, giving one Change per unit with all its
//     categories in precedence order (redaction > marking > name > transcription > text >
//     format). A name added, removed or replaced belongs to the text edit around it (one
//     change, name and text; name alone when the rest is titles); two names that read the
//     same under OCR confusions are a transcription, any other respelling a name change.
//     Moved passages are paired across blocks, and layout differences inside the equal
//     stretches become format changes. Blocks are classified in parallel.
//
// A Differ holds the compiled recognizers and what the name finder worked out of each word
// seen (wordInfoCache), and may be used by several goroutines at once.
// The package never prints and knows nothing of git: it takes bytes and returns values.
package diff
