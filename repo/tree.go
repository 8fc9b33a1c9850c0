package repo

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeReader decodes tree objects, keeping the trees read during the current and the
// previous step of a history walk: consecutive commits share most trees, so each is
// decoded about once.
type treeReader struct {
	a         *Archive
	cur, prev map[plumbing.Hash][]object.TreeEntry
}

func newTreeReader(a *Archive) *treeReader {
	return &treeReader{a: a, cur: map[plumbing.Hash][]object.TreeEntry{}, prev: map[plumbing.Hash][]object.TreeEntry{}}
}

// step ends a step of the walk: trees not read again in the next step are forgotten.
func (r *treeReader) step() {
	r.prev, r.cur = r.cur, map[plumbing.Hash][]object.TreeEntry{}
}

// entries returns the entries of tree h (none for ZeroHash).
func (r *treeReader) entries(h plumbing.Hash) ([]object.TreeEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	if e, ok := r.cur[h]; ok {
		return e, nil
	}
	e, ok := r.prev[h]
	if !ok {
		t, err := object.GetTree(r.a.storer, h)
		if err != nil {
			return nil, fmt.Errorf("read tree %s: %w", h, err)
		}
		e = t.Entries
	}
	r.cur[h] = e
	return e, nil
}

// find returns the entry called name in entries.
func find(entries []object.TreeEntry, name string) (object.TreeEntry, bool) {
	for _, e := range entries {
		if e.Name == name {
			return e, true
		}
	}
	return object.TreeEntry{}, false
}

// lookupPath returns the hashes along a path from the root tree: out[0] is root, out[i] the
// entry comps[i-1] inside out[i-1] (ZeroHash when missing, or when the last one is not a
// file). When a hash equals known[i], the rest is copied from known without reading: the
// same tree holds the same path. O(len(comps) × entries per tree) at most.
func (r *treeReader) lookupPath(root plumbing.Hash, comps []string, known []plumbing.Hash) ([]plumbing.Hash, error) {
	out := make([]plumbing.Hash, len(comps)+1)
	out[0] = root
	for i, name := range comps {
		if known != nil && out[i] == known[i] {
			copy(out[i:], known[i:])
			return out, nil
		}
		if out[i].IsZero() {
			return out, nil
		}
		entries, err := r.entries(out[i])
		if err != nil {
			return nil, err
		}
		e, ok := find(entries, name)
		last := i == len(comps)-1
		if !ok || last && !e.Mode.IsFile() || !last && e.Mode != filemode.Dir {
			return out, nil
		}
		out[i+1] = e.Hash
	}
	return out, nil
}

// errPathConflict: a folder of the document's path is a file in the archive, or the text's
// place is a folder.
var errPathConflict = errors.New("path conflict")

// writePath stores the trees that put blob at path comps under root, rebuilding only the
// trees along the path and reusing every other subtree by hash. It returns the new root
// tree. O(len(comps) × entries per tree).
func (r *treeReader) writePath(root plumbing.Hash, comps []string, blob plumbing.Hash) (plumbing.Hash, error) {
	return r.writePathAt(root, comps, 0, blob)
}

// writePathAt rebuilds tree h, found at comps[:depth], to hold blob at comps.
func (r *treeReader) writePathAt(h plumbing.Hash, comps []string, depth int, blob plumbing.Hash) (plumbing.Hash, error) {
	entries, err := r.entries(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	name := comps[depth]
	at := strings.Join(comps[:depth+1], "/")
	e, exists := find(entries, name)
	newEntry := object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: blob}
	if depth == len(comps)-1 {
		if exists && !e.Mode.IsFile() {
			return plumbing.ZeroHash, fmt.Errorf("%w: %s is not a file in the archive", errPathConflict, at)
		}
	} else {
		sub := plumbing.ZeroHash
		if exists {
			if e.Mode != filemode.Dir {
				return plumbing.ZeroHash, fmt.Errorf("%w: %s is a file in the archive", errPathConflict, at)
			}
			sub = e.Hash
		}
		if newEntry.Hash, err = r.writePathAt(sub, comps, depth+1, blob); err != nil {
			return plumbing.ZeroHash, err
		}
		newEntry.Mode = filemode.Dir
	}
	updated := make([]object.TreeEntry, 0, len(entries)+1)
	for _, x := range entries {
		if x.Name != name {
			updated = append(updated, x)
		}
	}
	updated = append(updated, newEntry)
	sort.Sort(object.TreeEntrySorter(updated))
	obj := r.a.storer.NewEncodedObject()
	if err := (&object.Tree{Entries: updated}).Encode(obj); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("encode tree: %w", err)
	}
	return r.a.storeObject(obj)
}

// storeObject writes obj unless the archive already has it, and returns its hash.
func (a *Archive) storeObject(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	if a.storer.HasEncodedObject(obj.Hash()) == nil {
		return obj.Hash(), nil
	}
	h, err := a.storer.SetEncodedObject(obj)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("write %s object: %w", obj.Type(), err)
	}
	return h, nil
}

// storeBlob writes text as a blob and returns its hash.
func (a *Archive) storeBlob(text []byte) (plumbing.Hash, error) {
	obj := a.storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(text)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(text); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return a.storeObject(obj)
}

// readBlob returns the content of blob h, checked against its hash, so that a damaged
// object is an error (ErrCorrupt) and never text other than what was added. O(size).
func (a *Archive) readBlob(h plumbing.Hash) ([]byte, error) {
	b, err := object.GetBlob(a.storer, h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	defer rd.Close()
	var buf bytes.Buffer
	buf.Grow(int(b.Size))
	if _, err := buf.ReadFrom(rd); err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	if blobHash(buf.Bytes()) != h {
		return nil, fmt.Errorf("read blob %s: %w: its content does not match its hash (git fsck lists what else is damaged)", h, ErrCorrupt)
	}
	return buf.Bytes(), nil
}

// blobHash is git's hash of a blob holding b, computed with the standard library's SHA-1:
// go-git's collision-detecting SHA-1 is half as fast, and telling damage from the stored
// text needs no collision detection. O(len(b)).
func blobHash(b []byte) plumbing.Hash {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(b)) + "\x00"))
	h.Write(b)
	var out plumbing.Hash
	h.Sum(out[:0])
	return out
}
