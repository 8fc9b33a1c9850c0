package repo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check that the git CLI reads what blackline writes and the other way round.
// They are skipped where git is not installed.

func TestGitReadsArchive(t *testing.T) {
	g := needGit(t)
	a, added := sampleArchive(t)
	odd := "\xef\xbb\xbfSECRET\r\nline two  \r\n(b)(6) ends here"
	added["dod/odd@v1"] = mustAdd(t, a, Meta{Document: "dod/odd", Source: "Clinton Library", Case: "2015-0771-M"}, odd)
	dir := a.gitDir

	g.run(dir, "fsck", "--strict", "--no-dangling")
	if n := strings.TrimSpace(g.run(dir, "rev-list", "--count", "main")); n != "6" {
		t.Errorf("git rev-list --count main = %s, want 6", n)
	}
	subjects := strings.TrimSpace(g.run(dir, "log", "--format=%s", "main"))
	want := "dod/odd: v1 (release)\ndod/grachev: ocr (transcription)\ndod/other: v2 (release)\ndod/grachev: mdr-2016 (release)\ndod/other: v1 (release)\ndod/grachev: foia-2005 (release)"
	if subjects != want {
		t.Errorf("git log --format=%%s = %q, want %q", subjects, want)
	}
	tags := strings.Fields(g.run(dir, "tag"))
	if len(tags) != len(added) {
		t.Errorf("git tag = %q, want the %d version tags", tags, len(added))
	}
	for ref, v := range added {
		text, err := a.Text(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.run(dir, "show", ref+":"+v.Document+"/text.txt"); got != string(text) {
			t.Errorf("git show %s:%s/text.txt = %q, want %q", ref, v.Document, got, text)
		}
		if got := strings.TrimSpace(g.run(dir, "rev-parse", ref+"^{commit}")); got != v.Commit {
			t.Errorf("git rev-parse %s = %s, want %s", ref, got, v.Commit)
		}
	}
	msg := g.run(dir, "log", "-1", "--format=%B", added["dod/grachev@ocr"].Commit)
	parsed := g.runInput(dir, msg, "interpret-trailers", "--parse")
	wantTrailers := "Document: dod/grachev\nVersion-Label: ocr\nVersion-Kind: transcription\nTranscribes: mdr-2016\n"
	if parsed != wantTrailers {
		t.Errorf("git interpret-trailers --parse = %q, want %q", parsed, wantTrailers)
	}
	author := strings.TrimSpace(g.run(dir, "log", "-1", "--format=%an <%ae> %aI", "main"))
	if author != "Ada Archivist <ada@example.org> 2024-03-01T12:00:00-05:00" {
		t.Errorf("git log author = %q", author)
	}
}

// cloneArchive makes a non-bare git clone of a's repository and opens it.
func cloneArchive(t *testing.T, g *gitCLI, a *Archive) (string, *Archive) {
	t.Helper()
	w := filepath.Join(t.TempDir(), "clone")
	g.run("", "clone", "-q", a.gitDir, w)
	c, err := Open(w)
	if err != nil {
		t.Fatalf("Open(clone): %v", err)
	}
	if c.Bare() {
		t.Fatalf("Open(clone).Bare() = true")
	}
	return w, c
}

func TestNonBareCloneStaysClean(t *testing.T) {
	g := needGit(t)
	for _, indexVersion := range []string{"2", "4"} {
		t.Run("index v"+indexVersion, func(t *testing.T) {
			a, _ := sampleArchive(t)
			w, c := cloneArchive(t, g, a)
			g.run(w, "update-index", "--index-version", indexVersion)
			// A change of the user's elsewhere stays as it is.
			other := filepath.Join(w, "dod", "other", "text.txt")
			if err := os.WriteFile(other, []byte("user's edit\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			mustAdd(t, c, Meta{Document: "dod/grachev", Label: "fixed"}, "CONFIDENTIAL\r\nearly warning\r\n")
			mustAdd(t, c, Meta{Document: "new/doc/deep"}, "new\n")
			if got := g.run(w, "status", "--porcelain"); got != " M dod/other/text.txt\n" {
				t.Errorf("git status --porcelain after add = %q, want only the user's own change", got)
			}
			if got, _ := os.ReadFile(other); string(got) != "user's edit\n" {
				t.Errorf("the user's change became %q", got)
			}
			if got, _ := os.ReadFile(filepath.Join(w, "dod", "grachev", "text.txt")); string(got) != "CONFIDENTIAL\r\nearly warning\r\n" {
				t.Errorf("checked-out text = %q, want the added version", got)
			}
			if n := strings.TrimSpace(g.run(w, "rev-list", "--count", "HEAD")); n != "7" {
				t.Errorf("git rev-list --count HEAD = %s, want 7", n)
			}
			g.run(w, "checkout", "--", "dod/other/text.txt")
			if got := g.run(w, "status", "--porcelain"); got != "" {
				t.Errorf("git status --porcelain = %q, want clean", got)
			}
			g.run(w, "fsck", "--strict", "--no-dangling")
		})
	}
}

func TestNonBareRefusesUncommittedChanges(t *testing.T) {
	g := needGit(t)
	tests := []struct {
		name  string
		doc   string
		setup func(w string)
		says  string
	}{
		{"modified file", "dod/grachev", func(w string) {
			os.WriteFile(filepath.Join(w, "dod/grachev/text.txt"), []byte("mine\n"), 0o644)
		}, "dod/grachev/text.txt has uncommitted changes"},
		{"staged change", "dod/grachev", func(w string) {
			os.WriteFile(filepath.Join(w, "dod/grachev/text.txt"), []byte("mine\n"), 0o644)
			g.run(w, "add", "dod/grachev/text.txt")
			os.WriteFile(filepath.Join(w, "dod/grachev/text.txt"), []byte("CONFIDENTIAL\nearly waming\n"), 0o644)
		}, "staged changes"},
		{"deleted file", "dod/grachev", func(w string) {
			os.Remove(filepath.Join(w, "dod/grachev/text.txt"))
		}, "deleted in the worktree"},
		{"untracked file where a new document goes", "dod/new", func(w string) {
			os.MkdirAll(filepath.Join(w, "dod/new"), 0o755)
			os.WriteFile(filepath.Join(w, "dod/new/text.txt"), []byte("mine\n"), 0o644)
		}, "untracked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := sampleArchive(t)
			w, c := cloneArchive(t, g, a)
			tt.setup(w)
			statusBefore := g.run(w, "status", "--porcelain")
			before := headHash(t, c)
			_, err := c.Add(AddRequest{Meta: Meta{Document: tt.doc}, Text: []byte("from blackline\n"), Author: testAuthor})
			if !errors.Is(err, ErrWorktreeChanged) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Add with %s = %v, want ErrWorktreeChanged saying %q", tt.name, err, tt.says)
			}
			if after := headHash(t, c); after != before {
				t.Errorf("refused Add moved main")
			}
			if got := g.run(w, "status", "--porcelain"); got != statusBefore {
				t.Errorf("git status after a refused Add = %q, want %q", got, statusBefore)
			}
			if _, err := os.Stat(filepath.Join(w, ".git", "index.lock")); err == nil {
				t.Errorf("refused Add left index.lock behind")
			}
		})
	}
}

func TestNonBareUnsupportedIndex(t *testing.T) {
	g := needGit(t)
	a, _ := sampleArchive(t)
	w, c := cloneArchive(t, g, a)
	g.run(w, "update-index", "--split-index")
	before := headHash(t, c)
	_, err := c.Add(AddRequest{Meta: Meta{Document: "dod/grachev"}, Text: []byte("x\n"), Author: testAuthor})
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("Add with a split index = %v, want ErrUnsupported", err)
	}
	if after := headHash(t, c); after != before {
		t.Errorf("refused Add moved main")
	}
}

