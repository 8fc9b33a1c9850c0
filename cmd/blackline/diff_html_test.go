package main

import (
	"strings"
	"testing"
)

// TestDiffCommandHTML checks blackline diff --format html: one self-contained page with
// both versions, exit status 1 for differences, and --only honoured.
func TestDiffCommandHTML(t *testing.T) {
	c := newCLI(t)
	old := c.file("old.txt", "SECRET\n\nThe agent <script>alert(1)</script> met (b)(6) in Vienna.\n")
	new := c.file("new.txt", "UNCLASSIFIED\n\nThe agent <script>alert(1)</script> met Mr. John Doe in Vienna.\n")
	tests := []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{
			name: "page", args: []string{"diff", "--format", "html", old, new},
			want: []string{"<!DOCTYPE html>", "<style>", `<span class="bar" title="withheld: (b)(6)">`, "lifted (b)(6)",
				"&lt;script&gt;alert(1)&lt;/script&gt;", `href="#list-marking"`},
			notWant: []string{"<script>alert(1)"},
		},
		{
			name: "only", args: []string{"diff", "--format", "html", "--only", "redaction", old, new},
			want:    []string{"lifted (b)(6)", `<span class="chip cat-marking zero">`},
			notWant: []string{`class="chg k-marking`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.run(append([]string{"--archive", c.dir}, tt.args...)...)
			if r.code != 1 || r.stderr != "" {
				t.Fatalf("blackline %s: exit %d, stderr %q; want 1 and nothing", strings.Join(tt.args, " "), r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("blackline %s: page lacks %q", strings.Join(tt.args, " "), w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.stdout, w) {
					t.Errorf("blackline %s: page holds %q", strings.Join(tt.args, " "), w)
				}
			}
		})
	}
}
