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
// is an open-addressing hash table (linear probing) over the words' bytes: one hash and
// one probe of a 16-byte slot a word; a word of up to seven bytes is compared within the
// slot, a longer one against its key. No allocation for words seen before.
type interner struct {
	keys  []string
	table []internSlot
}

// internSlot is one slot of the interner's table.
type internSlot struct {
	// short is a key of up to seven bytes packed with its length (see packShort), or 0.
	short uint64
	// tagID holds the key's id+1 in its low 32 bits and the high 32 bits of its hash
	// above them; 0 is an empty slot.
	tagID uint64
}

// Constants of wordHash.
const (
	hashSeed = 0x9E3779B97F4A7C15
	hashMul  = 0xBF58476D1CE4E5B9
)

// lowBytes[n] keeps the n low bytes of a word.
var lowBytes = [9]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, ^uint64(0)}

// loadWord returns up to eight bytes of text from i (fewer when end-i is less), as a
// little-endian word, reading past end when text goes on.
func loadWord(text []byte, i, end int) uint64 {
	n := min(end-i, 8)
	if i+8 <= len(text) {
		return binary.LittleEndian.Uint64(text[i:]) & lowBytes[n]
	}
	var x uint64
	for j := i + n - 1; j >= i; j-- {
		x = x<<8 | uint64(text[j])
	}
	return x
}

// wordHash hashes text[start:end] eight bytes at a time (see loadWord). For a word of up to
// eight bytes it is shortHash of its one chunk.
func wordHash(text []byte, start, end int) uint64 {
	n := end - start
	if n <= 8 {
		return shortHash(loadWord(text, start, end), n)
	}
	h := uint64(n+1) * hashSeed
	i := start
	for ; i+8 <= end; i += 8 {
		h = mixHash(h ^ binary.LittleEndian.Uint64(text[i:]))
	}
	if i < end {
		h = mixHash(h ^ loadWord(text, i, end))
	}
	return h
}

// shortHash is wordHash of a word of n ≤ 8 bytes loaded as x.
func shortHash(x uint64, n int) uint64 { return mixHash(uint64(n+1)*hashSeed ^ x) }

func mixHash(x uint64) uint64 {
	x *= hashMul
	return x ^ x>>31
}

// packShort packs a word of n ≤ 7 bytes loaded as x with its length in the top byte, so
// that two packed words are equal only when the words are; 0 for longer words.
func packShort(x uint64, n int) uint64 {
	if n > 7 {
		return 0
	}
	return x | uint64(n)<<56
}

// id returns the number of word, adding it when new.
func (in *interner) id(word []byte) int32 {
	n := len(word)
	short := uint64(0)
	if n <= 7 {
		short = packShort(loadWord(word, 0, n), n)
	}
	return in.idHashed(word, wordHash(word, 0, n), short)
}

// idHashed is id for a word whose wordHash h and packShort short are known.
func (in *interner) idHashed(word []byte, h, short uint64) int32 {
	if 2*(len(in.keys)+1) > len(in.table) {
		in.grow()
	}
	mask := uint64(len(in.table) - 1)
	tag := h &^ (1<<32 - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &in.table[i]
		if sl.tagID == 0 {
			id := int32(len(in.keys))
			in.keys = append(in.keys, string(word))
			sl.short, sl.tagID = short, tag|uint64(id+1)
			return id
		}
		if sl.tagID&^(1<<32-1) != tag {
			continue
		}
		if short != 0 {
			if sl.short == short {
				return int32(sl.tagID) - 1
			}
			continue
		}
		if in.keys[int32(sl.tagID)-1] == string(word) {
			return int32(sl.tagID) - 1
		}
	}
}

// grow doubles the table (at least 1024 slots) and re-inserts every key.
func (in *interner) grow() {
	size := max(1024, 2*len(in.table))
	in.table = make([]internSlot, size)
	mask := uint64(size - 1)
	for id, key := range in.keys {
		h := wordHash([]byte(key), 0, len(key))
		i := h & mask
		for in.table[i].tagID != 0 {
			i = (i + 1) & mask
		}
		short := uint64(0)
		if len(key) <= 7 {
			short = packShort(loadWord([]byte(key), 0, len(key)), len(key))
		}
		in.table[i] = internSlot{short: short, tagID: h&^(1<<32-1) | uint64(id+1)}
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
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if sp, w := isSpaceAt(text, i); sp {
			i += w
			continue
		}
		start := i
		end := wordEnd(text, i)
		i = end
		if text[end-1] == '-' {
			if j, next, ok := hyphenBreak(text, start, end); ok { // a word broken at a line end
				nextEnd := wordEnd(text, next)
				joinBuf = append(joinBuf[:0], text[start:j]...)
				if r, _ := utf8.DecodeRune(text[next:]); unicode.IsUpper(r) {
					joinBuf = append(joinBuf, '-')
				}
				joinBuf = append(joinBuf, text[next:nextEnd]...)
				toks = append(toks, tok{start: int32(start), end: int32(nextEnd), id: in.id(joinBuf)})
				i = nextEnd
				continue
			}
		}
		var id int32
		if n := end - start; n <= 7 {
			x := loadWord(text, start, end)
			id = in.idHashed(text[start:end], shortHash(x, n), packShort(x, n))
		} else {
			id = in.idHashed(text[start:end], wordHash(text, start, end), 0)
		}
		toks = append(toks, tok{start: int32(start), end: int32(end), id: id})
	}
	return toks
}

// wordEnd returns the end of the word starting at i: the first space after it, or the end
// of text.
func wordEnd(text []byte, i int) int {
	i = asciiWordEnd(text, i)
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				return i
			}
			i++
			continue
		}
		sp, w := isSpaceAt(text, i)
		if sp {
			return i
		}
		i += w
	}
	return i
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