func TestNonBareOtherBranchCheckedOut(t *testing.T) {
	g := needGit(t)
	a, _ := sampleArchive(t)
	w, c := cloneArchive(t, g, a)
	g.run(w, "checkout", "-q", "-b", "notes")
	v := mustAdd(t, c, Meta{Document: "dod/grachev"}, "on main only\n")
	if got := g.run(w, "status", "--porcelain"); got != "" {
		t.Errorf("git status on another branch = %q, want clean", got)
	}
	if got := strings.TrimSpace(g.run(w, "rev-parse", "main")); got != v.Commit {
		t.Errorf("main = %s, want %s", got, v.Commit)
	}
}

func TestReadsArchiveWrittenByGit(t *testing.T) {
	g := needGit(t)
	w := t.TempDir()
	g.run(w, "init", "-q", "-b", "main")
	write := func(path, text string) {
		t.Helper()
		p := filepath.Join(w, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("memo/text.txt", "first\n")
	write("memo/scan.pdf.txt", "beside the text\n")
	g.run(w, "add", "-A")
	g.run(w, "commit", "-q", "-m", "Add the memo")
	first := strings.TrimSpace(g.run(w, "rev-parse", "HEAD"))
	write("README", "about\n")
	g.run(w, "add", "-A")
	g.run(w, "commit", "-q", "-m", "Explain")
	write("memo/text.txt", "second\n")
	g.run(w, "add", "-A")
	g.run(w, "commit", "-q", "-m", "memo: r2 (release)\n\nDocument: memo\nVersion-Label: r2\nVersion-Kind: release\nRelease-Date: 2016-05-02")
	g.run(w, "tag", "-a", "memo@scan-1998", "-m", "the 1998 scan", first)

	a, err := Open(w)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := a.Versions("memo")
	if err != nil || labels(vs) != "scan-1998 r2" {
		t.Fatalf("Versions(memo) = %q, %v, want %q", labels(vs), err, "scan-1998 r2")
	}
	if vs[1].Kind != Release || vs[1].Date != "2016-05-02" || vs[0].Kind != "" {
		t.Errorf("Versions(memo) metadata = %+v, %+v", vs[0].Meta, vs[1].Meta)
	}
	g.run(w, "tag", "-d", "memo@scan-1998")
	vs, err = a.Versions("memo")
	if err != nil || labels(vs) != first[:7]+" r2" {
		t.Errorf("Versions(memo) without tags = %q, %v, want %q", labels(vs), err, first[:7]+" r2")
	}
	for ref, want := range map[string]string{"memo@r2": "second\n", "memo~1": "first\n", first[:7]: "first\n", "memo@" + first[:7]: "first\n"} {
		v, err := a.Resolve(ref)
		if err != nil {
			t.Errorf("Resolve(%q): %v", ref, err)
			continue
		}
		if text, err := a.Text(v); err != nil || string(text) != want {
			t.Errorf("Text(Resolve(%q)) = %q, %v, want %q", ref, text, err, want)
		}
	}
	docs, err := a.Documents()
	if err != nil || len(docs) != 1 || docs[0].ID != "memo" || docs[0].Versions != 2 {
		t.Errorf("Documents() = %+v, %v, want memo with 2 versions", docs, err)
	}
	mustAdd(t, a, Meta{Document: "memo", Label: "r3"}, "third\n")
	if got := g.run(w, "status", "--porcelain"); got != "" {
		t.Errorf("git status after add = %q, want clean", got)
	}
	if got := g.run(w, "show", "HEAD:memo/scan.pdf.txt"); got != "beside the text\n" {
		t.Errorf("a file beside the text became %q", got)
	}
}

func TestPackedRefsAndObjects(t *testing.T) {
	g := needGit(t)
	a, added := sampleArchive(t)
	g.run(a.gitDir, "gc", "-q")
	if _, err := os.Stat(filepath.Join(a.gitDir, "refs", "heads", "main")); err == nil {
		t.Fatalf("git gc left main loose; the test needs packed refs")
	}
	vs, err := a.Versions("dod/grachev")
	if err != nil || labels(vs) != "foia-2005 mdr-2016 ocr" {
		t.Errorf("Versions after git gc = %q, %v", labels(vs), err)
	}
	if v, err := a.Resolve("dod/grachev@mdr-2016"); err != nil || v.Commit != added["dod/grachev@mdr-2016"].Commit {
		t.Errorf("Resolve(dod/grachev@mdr-2016) after git gc = %+v, %v", v, err)
	}
	if _, err := a.Add(AddRequest{Meta: Meta{Document: "dod/grachev", Label: "ocr"}, Text: []byte("x"), Author: testAuthor}); !errors.Is(err, ErrDuplicateLabel) {
		t.Errorf("Add with a label in packed-refs = %v, want ErrDuplicateLabel", err)
	}
	v := mustAdd(t, a, Meta{Document: "dod/grachev"}, "after gc\n")
	if v.Label != "v4" {
		t.Errorf("default label after git gc = %q, want v4", v.Label)
	}
	if got := strings.TrimSpace(g.run(a.gitDir, "rev-parse", "main")); got != v.Commit {
		t.Errorf("git rev-parse main = %s, want %s", got, v.Commit)
	}
	g.run(a.gitDir, "fsck", "--strict", "--no-dangling")
}

func TestGitSeesBareArchive(t *testing.T) {
	g := needGit(t)
	a := newArchive(t)
	if got := strings.TrimSpace(g.run("", "--git-dir", a.gitDir, "rev-parse", "--is-bare-repository")); got != "true" {
		t.Errorf("git rev-parse --is-bare-repository = %q, want true", got)
	}
	if got := strings.TrimSpace(g.run("", "--git-dir", a.gitDir, "symbolic-ref", "HEAD")); got != "refs/heads/main" {
		t.Errorf("git symbolic-ref HEAD = %q, want refs/heads/main", got)
	}
}
