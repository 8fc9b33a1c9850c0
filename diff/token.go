package diff

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text. Whitespace between words is trivia and belongs to no token.
type Token struct {
	// Start and End are byte offsets of the word in the text, End exclusive. A word broken
	// at a line end spans the break: for "secu-\nrity" the token covers all ten bytes.
	Start, End int
	// Text is the word as compared: the bytes themselves, or for a word broken at a line
	// end the two halves joined ("security"; "all-\nEuropean" keeps its hyphen).
	Text string
}

// Tokenize splits text into words with their byte offsets. Words are maximal runs of
// non-space characters (Unicode spaces, and the byte-order mark); a word ending in a
// hyphen after a letter, followed by a line break and a word that starts with a letter,
// is joined with it. O(n) in the length of text.
func Tokenize(text []byte) []Token {
	var in interner
	toks := tokenize(text, &in)
	out := make([]Token, len(toks))
	for i, t := range toks {
		out[i] = Token{Start: int(t.start), End: int(t.end), Text: in.keys[t.id]}
	}
	return out
}

// tok is the compact internal token: offsets and the interned comparison key.
// A word broken at a line end is the one whose byte length differs from its key's.
type tok struct {
	start, end int32
	id         int32 // index into interner.keys
}

// interner maps each distinct word to a small integer, so alignment compares integers. It
// is an open-addressing hash table (FNV-1a, linear probing) over the words' bytes: one
// hash and usually one comparison a word, no allocation for words seen before.
type interner struct {
	keys   []string
	hashes []uint32 // low bits of each key's hash, to skip most comparisons
	table  []int32  // id+1 of the key in each slot; 0 is empty
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv1a(word []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range word {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// id returns the number of word, adding it when new.
func (in *interner) id(word []byte) int32 { return in.idHashed(word, fnv1a(word)) }

// idHashed is id for a word whose fnv1a hash h is known.
func (in *interner) idHashed(word []byte, h uint64) int32 {
	if 2*(len(in.keys)+1) > len(in.table) {
		in.grow()
	}
	mask := uint64(len(in.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := in.table[i]
		if slot == 0 {
			id := int32(len(in.keys))
			in.keys = append(in.keys, string(word))
			in.hashes = append(in.hashes, uint32(h))
			in.table[i] = id + 1
			return id
		}
		if in.hashes[slot-1] == uint32(h) && in.keys[slot-1] == string(word) {
			return slot - 1
		}
	}
}

// reserve sizes an empty table for about n keys.
func (in *interner) reserve(n int) {
	if len(in.keys) > 0 || len(in.table) >= 2*n {
		return
	}
	size := 1024
	for size < 2*n {
		size *= 2
	}
	in.table = make([]int32, size)
}

// grow doubles the table (at least 1024 slots) and re-inserts every key.
func (in *interner) grow() {
	size := max(1024, 2*len(in.table))
	in.table = make([]int32, size)
	mask := uint64(size - 1)
	for id, key := range in.keys {
		h := fnv1a([]byte(key))
		i := h & mask
		for in.table[i] != 0 {
			i = (i + 1) & mask
		}
		in.table[i] = int32(id) + 1
	}
}

// asciiSpace marks the ASCII space characters.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\v': true, '\f': true}

// isSpaceAt reports whether a space character starts at text[i], and its width.
func isSpaceAt(text []byte, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, w := utf8.DecodeRune(text[i:])
	return unicode.IsSpace(r) || r == '\uFEFF', w
}

// tokenize splits text into words and interns their keys in in. O(n).
func tokenize(text []byte, in *interner) []tok {
	toks := make([]tok, 0, len(text)/5+16) // words average more than five bytes with their space
	in.reserve(len(text) / 24)             // distinct words: a guess that saves rehashing
	var joinBuf []byte
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf && asciiSpace[c] {
			i++
			continue
		}
		if sp, w := isSpaceAt(text, i); sp {
			i += w
			continue
		}
		start := i
		h := uint64(fnvOffset) // the word's hash, computed on the way
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
			} else if sp, w := isSpaceAt(text, i); sp {
				break
			} else {
				for _, b := range text[i : i+w] {
					h = (h ^ uint64(b)) * fnvPrime
				}
				i += w
				continue
			}
			h = (h ^ uint64(c)) * fnvPrime
			i++
		}
		end := i
		if j, next, ok := hyphenBreak(text, start, end); ok {
			nextEnd := next
			for nextEnd < len(text) {
				sp, w := isSpaceAt(text, nextEnd)
				if sp {
					break
				}
				nextEnd += w
			}
			joinBuf = append(joinBuf[:0], text[start:j]...)
			if r, _ := utf8.DecodeRune(text[next:]); unicode.IsUpper(r) {
				joinBuf = append(joinBuf, '-')
			}
			joinBuf = append(joinBuf, text[next:nextEnd]...)
			toks = append(toks, tok{start: int32(start), end: int32(nextEnd), id: in.id(joinBuf)})
			i = nextEnd
			continue
		}
		toks = append(toks, tok{start: int32(start), end: int32(end), id: in.idHashed(text[start:end], h)})
	}
	return toks
}

// hyphenBreak reports whether the word text[start:end] ends in a hyphen that breaks a word
// at a line end: a letter before the hyphen, only spaces up to and including a newline
// after it, and a letter starting the next word. It returns the hyphen's offset and the
// offset of the next word.
func hyphenBreak(text []byte, start, end int) (hyphen, next int, ok bool) {
	if end-start < 2 || text[end-1] != '-' {
		return 0, 0, false
	}
	before, _ := utf8.DecodeLastRune(text[start : end-1])
	if !unicode.IsLetter(before) {
		return 0, 0, false
	}
	newline := false
	i := end
	for i < len(text) {
		sp, w := isSpaceAt(text, i)
		if !sp {
			break
		}
		if text[i] == '\n' {
			if newline {
				return 0, 0, false // a blank line ends the paragraph: no join
			}
			newline = true
		}
		i += w
	}
	if !newline || i >= len(text) {
		return 0, 0, false
	}
	if r, _ := utf8.DecodeRune(text[i:]); !unicode.IsLetter(r) {
		return 0, 0, false
	}
	return end - 1, i, true
}
