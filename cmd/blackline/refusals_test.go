package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusals checks every refusal: exit status 2, one line on stderr naming what was
// wrong, nothing on stdout, and no new commit.
func TestRefusals(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "dod/x", c.file("first.txt", "first\n"), "--label", "v1")
	ok := c.file("ok.txt", "ok\n")
	nul := c.file("nul.bin", "a\x00b")
	badUTF8 := c.file("bad.txt", "\xff\xfe\xfa bad")
	badLater := c.file("bad-later.txt", "fine, then \xfa")
	big := c.file("big.txt", strings.Repeat("x", 64))
	unreadable := c.file("unreadable.txt", "secret\n")
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	small := c.file("small.yaml", "max_bytes: 16\n")
	notArchive := t.TempDir()
	missing := filepath.Join(c.dir, "missing.txt")
	tests := []struct {
		name string
		args []string
		says string
	}{
		{"NUL byte", []string{"add", "dod/x", nul}, "nul.bin: not text: NUL byte at byte offset 1"},
		{"invalid UTF-8", []string{"add", "dod/x", badUTF8}, "not text: UTF-16"},
		{"invalid UTF-8 later", []string{"add", "dod/x", badLater}, "not text: invalid UTF-8 byte 0xFA at byte offset 11"},
		{"missing file", []string{"add", "dod/x", missing}, "read " + missing + ": no such file or directory"},
		{"directory as file", []string{"add", "dod/x", c.dir}, "is a directory"},
		{"too large", []string{"--config", small, "add", "dod/x", big}, "64 bytes is more than the limit of 16 (config max_bytes)"},
		{"parent ID", []string{"add", "../x", ok}, `invalid document ID "../x"`},
		{"absolute ID", []string{"add", "/abs/path", ok}, `invalid document ID "/abs/path": empty segment`},
		{"ID with spaces", []string{"add", "doc with space", ok}, `invalid document ID "doc with space"`},
		{"empty segment", []string{"add", "a//b", ok}, "empty segment"},
		{"duplicate label", []string{"add", "dod/x", ok, "--label", "v1"}, "duplicate label: dod/x already has a version labelled v1"},
		{"bad label", []string{"add", "dod/x", ok, "--label", "bad label"}, `invalid label "bad label"`},
		{"bad kind", []string{"add", "dod/x", ok, "--kind", "draft"}, `invalid kind "draft": want release or transcription`},
		{"bad date", []string{"add", "dod/x", ok, "--date", "2005-02-30"}, `invalid date "2005-02-30": want a calendar date YYYY-MM-DD`},
		{"transcribes on a release", []string{"add", "dod/x", ok, "--kind", "release", "--transcribes", "v1"}, "only a version of kind transcription"},
		{"transcribes an unknown label", []string{"add", "dod/x", ok, "--transcribes", "v7"}, "dod/x has no version labelled v7"},
		{"add with one argument", []string{"add", "dod/x"}, "add: want ID and FILE (or - for standard input), got 1 argument"},
		{"show unknown label", []string{"show", "dod/x@nope"}, "has no version labelled nope (labels: v1)"},
		{"show unknown document", []string{"show", "no/such-doc"}, "resolve no/such-doc: unknown document"},
		{"show too far back", []string{"show", "dod/x~1"}, "dod/x has 1 version"},
		{"show unknown commit", []string{"show", "abcdef12"}, "unknown version"},
		{"log unknown document", []string{"log", "no/such-doc"}, "unknown document"},
		{"log bad ID", []string{"log", "../x"}, `invalid document ID "../x"`},
		{"log bad format", []string{"log", "--format", "yaml"}, `invalid --format "yaml"`},
		{"not an archive: log", []string{"--archive", notArchive, "log"}, "not an archive"},
		{"not an archive: add", []string{"--archive", notArchive, "add", "dod/x", ok}, "not an archive"},
		{"not an archive: show", []string{"--archive", notArchive, "show", "dod/x"}, "not an archive"},
		{"missing archive: list", []string{"--archive", filepath.Join(notArchive, "none"), "list"}, "not an archive"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"add", "dod/x", ok, "--frob"}, "unknown flag: --frob"},
	}
	if os.Geteuid() != 0 { // root reads files whatever their mode
		tests = append(tests, struct {
			name string
			args []string
			says string
		}{"unreadable file", []string{"add", "dod/x", unreadable}, "permission denied"})
	}
	before := mainCommit(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args[0] != "--archive" {
				args = append([]string{"--archive", dir}, args...)
			}
			r := c.run(args...)
			if r.code != 2 {
				t.Errorf("blackline %s: exit %d, want 2", strings.Join(tt.args, " "), r.code)
			}
			if !strings.HasPrefix(r.stderr, "blackline: ") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tt.says) {
				t.Errorf("blackline %s: stderr %q, want one line saying %q", strings.Join(tt.args, " "), r.stderr, tt.says)
			}
			if r.stdout != "" {
				t.Errorf("blackline %s: stdout %q, want nothing", strings.Join(tt.args, " "), r.stdout)
			}
			if after := mainCommit(t, dir); after != before {
				t.Errorf("blackline %s moved main from %s to %s", strings.Join(tt.args, " "), before, after)
			}
		})
	}
	if entries, _ := os.ReadDir(notArchive); len(entries) != 0 {
		t.Errorf("commands on a directory that is not an archive wrote %d entries into it", len(entries))
	}
}
