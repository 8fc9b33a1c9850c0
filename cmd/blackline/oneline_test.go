package main

import "testing"

// TestOneLine: an error message is one line, with what a terminal would act on escaped.
func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"two\nlines\r\n\tindented  ", "two lines indented"},
		{"escape \x1b[2J and bell \a", `escape \x1b[2J and bell \a`},
		{"bidi a\u202eb, C1 \u0085x\u009b", `bidi a\u202eb, C1 x\u009b`},
		{"not UTF-8 \xff\xfe", `not UTF-8 \xff\xfe`},
		{"kept: é █ (b)(6)", "kept: é █ (b)(6)"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
