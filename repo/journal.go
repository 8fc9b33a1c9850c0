package repo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The writer lock file doubles as a journal of what the writer holding it has left to
// finish, so that the next writer can finish it after a crash (SIGKILL, power cut) of the
// previous one. A writer appends a line before each step a crash could leave half done:
//
//	lock DEV:INODE PATH   it created git's lock file PATH (relative to the git directory)
//	tag REF HASH          main is about to point at commit HASH, whose version tag is REF
//
// and empties the journal when it lets the lock go. A writer that takes the lock and finds
// lines there knows their writer died holding it (the operating system dropped its lock):
// it removes those of its lock files still in place — the same file, by device and inode,
// so a lock file git has created since is never touched — and creates the version tags
// of commits that made it onto main. Then it empties the journal.

// journalAppend records one line in the journal of the writer holding the lock; outside
// the writer lock it does nothing.
func (a *Archive) journalAppend(format string, args ...any) error {
	if a.journal == nil {
		return nil
	}
	if _, err := a.journal.Write([]byte(fmt.Sprintf(format, args...) + "\n")); err != nil {
		return fmt.Errorf("write %s: %w", writerLockFile, err)
	}
	return nil
}

// lockTempPattern names the files a writer prepares its lock files in.
const lockTempPattern = "blackline-lock-*.tmp"

// journaledTemp prepares, under the writer lock, the file that is to become git's lock
// file at path: a new file in the git directory, journaled by device and inode before
// createLockFile links it to path, so that whenever a crash leaves the lock file, the
// journal names it. It returns nil outside the writer lock, and where files have no inode.
func (a *Archive) journaledTemp(path string) (*os.File, error) {
	if a.journal == nil {
		return nil, nil
	}
	rel, err := filepath.Rel(a.commonDir, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, nil
	}
	f, err := os.CreateTemp(a.commonDir, lockTempPattern)
	if err != nil {
		return nil, fmt.Errorf("create lock file: %w", err)
	}
	st, err := f.Stat()
	id, ok := "", false
	if err == nil {
		id, ok = fileID(st)
	}
	if ok {
		err = a.journalAppend("lock %s %s", id, filepath.ToSlash(rel))
	}
	if err != nil || !ok {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// recoverJournal finishes what a writer that died holding the lock left undone, as its
// journal tells, and empties the journal. O(size of the journal), plus a walk of main's
// first parents for a tag whose commit is not main's head.
func (a *Archive) recoverJournal(f billy.File) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read %s: %w", writerLockFile, err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", writerLockFile, err)
	}
	var lines [][]string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 3 {
			lines = append(lines, fields)
		}
	}
	temps, _ := filepath.Glob(filepath.Join(a.commonDir, lockTempPattern))
	for _, p := range temps {
		os.Remove(p)
	}
	for _, l := range lines { // stale lock files first: a tag's own may be among them
		if l[0] == "lock" {
			if err := a.removeStaleLock(l[1], l[2]); err != nil {
				return err
			}
		}
	}
	for _, l := range lines {
		if l[0] == "tag" {
			if err := a.finishTag(l[1], l[2]); err != nil {
				return err
			}
		}
	}
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("clear %s: %w", writerLockFile, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("clear %s: %w", writerLockFile, err)
	}
	return nil
}

// removeStaleLock removes the lock file at rel when it is still the one a dead writer
// created (same device and inode).
func (a *Archive) removeStaleLock(id, rel string) error {
	if strings.Contains(rel, "..") || !strings.HasSuffix(rel, ".lock") {
		return nil
	}
	p := filepath.Join(a.commonDir, filepath.FromSlash(rel))
	st, err := os.Lstat(p)
	if err != nil {
		return nil // gone already
	}
	if got, ok := fileID(st); !ok || got != id {
		return nil // another process's lock file
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove stale lock file %s: %w", p, err)
	}
	return nil
}

// finishTag creates the version tag ref for commit hex when the tag does not exist and
// the commit is on main (a writer died between moving main and tagging).
func (a *Archive) finishTag(ref, hex string) error {
	if !strings.HasPrefix(ref, "refs/tags/") || !plumbing.IsHash(hex) {
		return nil
	}
	if _, exists, err := a.readRef(ref); err != nil || exists {
		return err
	}
	h := plumbing.NewHash(hex)
	tip, ok, err := a.head()
	if err != nil || !ok {
		return err
	}
	found := false
	err = a.walkFirstParents(tip, func(c, _ *object.Commit) error {
		if found = c.Hash == h; found {
			return errStopWalk
		}
		return nil
	})
	if err != nil || !found {
		return err // not on main: the writer died before moving it
	}
	if err := a.updateRef(ref, h, plumbing.ZeroHash); err != nil && !errors.Is(err, errRefChanged) {
		return fmt.Errorf("finish interrupted version: %w", err)
	}
	return nil
}
