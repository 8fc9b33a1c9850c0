package diff

import (
	"encoding/binary"
	"math/bits"
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
// is an open-addressing hash table (linear probing) over the words' bytes: one hash, one
// probe of an 8-byte slot and usually one comparison a word, no allocation for words seen
// before.
type interner struct {
	keys []string
	// table holds, in each slot, id+1 of a key in its low 32 bits and the high 32 bits of
	// the key's hash above them; 0 is empty.
	table []uint64
}

// Constants of wordHash.
const (
	hashSeed = 0x9E3779B97F4A7C15
	hashMul  = 0xBF58476D1CE4E5B9
)

// wordHash hashes text[start:end] eight bytes at a time (little-endian, the last chunk
// zero-padded), reading past end when text goes on, so no byte is handled alone.
func wordHash(text []byte, start, end int) uint64 {
	h := uint64(end-start+1) * hashSeed
	i := start
	for ; i+8 <= end; i += 8 {
		h = mixHash(h ^ binary.LittleEndian.Uint64(text[i:]))
	}
	if i < end {
		var x uint64
		if i+8 <= len(text) {
			x = binary.LittleEndian.Uint64(text[i:]) & (1<<(8*uint(end-i)) - 1)
		} else {
			for j := end - 1; j >= i; j-- {
				x = x<<8 | uint64(text[j])
			}
		}
		h = mixHash(h ^ x)
	}
	return h
}

func mixHash(x uint64) uint64 {
	x *= hashMul
	return x ^ x>>31
}

// id returns the number of word, adding it when new.
func (in *interner) id(word []byte) int32 { return in.idHashed(word, wordHash(word, 0, len(word))) }

// idHashed is id for a word whose wordHash h is known.
func (in *interner) idHashed(word []byte, h uint64) int32 {
	if 2*(len(in.keys)+1) > len(in.table) {
		in.grow()
	}
	mask := uint64(len(in.table) - 1)
	tag := h &^ (1<<32 - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := in.table[i]
		if slot == 0 {
			id := int32(len(in.keys))
			in.keys = append(in.keys, string(word))
			in.table[i] = tag | uint64(id+1)
			return id
		}
		if slot&^(1<<32-1) == tag && in.keys[int32(slot)-1] == string(word) {
			return int32(slot) - 1
		}
	}
}

// grow doubles the table (at least 1024 slots) and re-inserts every key.
func (in *interner) grow() {
	size := max(1024, 2*len(in.table))
	in.table = make([]uint64, size)
	mask := uint64(size - 1)
	for id, key := range in.keys {
		h := wordHash([]byte(key), 0, len(key))
		i := h & mask
		for in.table[i] != 0 {
			i = (i + 1) & mask
		}
		in.table[i] = h&^(1<<32-1) | uint64(id+1)
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
		i = asciiWordEnd(text, i)
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				i++
				continue
			}
			sp, w := isSpaceAt(text, i)
			if sp {
				break
			}
			i += w
		}
		end := i
		if text[end-1] != '-' {
			toks = append(toks, tok{start: int32(start), end: int32(end), id: in.idHashed(text[start:end], wordHash(text, start, end))})
			continue
		}
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
		toks = append(toks, tok{start: int32(start), end: int32(end), id: in.idHashed(text[start:end], wordHash(text, start, end))})
	}
	return toks
}

// asciiWordEnd returns where the run of printable ASCII (no byte below '!', none from
// 0x80) starting at i ends, eight bytes at a time: the caller goes on from there byte by
// byte, so a control character or a multi-byte rune is looked at properly. The bytes of
// text are read as little-endian words; for each, a byte below 0x21 or from 0x80 sets its
// high bit in stop.
func asciiWordEnd(text []byte, i int) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	for i+8 <= len(text) {
		x := binary.LittleEndian.Uint64(text[i:])
		stop := ((x - 0x21*ones) | x) & high
		if stop != 0 {
			return i + bits.TrailingZeros64(stop)/8
		}
		i += 8
	}
	return i
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
