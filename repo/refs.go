package repo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// Refs are read and written the way git itself does, so that git and blackline can work on
// one repository: a loose ref file under the common directory overrides packed-refs; a
// writer creates "<ref>.lock" exclusively (git's own lock), checks the old value, writes
// the new one into the lock file and renames it over the ref, so readers never see a
// partial file. go-git's SetReference truncates the ref file in place instead.

// errRefChanged: the ref no longer holds the value a writer built on.
var errRefChanged = errors.New("reference has changed")

// readRef returns the commit a ref points at; ok is false when the ref does not exist.
// Symbolic refs are followed.
func (a *Archive) readRef(name string) (h plumbing.Hash, ok bool, err error) {
	for range 5 {
		b, err := os.ReadFile(filepath.Join(a.commonDir, filepath.FromSlash(name)))
		switch {
		case err == nil:
			s := strings.TrimSpace(string(b))
			if target, sym := strings.CutPrefix(s, "ref:"); sym {
				name = strings.TrimSpace(target)
				continue
			}
			if !plumbing.IsHash(s) {
				return plumbing.ZeroHash, false, fmt.Errorf("read ref %s: not a hash: %q", name, s)
			}
			return plumbing.NewHash(s), true, nil
		case missing(err), isDirErr(err):
			h, ok, err := a.packedRef(name)
			return h, ok, err
		default:
			return plumbing.ZeroHash, false, fmt.Errorf("read ref %s: %w", name, err)
		}
	}
	return plumbing.ZeroHash, false, fmt.Errorf("read ref %s: symbolic refs nested too deep", name)
}

// missing reports an error from a path that does not exist, or whose parent is a file.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// isDirErr reports an error from reading a directory as a file.
func isDirErr(err error) bool {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		st, serr := os.Stat(pe.Path)
		return serr == nil && st.IsDir()
	}
	return false
}

// packedRef looks name up in packed-refs. O(size of packed-refs), searched rather than
// parsed.
func (a *Archive) packedRef(name string) (h plumbing.Hash, ok bool, err error) {
	err = a.packedRefsWithPrefix(name, func(n string, v plumbing.Hash) bool {
		if n == name {
			h, ok = v, true
			return false
		}
		return true
	})
	return h, ok, err
}

// scanPackedRefs calls visit with each ref of packed-refs until it returns false. Peeled
// lines ("^hash") are skipped.
func (a *Archive) scanPackedRefs(visit func(name string, h plumbing.Hash) bool) error {
	b, err := os.ReadFile(filepath.Join(a.commonDir, "packed-refs"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read packed-refs: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' || line[0] == '^' {
			continue
		}
		hex, name, found := strings.Cut(line, " ")
		if !found || !plumbing.IsHash(hex) {
			continue
		}
		if !visit(name, plumbing.NewHash(hex)) {
			return nil
		}
	}
	return sc.Err()
}

// gitLockError explains a lock file that stayed in place past the wait.
func gitLockError(path string) error {
	return fmt.Errorf("%w: %s exists: another git process seems to be writing to the archive; if none is running, remove that file", ErrLocked, path)
}

