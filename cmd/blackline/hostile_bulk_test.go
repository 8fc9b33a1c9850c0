package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestHostileImport: an import with bad entries lists each on its own line ("bad entry:
// ORIGIN: ID@LABEL: reason") and ends with one line refusing the whole import, exit 2,
// nothing written; a path that is no import folder or manifest is one line.
func TestHostileImport(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "dod/x", c.file("first.txt", "first\n"), "--label", "v1")
	tree := filepath.Join(c.dir, "tree")
	c.file("tree/dod/y/nul.txt", "a\x00b")
	c.file("tree/dod/y/utf16.txt", "\xff\xfeS\x00")
	c.file("tree/dod/y/kind.txt", "ok\n")
	c.file("tree/dod/y/kind.yaml", "kind: draft\n")
	c.file("tree/dod/y/typo.txt", "ok\n")
	c.file("tree/dod/y/typo.yaml", "knd: release\n")
	c.file("tree/dod/x/v1.txt", "another text under a label the archive holds\n")
	c.file("tree/loose.txt", "a text outside any document folder\n")
	huge := c.file("tree/dod/y/huge.txt", "")
	if err := os.Truncate(huge, 200<<20); err != nil {
		t.Fatal(err)
	}
	manifest := c.file("m.csv", strings.Join([]string{
		"id,label,kind,date,source,case,file",
		"../x,v1,,,,,ok.txt",
		"dod/z,v1,,,,,ok.txt",
		"dod/z,v1,,,,,ok.txt",
		"dod/z,v2,,2020-13-45,,,ok.txt",
		"dod/z,v3,,,\"NARA\nDocument: other\",,ok.txt",
		"dod/z,v4,,,,,missing.txt",
		"dod/z,v5\n\"unterminated,v6,,,,,ok.txt",
	}, "\n")+"\n")
	c.file("ok.txt", "ok\n")
	tests := []struct {
		name string
		path string
		says []string // one per bad entry, in order
	}{
		{"a folder of bad texts", tree, []string{
			"huge.txt: dod/y@huge: 209715200 bytes is more than the limit of 52428800 (config max_bytes)",
			"kind.txt: dod/y@kind: invalid kind \"draft\"",
			"nul.txt: dod/y@nul: not text: NUL byte at byte offset 1",
			"typo.yaml: metadata: ", // the YAML error names the unknown key
			"utf16.txt: dod/y@utf16: not text: UTF-16 byte-order mark",
			"loose.txt: a text outside any document folder",
			"dod/x/v1.txt: dod/x@v1: ",
		}},
		{"a manifest of bad rows", manifest, []string{
			"m.csv:2: ../x@v1: invalid document ID \"../x\"",
			"m.csv:3: dod/z@v1: duplicate label",
			"m.csv:4: dod/z@v1: duplicate label",
			"m.csv:5: dod/z@v2: invalid date \"2020-13-45\"",
			"m.csv:6: dod/z@v3: invalid source \"NARA\\nDocument: other\"",
			"m.csv:8: dod/z@v4: unreadable: no such file or directory", // the source above spans two lines
			"m.csv:9: 2 fields, want 7",
			"m.csv:10: extraneous or missing \" in quoted-field",
		}},
	}
	before := mainCommit(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.run("--archive", dir, "import", tt.path)
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if r.code != 2 || r.stdout != "" || len(lines) != len(tt.says)+1 {
				t.Fatalf("import %s: exit %d, stdout %q, stderr %q; want 2, nothing, %d bad entries and a refusal", tt.path, r.code, r.stdout, r.stderr, len(tt.says))
			}
			for _, line := range lines {
				if strings.ContainsFunc(line, unicode.IsControl) {
					t.Errorf("import %s: stderr line %q holds a control character", tt.path, line)
				}
			}
			bad := lines[:len(lines)-1]
			for _, want := range tt.says {
				found := false
				for _, line := range bad {
					found = found || strings.HasPrefix(line, "bad entry: ") && strings.Contains(line, want)
				}
				if !found {
					t.Errorf("import %s: no bad entry says %q in %q", tt.path, want, bad)
				}
			}
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, "blackline: import refused: ") || !strings.Contains(last, "nothing written") {
				t.Errorf("import %s: last line %q, want the refusal", tt.path, last)
			}
			if after := mainCommit(t, dir); after != before {
				t.Errorf("import %s moved main", tt.path)
			}
		})
	}

	checkRefusals(t, c, dir, []refusal{
		{name: "import of a CSV without the header", args: []string{"import", c.file("notm.csv", "a,b\n")}, says: "not an import folder or manifest: header \"a,b\""},
		{name: "import of nothing", args: []string{"import", filepath.Join(c.dir, "none")}, says: "no such file or directory"},
		{name: "import of an empty file", args: []string{"import", c.file("empty.csv", "")}, says: "not an import folder or manifest"},
		{name: "pull without a remote", args: []string{"pull"}, says: "the archive has no remote"},
		{name: "pull from no repository", args: []string{"pull", filepath.Join(c.dir, "none.git")}, says: "no repository at the remote"},
		{name: "pull from a closed port", args: []string{"pull", "http://127.0.0.1:1/x.git"}, says: "connection refused"},
		{name: "push without a remote", args: []string{"push"}, says: "the archive has no remote"},
		{name: "gc of no archive", args: []string{"--archive", filepath.Join(c.dir, "none"), "gc"}, says: "not an archive"},
		{name: "clone into files", args: []string{"clone", dir, tree}, says: "already exists: directory is not empty"},
		{name: "clone of no repository", args: []string{"clone", filepath.Join(c.dir, "none.git"), filepath.Join(c.dir, "c.git")}, says: "no repository at the remote"},
		{name: "git-diff with two arguments", args: []string{"git-diff", "a", "b"}, says: "want the 7 arguments git passes"},
	})
	if _, err := os.Stat(filepath.Join(c.dir, "c.git")); err == nil {
		t.Errorf("a refused clone left %s", filepath.Join(c.dir, "c.git"))
	}
}
