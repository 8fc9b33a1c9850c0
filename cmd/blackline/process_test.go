package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

// writeCorpus writes docs documents of three releases each as a folder ID/LABEL.txt: memo
// texts whose releases differ by redactions.
func writeCorpus(t *testing.T, dir string, docs int) int {
	t.Helper()
	words := strings.Fields("The Secretary said that Minister Grachev had agreed to a joint early warning system based on existing national systems and that the exercise would go ahead in the spring subject to review by the staff of the National Security Council")
	labels := []string{"foia-1998", "mdr-2008", "nara-2025"}
	for d := range docs {
		for v, label := range labels {
			var b strings.Builder
			b.WriteString("SECRET\n")
			for i := range 120 {
				w := words[(i*7+d)%len(words)]
				if (i*31+d*17+v*13)%97 < 6*(len(labels)-v) {
					w = "(b)(1)"
				}
				b.WriteString(w)
				b.WriteByte(" \n"[btoi(i%12 == 11)])
			}
			p := filepath.Join(dir, fmt.Sprintf("coll%d/memo-%04d", d%7, d), label+".txt")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return docs * len(labels)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestKilledImportRecovers kills an import process at several points (SIGKILL: no
// cleanup), checks the archive with git fsck --strict and blackline, then runs the import
// again and checks it completes.
func TestKilledImportRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs imports")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	bin := buildBinary(t)
	c := newCLI(t)
	corpus := filepath.Join(c.dir, "corpus")
	total := writeCorpus(t, corpus, 60)
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "HOME="+c.dir, "XDG_CONFIG_HOME="+c.dir)
	importCmd := func(dir string) *exec.Cmd {
		cmd := exec.Command(bin, "--archive", dir, "import", corpus, "--batch-size", "16")
		cmd.Env = env
		return cmd
	}
	whole := filepath.Join(c.dir, "whole.git")
	c.ok("init", whole)
	if out, err := importCmd(whole).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	packs := func(dir string) int {
		m, _ := filepath.Glob(filepath.Join(dir, "objects", "pack", "pack-*.pack"))
		return len(m)
	}
	// Kill once the import has written that many packs (of 12), and a random moment more.
	for i, after := range []int{0, 1, 4, 7, 10} {
		dir := filepath.Join(c.dir, fmt.Sprintf("killed-%d.git", i))
		c.ok("init", dir)
		cmd := importCmd(dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(time.Minute); packs(dir) < after && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(8000)) * time.Microsecond)
		cmd.Process.Kill()
		cmd.Wait()
		at := fmt.Sprintf("kill after %d packs", after)
		if out, err := exec.Command(git, "--git-dir", dir, "fsck", "--strict").CombinedOutput(); err != nil {
			t.Errorf("%s: git fsck --strict: %v\n%s", at, err, out)
		}
		a, err := repo.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := a.Documents()
		if err != nil {
			t.Errorf("%s: listing the documents: %v", at, err)
		}
		kept, _ := exec.Command(git, "--git-dir", dir, "rev-list", "--count", "main").Output()
		t.Logf("%s: %d documents, %s commits kept", at, len(docs), strings.TrimSpace(string(kept)))
		if out, err := importCmd(dir).CombinedOutput(); err != nil {
			t.Errorf("%s: import again: %v\n%s", at, err, out)
			continue
		}
		out, _ := exec.Command(git, "--git-dir", dir, "rev-list", "--count", "main").Output()
		tags, _ := exec.Command(git, "--git-dir", dir, "tag").Output()
		if n := strings.TrimSpace(string(out)); n != fmt.Sprint(total) || strings.Count(string(tags), "\n") != total {
			t.Errorf("%s, then import again: %s commits and %d tags, want %d", at, n, strings.Count(string(tags), "\n"), total)
		}
		if out, err := exec.Command(git, "--git-dir", dir, "fsck", "--strict").CombinedOutput(); err != nil {
			t.Errorf("%s, then import again: git fsck --strict: %v\n%s", at, err, out)
		}
		if got, want := c.ok("--archive", dir, "log", "coll3/memo-0010"), c.ok("--archive", whole, "log", "coll3/memo-0010"); stripCommits(got) != stripCommits(want) {
			t.Errorf("%s, then import again: log =\n%s\nwant\n%s", at, got, want)
		}
	}
}

// stripCommits drops the short commit hashes of log's text output (they depend on the
// time of the import).
func stripCommits(log string) string {
	fields := strings.Fields(log)
	out := fields[:0]
	for _, f := range fields {
		if len(f) != 7 || strings.Trim(f, "0123456789abcdef") != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}
