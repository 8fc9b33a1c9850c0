package repo

import (
	"os"
	"path/filepath"
	"testing"
)

// TestInterruptedAddTagged: an add killed after moving main and before tagging had recorded
// the tag in the writer lock file; the next writer creates it, so the version is complete.
// A recorded tag whose commit never reached main (killed before moving it) is forgotten.
func TestInterruptedAddTagged(t *testing.T) {
	a := newArchive(t)
	v := mustAdd(t, a, Meta{Document: "dod/x", Label: "v1"}, "first\n")
	if err := os.Remove(filepath.Join(a.commonDir, "refs", "tags", "dod", "x@v1")); err != nil {
		t.Fatal(err)
	}
	orphan := "0123456789abcdef0123456789abcdef01234567"
	record := "tag refs/tags/dod/x@v1 " + v.Commit + "\ntag refs/tags/dod/y@v1 " + orphan + "\n"
	if err := os.WriteFile(filepath.Join(a.commonDir, writerLockFile), []byte(record), 0o666); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, a, Meta{Document: "dod/z"}, "another document\n")
	if h, ok, err := a.readRef("refs/tags/dod/x@v1"); err != nil || !ok || h.String() != v.Commit {
		t.Errorf("tag dod/x@v1 after the next add = %s, %v, %v; want %s", h, ok, err, v.Commit)
	}
	if _, ok, _ := a.readRef("refs/tags/dod/y@v1"); ok {
		t.Errorf("the next add tagged a commit that is not on main")
	}
	if b, _ := os.ReadFile(filepath.Join(a.commonDir, writerLockFile)); len(b) != 0 {
		t.Errorf("writer lock file after the add = %q, want empty", b)
	}
	// The add itself records its tag while it moves main, and forgets it once tagged.
	mustAdd(t, a, Meta{Document: "dod/x"}, "second\n")
	if b, _ := os.ReadFile(filepath.Join(a.commonDir, writerLockFile)); len(b) != 0 {
		t.Errorf("writer lock file after a finished add = %q, want empty", b)
	}
}
