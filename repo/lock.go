package repo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// writerLockFile is the file, in the git directory, that blackline's writers lock.
const writerLockFile = "blackline.lock"

// writerLock is the writer lock held by this process, and the git lock files
// ("<ref>.lock", packed-refs.lock, index.lock) it holds meanwhile, recorded in the locked
// file itself: a writer killed while holding one leaves it behind, and the next writer,
// once it holds the writer lock (so the killed one is gone), removes those it finds
// recorded — never a lock file of a git process, which is not recorded there. Recorded
// there too, as "tag REF HASH", is the version tag an add is about to create once main
// holds commit HASH: a writer killed between moving main and tagging leaves it, and the
// next writer creates the tag if the commit made it onto main. In a clone with a
// worktree, "sync OLD NEW" records that the checked-out files are to follow main from
// tree OLD to tree NEW: a writer killed after moving main and before updating them leaves
// it, and the next writer updates them if they are still as in OLD.
type writerLock struct {
	f     billy.File
	files []string
	tags  []string // "REF HASH"
	syncs []string // "OLD NEW"
}

// lockWriters takes the archive's writer lock: an advisory lock (flock on Unix, LockFileEx
// on Windows) on a file in the git directory, held from reading main to moving it, so that
// two blackline processes never build on the same parent. The operating system releases
// it when the process dies, so a crash leaves no stale lock; the git lock files a killed
// writer left are removed here. It blocks while another writer holds the lock.
func (a *Archive) lockWriters() (unlock func(), err error) {
	f, err := osfs.New(a.commonDir).OpenFile(writerLockFile, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, fmt.Errorf("open writer lock: %w", err)
	}
	if err := f.Lock(); err != nil {
		f.Close()
		return nil, fmt.Errorf("take writer lock: %w", err)
	}
	w := &writerLock{f: f}
	if err := w.removeLeftovers(); err != nil {
		f.Unlock()
		f.Close()
		return nil, err
	}
	a.writer = w
	if err := errors.Join(a.finishTags(), a.finishSyncs()); err != nil {
		a.writer = nil
		f.Unlock()
		f.Close()
		return nil, err
	}
	return func() {
		if len(w.tags)+len(w.syncs) > 0 { // left by an attempt that failed before main moved
			w.tags, w.syncs = nil, nil
			w.save()
		}
		a.writer = nil
		f.Unlock()
		f.Close()
	}, nil
}

// removeLeftovers removes the lock files recorded by a writer that died holding them.
func (w *writerLock) removeLeftovers() error {
	if _, err := w.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read writer lock: %w", err)
	}
	b, err := io.ReadAll(w.f)
	if err != nil {
		return fmt.Errorf("read writer lock: %w", err)
	}
	for _, path := range strings.Split(string(b), "\n") {
		if tag, ok := strings.CutPrefix(path, "tag "); ok {
			w.tags = append(w.tags, tag) // kept recorded until finishTags has created it
			continue
		}
		if sync, ok := strings.CutPrefix(path, "sync "); ok {
			w.syncs = append(w.syncs, sync) // likewise, until finishSyncs
			continue
		}
		if !strings.HasSuffix(path, ".lock") {
			continue
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s, left by a writer that was stopped: %w", path, err)
		}
	}
	return w.save()
}

// save writes the list of lock files held into the locked file: in one write, then cut to
// length, so that a writer killed meanwhile leaves every file it holds listed.
func (w *writerLock) save() error {
	var list string
	if len(w.files) > 0 {
		list = strings.Join(w.files, "\n") + "\n"
	}
	for _, t := range w.tags {
		list += "tag " + t + "\n"
	}
	for _, t := range w.syncs {
		list += "sync " + t + "\n"
	}
	_, err := w.f.Seek(0, io.SeekStart)
	if err == nil {
		_, err = w.f.Write([]byte(list))
	}
	if err == nil {
		err = w.f.Truncate(int64(len(list)))
	}
	if err != nil {
		return fmt.Errorf("write writer lock: %w", err)
	}
	return nil
}

// holdLockFile records that this writer created the git lock file at path.
func (a *Archive) holdLockFile(path string) error {
	if a.writer == nil {
		return nil
	}
	a.writer.files = append(a.writer.files, path)
	return a.writer.save()
}

// dropLockFile records that the git lock file at path is gone (renamed or removed).
func (a *Archive) dropLockFile(path string) {
	if a.writer == nil {
		return
	}
	if i := slices.Index(a.writer.files, path); i >= 0 {
		a.writer.files = slices.Delete(a.writer.files, i, i+1)
		a.writer.save() // at worst a later writer tries to remove a file that is gone
	}
}

