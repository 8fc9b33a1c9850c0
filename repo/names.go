package repo

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxIDLength is the longest document ID accepted, in bytes.
const MaxIDLength = 200

// MaxLabelLength is the longest label accepted, in bytes.
const MaxLabelLength = 100

// Kind says whether a version is an official release or a transcription of one.
type Kind string

// The kinds of version.
const (
	Release       Kind = "release"
	Transcription Kind = "transcription"
)

// ParseKind returns the Kind named by s ("release" or "transcription").
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case Release, Transcription:
		return k, nil
	}
	return "", &FieldError{Field: "kind", Value: s, Reason: "want release or transcription", Err: ErrInvalidMeta}
}

// ValidateID reports whether id can name a document: segments of [A-Za-z0-9][A-Za-z0-9._-]*
// joined by "/", at most MaxIDLength bytes, no "..", and nothing git refuses in a ref name
// (no segment ending in ".lock" or "."). The error is a *FieldError wrapping ErrInvalidID.
func ValidateID(id string) error {
	bad := func(reason string, args ...any) error {
		return &FieldError{Field: "document ID", Value: id, Reason: fmt.Sprintf(reason, args...), Err: ErrInvalidID}
	}
	if id == "" {
		return bad("empty")
	}
	if len(id) > MaxIDLength {
		return bad("%d bytes, longer than %d", len(id), MaxIDLength)
	}
	for _, seg := range strings.Split(id, "/") {
		if seg == "" {
			return bad(`empty segment (an ID is segments joined by "/", like dod/grachev-1994, with no leading, trailing or doubled "/")`)
		}
		if reason := segmentProblem(seg); reason != "" {
			return bad("segment %q %s", seg, reason)
		}
	}
	return nil
}

// ValidateLabel reports whether label can name a version: [A-Za-z0-9][A-Za-z0-9._-]*, at
// most MaxLabelLength bytes, no "..", not ending in ".lock" or ".". The error is a
// *FieldError wrapping ErrInvalidLabel.
func ValidateLabel(label string) error {
	if label == "" {
		return &FieldError{Field: "label", Value: label, Reason: "empty", Err: ErrInvalidLabel}
	}
	if len(label) > MaxLabelLength {
		return &FieldError{Field: "label", Value: label, Reason: fmt.Sprintf("%d bytes, longer than %d", len(label), MaxLabelLength), Err: ErrInvalidLabel}
	}
	if reason := segmentProblem(label); reason != "" {
		return &FieldError{Field: "label", Value: label, Reason: reason, Err: ErrInvalidLabel}
	}
	return nil
}

// segmentProblem says what is wrong with one ID segment or label, or "" when nothing is.
func segmentProblem(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if i == 0 && !alnum {
			r, _ := utf8.DecodeRuneInString(s)
			return fmt.Sprintf("starts with %q (must start with a letter or digit)", r)
		}
		if !alnum && c != '.' && c != '_' && c != '-' {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return fmt.Sprintf("has %q at byte %d (allowed: letters, digits, '.', '_', '-')", r, i)
		}
	}
	switch {
	case strings.Contains(s, ".."):
		return `contains ".."`
	case strings.HasSuffix(s, ".lock"):
		return `ends in ".lock", which git reserves for its lock files`
	case strings.HasSuffix(s, "."):
		return `ends in "."`
	}
	return ""
}

// CheckText reports whether b is text the archive accepts: valid UTF-8 without NUL bytes.
// The error is a *TextError giving the offset of the first offending byte. O(len(b)).
func CheckText(b []byte) error {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return &TextError{Offset: 0, Reason: "UTF-16 byte-order mark (convert the file to UTF-8)"}
	}
	if utf8.Valid(b) {
		if i := bytes.IndexByte(b, 0); i >= 0 {
			return &TextError{Offset: i, Reason: "NUL byte"}
		}
		return nil
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &TextError{Offset: i, Reason: fmt.Sprintf("invalid UTF-8 byte 0x%02X", b[i])}
		case r == 0:
			return &TextError{Offset: i, Reason: "NUL byte"}
		}
		i += size
	}
	return nil
}

// validateDate accepts an empty date or a calendar date written YYYY-MM-DD.
func validateDate(d string) error {
	if d == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, d); err != nil || len(d) != len(time.DateOnly) {
		return &FieldError{Field: "date", Value: d, Reason: "want a calendar date YYYY-MM-DD", Err: ErrInvalidMeta}
	}
	return nil
}

// validateTrailerValue accepts a single-line value without control characters, so that it
// stays one trailer line.
func validateTrailerValue(field, v string) error {
	for i, r := range v {
		if r < 0x20 || r == 0x7F {
			return &FieldError{Field: field, Value: v, Reason: fmt.Sprintf("control character %q at byte %d (one line of text wanted)", r, i), Err: ErrInvalidMeta}
		}
	}
	if !utf8.ValidString(v) {
		return &FieldError{Field: field, Value: v, Reason: "not valid UTF-8", Err: ErrInvalidMeta}
	}
	return nil
}
