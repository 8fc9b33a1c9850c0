package repo

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateID(t *testing.T) {
	tests := []struct {
		id     string
		ok     bool
		reason string // part of the message when refused
	}{
		{"dod", true, ""},
		{"dod/grachev-1994", true, ""},
		{"jfk/104-10004-10143", true, ""},
		{"a/b.c/d_e/F9", true, ""},
		{strings.Repeat("a", MaxIDLength), true, ""},
		{strings.Repeat("a", MaxIDLength+1), false, "longer than 200"},
		{"", false, "empty"},
		{"../x", false, `segment ".."`},
		{"/abs", false, "empty segment"},
		{"abs/", false, "empty segment"},
		{"a//b", false, "empty segment"},
		{"doc with space", false, "' ' at byte 3"},
		{"a/.hidden", false, `starts with '.'`},
		{"a/b..c", false, `contains ".."`},
		{"refs.lock", false, `ends in ".lock"`},
		{"a/b./c", false, `ends in "."`},
		{"a@b", false, "'@'"},
		{"a~1", false, "'~'"},
		{"a:b", false, "':'"},
		{"é", false, "starts with"},
		{"aé", false, "'é' at byte 1"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			err := ValidateID(tt.id)
			if tt.ok {
				if err != nil {
					t.Errorf("ValidateID(%q) = %v, want nil", tt.id, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidID) {
				t.Fatalf("ValidateID(%q) = %v, want ErrInvalidID", tt.id, err)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "document ID" || fe.Value != tt.id {
				t.Errorf("ValidateID(%q) = %#v, want a *FieldError for the document ID", tt.id, err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("ValidateID(%q) = %q, want it to say %q", tt.id, err, tt.reason)
			}
		})
	}
}

func TestValidateLabel(t *testing.T) {
	tests := []struct {
		label string
		ok    bool
	}{
		{"v1", true},
		{"foia-2005", true},
		{"nara_2022.12", true},
		{"2016", true},
		{"", false},
		{"bad label", false},
		{"-x", false},
		{"a/b", false},
		{"x.lock", false},
		{"x.", false},
		{"a..b", false},
		{"a@{1}", false},
		{strings.Repeat("l", MaxLabelLength+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			err := ValidateLabel(tt.label)
			if (err == nil) != tt.ok {
				t.Fatalf("ValidateLabel(%q) = %v, want ok=%v", tt.label, err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrInvalidLabel) {
				t.Errorf("ValidateLabel(%q) = %v, want ErrInvalidLabel", tt.label, err)
			}
		})
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		offset int // -1: accepted
		reason string
	}{
		{"plain", "SECRET\nline", -1, ""},
		{"empty", "", -1, ""},
		{"crlf bom trailing spaces", "\xef\xbb\xbfSECRET\r\nline  \r\n", -1, ""},
		{"cyrillic", "Грачев", -1, ""},
		{"nul", "a\x00b", 1, "NUL byte"},
		{"nul after multibyte", "é\x00", 2, "NUL byte"},
		{"invalid first byte", "\xff\xfe\xfa bad", 0, "UTF-16"},
		{"invalid later", "ok \xfa", 3, "invalid UTF-8 byte 0xFA"},
		{"truncated sequence", "ab\xc3", 2, "invalid UTF-8 byte 0xC3"},
		{"nul before invalid", "\x00\xff", 0, "NUL byte"},
		{"invalid before nul", "\xc3(\x00", 0, "invalid UTF-8"},
		{"utf16be", "\xfe\xff\x00a", 0, "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText([]byte(tt.text))
			if tt.offset < 0 {
				if err != nil {
					t.Errorf("CheckText(%q) = %v, want nil", tt.text, err)
				}
				return
			}
			var te *TextError
			if !errors.As(err, &te) || !errors.Is(err, ErrNotText) {
				t.Fatalf("CheckText(%q) = %v, want a *TextError wrapping ErrNotText", tt.text, err)
			}
			if te.Offset != tt.offset || !strings.Contains(te.Reason, tt.reason) {
				t.Errorf("CheckText(%q) = offset %d %q, want offset %d %q", tt.text, te.Offset, te.Reason, tt.offset, tt.reason)
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	for _, s := range []string{"release", "transcription"} {
		if k, err := ParseKind(s); err != nil || string(k) != s {
			t.Errorf("ParseKind(%q) = %q, %v, want %q", s, k, err, s)
		}
	}
	for _, s := range []string{"", "draft", "Release"} {
		if _, err := ParseKind(s); !errors.Is(err, ErrInvalidMeta) {
			t.Errorf("ParseKind(%q) = %v, want ErrInvalidMeta", s, err)
		}
	}
}

func TestValidateDate(t *testing.T) {
	for _, d := range []string{"", "2005-03-01", "1994-01-05", "2024-02-29"} {
		if err := validateDate(d); err != nil {
			t.Errorf("validateDate(%q) = %v, want nil", d, err)
		}
	}
	for _, d := range []string{"2005-3-1", "2005-02-30", "05-03-01", "2005/03/01", "yesterday", "2023-02-29"} {
		if err := validateDate(d); !errors.Is(err, ErrInvalidMeta) {
			t.Errorf("validateDate(%q) = %v, want ErrInvalidMeta", d, err)
		}
	}
}
