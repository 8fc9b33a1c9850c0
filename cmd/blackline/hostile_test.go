package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/blackline/blackline/config"
)

// refusal is one command line blackline must refuse: exit status 2, one line on stderr
// that says what was wrong, nothing on stdout, nothing written.
type refusal struct {
	name  string
	args  []string
	stdin string
	env   map[string]string
	says  string
}

// checkRefusals runs each refusal against the archive at dir (unless its arguments name
// one) and checks the refusal contract; stderr must hold no control character but its
// final newline, whatever the input held.
func checkRefusals(t *testing.T, c *cli, dir string, tests []refusal) {
	t.Helper()
	before := mainCommit(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if !strings.HasPrefix(args[0], "--archive") && args[0] != "init" {
				args = append([]string{"--archive", dir}, args...)
			}
			saved := c.env
			c.env = map[string]string{}
			for k, v := range saved {
				c.env[k] = v
			}
			for k, v := range tt.env {
				c.env[k] = v
				t.Setenv(k, v) // viper reads the process environment itself
			}
			r := c.runInput(tt.stdin, args...)
			c.env = saved
			line := strings.TrimSuffix(r.stderr, "\n")
			if r.code != 2 {
				t.Errorf("blackline %q: exit %d, want 2", args, r.code)
			}
			if !strings.HasPrefix(line, "blackline: ") || strings.ContainsFunc(line, unicode.IsControl) || !strings.Contains(line, tt.says) {
				t.Errorf("blackline %q: stderr %q, want one printable line saying %q", args, r.stderr, tt.says)
			}
			if r.stdout != "" {
				t.Errorf("blackline %q: stdout %q, want nothing", args, r.stdout)
			}
			if after := mainCommit(t, dir); after != before {
				t.Errorf("blackline %q moved main from %s to %s", args, before, after)
			}
		})
	}
}

