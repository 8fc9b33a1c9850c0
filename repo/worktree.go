package repo

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// worktreeUpdate keeps a non-bare archive's index and checked-out files of some documents
// in step with commits on main. It holds git's index.lock from the checks made before
// anything is written until the index is replaced.
type worktreeUpdate struct {
	a    *Archive
	lock *os.File
	idx  *index.Index
}

// worktreeFile is a document's text to check out: its path in the tree ("<ID>/text.txt"),
// its blob and its content.
type worktreeFile struct {
	name string
	blob plumbing.Hash
	text []byte
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
// a non-bare archive whose HEAD is main hold each document file named in parents exactly
// as committed in main (its blob there; ZeroHash when the document is new), and takes
// index.lock. It returns nil when there is no worktree to keep in step. Only the named
// files are read and hashed.
func (a *Archive) prepareWorktree(parents map[string]plumbing.Hash) (*worktreeUpdate, error) {
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
	u := &worktreeUpdate{a: a, lock: lock}
	if u.idx, err = a.readIndex(); err == nil {
		err = u.check(parents)
	}
	if err != nil {
		u.release()
		return nil, err
	}
	return u, nil
}

// check refuses, with ErrWorktreeChanged, an index or worktree where a document's file is
// not as committed in main (its blob in parents). O(index entries + files checked).
func (w *worktreeUpdate) check(parents map[string]plumbing.Hash) error {
	if w == nil {
		return nil
	}
	a := w.a
	changed := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s; commit or discard it first (git -C %s status)", ErrWorktreeChanged, fmt.Sprintf(format, args...), a.workTree)
	}
	entries := make(map[string]*index.Entry, len(w.idx.Entries))
	for _, e := range w.idx.Entries {
		if _, ok := parents[e.Name]; ok && e.Stage != 0 {
			return changed("%s has an unresolved merge conflict", e.Name)
		}
		entries[e.Name] = e
	}
	for name := range parents {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if _, ok := entries[dir]; ok {
				return changed("the index holds a file %s where the document's folder goes", dir)
			}
		}
	}
	for name, parentBlob := range parents {
		entry := entries[name]
		switch {
		case entry == nil && !parentBlob.IsZero():
			return changed("%s is removed from the index", name)
		case entry != nil && entry.Hash != parentBlob:
			return changed("%s has staged changes", name)
		}
		file := filepath.Join(a.workTree, filepath.FromSlash(name))
		for dir := filepath.Dir(file); dir != a.workTree && len(dir) > len(a.workTree); dir = filepath.Dir(dir) {
			if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
				return changed("%s is a file in the worktree, where the document's folder goes", dir)
			}
		}
		st, err := os.Lstat(file)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if !parentBlob.IsZero() {
				return changed("%s is deleted in the worktree", name)
			}
		case err != nil:
			return fmt.Errorf("check %s: %w", file, err)
		case !st.Mode().IsRegular():
			return changed("%s is not a regular file in the worktree", name)
		case parentBlob.IsZero():
			return changed("%s is an untracked file in the worktree", name)
		default:
			b, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("check %s: %w", file, err)
			}
			if plumbing.ComputeHash(plumbing.BlobObject, b) != parentBlob {
				return changed("%s has uncommitted changes", name)
			}
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

// apply writes each file's text into the worktree (through a temporary file renamed into
// place) and points its index entry at the blob with the file's new stat data, so git
// status needs not re-read it; then it replaces the index, which releases index.lock. With
// relock, index.lock is taken again at once and the index kept, for a writer that goes on.
// O(index entries + size of the files).
func (w *worktreeUpdate) apply(files []worktreeFile, relock bool) error {
	if w == nil {
		return nil
	}
	updated := make(map[string]*index.Entry, len(files))
	for _, f := range files {
		entry, err := w.a.checkout(f)
		if err != nil {
			return err
		}
		updated[f.name] = entry
	}
	for i, e := range w.idx.Entries {
		if u, ok := updated[e.Name]; ok {
			w.idx.Entries[i] = u
			delete(updated, e.Name)
		}
	}
	for _, f := range files {
		if u, ok := updated[f.name]; ok {
			w.idx.Entries = append(w.idx.Entries, u)
			delete(updated, f.name)
		}
	}
	if err := w.a.writeIndex(w.idx, w.lock); err != nil {
		return err
	}
	name := w.lock.Name()
	w.lock = nil
	if relock {
		lock, err := w.a.createLockFile(name)
		if err != nil {
			return err
		}
		w.lock = lock
	}
	return nil
}

// checkout writes a file into the worktree and returns its index entry.
func (a *Archive) checkout(f worktreeFile) (*index.Entry, error) {
	file := filepath.Join(a.workTree, filepath.FromSlash(f.name))
	if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
		return nil, fmt.Errorf("write %s: %w", file, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".blackline-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", file, err)
	}
	_, werr := tmp.Write(f.text)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("write %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("write %s: %w", file, err)
	}
	st, err := os.Lstat(file)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", file, err)
	}
	entry := &index.Entry{Name: f.name, Hash: f.blob, Mode: filemode.Regular, Size: uint32(st.Size()), ModifiedAt: st.ModTime()}
	fillStat(entry, st)
	return entry, nil
}

// release drops index.lock when the index was not replaced.
func (w *worktreeUpdate) release() {
	if w == nil || w.lock == nil {
		return
	}
	w.lock.Close()
	os.Remove(w.lock.Name())
	w.a.dropLockFile(w.lock.Name())
	w.lock = nil
}

// writeIndex writes idx through its lock file lock ("index.lock") and renames it into
// place, as git does: the cached trees of the TREE extension, which would be stale, are
// dropped (git rebuilds them), and the version raised to 3 where an entry needs it. On an
// error the lock file is left for its holder to remove.
func (a *Archive) writeIndex(idx *index.Index, lock *os.File) error {
	idx.Cache, idx.ResolveUndo, idx.EndOfIndexEntry = nil, nil, nil
	for _, e := range idx.Entries {
		if (e.SkipWorktree || e.IntentToAdd) && idx.Version < 3 {
			idx.Version = 3
		}
	}
	if err := index.NewEncoder(lock).Encode(idx); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	if err := lock.Close(); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	name := lock.Name()
	if err := os.Rename(name, strings.TrimSuffix(name, ".lock")); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	a.dropLockFile(name)
	return nil
}
