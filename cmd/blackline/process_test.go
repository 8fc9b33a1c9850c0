package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blackline/blackline/repo"
)

// buildBinary compiles blackline into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "blackline")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestTwoProcessesAddingAtOnce runs two blackline processes that each add 30 versions
// into one archive at the same time: all 60 commits and tags must be there.
func TestTwoProcessesAddingAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	c := newCLI(t)
	dir := c.archive()
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "HOME="+c.dir, "XDG_CONFIG_HOME="+c.dir)
	const each = 30
	var wg sync.WaitGroup
	errs := make(chan string, 2*each)
	for w := 1; w <= 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; i <= each; i++ {
				file := c.file(fmt.Sprintf("w%d-%d.txt", w, i), fmt.Sprintf("SECRET\nmemo %d-%d (b)(1)\n", w, i))
				cmd := exec.Command(bin, "--archive", dir, "add", fmt.Sprintf("w%d/doc-%d", w, i), file, "--label", "v1")
				cmd.Env = env
				if out, err := cmd.CombinedOutput(); err != nil {
					errs <- fmt.Sprintf("writer %d add %d: %v: %s", w, i, err, out)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	a, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := a.Documents()
	if err != nil || len(docs) != 2*each {
		t.Fatalf("Documents() = %d, %v, want %d", len(docs), err, 2*each)
	}
	for _, d := range docs {
		if _, err := a.Resolve(d.ID + "@v1"); err != nil {
			t.Errorf("Resolve(%s@v1): %v", d.ID, err)
		}
	}
	if git, err := exec.LookPath("git"); err == nil {
		if out, err := exec.Command(git, "--git-dir", dir, "fsck", "--strict").CombinedOutput(); err != nil {
			t.Errorf("git fsck --strict: %v\n%s", err, out)
		}
		out, _ := exec.Command(git, "--git-dir", dir, "rev-list", "--count", "main").Output()
		if n := strings.TrimSpace(string(out)); n != fmt.Sprint(2*each) {
			t.Errorf("git rev-list --count main = %s, want %d", n, 2*each)
		}
		out, _ = exec.Command(git, "--git-dir", dir, "tag").Output()
		if n := len(strings.Fields(string(out))); n != 2*each {
			t.Errorf("git tag lists %d tags, want %d", n, 2*each)
		}
	}
}

// TestAddIntoGitClone adds into a non-bare git clone of an archive: git status stays clean.
func TestAddIntoGitClone(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	c := newCLI(t)
	dir := logArchive(t, c)
	clone := filepath.Join(c.dir, "clone")
	if out, err := exec.Command(git, "clone", "-q", dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	c.ok("--archive", clone, "add", "dod/grachev", c.file("new.txt", "UNCLASSIFIED\nearly warning\n"), "--label", "2024")
	c.ok("--archive", clone, "add", "dod/new", c.file("new2.txt", "new\n"))
	out, err := exec.Command(git, "-C", clone, "status", "--porcelain").CombinedOutput()
	if err != nil || len(out) != 0 {
		t.Errorf("git status --porcelain in the clone = %q, %v, want clean", out, err)
	}
	if got, _ := os.ReadFile(filepath.Join(clone, "dod", "grachev", "text.txt")); string(got) != "UNCLASSIFIED\nearly warning\n" {
		t.Errorf("checked-out text = %q", got)
	}
	if err := os.WriteFile(filepath.Join(clone, "dod", "new", "text.txt"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := c.run("--archive", clone, "add", "dod/new", c.file("new3.txt", "newer\n"))
	if r.code != 2 || !strings.Contains(r.stderr, "dod/new/text.txt has uncommitted changes") {
		t.Errorf("add over an edited file = exit %d, %q, want a refusal naming the file", r.code, r.stderr)
	}
}