// TestHostileInput extends TestRefusals to hostile IDs, labels and metadata, unknown
// references, misplaced archives, oversized standard input, bad configuration and
// unknown flags.
func TestHostileInput(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "dod/x", c.file("first.txt", "first\n"), "--label", "v1")
	ok := c.file("ok.txt", "ok\n")
	small := c.file("small.yaml", "max_bytes: 16\n")
	badRegexp := c.file("regexp.yaml", "redaction:\n  patterns: [\"[unclosed\"]\n")
	typo := c.file("typo.yaml", "colour: always\n")
	malformed := c.file("malformed.yaml", "names: [known\n")
	notANumber := c.file("nan.yaml", "max_bytes: lots\n")
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []refusal{
		{name: "control character in ID", args: []string{"add", "dod/a\x01b", ok}, says: `invalid document ID "dod/a\x01b"`},
		{name: "escape sequence in ID", args: []string{"add", "\x1b[2J\x1b]0;owned\a", ok}, says: `starts with '\x1b'`},
		{name: "bidirectional control in ID", args: []string{"add", "dod/a\u202eb", ok}, says: `has '\u202e' at byte 1`},
		{name: "newline in ID", args: []string{"add", "dod/a\nb", ok}, says: `invalid document ID "dod/a\nb"`},
		{name: "invalid UTF-8 in ID", args: []string{"add", "dod/\xff", ok}, says: `invalid document ID "dod/\xff"`},
		{name: "non-ASCII ID", args: []string{"add", "dod/é", ok}, says: `segment "é" starts with 'é'`},
		{name: "dot-dot inside a segment", args: []string{"add", "dod/a..b", ok}, says: `contains ".."`},
		{name: "ID ending in .lock", args: []string{"add", "dod/x.lock", ok}, says: `ends in ".lock"`},
		{name: "ID ending in a dot", args: []string{"add", "dod/x.", ok}, says: `ends in "."`},
		{name: "trailing slash", args: []string{"add", "dod/x/", ok}, says: "empty segment"},
		{name: "empty ID", args: []string{"add", "", ok}, says: `invalid document ID "": empty`},
		{name: "over-long ID", args: []string{"add", "dod/" + long(197), ok}, says: "201 bytes, longer than 200"},
		{name: "control character in label", args: []string{"add", "dod/x", ok, "--label", "v\x01"}, says: `invalid label "v\x01"`},
		{name: "over-long label", args: []string{"add", "dod/x", ok, "--label", long(101)}, says: "101 bytes, longer than 100"},
		{name: "label longer than a tag file name", args: []string{"add", "dod/" + long(190), ok, "--label", long(70)}, says: "more than a file name holds (255)"},
		{name: "newline in source", args: []string{"add", "dod/x", ok, "--source", "NARA\nDocument: other"}, says: `invalid source "NARA\nDocument: other": control character '\n'`},
		{name: "bell in case number", args: []string{"add", "dod/x", ok, "--case", "F-1\a"}, says: `invalid case "F-1\a"`},
		{name: "transcribes an invalid label", args: []string{"add", "dod/x", ok, "--transcribes", "../v1"}, says: `invalid label "../v1"`},
		{name: "too large on standard input", args: []string{"--config", small, "add", "dod/x", "-"}, stdin: strings.Repeat("x", 64), says: "standard input: more than the limit of 16 bytes (config max_bytes)"},
		{name: "NUL on standard input", args: []string{"add", "dod/x", "-"}, stdin: "SECRET\x00", says: "standard input: not text: NUL byte at byte offset 6"},
		{name: "UTF-16 on standard input", args: []string{"add", "dod/x", "-"}, stdin: "\xff\xfeS\x00", says: "UTF-16 byte-order mark"},
		{name: "diff with an unknown document", args: []string{"diff", "dod/x", "no/such-doc"}, says: "resolve no/such-doc: unknown document"},
		{name: "diff with an unknown label", args: []string{"diff", "dod/x@v1", "dod/x@v9"}, says: "dod/x has no version labelled v9"},
		{name: "diff of a first version", args: []string{"diff", "dod/x"}, says: "is the first version of dod/x"},
		{name: "blame of an unknown document", args: []string{"blame", "no/such-doc"}, says: "unknown document"},
		{name: "reveal of an unknown document", args: []string{"reveal", "no/such-doc"}, says: "unknown document"},
		{name: "redactions of an unknown document", args: []string{"redactions", "no/such-doc"}, says: "unknown document"},
		{name: "show with two @", args: []string{"show", "dod/x@v1@v2"}, says: `invalid label "v1@v2"`},
		{name: "show ID~ not a number", args: []string{"show", "dod/x~two"}, says: `"two" after ~ is not a number of versions`},
		{name: "show ID~ negative", args: []string{"show", "dod/x~-1"}, says: `"-1" after ~ is not a number of versions`},
		{name: "show an empty reference", args: []string{"show", ""}, says: "not a document ID, ID@LABEL, ID~N or commit hash"},
		{name: "show an ambiguous-looking hash", args: []string{"show", "0000"}, says: "unknown version"},
		{name: "archive is a file", args: []string{"--archive", ok, "log"}, says: "not an archive: not a directory"},
		{name: "init over files", args: []string{"init", c.dir}, says: "already exists: directory is not empty"},
		{name: "init over an archive", args: []string{"init", dir}, says: "already exists"},
		{name: "invalid regular expression in config", args: []string{"--config", badRegexp, "log"}, says: `config redaction.patterns (in ` + badRegexp + `): invalid regular expression "[unclosed"`},
		{name: "unknown config key", args: []string{"--config", typo, "log"}, says: "config colour (in " + typo + "): unknown key"},
		{name: "malformed config file", args: []string{"--config", malformed, "log"}, says: "read config " + malformed},
		{name: "config value of the wrong type", args: []string{"--config", notANumber, "log"}, says: "'max_bytes' cannot parse value"},
		{name: "missing config file", args: []string{"--config", filepath.Join(c.dir, "none.yaml"), "log"}, says: "no such file or directory"},
		{name: "negative max_bytes from the environment", args: []string{"log"}, env: map[string]string{"BLACKLINE_MAX_BYTES": "-5"}, says: "config max_bytes: -5 is not a positive size"},
		{name: "invalid color from the environment", args: []string{"log"}, env: map[string]string{"BLACKLINE_COLOR": "purple"}, says: `config color: "purple" is not auto, always or never`},
		{name: "invalid marking pattern from the environment", args: []string{"diff", ok, ok}, env: map[string]string{"BLACKLINE_MARKING_PATTERNS": "a(b"}, says: "marking.patterns"},
		{name: "unknown flag of show", args: []string{"show", "dod/x", "--frob"}, says: "unknown flag: --frob"},
		{name: "unknown flag of diff", args: []string{"diff", "dod/x", "--frob"}, says: "unknown flag: --frob"},
		{name: "unknown flag of init", args: []string{"init", "--frob"}, says: "unknown flag: --frob"},
		{name: "unknown short flag", args: []string{"log", "-z"}, says: "unknown shorthand flag: 'z'"},
		{name: "misspelt command", args: []string{"ad", "dod/x", ok}, says: `unknown command "ad"`},
		{name: "show without a reference", args: []string{"show"}, says: "want one version reference, got 0 arguments"},
		{name: "diff without arguments", args: []string{"diff"}, says: "received 0"},
	}
	checkRefusals(t, c, dir, tests)

	// A config file in the archive is read by every command there: a bad one is named.
	other := filepath.Join(c.dir, "other.git")
	c.ok("init", other)
	if err := os.WriteFile(filepath.Join(other, config.FileName), []byte("marking:\n  patterns: \"a(b\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	checkRefusals(t, c, other, []refusal{
		{name: "invalid regular expression in the archive's config", args: []string{"list"}, says: "config marking.patterns (in " + filepath.Join(other, config.FileName) + "): invalid regular expression \"a(b\""},
	})
}

