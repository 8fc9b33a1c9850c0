package repo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeJournal leaves in the writer lock file what a writer that died holding it had
// journaled.
func writeJournal(t *testing.T, a *Archive, lines string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(a.commonDir, writerLockFile), []byte(lines), 0o666); err != nil {
		t.Fatal(err)
	}
}

// lockLine journals the lock file at rel (relative to the git directory) as its writer
// did.
func lockLine(t *testing.T, a *Archive, rel string) string {
	t.Helper()
	st, err := os.Lstat(filepath.Join(a.commonDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	id, ok := fileID(st)
	if !ok {
		t.Skip("no inode numbers on this system")
	}
	return "lock " + id + " " + rel + "\n"
}

// TestJournalFinishesInterruptedAdd: a writer killed after moving main and before tagging
// journaled the tag; the next writer creates it, so the version is complete.
func TestJournalFinishesInterruptedAdd(t *testing.T) {
	a := newArchive(t)
	v := mustAdd(t, a, Meta{Document: "dod/x", Label: "v1"}, "first\n")
	tag := filepath.Join(a.commonDir, "refs", "tags", "dod", "x@v1")
	if err := os.Remove(tag); err != nil {
		t.Fatal(err)
	}
	// An add killed before moving main journaled a tag whose commit is not on main.
	orphan := "0123456789abcdef0123456789abcdef01234567"
	writeJournal(t, a, "tag refs/tags/dod/x@v1 "+v.Commit+"\ntag refs/tags/dod/y@v1 "+orphan+"\n")
	mustAdd(t, a, Meta{Document: "dod/z"}, "another document\n")
	h, ok, err := a.readRef("refs/tags/dod/x@v1")
	if err != nil || !ok || h.String() != v.Commit {
		t.Errorf("tag dod/x@v1 after recovery = %s, %v, %v; want %s", h, ok, err, v.Commit)
	}
	if _, ok, _ := a.readRef("refs/tags/dod/y@v1"); ok {
		t.Errorf("recovery tagged a commit that is not on main")
	}
	if b, _ := os.ReadFile(filepath.Join(a.commonDir, writerLockFile)); len(b) != 0 {
		t.Errorf("journal after the add = %q, want empty", b)
	}
}

// TestJournalRemovesStaleLockFiles: a lock file the dead writer journaled is removed by the
// next writer; one it did not create (git's, by inode) is left, and waited for.
func TestJournalRemovesStaleLockFiles(t *testing.T) {
	a := newArchive(t)
	a.lockWait = 50 * time.Millisecond
	mustAdd(t, a, Meta{Document: "dod/x", Label: "v1"}, "first\n")
	mainLock := filepath.Join("refs", "heads", "main.lock")
	if err := os.WriteFile(filepath.Join(a.commonDir, mainLock), []byte("0123456789abcdef0123456789abcdef01234567\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	writeJournal(t, a, lockLine(t, a, mainLock))
	temp := filepath.Join(a.commonDir, "blackline-lock-123.tmp") // made just before the crash
	if err := os.WriteFile(temp, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, a, Meta{Document: "dod/x"}, "second\n")
	for _, p := range []string{filepath.Join(a.commonDir, mainLock), temp} {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s after the next add: %v, want removed", p, err)
		}
	}

	// The same path, but another file than the one journaled: another process's lock.
	journal := lockLine(t, a, filepath.Join("refs", "tags", "dod", "x@v1"))
	writeJournal(t, a, journal[:len(journal)-len("refs/tags/dod/x@v1\n")]+filepath.ToSlash(mainLock)+"\n")
	if err := os.WriteFile(filepath.Join(a.commonDir, mainLock), nil, 0o666); err != nil {
		t.Fatal(err)
	}
	_, err := a.Add(AddRequest{Meta: Meta{Document: "dod/x"}, Text: []byte("third\n"), Author: testAuthor})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("Add with another process's main.lock = %v, want ErrLocked", err)
	}
	if _, err := os.Lstat(filepath.Join(a.commonDir, mainLock)); err != nil {
		t.Errorf("another process's %s was removed: %v", mainLock, err)
	}
}
