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
type tok struct {
	start, end int32
	id         int32 // index into interner.keys
	joined     bool  // a word broken at a line end, joined
}

// interner maps each distinct word to a small integer, so alignment compares integers.
type interner struct {
	ids  map[string]int32
	keys []string
}

// id returns the number of word, adding it when new. Looking up a []byte converted in the
// index expression does not allocate.
func (in *interner) id(word []byte) int32 {
	if in.ids == nil {
		in.ids = make(map[string]int32)
	}
	if id, ok := in.ids[string(word)]; ok {
		return id
	}
	s := string(word)
	id := int32(len(in.keys))
	in.ids[s] = id
	in.keys = append(in.keys, s)
	return id
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
	toks := make([]tok, 0, len(text)/6+1)
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
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
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
			toks = append(toks, tok{start: int32(start), end: int32(nextEnd), id: in.id(joinBuf), joined: true})
			i = nextEnd
			continue
		}
		toks = append(toks, tok{start: int32(start), end: int32(end), id: in.id(text[start:end])})
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