// TestHugeInputRefused: a 200 MB file (sparse: it takes no disk) is refused above the
// default max_bytes, naming the limit, before it is read; an endless standard input is
// cut at the limit.
func TestHugeInputRefused(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	huge := filepath.Join(c.dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	checkRefusals(t, c, dir, []refusal{
		{name: "200 MB file", args: []string{"add", "dod/x", huge}, says: "209715200 bytes is more than the limit of 52428800 (config max_bytes)"},
		{name: "200 MB file to diff", args: []string{"diff", huge, huge}, says: "more than the limit of 52428800"},
	})

	var stdout, stderr bytes.Buffer
	a := &app{
		stdin:  io.LimitReader(endless{}, 200<<20),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(k string) string { return c.env[k] },
		now:    func() time.Time { return testNow },
	}
	code := a.run(context.Background(), []string{"--archive", dir, "add", "dod/x", "-"})
	if want := "blackline: add dod/x: read standard input: more than the limit of 52428800 bytes (config max_bytes)\n"; code != 2 || stderr.String() != want {
		t.Errorf("add of 200 MB on standard input: exit %d, stderr %q; want 2, %q", code, stderr.String(), want)
	}
}

// endless reads as an endless run of "x".
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestDamagedArchive: commands on an archive whose objects are damaged — a text object with
// other bytes under its name, then a packfile with flipped bytes — fail with one line that
// names what is wrong, and never print other text.
func TestDamagedArchive(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	const v2 = "SECRET\nThe minister said Smith.\n"
	c.ok("--archive", dir, "add", "dod/x", c.file("v1.txt", "SECRET\nThe minister said (b)(6).\n"))
	c.ok("--archive", dir, "add", "dod/x", c.file("v2.txt", v2))
	latest := version(t, dir, "dod/x")
	hash := plumbing.ComputeHash(plumbing.BlobObject, []byte(v2)).String()
	file := filepath.Join(dir, "objects", hash[:2], hash[2:])
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var other bytes.Buffer
	w := zlib.NewWriter(&other)
	w.Write([]byte("blob 29\x00SECRET\nThe minister said Jones.\n"))
	w.Close()
	os.Chmod(file, 0o644)
	if err := os.WriteFile(file, other.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkRefusals(t, c, dir, []refusal{
		{name: "show of a damaged text", args: []string{"show", "dod/x"}, says: "read blob " + hash + ": corrupt object"},
		{name: "diff with a damaged text", args: []string{"diff", "dod/x~1", latest.Commit}, says: "read blob " + hash + ": corrupt object"},
	})
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed: no packfile to damage")
	}
	if out, err := exec.Command(git, "--git-dir", dir, "repack", "-adq").CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v\n%s", err, out)
	}
	packs, _ := filepath.Glob(filepath.Join(dir, "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("git repack made %d packs, want 1", len(packs))
	}
	b, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := 12; i < len(b)-20; i += 7 {
		b[i] ^= 0x5a
	}
	os.Chmod(packs[0], 0o644)
	if err := os.WriteFile(packs[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "blackline")) // the version index cache, which spares reading commits
	checkRefusals(t, c, dir, []refusal{
		{name: "show from a damaged pack", args: []string{"show", "dod/x"}, says: "read commit"},
		{name: "log from a damaged pack", args: []string{"log", "dod/x"}, says: "read commit"},
		{name: "list from a damaged pack", args: []string{"list"}, says: "read commit"},
	})
}
