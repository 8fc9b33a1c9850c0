package repo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/revlist"
	"github.com/go-git/go-git/v5/plumbing/transport/server"
)

// remoteKind makes an empty bare remote in a temporary directory and returns the URL or
// path to reach it, and the repository's directory.
type remoteKind struct {
	name string
	make func(t *testing.T) (url, dir string)
}

// remoteKinds are the remotes every exchange is tested against: an archive made by Init,
// a bare repository made by git init --bare (where git exists), reached by path or by
// file:// URL, and go-git's protocol spoken by its in-process server.
func remoteKinds(t *testing.T) []remoteKind {
	blackline := func(t *testing.T) (string, string) {
		dir := filepath.Join(t.TempDir(), "remote.git")
		if _, err := Init(dir); err != nil {
			t.Fatal(err)
		}
		return dir, dir
	}
	kinds := []remoteKind{
		{"blackline init, path", blackline},
		{"blackline init, file URL", func(t *testing.T) (string, string) {
			_, dir := blackline(t)
			return "file://" + dir, dir
		}},
	}
	if git, err := exec.LookPath("git"); err == nil {
		kinds = append(kinds, remoteKind{"git init --bare, path", func(t *testing.T) (string, string) {
			dir := filepath.Join(t.TempDir(), "remote.git")
			if out, err := exec.Command(git, "init", "-q", "--bare", dir).CombinedOutput(); err != nil {
				t.Fatalf("git init --bare: %v\n%s", err, out)
			}
			return dir, dir
		}})
	}
	return kinds
}

// inProcessServer carries the exchange in git's protocol through go-git's server.
var inProcessServer = RemoteOptions{Transport: server.NewClient(server.DefaultLoader)}

// noGitBinary empties PATH for the rest of the test, so that nothing can run git. The git
// CLI checks of the test run through a *gitCLI made before.
func noGitBinary(t *testing.T) {
	t.Setenv("PATH", "")
	if _, err := exec.LookPath("git"); err == nil {
		t.Fatal("git is still found with PATH empty")
	}
}

// checkConnected fails the test when an object reachable from main or a tag is missing.
func checkConnected(t *testing.T, a *Archive) {
	t.Helper()
	refs, err := a.remoteRefs()
	if err != nil {
		t.Fatal(err)
	}
	tips := mapValues(refs.tags)
	if !refs.main.IsZero() {
		tips = append(tips, refs.main)
	}
	if _, err := revlist.Objects(a.storer, tips, nil); err != nil {
		t.Errorf("objects reachable from main and the tags: %v", err)
	}
}

// tagNames lists the archive's tags without refs/tags/, sorted.
func tagNames(t *testing.T, a *Archive) string {
	t.Helper()
	tags, err := a.tagRefs()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for name := range tags {
		out = append(out, strings.TrimPrefix(name, "refs/tags/"))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func refsOf(vs []Version) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Ref()
	}
	return strings.Join(out, " ")
}

