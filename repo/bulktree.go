package repo

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// memTree is a tree being rebuilt by a bulk writer: its entries in git's order, its
// encoding and hash, and the subtrees opened below it. Only trees along written paths are
// opened (read from the archive once, or created empty); every other subtree stays a hash.
type memTree struct {
	entries []object.TreeEntry
	subs    map[string]*memTree
	raw     []byte        // the tree's encoding, as of hash
	ends    []int         // ends[i]: the offset in raw just after entry i
	hash    plumbing.Hash // ZeroHash for a tree not yet encoded
	entry   int           // the pack entry holding raw in the current pack; -1 when none
}

// treeBuilder rebuilds trees along the paths written by a bulk import and writes each new
// tree into a pack: whole the first time in that pack, else as a delta against its previous
// version (the splice of one entry), so that the cost of a version is independent of the
// size of the folders along its path beyond hashing them.
type treeBuilder struct {
	root  *memTree
	trees *treeReader // reads trees of the archive
}

// newTreeBuilder starts from the archive's tree root (ZeroHash: empty).
func newTreeBuilder(a *Archive, root plumbing.Hash) (*treeBuilder, error) {
	b := &treeBuilder{trees: newTreeReader(a)}
	t, err := b.open(root)
	if err != nil {
		return nil, err
	}
	b.root = t
	return b, nil
}

// open reads tree h of the archive (an empty tree for ZeroHash).
func (b *treeBuilder) open(h plumbing.Hash) (*memTree, error) {
	t := &memTree{hash: h, entry: -1}
	if h.IsZero() {
		t.encode()
		return t, nil
	}
	entries, err := b.trees.entries(h)
	if err != nil {
		return nil, err
	}
	b.trees.step() // keep no cache: the builder holds what it needs
	t.entries = append([]object.TreeEntry(nil), entries...)
	t.encode()
	if t.hash != h {
		return nil, fmt.Errorf("read tree %s: it encodes to %s (entries out of git's order?)", h, t.hash)
	}
	return t, nil
}

// encode rebuilds raw, ends and hash from the entries. O(entries).
func (t *memTree) encode() {
	var b bytes.Buffer
	t.ends = t.ends[:0]
	for _, e := range t.entries {
		b.WriteString(strconv.FormatUint(uint64(e.Mode), 8))
		b.WriteByte(' ')
		b.WriteString(e.Name)
		b.WriteByte(0)
		b.Write(e.Hash[:])
		t.ends = append(t.ends, b.Len())
	}
	t.raw = b.Bytes()
	t.hash = objectHash(plumbing.TreeObject, t.raw)
}

// sortName is the name git sorts a tree entry by: folders as if followed by "/".
func sortName(name string, mode filemode.FileMode) string {
	if mode == filemode.Dir {
		return name + "/"
	}
	return name
}

// find returns the index of the entry called name, or where an entry of that name and mode
// would go, and whether it exists.
func (t *memTree) find(name string, mode filemode.FileMode) (int, bool) {
	for i, e := range t.entries {
		if e.Name == name {
			return i, true
		}
	}
	key := sortName(name, mode)
	return sort.Search(len(t.entries), func(i int) bool {
		e := t.entries[i]
		return sortName(e.Name, e.Mode) >= key
	}), false
}

