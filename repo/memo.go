package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// A command usually asks for one document, a listing or a viewer for many. The first
// question about the version index or packed-refs is answered by searching the file; the
// next ones from what the Archive keeps of it, parsed once, for as long as main's tip (for
// the index) or the file itself (for packed-refs: same size, time and inode) has not
// changed. So a log of every document reads each file once, whatever their number.

// indexMemo is the version index parsed for one tip of main.
type indexMemo struct {
	tip   plumbing.Hash
	byDoc map[string][]indexRecord
	all   *versionIndex
}

// packedMemo is packed-refs as last read: its content, and its refs sorted by name once
// they were needed twice.
type packedMemo struct {
	size   int64
	mtime  time.Time
	ino    uint64
	data   []byte
	refs   []packedRefLine
	hashes []plumbing.Hash // the hash of each of refs
	uses   int
}

// memoIndex remembers a parsed version index.
func (a *Archive) memoIndex(x *versionIndex) {
	a.index = &indexMemo{tip: x.tip, byDoc: x.byDocument(), all: x}
}

// readPackedRefsData returns packed-refs' content; nil when there is none. It is read
// again only when the file changed.
func (a *Archive) readPackedRefsData() ([]byte, error) {
	m, err := a.packedRefsMemo()
	if err != nil || m == nil {
		return nil, err
	}
	return m.data, nil
}

// packedRefsMemo returns packed-refs as it is now; nil when there is none.
func (a *Archive) packedRefsMemo() (*packedMemo, error) {
	path := filepath.Join(a.commonDir, "packed-refs")
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		a.packed = nil
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read packed-refs: %w", err)
	}
	if m := a.packed; m != nil && m.size == st.Size() && m.mtime.Equal(st.ModTime()) && m.ino == inode(st) {
		return m, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		a.packed = nil
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read packed-refs: %w", err)
	}
	a.packed = &packedMemo{size: st.Size(), mtime: st.ModTime(), ino: inode(st), data: b}
	return a.packed, nil
}

// packedRefsWithPrefix calls visit with each ref of packed-refs whose name starts with
// prefix, until it returns false: the first time by searching the file, O(size of the
// file); then from its refs sorted once, O(log refs + refs visited).
func (a *Archive) packedRefsWithPrefix(prefix string, visit func(name string, h plumbing.Hash) bool) error {
	m, err := a.packedRefsMemo()
	if err != nil || m == nil {
		return err
	}
	m.uses++
	if m.refs == nil && m.uses == 1 {
		findPackedRefs(m.data, prefix, visit)
		return nil
	}
	if m.refs == nil {
		m.refs = parsePackedRefs(m.data)
		m.hashes = make([]plumbing.Hash, len(m.refs))
		for i, r := range m.refs {
			m.hashes[i] = plumbing.NewHash(string(r.line[:hexSize]))
		}
	}
	i := sort.Search(len(m.refs), func(i int) bool { return m.refs[i].name >= prefix })
	for ; i < len(m.refs) && strings.HasPrefix(m.refs[i].name, prefix); i++ {
		if !visit(m.refs[i].name, m.hashes[i]) {
			return nil
		}
	}
	return nil
}
