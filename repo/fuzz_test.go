package repo

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// refSeeds are references of every form, and near misses.
var refSeeds = []string{
	"dod/grachev-1994", "dod/grachev-1994@mdr-2016", "dod/grachev-1994~2", "dod/x~", "dod/x~0",
	"0123abcd", "DEADBEEF", "beef", "abc", "0123456789abcdef0123456789abcdef01234567",
	"0123456789abcdef0123456789abcdef012345678", "../x", "/abs", "a//b", "a/", "x@", "@v1",
	"x@v1@v2", "x~1@v2", "x@v1~1", "x~-1", "x~+3", "x~1e3", "x~99999999999999999999",
	"a.lock@v1", "a@b.lock", "a@..", "é@v1", "a b", "a\x00b", "a\nb@v1", "",
	strings.Repeat("a", MaxIDLength) + "@v1", strings.Repeat("a", MaxIDLength+1),
}

// FuzzParseReference checks that any string either parses into a reference whose parts
// the archive accepts, and that reads back the same from its canonical form, or is
// refused with one of the reference errors. The ID and label are checked against the
// format written out here, independently of ValidateID. Seeds: refSeeds and the findings
// under testdata/fuzz/FuzzParseReference.
func FuzzParseReference(f *testing.F) {
	for _, s := range refSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseReference(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidID) && !errors.Is(err, ErrInvalidLabel) && !errors.Is(err, ErrUnknownVersion) {
				t.Fatalf("parseReference(%q) error = %v, want an invalid ID, invalid label or unknown version", s, err)
			}
			return
		}
		switch r.form {
		case refLabel:
			if !wellFormedName(r.label, MaxLabelLength) || r.String() != s {
				t.Fatalf("parseReference(%q) = %+v: bad label, or %q does not write it back", s, r, r.String())
			}
		case refBack:
			if r.back < 0 {
				t.Fatalf("parseReference(%q) = %+v: negative count", s, r)
			}
		case refHash:
			if r.id != "" || r.hash != strings.ToLower(s) {
				t.Fatalf("parseReference(%q) = %+v, want the hash %q", s, r, strings.ToLower(s))
			}
		}
		if r.form != refHash && !wellFormedID(r.id) {
			t.Fatalf("parseReference(%q) = %+v: the ID %q is not of the archive's form", s, r, r.id)
		}
		if r.hash != "" && (len(r.hash) < 4 || len(r.hash) > 40 || strings.Trim(r.hash, "0123456789abcdef") != "") {
			t.Fatalf("parseReference(%q) = %+v: %q is no lowercase hash prefix", s, r, r.hash)
		}
		again, err := parseReference(r.String())
		if err != nil || again != r {
			t.Fatalf("parseReference(%q) = %+v, %v; want %+v (written back from %q)", r.String(), again, err, r, s)
		}
	})
}

// wellFormedID spells out the document ID format: segments of [A-Za-z0-9][A-Za-z0-9._-]*
// joined by "/", at most MaxIDLength bytes, no segment holding ".." or ending in "." or
// ".lock".
func wellFormedID(id string) bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for _, seg := range strings.Split(id, "/") {
		if !wellFormedName(seg, MaxIDLength) {
			return false
		}
	}
	return true
}

// wellFormedName checks one ID segment or label.
func wellFormedName(s string, max int) bool {
	if s == "" || len(s) > max || strings.Contains(s, "..") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ".lock") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {
			return false
		}
	}
	return true
}

// FuzzMessage checks that the metadata of any version the archive accepts reads back
// unchanged from the commit message written for it, and that a one-line flag summary
// reads back as the body. Seeds: typical versions, and the findings under
// testdata/fuzz/FuzzMessage.
func FuzzMessage(f *testing.F) {
	f.Add("dod/grachev-1994", "mdr-2016", false, "2016-05-02", "Clinton Library", "2015-0771-M", "", "redaction 3 (2 lifted, 1 added) · name 1")
	f.Add("frus/1952-54/d56", "v2", true, "", " NARA, RG 59: box 12 ", "", "foia-2005", "format only: 3 reflowed")
	f.Add("a", "b", true, "1999-12-31", "Source: x", "Case-Number: y", "b", "Document: other")
	f.Add("x", "v1", false, "", "\u00a0trimmed\u2003", "", "", "")
	f.Fuzz(func(t *testing.T, id, label string, transcription bool, date, source, caseNumber, transcribes, summary string) {
		m := Meta{Document: id, Label: label, Kind: Release, Date: date, Source: source, Case: caseNumber, Transcribes: transcribes}
		if transcription {
			m.Kind = Transcription
		}
		req := AddRequest{Meta: m, Author: testAuthor}
		if checkRequest(&req) != nil || req.Label == "" {
			return
		}
		m = req.Meta
		oneLine := !strings.ContainsAny(summary, "\r\n") && strings.TrimSpace(summary) != ""
		msg := commitMessage(m, summary)
		subject, body, trailers := parseMessage(msg)
		if want := m.Document + ": " + m.Label + " (" + string(m.Kind) + ")"; subject != want {
			t.Fatalf("parseMessage(%q) subject = %q, want %q", msg, subject, want)
		}
		if got := metaFromTrailers(trailers); got != m {
			t.Fatalf("metaFromTrailers(parseMessage(%q)) = %+v, want %+v", msg, got, m)
		}
		if oneLine && body != cleanSummary(summary) {
			t.Fatalf("parseMessage(%q) body = %q, want %q", msg, body, cleanSummary(summary))
		}
	})
}

// FuzzCheckText checks CheckText against its definition: text is valid UTF-8 with no NUL
// byte and no UTF-16 byte-order mark; a refusal gives the offset of an offending byte (the
// first invalid or NUL byte, or 0 for a byte-order mark).
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"", "ok\n", "a\x00b", "caf\xe9", "\xff\xfeh\x00i", "\xfe\xff", "\xef\xbb\xbfBOM ok", "█ \xe2\x96", "\xed\xa0\x80 surrogate"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		err := CheckText(b)
		bom := bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
		ok := utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 && !bom
		if (err == nil) != ok {
			t.Fatalf("CheckText(%q) = %v, want ok=%v", b, err, ok)
		}
		if err == nil {
			return
		}
		var te *TextError
		if !errors.As(err, &te) || !errors.Is(err, ErrNotText) {
			t.Fatalf("CheckText(%q) = %v, want a *TextError", b, err)
		}
		switch {
		case bom:
			if te.Offset != 0 {
				t.Fatalf("CheckText(%q) offset %d, want 0 (byte-order mark)", b, te.Offset)
			}
		case te.Offset < 0 || te.Offset >= len(b) || !utf8.Valid(b[:te.Offset]) || bytes.IndexByte(b[:te.Offset], 0) >= 0 || !offending(b[te.Offset:]):
			t.Fatalf("CheckText(%q) offset %d is not the first offending byte", b, te.Offset)
		}
	})
}

// offending reports whether b starts with a NUL byte or a byte that begins no valid
// UTF-8 sequence.
func offending(b []byte) bool {
	r, size := utf8.DecodeRune(b)
	return b[0] == 0 || r == utf8.RuneError && size <= 1
}
