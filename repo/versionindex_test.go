package repo

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// walkedVersions is the reference the version index must agree with: a walk of main's
// first parents comparing the blob at the document's path with the parent's, returning
// the version commits oldest first.
func walkedVersions(t *testing.T, a *Archive, id string) []string {
	t.Helper()
	tip, ok, err := a.head()
	if err != nil || !ok {
		t.Fatalf("head: %v, %v", ok, err)
	}
	trees := newTreeReader(a)
	blobAt := func(c *object.Commit) plumbing.Hash {
		if c == nil {
			return plumbing.ZeroHash
		}
		hs, err := trees.lookupPath(c.TreeHash, textPath(id), nil)
		if err != nil {
			t.Fatal(err)
		}
		return hs[len(hs)-1]
	}
	var out []string
	err = a.walkFirstParents(tip, func(c, p *object.Commit) error {
		if b := blobAt(c); !b.IsZero() && b != blobAt(p) {
			out = append(out, c.Hash.String())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(out)
	return out
}

// indexedVersions lists the version commits of id through Versions.
func indexedVersions(t *testing.T, a *Archive, id string) []string {
	t.Helper()
	vs, err := a.Versions(id)
	if err != nil {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Commit
	}
	return out
}

// checkIndex compares Versions with the walk for every document given, and the cache
// file with one built from scratch.
func checkIndex(t *testing.T, a *Archive, step string, ids ...string) {
	t.Helper()
	for _, id := range ids {
		got, want := indexedVersions(t, a, id), walkedVersions(t, a, id)
		if !slices.Equal(got, want) {
			t.Errorf("%s: Versions(%q) commits = %q, want %q (walk)", step, id, got, want)
		}
	}
	data, err := os.ReadFile(a.indexPath())
	if err != nil {
		t.Fatalf("%s: the index cache was not written: %v", step, err)
	}
	tip, _, _ := a.head()
	fresh, err := a.refreshVersionIndex(nil, tip)
	if err != nil {
		t.Fatal(err)
	}
	if want := string(fresh.encode()); string(data) != want {
		t.Errorf("%s: cache file =\n%s\nwant (built from scratch)\n%s", step, data, want)
	}
}

func TestVersionIndexFollowsEveryWriter(t *testing.T) {
	g := needGit(t)
	a, _ := sampleArchive(t)
	ids := []string{"dod/grachev", "dod/other", "memo", "dod/new"}
	checkIndex(t, a, "after add", ids...)

	// Commits written by the git CLI in a clone, pushed back: a commit touching two
	// documents, one changing only a mode, one removing a text, one touching no text.
	w := t.TempDir()
	g.run(w, "clone", "-q", a.gitDir, "c")
	c := filepath.Join(w, "c")
	write := func(path, text string) {
		t.Helper()
		p := filepath.Join(c, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(msg string) {
		t.Helper()
		g.run(c, "add", "-A")
		g.run(c, "commit", "-q", "-m", msg)
	}
	write("dod/grachev/text.txt", "both at once\n")
	write("memo/text.txt", "a new memo\n")
	commit("two documents")
	g.run(c, "update-index", "--chmod=+x", "dod/other/text.txt")
	g.run(c, "commit", "-q", "-m", "mode only")
	write("README", "about\n")
	commit("no text")
	g.run(c, "rm", "-q", "dod/other/text.txt")
	g.run(c, "commit", "-q", "-m", "remove a text")
	write("dod/other/text.txt", "other two\n")
	commit("the text comes back as it was")
	g.run(c, "push", "-q", "origin", "main")
	checkIndex(t, a, "after git commits", ids...)

	// A reset to an older commit cuts the index; a rewritten history rebuilds it.
	g.run(a.gitDir, "update-ref", "refs/heads/main", "main~3")
	checkIndex(t, a, "after a reset", ids...)
	g.run(c, "commit", "-q", "--amend", "-m", "rewritten")
	g.run(c, "push", "-q", "-f", "origin", "main")
	checkIndex(t, a, "after a forced push", ids...)

	mustAdd(t, a, Meta{Document: "dod/new"}, "added after all that\n")
	checkIndex(t, a, "after another add", ids...)
}

func TestVersionIndexDamagedCache(t *testing.T) {
	a, _ := sampleArchive(t)
	want := labels(mustVersions(t, a, "dod/grachev"))
	good, err := os.ReadFile(a.indexPath())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	records := lines[3 : len(lines)-2] // header, tip, stop … end, ""
	second := strings.Fields(records[1])[0]
	tests := []struct {
		name string
		data string
	}{
		{"empty", ""},
		{"truncated", string(good[:len(good)/2])},
		{"no end line", strings.Join(lines[:len(lines)-2], "")},
		{"wrong count", strings.Join(lines[:len(lines)-2], "") + strings.Replace(lines[len(lines)-2], "end 5", "end 4", 1)},
		{"record lost", strings.Join(slices.Delete(slices.Clone(lines), 4, 5), "")},
		{"tip is not the last record", strings.Replace(string(good), "tip "+headHash(t, a), "tip "+second, 1)},
		{"bad record", strings.Replace(string(good), records[2], "xyz\n", 1)},
		{"garbage", "# blackline version index 1\ntip zz\n"},
		{"other format", strings.Replace(string(good), "index 1", "index 9", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(a.indexPath(), []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			fresh, err := Open(a.gitDir) // as the next command would
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(mustVersions(t, fresh, "dod/grachev")); got != want {
				t.Errorf("Versions(dod/grachev) with a damaged cache = %q, want %q", got, want)
			}
			if data, _ := os.ReadFile(a.indexPath()); string(data) != string(good) {
				t.Errorf("cache file after the read =\n%s\nwant it rebuilt as\n%s", data, good)
			}
		})
	}
	// An unwritable cache costs speed, not answers.
	if err := os.Remove(a.indexPath()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a.commonDir, "blackline", "versions.cache"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(a.commonDir, "blackline"), 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(a.commonDir, "blackline"), 0o755)
	if got := labels(mustVersions(t, a, "dod/grachev")); got != want {
		t.Errorf("Versions(dod/grachev) with a read-only cache folder = %q, want %q", got, want)
	}
}

func mustVersions(t *testing.T, a *Archive, id string) []Version {
	t.Helper()
	vs, err := a.Versions(id)
	if err != nil {
		t.Fatalf("Versions(%q): %v", id, err)
	}
	return vs
}
