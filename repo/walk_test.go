package repo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gitWorktree is a non-bare repository filled with the git CLI.
type gitWorktree struct {
	g   *gitCLI
	dir string
}

func newGitWorktree(t *testing.T, g *gitCLI) *gitWorktree {
	t.Helper()
	w := &gitWorktree{g: g, dir: t.TempDir()}
	g.run(w.dir, "init", "-q", "-b", "main")
	return w
}

// commit writes the files (path → text) and commits them with message msg.
func (w *gitWorktree) commit(msg string, files map[string]string) string {
	w.g.t.Helper()
	w.write(files)
	w.g.run(w.dir, "add", "-A")
	w.g.run(w.dir, "commit", "-q", "-m", msg)
	return strings.TrimSpace(w.g.run(w.dir, "rev-parse", "HEAD"))
}

// write writes the files (path → text) into the worktree.
func (w *gitWorktree) write(files map[string]string) {
	w.g.t.Helper()
	for path, text := range files {
		p := filepath.Join(w.dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			w.g.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			w.g.t.Fatal(err)
		}
	}
}

func TestHistoryWithGitMerges(t *testing.T) {
	g := needGit(t)
	w := newGitWorktree(t, g)
	w.commit("a: one", map[string]string{"a/text.txt": "a1\n"})
	w.g.run(w.dir, "checkout", "-q", "-b", "side")
	w.commit("b: one", map[string]string{"b/text.txt": "b1\n"})
	w.commit("b: two", map[string]string{"b/text.txt": "b2\n"})
	w.commit("x: side", map[string]string{"x/text.txt": "x from side\n"})
	w.g.run(w.dir, "checkout", "-q", "main")
	w.commit("a: two", map[string]string{"a/text.txt": "a2\n"})
	w.commit("x: main", map[string]string{"x/text.txt": "x from main\n"})
	// Both sides changed x: the merge resolves it with a text of its own.
	w.g.run(w.dir, "merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "side")
	w.write(map[string]string{"b/text.txt": "b2\n", "x/text.txt": "x resolved\n"})
	w.g.run(w.dir, "add", "-A")
	w.g.run(w.dir, "commit", "-q", "-m", "Merge side")
	merge := strings.TrimSpace(g.run(w.dir, "rev-parse", "HEAD"))
	w.commit("a: three", map[string]string{"a/text.txt": "a3\n"})

	a, err := Open(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	texts := func(id string) string {
		vs, err := a.Versions(id)
		if err != nil {
			t.Fatalf("Versions(%q): %v", id, err)
		}
		var out []string
		for _, v := range vs {
			b, err := a.Text(v)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.TrimSpace(string(b)))
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct{ id, want string }{
		{"a", "a1 a2 a3"},
		{"b", "b1 b2"},
	} {
		if got := texts(tt.id); got != tt.want {
			t.Errorf("texts of Versions(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
	// x was changed on both sides, in either order, then resolved by the merge.
	if got := texts("x"); !strings.HasSuffix(got, "x resolved") || !strings.Contains(got, "x from side") || !strings.Contains(got, "x from main") {
		t.Errorf("texts of Versions(x) = %q, want both sides' texts, then the merge's", got)
	}
	vs, _ := a.Versions("x")
	if last := vs[len(vs)-1]; last.Commit != merge {
		t.Errorf("latest version of x = %s, want the merge %s", last.ShortCommit(), merge[:7])
	}
	docs, err := a.Documents()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, d := range docs {
		counts[d.ID] = d.Versions
	}
	if counts["a"] != 3 || counts["b"] != 2 || counts["x"] != 3 || len(counts) != 3 {
		t.Errorf("Documents() counts = %v, want a:3 b:2 x:3", counts)
	}
	if v, err := a.Resolve("b~1"); err != nil || mustText(t, a, v) != "b1\n" {
		t.Errorf("Resolve(b~1) = %+v, %v, want the first side version", v, err)
	}
	if _, err := a.Resolve(merge[:10]); err != nil {
		t.Errorf("Resolve(merge commit) = %v, want the version of x it made", err)
	}
}

func mustText(t *testing.T, a *Archive, v Version) string {
	t.Helper()
	b, err := a.Text(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestVersionIndexThroughMerges moves main around a history with merges (forward, back
// along the first-parent chain, onto a merged branch) and checks that the cached version
// index always answers as one rebuilt from scratch.
func TestVersionIndexThroughMerges(t *testing.T) {
	g := needGit(t)
	w := newGitWorktree(t, g)
	w.commit("a: one", map[string]string{"a/text.txt": "a1\n"})
	base := strings.TrimSpace(g.run(w.dir, "rev-parse", "HEAD"))
	w.g.run(w.dir, "checkout", "-q", "-b", "side")
	w.commit("b: one", map[string]string{"b/text.txt": "b1\n"})
	side := w.commit("b: two", map[string]string{"b/text.txt": "b2\n"})
	w.g.run(w.dir, "checkout", "-q", "main")
	beforeMerge := w.commit("a: two", map[string]string{"a/text.txt": "a2\n"})
	w.g.run(w.dir, "merge", "-q", "--no-ff", "-m", "Merge side", "side")
	merge := strings.TrimSpace(g.run(w.dir, "rev-parse", "HEAD"))
	last := w.commit("b: three", map[string]string{"b/text.txt": "b3\n"})
	a := mustOpen(t, w.dir)

	describe := func() string {
		docs, err := a.Documents()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range docs {
			vs, err := a.Versions(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, v := range vs {
				texts = append(texts, strings.TrimSpace(mustText(t, a, v)))
			}
			out = append(out, d.ID+": "+strings.Join(texts, " "))
		}
		return strings.Join(out, "; ")
	}
	for _, step := range []struct {
		name, tip, want string
	}{
		{"base", base, "a: a1"},
		{"merge", merge, "a: a1 a2; b: b1 b2"},
		{"after the merge", last, "a: a1 a2; b: b1 b2 b3"},
		{"back to the merge's first parent", beforeMerge, "a: a1 a2"},
		{"forward again", last, "a: a1 a2; b: b1 b2 b3"},
		{"onto the merged branch", side, "a: a1; b: b1 b2"},
		{"back to the merge", merge, "a: a1 a2; b: b1 b2"},
	} {
		g.run(w.dir, "update-ref", "refs/heads/main", step.tip)
		cached := describe()
		if err := os.Remove(a.indexPath()); err != nil {
			t.Fatal(err)
		}
		rebuilt := describe()
		if cached != step.want || rebuilt != step.want {
			t.Errorf("%s: versions from the cached index %q, rebuilt %q, want %q", step.name, cached, rebuilt, step.want)
		}
	}
}
