package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// fileChange is one file that differs between two trees.
type fileChange struct {
	path     string // slash-separated
	old, new entryState
}

// changedFiles lists the files that differ between trees old and new (ZeroHash: empty),
// descending only into subtrees whose hashes differ. O(entries of the changed trees).
func (r *treeReader) changedFiles(old, new plumbing.Hash, prefix string, out *[]fileChange) error {
	if old == new {
		return nil
	}
	sides := [2][]object.TreeEntry{}
	for i, h := range []plumbing.Hash{old, new} {
		e, err := r.entries(h)
		if err != nil {
			return err
		}
		sides[i] = e
	}
	names := map[string][2]entryState{}
	for i, entries := range sides {
		for _, e := range entries {
			s := names[e.Name]
			s[i] = entryState{present: true, mode: e.Mode, hash: e.Hash}
			names[e.Name] = s
		}
	}
	for name, s := range names {
		o, n := s[0], s[1]
		if o.same(n) {
			continue
		}
		p := name
		if prefix != "" {
			p = prefix + "/" + name
		}
		if o.isDir() || n.isDir() {
			if err := r.changedFiles(o.subtree(), n.subtree(), p, out); err != nil {
				return err
			}
		}
		fo, fn := o, n
		if o.isDir() {
			fo = entryState{}
		}
		if n.isDir() {
			fn = entryState{}
		}
		if !fo.same(fn) {
			*out = append(*out, fileChange{path: p, old: fo, new: fn})
		}
	}
	return nil
}

// worktreeSync keeps a non-bare archive's index and checked-out files in step when main
// moves from one tree to another (a pull). It holds git's index.lock from the checks, made
// before main moves, until the index is replaced.
type worktreeSync struct {
	a       *Archive
	lock    *os.File
	idx     *index.Index
	changes []fileChange
	// resume: finishing a sync a killed writer began, so a file may already be as in the
	// new tree (written before the index was).
	resume bool
}

// prepareSync checks, before main moves from tree old to tree new, that every file that
// changes is in the index and the worktree exactly as in old (or absent from both when
// old has none), and takes index.lock. It returns nil when the archive is bare or HEAD is
// not main. Only the changed files are read. Changes of the user's elsewhere stay as they
// are.
func (a *Archive) prepareSync(old, new plumbing.Hash) (*worktreeSync, error) {
	return a.prepareSyncFrom(old, new, false)
}

// prepareSyncFrom is prepareSync; with resume, a file already as in new is accepted too.
func (a *Archive) prepareSyncFrom(old, new plumbing.Hash, resume bool) (*worktreeSync, error) {
	if a.Bare() || old == new {
		return nil, nil
	}
	onMain, err := a.headIsMain()
	if err != nil || !onMain {
		return nil, err
	}
	var changes []fileChange
	if err := newTreeReader(a).changedFiles(old, new, "", &changes); err != nil {
		return nil, err
	}
	for _, c := range changes {
		if c.new.present && !c.new.mode.IsFile() || c.old.present && !c.old.mode.IsFile() {
			return nil, fmt.Errorf("%w: %s is a submodule, which blackline cannot check out", ErrUnsupported, c.path)
		}
	}
	slices.SortFunc(changes, func(x, y fileChange) int { return strings.Compare(x.path, y.path) })
	if resume { // the killed writer's temporary files, beside the files it was writing
		for _, c := range changes {
			temps, _ := filepath.Glob(filepath.Join(a.workTree, filepath.FromSlash(path.Dir(c.path)), ".blackline-*.tmp"))
			for _, p := range temps {
				os.Remove(p)
			}
		}
	}
	lock, err := a.createLockFile(filepath.Join(a.gitDir, "index.lock"))
	if err != nil {
		return nil, err
	}
	s := &worktreeSync{a: a, lock: lock, changes: changes, resume: resume}
	if err := s.check(); err != nil {
		s.release()
		return nil, err
	}
	return s, nil
}

