package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bareRemote makes an empty archive to push to and returns its directory.
func bareRemote(t *testing.T, c *cli) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "remote.git")
	c.ok("init", dir)
	return dir
}

func TestPushCloneAndPullCommands(t *testing.T) {
	t.Setenv("PATH", "") // no git binary can be used
	c := newCLI(t)
	a := logArchive(t, c)
	remote := bareRemote(t, c)

	out := c.ok("--archive", a, "push", remote)
	want := "pushed 4 versions of 2 documents and 4 tags to " + remote + " (main (none).." + mainCommit(t, a)[:7] + ")\n" +
		"  dod/grachev  foia-2005, mdr-2016, ocr\n" +
		"  dod/other    v1\n"
	if out != want {
		t.Errorf("push =\n%s\nwant\n%s", out, want)
	}
	if got := c.ok("--archive", a, "push", remote); got != remote+" is already up to date\n" {
		t.Errorf("second push = %q, want already up to date", got)
	}

	clone := filepath.Join(t.TempDir(), "clone.git")
	out = c.ok("clone", remote, clone)
	if want := "cloned " + remote + " into " + clone + ": 4 versions of 2 documents\n"; out != want {
		t.Errorf("clone = %q, want %q", out, want)
	}
	if got := c.ok("--archive", clone, "remote"); got != "origin  "+remote+"\n" {
		t.Errorf("remote list in the clone = %q", got)
	}

	c.ok("--archive", a, "remote", "add", "origin", remote)
	text := "UNCLASSIFIED\r\nearly warning, no final newline"
	c.ok("--archive", a, "add", "dod/grachev", c.file("nara.txt", text), "--label", "nara-2025")
	c.ok("--archive", a, "push")
	before := mainCommit(t, clone)
	out = c.ok("--archive", clone, "pull")
	want = "pulled 1 version of 1 document and 1 tag from origin (main " + before[:7] + ".." + mainCommit(t, a)[:7] + ")\n" +
		"  dod/grachev  nara-2025\n"
	if out != want {
		t.Errorf("pull =\n%s\nwant\n%s", out, want)
	}
	if got := c.ok("--archive", clone, "show", "dod/grachev@nara-2025"); got != text {
		t.Errorf("show of the pulled version = %q, want %q", got, text)
	}
	if got := c.ok("--archive", clone, "pull"); got != "already up to date with origin\n" {
		t.Errorf("second pull = %q", got)
	}
}

func TestPullMergeAndConflictCommands(t *testing.T) {
	t.Setenv("PATH", "")
	c := newCLI(t)
	remote := bareRemote(t, c)
	c.ok("--archive", logArchive(t, c), "push", remote)
	a, b := filepath.Join(t.TempDir(), "a.git"), filepath.Join(t.TempDir(), "b.git")
	c.ok("clone", remote, a)
	c.ok("clone", remote, b)

	c.ok("--archive", a, "add", "cia/memo", c.file("m.txt", "SECRET\n25X1\n"), "--label", "scan-1998")
	c.ok("--archive", a, "push")
	c.ok("--archive", b, "add", "dod/other", c.file("o.txt", "other, revised\n"), "--label", "v2")
	r := c.run("--archive", b, "push")
	if r.code != 2 || !strings.Contains(r.stderr, "pull, then push again") {
		t.Errorf("push of a diverged archive = exit %d, %q, want a refusal saying to pull first", r.code, r.stderr)
	}
	out := c.ok("--archive", b, "pull")
	if !strings.HasPrefix(out, "pulled 1 version of 1 document and 1 tag from origin (merged as ") || !strings.HasSuffix(out, "  cia/memo  scan-1998\n") {
		t.Errorf("pull with different documents on both sides = %q, want a merge of cia/memo@scan-1998", out)
	}
	if got := c.ok("--archive", b, "show", "cia/memo"); got != "SECRET\n25X1\n" {
		t.Errorf("show cia/memo after the merge = %q", got)
	}
	c.ok("--archive", b, "push")

	// Both add a version of the same document: the pull stops and changes nothing.
	c.ok("--archive", a, "pull")
	c.ok("--archive", a, "add", "dod/grachev", c.file("g1.txt", "from a\n"), "--label", "nara-2025")
	c.ok("--archive", a, "push")
	c.ok("--archive", b, "add", "dod/grachev", c.file("g2.txt", "from b\n"), "--label", "cable-2024")
	before := mainCommit(t, b)
	r = c.run("--archive", b, "pull")
	if r.code != 2 || r.stdout != "" {
		t.Errorf("conflicting pull = exit %d, stdout %q, want exit 2 and nothing on stdout", r.code, r.stdout)
	}
	for _, want := range []string{"dod/grachev", "cable-2024 here", "nara-2025 on origin", "nothing was changed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("conflicting pull's message %q does not say %q", r.stderr, want)
		}
	}
	if mainCommit(t, b) != before {
		t.Errorf("a conflicting pull moved main")
	}
	if _, err := os.Stat(filepath.Join(b, "refs", "tags", "dod", "grachev@nara-2025")); err == nil {
		t.Errorf("a conflicting pull wrote the remote's tag")
	}
}

func TestRemoteCommands(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "") // go-git reads it from the process
	c := newCLI(t)
	dir := c.archive()
	other := bareRemote(t, c)
	if got := c.ok("--archive", dir, "remote", "add", "origin", other); got != "added remote origin: "+other+"\n" {
		t.Errorf("remote add = %q", got)
	}
	c.ok("--archive", dir, "remote", "add", "backup", "https://example.org/memos.git")
	if got := c.ok("--archive", dir, "remote", "list"); got != "backup  https://example.org/memos.git\norigin  "+other+"\n" {
		t.Errorf("remote list = %q", got)
	}
	if got := c.ok("--archive", dir, "remote", "rm", "backup"); got != "removed remote backup\n" {
		t.Errorf("remote rm = %q", got)
	}
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"remote", "add", "origin", other}, "remote already exists"},
		{[]string{"remote", "add", "bad name", other}, "invalid remote"},
		{[]string{"remote", "remove", "backup"}, "unknown remote: backup"},
		{[]string{"push", "nowhere"}, "unknown remote: nowhere (remotes: origin)"},
		{[]string{"push", filepath.Join(t.TempDir(), "missing.git")}, "no repository at the remote"},
		{[]string{"pull", "ftp://example.org/x"}, "invalid remote"},
		{[]string{"remote", "add", "x"}, "want a name and a URL or path"},
		{[]string{"push", "ssh://git@127.0.0.1:1/memos.git"}, "authentication failed: error creating SSH agent"},
		{[]string{"push", "ssh://git@127.0.0.1:1/memos.git"}, "else BLACKLINE_SSH_KEY and BLACKLINE_SSH_PASSPHRASE"},
	} {
		r := c.run(append([]string{"--archive", dir}, tt.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.says) {
			t.Errorf("blackline %s = exit %d, %q, want exit 2 saying %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.says)
		}
	}
}