// set puts entry e into t, replacing the entry of the same name, and returns the splice
// made to raw: raw[at:at+removed] became inserted; removed is -1 when the tree was
// re-encoded instead (an entry whose mode changed, which may move it). It does not update
// hash. O(entries): raw is patched in place, not rebuilt.
func (t *memTree) set(e object.TreeEntry) (at, removed int, inserted []byte) {
	i, exists := t.find(e.Name, e.Mode)
	if exists && t.entries[i].Mode == e.Mode {
		t.entries[i].Hash = e.Hash
		at = t.ends[i] - len(e.Hash)
		copy(t.raw[at:], e.Hash[:])
		return at, len(e.Hash), e.Hash[:]
	}
	if exists {
		t.entries = append(t.entries[:i], t.entries[i+1:]...)
		i, _ = t.find(e.Name, e.Mode)
		t.entries = append(t.entries, object.TreeEntry{})
		copy(t.entries[i+1:], t.entries[i:])
		t.entries[i] = e
		h := t.hash
		t.encode()
		t.hash = h
		return 0, -1, nil
	}
	enc := strconv.AppendUint(nil, uint64(e.Mode), 8)
	enc = append(enc, ' ')
	enc = append(enc, e.Name...)
	enc = append(enc, 0)
	enc = append(enc, e.Hash[:]...)
	start := 0
	if i > 0 {
		start = t.ends[i-1]
	}
	t.entries = append(t.entries, object.TreeEntry{})
	copy(t.entries[i+1:], t.entries[i:])
	t.entries[i] = e
	t.raw = append(t.raw, enc...)
	copy(t.raw[start+len(enc):], t.raw[start:len(t.raw)-len(enc)])
	copy(t.raw[start:], enc)
	t.ends = append(t.ends, 0)
	copy(t.ends[i+1:], t.ends[i:])
	t.ends[i] = start + len(enc)
	for j := i + 1; j < len(t.ends); j++ {
		t.ends[j] += len(enc)
	}
	return start, 0, enc
}

// writeText puts blob at comps (the document's path ending in text.txt) and writes the
// trees along it into pack: new ones whole, changed ones as deltas against their previous
// version in the same pack. It returns the new root tree. A folder of the path that is a
// file, or a text that is a folder, is errPathConflict. O(depth × entries of the trees
// along the path) for hashing; the pack receives a few dozen bytes per changed tree.
func (b *treeBuilder) writeText(comps []string, blob plumbing.Hash, pack *packBuilder) (plumbing.Hash, error) {
	path := []*memTree{b.root}
	for i, name := range comps[:len(comps)-1] {
		t := path[i]
		sub := t.subs[name]
		if sub == nil {
			j, exists := t.find(name, filemode.Dir)
			h := plumbing.ZeroHash
			if exists {
				if t.entries[j].Mode != filemode.Dir {
					return plumbing.ZeroHash, fmt.Errorf("%w: %s is a file in the archive", errPathConflict, strings.Join(comps[:i+1], "/"))
				}
				h = t.entries[j].Hash
			}
			var err error
			if sub, err = b.open(h); err != nil {
				return plumbing.ZeroHash, err
			}
			if t.subs == nil {
				t.subs = map[string]*memTree{}
			}
			t.subs[name] = sub
		}
		path = append(path, sub)
	}
	leaf := path[len(path)-1]
	if j, exists := leaf.find(textFile, filemode.Regular); exists && !leaf.entries[j].Mode.IsFile() {
		return plumbing.ZeroHash, fmt.Errorf("%w: %s is not a file in the archive", errPathConflict, strings.Join(comps, "/"))
	}
	child := object.TreeEntry{Name: textFile, Mode: filemode.Regular, Hash: blob}
	for i := len(path) - 1; i >= 0; i-- {
		t := path[i]
		baseLen := len(t.raw)
		at, removed, inserted := t.set(child)
		h := objectHash(plumbing.TreeObject, t.raw)
		switch {
		case h == t.hash:
		case t.entry >= 0 && removed >= 0 && pack.entries[t.entry].depth < maxDeltaDepth:
			t.entry = pack.addDelta(t.entry, h, spliceDelta(baseLen, at, removed, inserted))
		default:
			t.entry = pack.addObject(packTree, h, t.raw)
		}
		t.hash = h
		if i > 0 {
			child = object.TreeEntry{Name: comps[i-1], Mode: filemode.Dir, Hash: h}
		}
	}
	return b.root.hash, nil
}

// newPack forgets which pack entries hold the trees: the next pack starts without bases.
func (b *treeBuilder) newPack() {
	var walk func(t *memTree)
	walk = func(t *memTree) {
		t.entry = -1
		for _, s := range t.subs {
			walk(s)
		}
	}
	walk(b.root)
}