// check refuses, with ErrWorktreeChanged, an index or worktree where a changing file is not
// as in the old tree.
func (s *worktreeSync) check() (err error) {
	a := s.a
	if s.idx, err = a.readIndex(); err != nil {
		return err
	}
	entries := make(map[string]*index.Entry, len(s.idx.Entries))
	for _, e := range s.idx.Entries {
		if e.Stage != 0 {
			return fmt.Errorf("%w: %s has an unresolved merge conflict; resolve it first (git -C %s status)", ErrWorktreeChanged, e.Name, a.workTree)
		}
		entries[e.Name] = e
	}
	changed := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s; commit or discard it first (git -C %s status)", ErrWorktreeChanged, fmt.Sprintf(format, args...), a.workTree)
	}
	for _, c := range s.changes {
		e, tracked := entries[c.path]
		switch {
		case c.old.present && !tracked:
			return changed("%s is removed from the index", c.path)
		case c.old.present && e.Hash != c.old.hash:
			return changed("%s has staged changes", c.path)
		case !c.old.present && tracked:
			return changed("%s is staged, and the pull brings a file there", c.path)
		}
		file := filepath.Join(a.workTree, filepath.FromSlash(c.path))
		for dir := filepath.Dir(file); len(dir) > len(a.workTree); dir = filepath.Dir(dir) {
			if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
				return changed("%s is a file in the worktree, where a folder goes", dir)
			}
		}
		want := plumbing.ZeroHash
		if c.old.present {
			want = c.old.hash
		}
		got, err := worktreeBlob(file)
		if err != nil {
			return fmt.Errorf("check %s: %w", file, err)
		}
		switch {
		case got == want:
		case s.resume && (c.new.present && got == c.new.hash || !c.new.present && got.IsZero()):
			// Written (or removed) by the killed writer before it wrote the index.
		case !c.old.present && c.new.present && got == c.new.hash:
			// An untracked copy of what the pull brings: nothing is lost.
		case !c.old.present:
			return changed("%s is an untracked file in the worktree, and the pull brings a file there", c.path)
		case got.IsZero():
			return changed("%s is deleted in the worktree", c.path)
		default:
			return changed("%s has uncommitted changes", c.path)
		}
	}
	return nil
}

// worktreeBlob returns the blob hash of the file (or of a symbolic link's target name);
// ZeroHash when there is none.
func worktreeBlob(file string) (plumbing.Hash, error) {
	st, err := os.Lstat(file)
	if errors.Is(err, fs.ErrNotExist) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var b []byte
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(file)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		b = []byte(target)
	case st.Mode().IsRegular():
		if b, err = os.ReadFile(file); err != nil {
			return plumbing.ZeroHash, err
		}
	default:
		return plumbing.ComputeHash(plumbing.BlobObject, []byte(file)), nil // a folder: matches nothing
	}
	return plumbing.ComputeHash(plumbing.BlobObject, b), nil
}

// apply writes the new files into the worktree, removes the deleted ones, and writes the
// index with their entries and stat data, so git status needs not re-read them.
func (s *worktreeSync) apply() error {
	if s == nil {
		return nil
	}
	a := s.a
	byName := make(map[string]int, len(s.idx.Entries))
	for i, e := range s.idx.Entries {
		byName[e.Name] = i
	}
	var removed []string
	for _, c := range s.changes { // deletions first: a folder may give way to a file
		if c.new.present {
			continue
		}
		file := filepath.Join(a.workTree, filepath.FromSlash(c.path))
		if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", file, err)
		}
		removeEmptyDirs(filepath.Dir(file), a.workTree)
		removed = append(removed, c.path)
	}
	for _, c := range s.changes {
		if !c.new.present {
			continue
		}
		file := filepath.Join(a.workTree, filepath.FromSlash(c.path))
		if err := writeWorktreeFile(a, file, c.new); err != nil {
			return err
		}
		st, err := os.Lstat(file)
		if err != nil {
			return fmt.Errorf("write %s: %w", file, err)
		}
		entry := &index.Entry{Name: c.path, Hash: c.new.hash, Mode: c.new.mode, Size: uint32(st.Size()), ModifiedAt: st.ModTime()}
		fillStat(entry, st)
		if i, ok := byName[c.path]; ok {
			s.idx.Entries[i] = entry
		} else {
			byName[c.path] = len(s.idx.Entries)
			s.idx.Entries = append(s.idx.Entries, entry)
		}
	}
	gone := map[string]bool{}
	for _, p := range removed {
		gone[p] = true
	}
	s.idx.Entries = slices.DeleteFunc(s.idx.Entries, func(e *index.Entry) bool { return gone[e.Name] })
	if err := a.writeIndex(s.idx, s.lock); err != nil {
		return err
	}
	s.lock = nil
	return nil
}

// writeWorktreeFile writes the blob of entry e at file, through a temporary file renamed
// into place (a symbolic link for a link entry).
func writeWorktreeFile(a *Archive, file string, e entryState) error {
	b, err := a.readBlob(e.hash)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if e.mode == filemode.Symlink {
		os.Remove(file)
		if err := os.Symlink(string(b), file); err != nil {
			return fmt.Errorf("write %s: %w", file, err)
		}
		return nil
	}
	perm := os.FileMode(0o644)
	if e.mode == filemode.Executable {
		perm = 0o755
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".blackline-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), perm)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// removeEmptyDirs removes dir and its parents up to (not including) top while they are
// empty.
func removeEmptyDirs(dir, top string) {
	for len(dir) > len(top) && os.Remove(dir) == nil {
		dir = filepath.Dir(dir)
	}
}

// release drops index.lock when the index was not replaced.
func (s *worktreeSync) release() {
	if s == nil || s.lock == nil {
		return
	}
	s.lock.Close()
	os.Remove(s.lock.Name())
	s.a.dropLockFile(s.lock.Name())
	s.lock = nil
}
