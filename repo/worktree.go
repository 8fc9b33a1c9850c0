package repo

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// worktreeUpdate keeps a non-bare archive's index and checked-out file of one document in
// step with a commit on main. It holds git's index.lock from the checks made before
// anything is written until the index is replaced.
type worktreeUpdate struct {
	name string // slash-separated path in the tree, "<ID>/text.txt"
	file string // the same path in the worktree
	lock *os.File
	idx  *index.Index
}

// headIsMain reports whether HEAD is the symbolic ref refs/heads/main.
func (a *Archive) headIsMain() (bool, error) {
	b, err := os.ReadFile(filepath.Join(a.gitDir, "HEAD"))
	if err != nil {
		return false, fmt.Errorf("read HEAD: %w", err)
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "ref:")
	return ok && strings.TrimSpace(target) == mainRef, nil
}

// prepareWorktree checks, before anything is written, that the worktree and the index of
// a non-bare archive whose HEAD is main hold the document's file exactly as committed in
// main (parentBlob; ZeroHash when the document is new), and takes index.lock. It returns
// nil when there is no worktree to keep in step. Only the one file is read and hashed.
func (a *Archive) prepareWorktree(name string, parentBlob plumbing.Hash) (*worktreeUpdate, error) {
	if a.Bare() {
		return nil, nil
	}
	onMain, err := a.headIsMain()
	if err != nil || !onMain {
		return nil, err
	}
	lock, err := a.createLockFile(filepath.Join(a.gitDir, "index.lock"))
	if err != nil {
		return nil, err
	}
	u := &worktreeUpdate{name: name, file: filepath.Join(a.workTree, filepath.FromSlash(name)), lock: lock}
	if err := a.checkWorktree(u, parentBlob); err != nil {
		u.release()
		return nil, err
	}
	return u, nil
}

// checkWorktree refuses, with ErrWorktreeChanged, an index or worktree where the document's
// file is not as committed in main (parentBlob).
func (a *Archive) checkWorktree(w *worktreeUpdate, parentBlob plumbing.Hash) (err error) {
	name := w.name
	if w.idx, err = a.readIndex(); err != nil {
		return err
	}
	changed := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s; commit or discard it first (git -C %s status)", ErrWorktreeChanged, fmt.Sprintf(format, args...), a.workTree)
	}
	var entry *index.Entry
	for _, e := range w.idx.Entries {
		switch {
		case e.Name == name && e.Stage != 0:
			return changed("%s has an unresolved merge conflict", name)
		case e.Name == name:
			entry = e
		case strings.HasPrefix(name, e.Name+"/"):
			return changed("the index holds a file %s where the document's folder goes", e.Name)
		}
	}
	switch {
	case entry == nil && !parentBlob.IsZero():
		return changed("%s is removed from the index", name)
	case entry != nil && entry.Hash != parentBlob:
		return changed("%s has staged changes", name)
	}
	for dir := filepath.Dir(w.file); dir != a.workTree && len(dir) > len(a.workTree); dir = filepath.Dir(dir) {
		if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
			return changed("%s is a file in the worktree, where the document's folder goes", dir)
		}
	}
	st, err := os.Lstat(w.file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !parentBlob.IsZero() {
			return changed("%s is deleted in the worktree", name)
		}
	case err != nil:
		return fmt.Errorf("check %s: %w", w.file, err)
	case !st.Mode().IsRegular():
		return changed("%s is not a regular file in the worktree", name)
	case parentBlob.IsZero():
		return changed("%s is an untracked file in the worktree", name)
	default:
		b, err := os.ReadFile(w.file)
		if err != nil {
			return fmt.Errorf("check %s: %w", w.file, err)
		}
		if plumbing.ComputeHash(plumbing.BlobObject, b) != parentBlob {
			return changed("%s has uncommitted changes", name)
		}
	}
	return nil
}

// readIndex reads the index, or returns an empty one when there is none. An index whose
// trailing checksum is zero (git's index.skipHash) is read too.
func (a *Archive) readIndex() (*index.Index, error) {
	b, err := os.ReadFile(filepath.Join(a.gitDir, "index"))
	if errors.Is(err, fs.ErrNotExist) {
		return &index.Index{Version: 2}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	if n := len(b) - sha1.Size; n > 0 && bytes.Equal(b[n:], make([]byte, sha1.Size)) {
		sum := sha1.Sum(b[:n])
		b = append(b[:n:n], sum[:]...)
	}
	idx := &index.Index{}
	if err := index.NewDecoder(bytes.NewReader(b)).Decode(idx); err != nil {
		if errors.Is(err, index.ErrUnknownExtension) || errors.Is(err, index.ErrUnsupportedVersion) {
			return nil, fmt.Errorf("read index: %w: the index uses a git feature blackline cannot keep (split or sparse index, or a new index version): %w", ErrUnsupported, err)
		}
		return nil, fmt.Errorf("read index: %w", err)
	}
	return idx, nil
}

// apply writes text into the worktree file (through a temporary file renamed into place)
// and points the index entry at blob with the file's new stat data, so git status needs
// not re-read it.
func (w *worktreeUpdate) apply(blob plumbing.Hash, text []byte) error {
	if w == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(w.file), 0o777); err != nil {
		return fmt.Errorf("write %s: %w", w.file, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(w.file), ".blackline-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", w.file, err)
	}
	_, werr := tmp.Write(text)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", w.file, err)
	}
	if err := os.Rename(tmp.Name(), w.file); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", w.file, err)
	}
	st, err := os.Lstat(w.file)
	if err != nil {
		return fmt.Errorf("write %s: %w", w.file, err)
	}
	entry := &index.Entry{Name: w.name, Hash: blob, Mode: filemode.Regular, Size: uint32(st.Size()), ModifiedAt: st.ModTime()}
	fillStat(entry, st)
	replaced := false
	for i, e := range w.idx.Entries {
		if e.Name == w.name {
			w.idx.Entries[i], replaced = entry, true
		}
	}
	if !replaced {
		w.idx.Entries = append(w.idx.Entries, entry)
	}
	// The cached trees of the TREE extension would be stale; git rebuilds them.
	w.idx.Cache, w.idx.ResolveUndo, w.idx.EndOfIndexEntry = nil, nil, nil
	for _, e := range w.idx.Entries {
		if (e.SkipWorktree || e.IntentToAdd) && w.idx.Version < 3 {
			w.idx.Version = 3
		}
	}
	if err := index.NewEncoder(w.lock).Encode(w.idx); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := w.lock.Close(); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := os.Rename(w.lock.Name(), strings.TrimSuffix(w.lock.Name(), ".lock")); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	w.lock = nil
	return nil
}

// release drops index.lock when the index was not replaced.
func (w *worktreeUpdate) release() {
	if w == nil || w.lock == nil {
		return
	}
	w.lock.Close()
	os.Remove(w.lock.Name())
	w.lock = nil
}
