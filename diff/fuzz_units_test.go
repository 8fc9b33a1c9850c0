package diff

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// unitSeeds are texts that exercise the tokenizer and every recognizer: hyphens at line
// ends, CRLF, a byte-order mark, block characters, FRUS notes, exemption codes, stamps
// and authority lines, portion marks and names with titles.
var unitSeeds = []string{
	"",
	"secu-\nrity all-\nEuropean 1994-\n1995 secu-\n\nrity",
	"\uFEFFSECRET\r\n(S//NF) Mr. John Smith met Gen. D. N. L. Humpert.\r\n",
	"Classified by: J. Doe, Director\nReason: 1.4(b), (d)\nDeclassify on: 25X1\n",
	"The source [1 paragraph (5 lines) not declassified] said ████ ███\n██ (b)(6), (b)(7)(C) and b6.",
	"[Redacted: (b) (7)(A)] XXXX XXXXX\nXXX 50X1-HUM/50X3 [name not declassified]",
	"DECLASSIFIED\nAuthority NND 969000\nE.O. 13526 MDR case 2015-0771-M\nApproved For Release 2004/05/12 : CIA-RDP80B01676R000100010001-1",
	"Top Secret; Eyes Only. (U) (TS) (b)(1)(S) SECRETARY Pavel Grachev said secret things.",
	"Harm to Ongoing Matter \u00a0 Personal Privacy\u2028Grand Jury",
	"(b\n)(6) [\n] [REDACTED\n] ▓▓▓\t▓ x\xcc\x81xxx",
}

// FuzzTokenOffsets checks that, for any input, Tokenize returns words in order, inside the
// text, separated only by whitespace, on rune boundaries when the text is valid UTF-8, and
// that each word's Text is its bytes, or for a word broken at a line end its halves
// joined. Seeds: unitSeeds and the findings under testdata/fuzz/FuzzTokenOffsets.
func FuzzTokenOffsets(f *testing.F) {
	for _, s := range unitSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize([]byte(text))
		valid := utf8.ValidString(text)
		at := 0
		for i, tk := range toks {
			if tk.Start < at || tk.End <= tk.Start || tk.End > len(text) {
				t.Fatalf("Tokenize(%q)[%d] = %+v: out of order or out of range (previous end %d)", text, i, tk, at)
			}
			if gap := text[at:tk.Start]; strings.TrimFunc(gap, isTokenSpace) != "" && valid {
				t.Fatalf("Tokenize(%q)[%d] = %+v: %q before it is not whitespace", text, i, tk, gap)
			}
			if valid && (!utf8.RuneStart(text[tk.Start]) || tk.End < len(text) && !utf8.RuneStart(text[tk.End])) {
				t.Fatalf("Tokenize(%q)[%d] = %+v: not on rune boundaries", text, i, tk)
			}
			word := text[tk.Start:tk.End]
			if tk.Text == "" || strings.IndexFunc(tk.Text, isTokenSpace) >= 0 && valid {
				t.Fatalf("Tokenize(%q)[%d].Text = %q: empty or holds whitespace", text, i, tk.Text)
			}
			if tk.Text != word {
				// A word broken at a line end: the hyphen, the line break and the spaces
				// around it are gone; a hyphen stays before a capital letter.
				if !strings.Contains(word, "\n") {
					t.Fatalf("Tokenize(%q)[%d].Text = %q, want %q (no line break to join across)", text, i, tk.Text, word)
				}
				if joined := joinBrokenWord(word); tk.Text != joined {
					t.Fatalf("Tokenize(%q)[%d].Text = %q, want %q", text, i, tk.Text, joined)
				}
			}
			at = tk.End
		}
		if valid && strings.TrimFunc(text[at:], isTokenSpace) != "" {
			t.Fatalf("Tokenize(%q): %q after the last word is not whitespace", text, text[at:])
		}
	})
}

// isTokenSpace is the tokenizer's idea of whitespace: Unicode spaces and the byte-order mark.
func isTokenSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// joinBrokenWord joins a word broken at a line end the way the tokenizer documents it:
// the part before the hyphen, a hyphen again when the next part starts with a capital,
// and the next part.
func joinBrokenWord(word string) string {
	cut := strings.IndexFunc(word, isTokenSpace)
	head, tail := word[:cut-1], strings.TrimLeftFunc(word[cut:], isTokenSpace)
	if r, _ := utf8.DecodeRuneInString(tail); unicode.IsUpper(r) {
		return head + "-" + tail
	}
	return head + tail
}