func mustOpen(t *testing.T, dir string) *Archive {
	t.Helper()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPushCloneAndPull(t *testing.T) {
	ctx := context.Background()
	for _, kind := range remoteKinds(t) {
		for _, via := range []struct {
			name string
			opts RemoteOptions
		}{{"direct", RemoteOptions{}}, {"git protocol", inProcessServer}} {
			t.Run(kind.name+", "+via.name, func(t *testing.T) {
				var g *gitCLI
				if _, err := exec.LookPath("git"); err == nil {
					g = needGit(t)
				}
				url, remoteDir := kind.make(t)
				noGitBinary(t)
				a := newArchive(t)
				mustAdd(t, a, Meta{Document: "dod/grachev", Label: "foia-2005"}, "SECRET\n(b)(1)\n")
				mustAdd(t, a, Meta{Document: "dod/other"}, "other\r\nno final newline")
				if err := a.AddRemote("origin", url); err != nil {
					t.Fatal(err)
				}
				pushed, err := a.Push(ctx, "", via.opts)
				if err != nil {
					t.Fatalf("Push: %v", err)
				}
				if got := refsOf(pushed.Versions); got != "dod/grachev@foia-2005 dod/other@v1" {
					t.Errorf("Push().Versions = %q", got)
				}
				if got := strings.Join(pushed.Tags, " "); got != "dod/grachev@foia-2005 dod/other@v1" {
					t.Errorf("Push().Tags = %q", got)
				}
				if pushed.Old != "" || pushed.New != headHash(t, a) {
					t.Errorf("Push() moved the remote's main from %q to %q, want to %s", pushed.Old, pushed.New, headHash(t, a))
				}
				again, err := a.Push(ctx, "origin", via.opts)
				if err != nil || !again.UpToDate() {
					t.Errorf("second Push = %+v, %v, want up to date", again, err)
				}

				cloneDir := filepath.Join(t.TempDir(), "clone.git")
				c, err := Clone(ctx, url, cloneDir, CloneOptions{RemoteOptions: via.opts})
				if err != nil {
					t.Fatalf("Clone: %v", err)
				}
				if got := tagNames(t, c); got != "dod/grachev@foia-2005 dod/other@v1" {
					t.Errorf("tags of the clone = %q", got)
				}
				if rs, _ := c.Remotes(); len(rs) != 1 || rs[0].Name != "origin" {
					t.Errorf("Remotes() of the clone = %+v, want origin", rs)
				}

				v2 := mustAdd(t, a, Meta{Document: "dod/grachev", Label: "mdr-2016", Date: "2016-05-02"}, "CONFIDENTIAL\nearly warning\n")
				mustAdd(t, a, Meta{Document: "dod/third"}, "third\n")
				if _, err := a.Push(ctx, "origin", via.opts); err != nil {
					t.Fatalf("Push: %v", err)
				}
				pulled, err := c.Pull(ctx, "", testAuthor, via.opts)
				if err != nil {
					t.Fatalf("Pull: %v", err)
				}
				if !pulled.FastForward() || pulled.New != v2.Commit && pulled.New != headHash(t, a) {
					t.Errorf("Pull() = %+v, want a fast-forward to %s", pulled, headHash(t, a))
				}
				if got := refsOf(pulled.Versions); got != "dod/grachev@mdr-2016 dod/third@v1" {
					t.Errorf("Pull().Versions = %q", got)
				}
				if got := strings.Join(pulled.Tags, " "); got != "dod/grachev@mdr-2016 dod/third@v1" {
					t.Errorf("Pull().Tags = %q", got)
				}
				for _, ref := range []string{"dod/grachev@foia-2005", "dod/grachev@mdr-2016", "dod/other", "dod/third"} {
					want, err := a.Resolve(ref)
					if err != nil {
						t.Fatal(err)
					}
					got, err := c.Resolve(ref)
					if err != nil || got.Commit != want.Commit || got.Meta != want.Meta {
						t.Errorf("clone Resolve(%q) = %+v, %v, want %+v", ref, got, err, want)
						continue
					}
					if mustText(t, c, got) != mustText(t, a, want) {
						t.Errorf("clone Text(%s) = %q, want %q", ref, mustText(t, c, got), mustText(t, a, want))
					}
				}
				again2, err := c.Pull(ctx, "origin", testAuthor, via.opts)
				if err != nil || !again2.UpToDate() {
					t.Errorf("second Pull = %+v, %v, want up to date", again2, err)
				}
				if h, ok, _ := c.readRef("refs/remotes/origin/main"); !ok || h.String() != headHash(t, a) {
					t.Errorf("clone's refs/remotes/origin/main = %s, want %s", h, headHash(t, a))
				}
				checkConnected(t, c)
				checkConnected(t, mustOpen(t, remoteDir))
				if g != nil {
					for _, dir := range []string{remoteDir, cloneDir, a.gitDir} {
						g.run(dir, "fsck", "--strict", "--no-dangling")
					}
					if got := strings.TrimSpace(g.run(remoteDir, "tag")); got != strings.ReplaceAll(tagNames(t, a), " ", "\n") {
						t.Errorf("git tag in the remote = %q, want %q", got, tagNames(t, a))
					}
				}
			})
		}
	}
}

// twoClones pushes a sample archive to a fresh remote and clones it twice.
func twoClones(t *testing.T) (remote string, a, b *Archive) {
	t.Helper()
	ctx := context.Background()
	remote = filepath.Join(t.TempDir(), "remote.git")
	if _, err := Init(remote); err != nil {
		t.Fatal(err)
	}
	src, _ := sampleArchive(t)
	if _, err := src.Push(ctx, remote, RemoteOptions{}); err != nil {
		t.Fatalf("Push: %v", err)
	}
	var err error
	if a, err = Clone(ctx, remote, filepath.Join(t.TempDir(), "a.git"), CloneOptions{}); err != nil {
		t.Fatal(err)
	}
	if b, err = Clone(ctx, remote, filepath.Join(t.TempDir(), "b.git"), CloneOptions{}); err != nil {
		t.Fatal(err)
	}
	return remote, a, b
}

func TestPullMergesDiverged(t *testing.T) {
	var g *gitCLI
	if _, err := exec.LookPath("git"); err == nil {
		g = needGit(t)
	}
	noGitBinary(t)
	ctx := context.Background()
	_, a, b := twoClones(t)
	mustAdd(t, a, Meta{Document: "cia/memo", Label: "scan-1998"}, "SECRET\n25X1\n")
	mustAdd(t, a, Meta{Document: "dod/other", Label: "v3"}, "other three\n")
	if _, err := a.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	bHead := headHash(t, b)
	mustAdd(t, b, Meta{Document: "dod/grachev", Label: "nara-2025"}, "UNCLASSIFIED\nearly warning\n")
	ours := headHash(t, b)
	if _, err := b.Push(ctx, "", RemoteOptions{}); !errors.Is(err, ErrRejected) {
		t.Errorf("Push of a diverged archive = %v, want ErrRejected", err)
	}
	res, err := b.Pull(ctx, "", testAuthor, RemoteOptions{})
	if err != nil {
		t.Fatalf("Pull: %v", err)
	}
	if res.Merge == "" || res.New != res.Merge || res.Old != ours {
		t.Fatalf("Pull() = %+v, want a merge commit on top of %s", res, ours)
	}
	if got := refsOf(res.Versions); got != "cia/memo@scan-1998 dod/other@v3" {
		t.Errorf("Pull().Versions = %q", got)
	}
	merge, err := b.commit(plumbing.NewHash(res.Merge))
	if err != nil {
		t.Fatal(err)
	}
	if len(merge.ParentHashes) != 2 || merge.ParentHashes[0].String() != ours || merge.ParentHashes[1].String() != headHash(t, a) {
		t.Errorf("merge parents = %v, want [%s %s]", merge.ParentHashes, ours, headHash(t, a))
	}
	wantMsg := "Merge 2 versions of 2 documents from origin\n\ncia/memo: scan-1998 (release)\ndod/other: v3 (release)\n"
	if merge.Message != wantMsg {
		t.Errorf("merge message = %q, want %q", merge.Message, wantMsg)
	}
	for _, tt := range []struct{ id, want string }{
		{"dod/grachev", "foia-2005 mdr-2016 ocr nara-2025"},
		{"dod/other", "v1 v2 v3"},
		{"cia/memo", "scan-1998"},
	} {
		vs, err := b.Versions(tt.id)
		if err != nil || labels(vs) != tt.want {
			t.Errorf("Versions(%q) after the merge = %q, %v, want %q", tt.id, labels(vs), err, tt.want)
		}
	}
	if v, err := b.Resolve("dod/other"); err != nil || mustText(t, b, v) != "other three\n" {
		t.Errorf("latest dod/other after the merge = %+v, %v", v, err)
	}
	if _, err := b.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatalf("Push after the merge: %v", err)
	}
	back, err := a.Pull(ctx, "", testAuthor, RemoteOptions{})
	if err != nil || !back.FastForward() || back.New != res.Merge {
		t.Errorf("Pull into the other clone = %+v, %v, want a fast-forward to the merge", back, err)
	}
	if got := refsOf(back.Versions); got != "dod/grachev@nara-2025" {
		t.Errorf("versions pulled back = %q, want dod/grachev@nara-2025", got)
	}
	docs, err := a.Documents()
	if err != nil || len(docs) != 3 {
		t.Errorf("Documents() = %+v, %v", docs, err)
	}
	if bHead == ours {
		t.Fatal("the test did not add a version")
	}
	if g != nil {
		g.run(b.gitDir, "fsck", "--strict", "--no-dangling")
		if got := strings.TrimSpace(g.run(b.gitDir, "log", "--format=%s", "-1", "main")); got != "Merge 2 versions of 2 documents from origin" {
			t.Errorf("git log -1 = %q", got)
		}
	}
}

