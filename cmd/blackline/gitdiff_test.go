package main

import (
	"os"
	"strings"
	"testing"
)

func TestGitDiffDriver(t *testing.T) {
	c := newCLI(t)
	old := c.file("old.txt", "SECRET\nThe Minister proposed (b)(1).\n")
	new := c.file("new.txt", "CONFIDENTIAL\nThe Minister proposed a joint early warning center.\n")
	scan := c.file("scan.bin", "PDF\x00\x01binary")
	const path = "dod/grachev/text.txt"
	tests := []struct {
		name string
		args []string
		want []string // lines the output must hold, in order
	}{
		{"changed text", []string{path, old, "1111111aaaa", "100644", new, "2222222bbbb", "100644"}, []string{
			"blackline diff a/dod/grachev/text.txt b/dod/grachev/text.txt",
			"index 1111111..2222222",
			"old: a/dod/grachev/text.txt",
			"new: b/dod/grachev/text.txt",
			"Redactions: 1",
			"  lifted",
			"    - (b)(1)",
			"    + a joint early warning center",
			"Classification markings: 1",
		}},
		{"added text", []string{path, os.DevNull, ".", ".", new, "2222222bbbb", "100644"}, []string{
			"blackline diff a/dod/grachev/text.txt b/dod/grachev/text.txt",
			"new file mode 100644",
			"index 0000000..2222222",
			"new text: 2 lines, 65 bytes",
		}},
		{"deleted text", []string{path, old, "1111111aaaa", "100644", os.DevNull, ".", "."}, []string{
			"deleted file mode 100644",
			"index 1111111..0000000",
			"deleted text: 2 lines, 37 bytes",
		}},
		{"not text", []string{"dod/grachev/scan.pdf", scan, "1111111aaaa", "100644", new, "2222222bbbb", "100644"}, []string{
			"a/dod/grachev/scan.pdf and b/dod/grachev/scan.pdf not compared: not text (NUL byte)",
		}},
		{"renamed", []string{path, old, "1111111aaaa", "100644", new, "2222222bbbb", "100644", "dod/grachev-1994/text.txt", "similarity index 60%"}, []string{
			"blackline diff a/dod/grachev/text.txt b/dod/grachev-1994/text.txt",
			"Redactions: 1",
		}},
		{"unmerged", []string{path}, []string{"* Unmerged path dod/grachev/text.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.run(append([]string{"git-diff"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("git-diff = exit %d, %q, want exit 0 (git treats anything else as a failure)", r.code, r.stderr)
			}
			rest := r.stdout
			for _, line := range tt.want {
				i := strings.Index(rest, line)
				if i < 0 {
					t.Errorf("git-diff output lacks %q (in order):\n%s", line, r.stdout)
					break
				}
				rest = rest[i+len(line):]
			}
		})
	}
	r := c.run("git-diff", path, old)
	if r.code != 2 || !strings.Contains(r.stderr, "want the 7 arguments git passes") {
		t.Errorf("git-diff with 2 arguments = exit %d, %q, want a usage error", r.code, r.stderr)
	}
	r = c.run("git-diff", path, c.dir+"/missing", "1", "100644", new, "2", "100644")
	if r.code != 2 || !strings.Contains(r.stderr, "missing") {
		t.Errorf("git-diff of a missing file = exit %d, %q, want an error naming it", r.code, r.stderr)
	}
}