// holdTag records, before main is moved to commit h, that the version tag ref is to point
// at h.
func (a *Archive) holdTag(ref string, h plumbing.Hash) error {
	if a.writer == nil {
		return nil
	}
	a.writer.tags = append(a.writer.tags, ref+" "+h.String())
	return a.writer.save()
}

// dropTag records that the version tag ref has been created (or is no longer to be).
func (a *Archive) dropTag(ref string) {
	if a.writer == nil {
		return
	}
	n := len(a.writer.tags)
	a.writer.tags = slices.DeleteFunc(a.writer.tags, func(t string) bool { return strings.HasPrefix(t, ref+" ") })
	if len(a.writer.tags) != n {
		a.writer.save()
	}
}

// finishTags creates the version tags a writer that died holding the lock had recorded,
// for the commits that made it onto main (the writer died between moving main and
// tagging), and forgets the others (it died before moving main). O(recorded tags), plus a
// walk of main's first parents for a commit that is not main's head.
func (a *Archive) finishTags() error {
	for _, t := range slices.Clone(a.writer.tags) {
		ref, hex, _ := strings.Cut(t, " ")
		if err := a.finishTag(ref, hex); err != nil {
			return err
		}
		a.dropTag(ref)
	}
	return nil
}

// finishTag creates the version tag ref for commit hex when the tag does not exist and the
// commit is on main.
func (a *Archive) finishTag(ref, hex string) error {
	if !strings.HasPrefix(ref, "refs/tags/") || !plumbing.IsHash(hex) {
		return nil
	}
	if _, exists, err := a.readRef(ref); err != nil || exists {
		return err
	}
	tip, ok, err := a.head()
	if err != nil || !ok {
		return err
	}
	h, found := plumbing.NewHash(hex), false
	err = a.walkFirstParents(tip, func(c, _ *object.Commit) error {
		if found = c.Hash == h; found {
			return errStopWalk
		}
		return nil
	})
	if err != nil || !found {
		return err
	}
	if err := a.updateRef(ref, h, plumbing.ZeroHash); err != nil && !errors.Is(err, errRefChanged) {
		return fmt.Errorf("finish the version tagged %s, left by a writer that was stopped: %w", strings.TrimPrefix(ref, "refs/tags/"), err)
	}
	return nil
}

// holdSync records, before main is moved from tree old to tree new, that the checked-out
// files of a clone with a worktree are to follow.
func (a *Archive) holdSync(old, new plumbing.Hash) error {
	if a.writer == nil {
		return nil
	}
	a.writer.syncs = append(a.writer.syncs, old.String()+" "+new.String())
	return a.writer.save()
}

// dropSync records that the worktree followed main from tree old to tree new.
func (a *Archive) dropSync(old, new plumbing.Hash) {
	if a.writer == nil {
		return
	}
	if i := slices.Index(a.writer.syncs, old.String()+" "+new.String()); i >= 0 {
		a.writer.syncs = slices.Delete(a.writer.syncs, i, i+1)
		a.writer.save()
	}
}

// finishSyncs brings the worktree of a clone to main's tree where a writer that died
// holding the lock had moved main from a recorded tree and not yet updated the files (or
// not all of them, or not the index) — when main is still at that tree and each changed
// file is as before it or already as after; otherwise (git has moved main since, or the
// files were changed) they are left as they are.
func (a *Archive) finishSyncs() error {
	for _, rec := range slices.Clone(a.writer.syncs) {
		old, new, _ := strings.Cut(rec, " ")
		if err := a.finishSync(old, new); err != nil {
			return err
		}
		a.dropSync(plumbing.NewHash(old), plumbing.NewHash(new))
	}
	return nil
}

// finishSync is finishSyncs for one record.
func (a *Archive) finishSync(oldHex, newHex string) error {
	if a.Bare() || !plumbing.IsHash(oldHex) || !plumbing.IsHash(newHex) {
		return nil
	}
	tip, ok, err := a.head()
	if err != nil || !ok {
		return err
	}
	c, err := a.commit(tip)
	if err != nil {
		return err
	}
	if c.TreeHash.String() != newHex {
		return nil
	}
	s, err := a.prepareSyncFrom(plumbing.NewHash(oldHex), c.TreeHash, true)
	if errors.Is(err, ErrWorktreeChanged) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("update the worktree a stopped writer left behind main: %w", err)
	}
	defer s.release()
	if err := s.apply(); err != nil {
		return fmt.Errorf("update the worktree a stopped writer left behind main: %w", err)
	}
	return nil
}