// createLockFile creates path exclusively, as git does for its lock files, waiting up to
// a.lockWait while another process holds it.
func (a *Archive) createLockFile(path string) (*os.File, error) {
	deadline := time.Now().Add(a.lockWait)
	for {
		// Recorded first, so that a writer killed right after creating it leaves it
		// recorded; not recorded while waiting for another program's.
		if err := a.holdLockFile(path); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return f, nil
		}
		a.dropLockFile(path)
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create lock file: %w", err)
		}
		if time.Now().After(deadline) {
			return nil, gitLockError(path)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitNoLockFile waits up to a.lockWait for git's lock file at path to go away.
func (a *Archive) waitNoLockFile(path string) error {
	deadline := time.Now().Add(a.lockWait)
	for fileExists(path) {
		if time.Now().After(deadline) {
			return gitLockError(path)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// updateRef moves ref name from old (ZeroHash: the ref must not exist) to h atomically,
// under git's "<name>.lock". It returns errRefChanged when the ref does not hold old.
func (a *Archive) updateRef(name string, h, old plumbing.Hash) (err error) {
	file := filepath.Join(a.commonDir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	if err := a.waitNoLockFile(filepath.Join(a.commonDir, "packed-refs.lock")); err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	lock, err := a.createLockFile(file + ".lock")
	if err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			lock.Close()
			os.Remove(lock.Name())
		}
		a.dropLockFile(lock.Name())
	}()
	cur, exists, err := a.readRef(name)
	if err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	if exists && cur != old || !exists && !old.IsZero() {
		return fmt.Errorf("update ref %s: %w", name, errRefChanged)
	}
	if _, err := lock.WriteString(h.String() + "\n"); err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	if err := lock.Close(); err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	crashPoint("ref-locked", name)
	if err := os.Rename(lock.Name(), file); err != nil {
		return fmt.Errorf("update ref %s: %w", name, err)
	}
	crashPoint("ref-moved", name)
	return nil
}

// checkTagPath refuses a document whose version tags git could not create: a ref named
// like one of the ID's folders ("refs/tags/dod" for dod/x) is a file where a folder must go.
func (a *Archive) checkTagPath(id string) error {
	var blocked []string
	for dir := path.Dir("refs/tags/" + id); dir != "refs/tags"; dir = path.Dir(dir) {
		blocked = append(blocked, dir)
		if st, err := os.Stat(filepath.Join(a.commonDir, filepath.FromSlash(dir))); err == nil && !st.IsDir() {
			return &FieldError{Field: "document ID", Value: id, Reason: fmt.Sprintf("the ref %s is in the way of its version tags", dir), Err: ErrInvalidID}
		}
	}
	var packed string
	err := a.scanPackedRefs(func(name string, _ plumbing.Hash) bool {
		if slices.Contains(blocked, name) {
			packed = name
			return false
		}
		return true
	})
	if err != nil {
		return err
	}
	if packed != "" {
		return &FieldError{Field: "document ID", Value: id, Reason: fmt.Sprintf("the ref %s is in the way of its version tags", packed), Err: ErrInvalidID}
	}
	return nil
}

// tagRef is the tag naming a version.
func tagRef(id, label string) string { return "refs/tags/" + id + "@" + label }

// documentTags returns the labels of the document's tags "<ID>@<LABEL>", with the hashes
// they hold (not peeled) when readHashes is set (else ZeroHash for loose tags). It reads
// one directory of loose tags and searches packed-refs: O(tags in that directory + size of
// packed-refs).
func (a *Archive) documentTags(id string, readHashes bool) (map[string]plumbing.Hash, error) {
	tags := map[string]plumbing.Hash{}
	prefix := "refs/tags/" + id + "@"
	err := a.packedRefsWithPrefix(prefix, func(name string, h plumbing.Hash) bool {
		if label, ok := strings.CutPrefix(name, prefix); ok && ValidateLabel(label) == nil {
			tags[label] = h
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	dir := path.Dir("refs/tags/" + id)
	entries, err := os.ReadDir(filepath.Join(a.commonDir, filepath.FromSlash(dir)))
	if err != nil && !missing(err) {
		return nil, fmt.Errorf("read tags of %s: %w", id, err)
	}
	base := path.Base(id) + "@"
	for _, e := range entries {
		label, ok := strings.CutPrefix(e.Name(), base)
		if !ok || e.IsDir() || ValidateLabel(label) != nil {
			continue
		}
		if !readHashes {
			tags[label] = plumbing.ZeroHash
			continue
		}
		h, ok, err := a.readRef(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		if ok {
			tags[label] = h
		}
	}
	return tags, nil
}

// allTags returns every tag of the form "<ID>@<LABEL>" as ID → label → hash (not peeled).
// O(number of tags).
func (a *Archive) allTags() (map[string]map[string]plumbing.Hash, error) {
	tags := map[string]map[string]plumbing.Hash{}
	add := func(name string, h plumbing.Hash) {
		rest, ok := strings.CutPrefix(name, "refs/tags/")
		if !ok {
			return
		}
		id, label, ok := strings.Cut(rest, "@")
		if !ok || ValidateID(id) != nil || ValidateLabel(label) != nil {
			return
		}
		if tags[id] == nil {
			tags[id] = map[string]plumbing.Hash{}
		}
		tags[id][label] = h
	}
	err := a.scanPackedRefs(func(name string, h plumbing.Hash) bool { add(name, h); return true })
	if err != nil {
		return nil, err
	}
	if err := a.looseRefs("refs/tags/", add); err != nil {
		return nil, err
	}
	return tags, nil
}