// FuzzRecognizers runs the redaction, marking and name recognizers over any text and any
// window of it, with the defaults and with configured patterns and names: no panic, and
// every span overlaps the window, lies inside the text, is non-empty, sits on rune
// boundaries of valid text and follows the previous one without overlapping it; markings
// never overlap redacted spans; Redactions' markers are the bytes of their spans. Seeds:
// unitSeeds and the findings under testdata/fuzz/FuzzRecognizers.
func FuzzRecognizers(f *testing.F) {
	for i, s := range unitSeeds {
		f.Add(s, uint16(i), uint16(len(s)))
	}
	plain, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	configured, err := New(Options{
		RedactionPatterns: []string{`\[WITHHELD[^\]\n]*\]`, `x*`},
		MarkingPatterns:   []string{`\bPROPRIETARY\b`, `(?m)^$`},
		KnownNames:        []string{"Pavel Grachev", "Kari  Brekke."},
		IgnoreNames:       []string{"Secretary", " Fulton "},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, from, to uint16) {
		b := []byte(text)
		lo, hi := min(int(from), len(b)), min(int(to), len(b))
		if lo > hi {
			lo, hi = hi, lo
		}
		valid := utf8.Valid(b)
		if valid { // windows start and end on rune boundaries, as the classifier's do
			for lo > 0 && lo < len(b) && !utf8.RuneStart(b[lo]) {
				lo--
			}
			for hi < len(b) && !utf8.RuneStart(b[hi]) {
				hi++
			}
		}
		for _, d := range []*Differ{plain, configured} {
			red := redactionSpans(d.redaction, b, lo, hi)
			checkRawSpans(t, "redactionSpans", b, lo, hi, red, valid)
			marks := markingSpans(d.marking, b, lo, hi, red)
			checkRawSpans(t, "markingSpans", b, lo, hi, marks, valid)
			for _, m := range marks {
				if overlapsAny(m, red) {
					t.Fatalf("markingSpans(%q, %d, %d) = %v overlaps redacted span %v", text, lo, hi, m, red)
				}
			}
			for _, m := range marks {
				_ = markingLevel(string(b[m.start:m.end]))
			}
			spans := d.Redactions(b)
			at := 0
			for _, s := range spans {
				if s.Span.Start < at || s.Span.End <= s.Span.Start || s.Span.End > len(b) || s.Marker != text[s.Span.Start:s.Span.End] {
					t.Fatalf("Redactions(%q) span %+v out of order, out of range or not its bytes", text, s)
				}
				if want := bytes.Count(b[:s.Span.Start], []byte("\n")) + 1; s.Span.Line != want {
					t.Fatalf("Redactions(%q) span %+v: line %d, want %d", text, s, s.Span.Line, want)
				}
				at = s.Span.End
			}
			checkNames(t, d, b, valid)
		}
	})
}

// checkRawSpans checks a recognizer's spans over text[lo:hi]: each overlaps the window (a
// stamp line is taken whole, even where the window cuts it) and lies inside the text.
func checkRawSpans(t *testing.T, name string, text []byte, lo, hi int, spans []rawSpan, valid bool) {
	t.Helper()
	at := 0
	for _, s := range spans {
		if s.start < at || s.end <= s.start || s.end > len(text) || s.start >= hi || s.end <= lo {
			t.Fatalf("%s(%q, %d, %d) = %v: span %v out of order, empty, outside the text or off the window", name, text, lo, hi, spans, s)
		}
		if valid && (!utf8.RuneStart(text[s.start]) || s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			t.Fatalf("%s(%q, %d, %d): span %v not on rune boundaries", name, text, lo, hi, s)
		}
		at = s.end
	}
}

// checkNames runs the name finder over text as Diff does and checks that its marks cover
// whole tokens, one number per name, and that every name reads back as text.
func checkNames(t *testing.T, d *Differ, text []byte, valid bool) {
	t.Helper()
	var in interner
	toks := tokenize(text, &in)
	seen := seenNames{words: map[string]bool{}, bigrams: map[[2]string]bool{}}
	info := d.names.wordInfos(in.keys)
	strong := d.names.findStrong(text, toks, info, &seen)
	for _, r := range strong {
		if r[0] < 0 || r[1] > len(toks) || r[0] >= r[1] {
			t.Fatalf("findStrong(%q) = %v: range %v outside the %d tokens", text, strong, r, len(toks))
		}
	}
	marks := d.names.mark(toks, info, strong, &seen)
	if len(marks) != len(toks) {
		t.Fatalf("mark(%q) gave %d marks for %d tokens", text, len(marks), len(toks))
	}
	for lo := 0; lo < len(marks); {
		if marks[lo] == 0 {
			lo++
			continue
		}
		hi := lo + 1
		for hi < len(marks) && marks[hi] == marks[lo] {
			hi++
		}
		name := nameText(text, toks, lo, hi)
		if valid && (name == "" || !utf8.ValidString(name)) {
			t.Fatalf("nameText(%q, %d, %d) = %q: empty or not valid UTF-8", text, lo, hi, name)
		}
		lo = hi
	}
}