func TestPullConflictChangesNothing(t *testing.T) {
	noGitBinary(t)
	ctx := context.Background()
	_, a, b := twoClones(t)
	mustAdd(t, a, Meta{Document: "dod/grachev", Label: "nara-2025"}, "UNCLASSIFIED\nfrom a\n")
	mustAdd(t, a, Meta{Document: "cia/memo"}, "SECRET\n")
	if _, err := a.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, b, Meta{Document: "dod/grachev", Label: "cable-2024"}, "UNCLASSIFIED\nfrom b\n")
	head, tags := headHash(t, b), tagNames(t, b)
	tracking, _, _ := b.readRef("refs/remotes/origin/main")
	_, err := b.Pull(ctx, "", testAuthor, RemoteOptions{})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, ErrConflict) {
		t.Fatalf("Pull = %v, want a *ConflictError", err)
	}
	if conflict.Document != "dod/grachev" || conflict.OursLabel != "cable-2024" || conflict.TheirsLabel != "nara-2025" || len(conflict.Others) != 0 {
		t.Errorf("ConflictError = %+v, want dod/grachev, cable-2024 here, nara-2025 there", conflict)
	}
	for _, want := range []string{"dod/grachev", "cable-2024", "nara-2025", "origin", "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Pull error %q does not say %q", err, want)
		}
	}
	if got := headHash(t, b); got != head {
		t.Errorf("main moved to %s after a conflict", got)
	}
	if got := tagNames(t, b); got != tags {
		t.Errorf("tags after a conflict = %q, want %q", got, tags)
	}
	if got, _, _ := b.readRef("refs/remotes/origin/main"); got != tracking {
		t.Errorf("tracking ref moved after a conflict")
	}
}

