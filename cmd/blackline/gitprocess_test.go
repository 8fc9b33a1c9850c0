package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blackline/blackline/repo"
)

// gitRunner runs the git CLI with a fixed identity and no user config.
type gitRunner struct {
	t    *testing.T
	path string
	env  []string
}

func needGitCLI(t *testing.T) *gitRunner {
	t.Helper()
	path, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	home := t.TempDir()
	return &gitRunner{t: t, path: path, env: append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Git User", "GIT_AUTHOR_EMAIL=git@example.org", "GIT_COMMITTER_NAME=Git User", "GIT_COMMITTER_EMAIL=git@example.org")}
}

// run runs git in dir with extra environment variables and returns its standard output.
func (g *gitRunner) run(dir string, env []string, args ...string) string {
	g.t.Helper()
	cmd := exec.Command(g.path, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, g.env...), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		g.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// hasInOrder reports whether text holds each of parts, in that order.
func hasInOrder(text string, parts ...string) bool {
	for _, p := range parts {
		i := strings.Index(text, p)
		if i < 0 {
			return false
		}
		text = text[i+len(p):]
	}
	return true
}

// TestBuiltBinaryWithGit drives the built binary through the git CLI: as git's external
// diff driver, installed by git-setup, on an archive written by git itself, and as several
// processes pulling and adding into one archive at once.
func TestBuiltBinaryWithGit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	g := needGitCLI(t)
	bin := buildBinary(t)

	t.Run("git log -p --ext-diff with GIT_EXTERNAL_DIFF", func(t *testing.T) {
		c := newCLI(t)
		dir := logArchive(t, c)
		out := g.run("", []string{"GIT_EXTERNAL_DIFF=" + bin + " git-diff"}, "--git-dir", dir, "log", "-p", "--ext-diff", "main", "--", "dod/grachev/text.txt")
		if !hasInOrder(out, "dod/grachev: mdr-2016 (release)", "blackline diff a/dod/grachev/text.txt b/dod/grachev/text.txt",
			"Redactions: 1", "lifted", "- (b)(1)", "+ early warning") {
			t.Errorf("git log -p --ext-diff shows no lifted redaction:\n%s", out)
		}
		if !hasInOrder(out, "dod/grachev: foia-2005 (release)", "new file mode 100644", "new text: 2 lines") {
			t.Errorf("git log -p --ext-diff does not describe the first version as a new text:\n%s", out)
		}
	})

	t.Run("git-setup, then git diff and git log", func(t *testing.T) {
		c := newCLI(t)
		dir := logArchive(t, c)
		w := filepath.Join(t.TempDir(), "work")
		g.run("", nil, "clone", "-q", dir, w)
		if out, err := exec.Command(bin, "git-setup", "--command", bin+" git-diff", w).CombinedOutput(); err != nil {
			t.Fatalf("git-setup: %v\n%s", err, out)
		}
		out := g.run(w, nil, "diff", "main~3", "main~1", "--", "dod/grachev/text.txt")
		if !hasInOrder(out, "blackline diff a/dod/grachev/text.txt", "Redactions: 1", "lifted") {
			t.Errorf("git diff after git-setup shows no semantic diff:\n%s", out)
		}
		out = g.run(w, nil, "log", "-p", "--ext-diff", "-1", "main~1")
		if !hasInOrder(out, "Redactions: 1", "lifted") {
			t.Errorf("git log -p --ext-diff after git-setup shows no semantic diff:\n%s", out)
		}
		out = g.run(w, nil, "show", "--ext-diff", "main")
		if !hasInOrder(out, "dod/grachev: ocr (transcription)", "Transcription fixes") {
			t.Errorf("git show --ext-diff after git-setup shows no transcription fix:\n%s", out)
		}
		if got := g.run(w, nil, "status", "--porcelain"); got != "" {
			t.Errorf("git status after git-setup = %q, want clean", got)
		}
		if got := g.run(w, nil, "check-attr", "diff", "dod/grachev/text.txt"); got != "dod/grachev/text.txt: diff: blackline\n" {
			t.Errorf("git check-attr = %q", got)
		}
	})

	t.Run("archive written by git", func(t *testing.T) {
		w := t.TempDir()
		g.run(w, nil, "init", "-q", "-b", "main")
		c := newCLI(t)
		commit := func(msg, text string) {
			if err := os.MkdirAll(filepath.Join(w, "memo"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(w, "memo", "text.txt"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			g.run(w, nil, "add", "-A")
			g.run(w, nil, "commit", "-q", "-m", msg)
		}
		commit("First scan", "SECRET\nThe Minister proposed (b)(1).\n")
		commit("Second release", "CONFIDENTIAL\nThe Minister proposed a joint early warning center.\n")
		first := strings.TrimSpace(g.run(w, nil, "rev-parse", "--short=7", "main~1"))
		second := strings.TrimSpace(g.run(w, nil, "rev-parse", "--short=7", "main"))

		if got := c.ok("--archive", w, "list"); !hasInOrder(got, "memo", "2", second) {
			t.Errorf("list = %q, want memo with 2 versions, latest %s", got, second)
		}
		if got := c.ok("--archive", w, "log", "memo"); !hasInOrder(got, second, first) {
			t.Errorf("log memo = %q, want both versions labelled by commit", got)
		}
		if got := c.ok("--archive", w, "show", "memo~1"); got != "SECRET\nThe Minister proposed (b)(1).\n" {
			t.Errorf("show memo~1 = %q", got)
		}
		r := c.run("--archive", w, "diff", "memo")
		if r.code != 1 || !hasInOrder(r.stdout, "memo@"+first, "memo@"+second, "Redactions: 1", "lifted") {
			t.Errorf("diff memo = exit %d\n%s\nwant the lifted redaction between the two commits", r.code, r.stdout)
		}
		out := g.run(w, []string{"GIT_EXTERNAL_DIFF=" + bin + " git-diff"}, "log", "-p", "--ext-diff", "-1")
		if !hasInOrder(out, "Second release", "Redactions: 1", "lifted") {
			t.Errorf("git log --ext-diff on an archive written by git:\n%s", out)
		}
		c.ok("--archive", w, "add", "memo", c.file("r3.txt", "UNCLASSIFIED\nThe Minister proposed a joint early warning center.\n"), "--label", "r3")
		if got := g.run(w, nil, "status", "--porcelain"); got != "" {
			t.Errorf("git status after add = %q, want clean", got)
		}
	})

	t.Run("pull and add at once", func(t *testing.T) {
		c := newCLI(t)
		remote := bareRemote(t, c)
		c.ok("--archive", logArchive(t, c), "push", remote)
		x, y := filepath.Join(t.TempDir(), "x.git"), filepath.Join(t.TempDir(), "y.git")
		c.ok("clone", remote, x)
		c.ok("clone", remote, y)
		env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "HOME="+c.dir, "XDG_CONFIG_HOME="+c.dir, "PATH=")
		blackline := func(args ...string) error {
			cmd := exec.Command(bin, args...)
			cmd.Env = env
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("blackline %s: %v: %s", strings.Join(args, " "), err, out)
			}
			return nil
		}
		const each = 30
		var wg sync.WaitGroup
		errs := make(chan error, 4*each)
		wg.Add(3)
		go func() { // adds into x
			defer wg.Done()
			for i := 1; i <= each; i++ {
				errs <- blackline("--archive", x, "add", fmt.Sprintf("x/doc-%d", i), c.file(fmt.Sprintf("x%d.txt", i), fmt.Sprintf("SECRET\nx %d\n", i)))
			}
		}()
		go func() { // adds into y and pushes to the remote
			defer wg.Done()
			for i := 1; i <= each; i++ {
				errs <- blackline("--archive", y, "add", fmt.Sprintf("y/doc-%d", i), c.file(fmt.Sprintf("y%d.txt", i), fmt.Sprintf("SECRET\ny %d\n", i)))
				if i%3 == 0 {
					errs <- blackline("--archive", y, "push")
				}
			}
		}()
		go func() { // pulls into x meanwhile
			defer wg.Done()
			for range each / 3 {
				errs <- blackline("--archive", x, "pull")
			}
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		c.ok("--archive", x, "pull")
		ar, err := repo.Open(x)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ar.Documents()
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, d := range docs {
			counts[strings.Split(d.ID, "/")[0]]++
		}
		if counts["x"] != each || counts["y"] != each || counts["dod"] != 2 {
			t.Errorf("documents after adding and pulling at once = %v, want x:%d y:%d dod:2", counts, each, each)
		}
		tags := strings.Fields(g.run("", nil, "--git-dir", x, "tag"))
		if len(tags) != 2*each+4 {
			t.Errorf("git tag lists %d tags, want %d", len(tags), 2*each+4)
		}
		g.run("", nil, "--git-dir", x, "fsck", "--strict")
	})
}