func TestPullTagClash(t *testing.T) {
	ctx := context.Background()
	_, a, b := twoClones(t)
	mustAdd(t, a, Meta{Document: "dod/grachev", Label: "v9"}, "from a\n")
	if _, err := a.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, b, Meta{Document: "dod/grachev", Label: "v9"}, "from b\n")
	head := headHash(t, b)
	_, err := b.Pull(ctx, "", testAuthor, RemoteOptions{})
	var clash *TagClashError
	if !errors.As(err, &clash) || clash.Tag != "dod/grachev@v9" || clash.Ours != head || clash.Theirs != headHash(t, a) {
		t.Fatalf("Pull = %v, want a *TagClashError on dod/grachev@v9", err)
	}
	if got := headHash(t, b); got != head {
		t.Errorf("main moved after a tag clash")
	}
	if _, err := b.Push(ctx, "", RemoteOptions{}); !errors.As(err, &clash) {
		t.Errorf("Push with a clashing tag = %v, want a *TagClashError", err)
	}
}

func TestRemotes(t *testing.T) {
	a := newArchive(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		name, url string
		want      error
	}{
		{"origin", dir, nil},
		{"backup", "https://example.org/memos.git", nil},
		{"lab", "git@example.org:memos.git", nil},
		{"origin", "/elsewhere", ErrRemoteExists},
		{"bad name", dir, ErrInvalidRemote},
		{"-x", dir, ErrInvalidRemote},
		{"web", "ftp://example.org/x", ErrInvalidRemote},
	} {
		if err := a.AddRemote(tt.name, tt.url); !errors.Is(err, tt.want) {
			t.Errorf("AddRemote(%q, %q) = %v, want %v", tt.name, tt.url, err, tt.want)
		}
	}
	rs, err := a.Remotes()
	if err != nil {
		t.Fatal(err)
	}
	want := []Remote{{"backup", "https://example.org/memos.git"}, {"lab", "git@example.org:memos.git"}, {"origin", dir}}
	if len(rs) != len(want) {
		t.Fatalf("Remotes() = %+v, want %+v", rs, want)
	}
	for i := range want {
		if rs[i] != want[i] {
			t.Errorf("Remotes()[%d] = %+v, want %+v", i, rs[i], want[i])
		}
	}
	if err := a.RemoveRemote("lab"); err != nil {
		t.Fatal(err)
	}
	if err := a.RemoveRemote("lab"); !errors.Is(err, ErrUnknownRemote) {
		t.Errorf("RemoveRemote twice = %v, want ErrUnknownRemote", err)
	}
	if _, err := a.Push(context.Background(), "nowhere", RemoteOptions{}); !errors.Is(err, ErrUnknownRemote) {
		t.Errorf("Push(nowhere) = %v, want ErrUnknownRemote", err)
	}
	if _, err := a.Push(context.Background(), filepath.Join(dir, "missing.git"), RemoteOptions{}); !errors.Is(err, ErrRemoteNotFound) {
		t.Errorf("Push(missing path) = %v, want ErrRemoteNotFound", err)
	}
	if g := gitIfInstalled(t); g != nil {
		if got := g.run(a.gitDir, "remote"); got != "backup\norigin\n" {
			t.Errorf("git remote = %q, want backup and origin", got)
		}
	}
}

func TestPullIntoNonBareClone(t *testing.T) {
	g := needGit(t)
	ctx := context.Background()
	remote, a, _ := twoClones(t)
	w := filepath.Join(t.TempDir(), "work")
	g.run("", "clone", "-q", remote, w)
	c := mustOpen(t, w)

	mustAdd(t, a, Meta{Document: "dod/grachev", Label: "nara-2025"}, "UNCLASSIFIED\nearly warning\n")
	mustAdd(t, a, Meta{Document: "new/deep/doc"}, "new\n")
	if _, err := a.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := c.Pull(ctx, "", testAuthor, RemoteOptions{})
	if err != nil || !res.FastForward() {
		t.Fatalf("Pull = %+v, %v, want a fast-forward", res, err)
	}
	if got := g.run(w, "status", "--porcelain"); got != "" {
		t.Errorf("git status after a fast-forward pull = %q, want clean", got)
	}
	if got := g.run(w, "show", "HEAD:dod/grachev/text.txt"); got != "UNCLASSIFIED\nearly warning\n" {
		t.Errorf("HEAD's text = %q", got)
	}

	// A version of another document here, one on the remote: the merge keeps the worktree clean.
	mustAdd(t, c, Meta{Document: "dod/other", Label: "local"}, "other, local\n")
	mustAdd(t, a, Meta{Document: "cia/memo"}, "SECRET\n")
	if _, err := a.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	if res, err = c.Pull(ctx, "", testAuthor, RemoteOptions{}); err != nil || res.Merge == "" {
		t.Fatalf("Pull = %+v, %v, want a merge", res, err)
	}
	if got := g.run(w, "status", "--porcelain"); got != "" {
		t.Errorf("git status after a merging pull = %q, want clean", got)
	}
	g.run(w, "fsck", "--strict", "--no-dangling")

	// An uncommitted change to a file the pull would change: refused, nothing moves.
	mustAdd(t, a, Meta{Document: "cia/memo"}, "CONFIDENTIAL\n")
	if _, err := a.Pull(ctx, "", testAuthor, RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Push(ctx, "", RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(w, "cia", "memo", "text.txt"), "my edit\n")
	head := headHash(t, c)
	if _, err := c.Pull(ctx, "", testAuthor, RemoteOptions{}); !errors.Is(err, ErrWorktreeChanged) || !strings.Contains(err.Error(), "cia/memo/text.txt") {
		t.Errorf("Pull over an edited file = %v, want ErrWorktreeChanged naming it", err)
	}
	if got := headHash(t, c); got != head {
		t.Errorf("a refused pull moved main")
	}
	if got := g.run(w, "status", "--porcelain"); got != " M cia/memo/text.txt\n" {
		t.Errorf("git status after a refused pull = %q, want the user's change only", got)
	}
	if _, err := os.Stat(filepath.Join(w, ".git", "index.lock")); err == nil {
		t.Errorf("a refused pull left index.lock behind")
	}
	// Pushing into a worktree's checked-out main would leave its files behind: refused.
	if _, err := a.Push(ctx, w, RemoteOptions{}); !errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), "checked out") {
		t.Errorf("Push into a clone with main checked out = %v, want ErrRejected", err)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCloneRefusals(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "clone.git")
	if _, err := Clone(ctx, filepath.Join(t.TempDir(), "missing.git"), dir, CloneOptions{}); !errors.Is(err, ErrRemoteNotFound) {
		t.Errorf("Clone of a missing remote = %v, want ErrRemoteNotFound", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("a failed Clone left %s behind", dir)
	}
	a, _ := sampleArchive(t)
	if _, err := Clone(ctx, a.gitDir, a.gitDir, CloneOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("Clone into an archive = %v, want ErrExists", err)
	}
	empty := newArchive(t)
	c, err := Clone(ctx, empty.gitDir, dir, CloneOptions{})
	if err != nil {
		t.Fatalf("Clone of an empty archive: %v", err)
	}
	if docs, err := c.Documents(); err != nil || len(docs) != 0 {
		t.Errorf("Documents() of an empty clone = %+v, %v", docs, err)
	}
}

func TestManyTagsTravelInPackedRefs(t *testing.T) {
	g := gitIfInstalled(t)
	ctx := context.Background()
	src := newArchive(t)
	for i := range packTagsFrom + 4 {
		mustAdd(t, src, Meta{Document: "memo/" + strings.Repeat("x", i+1), Label: "r1"}, "SECRET\n")
	}
	annotatedAt := headHash(t, src)
	if g != nil {
		g.run(src.gitDir, "tag", "-a", "-m", "an annotated tag", "release-day", annotatedAt)
	}
	remote := filepath.Join(t.TempDir(), "remote.git")
	if _, err := Init(remote); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Push(ctx, remote, RemoteOptions{}); err != nil {
		t.Fatal(err)
	}
	c, err := Clone(ctx, remote, filepath.Join(t.TempDir(), "clone.git"), CloneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*Archive{mustOpen(t, remote), c} {
		if got, want := tagNames(t, a), tagNames(t, src); got != want {
			t.Errorf("tags = %q, want %q", got, want)
		}
		loose := 0
		a.looseRefs("refs/tags/", func(string, plumbing.Hash) { loose++ })
		want := 0
		if g != nil {
			want = 1 // the annotated tag keeps its own file
		}
		if loose != want {
			t.Errorf("%d loose tag files, want %d: the version tags belong in packed-refs", loose, want)
		}
		if v, err := a.Resolve("memo/xxx@r1"); err != nil || v.Label != "r1" {
			t.Errorf("Resolve(memo/xxx@r1) = %+v, %v", v, err)
		}
		if g != nil {
			g.run(a.gitDir, "fsck", "--strict", "--no-dangling")
			if got := strings.TrimSpace(g.run(a.gitDir, "rev-parse", "release-day^{commit}")); got != annotatedAt {
				t.Errorf("release-day^{commit} = %s, want %s", got, annotatedAt)
			}
		}
	}
}
