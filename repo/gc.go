package repo

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// gcPackWindow is how many objects the pack encoder compares each object with when looking
// for a delta base (git's default pack.window is 10).
const gcPackWindow = 10

// leftoverAge is how old a temporary pack file must be before gc removes it: younger ones
// may belong to a writer at work.
const leftoverAge = 10 * time.Minute

// GCResult says what GC did.
type GCResult struct {
	Objects int // loose objects moved into the new pack
	Refs    int // loose tags moved into packed-refs
}

// GC packs the archive, as git gc does for an archive grown by many adds: every loose
// object goes into one new packfile (encoded by go-git with deltas, and installed index
// first, pack last), then the loose copies are removed; loose tags move into packed-refs;
// temporary files left by a killed writer are removed. It holds the writer lock
// throughout. A reader at work meanwhile still finds every object: a loose object is
// removed only once the pack holding it is in place, and readers look in new packs when
// an object is missing. O(loose objects × pack window) for the deltas.
func (a *Archive) GC() (GCResult, error) {
	unlock, err := a.lockWriters()
	if err != nil {
		return GCResult{}, fmt.Errorf("gc: %w", err)
	}
	defer unlock()
	var res GCResult
	if res.Objects, err = a.packLooseObjects(); err != nil {
		return res, fmt.Errorf("gc: %w", err)
	}
	if res.Refs, err = a.packLooseTags(); err != nil {
		return res, fmt.Errorf("gc: %w", err)
	}
	if err := a.removePackLeftovers(leftoverAge); err != nil {
		return res, fmt.Errorf("gc: %w", err)
	}
	return res, nil
}

// looseObjects lists the hashes of the loose objects.
func (a *Archive) looseObjects() ([]plumbing.Hash, error) {
	root := filepath.Join(a.commonDir, "objects")
	dirs, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("read objects: %w", err)
	}
	var out []plumbing.Hash
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 || !isHexPrefix(d.Name()+"00") {
			continue
		}
		files, err := os.ReadDir(filepath.Join(root, d.Name()))
		if err != nil {
			return nil, fmt.Errorf("read objects: %w", err)
		}
		for _, f := range files {
			if h := d.Name() + f.Name(); len(h) == hexSize && plumbing.IsHash(h) {
				out = append(out, plumbing.NewHash(h))
			}
		}
	}
	return out, nil
}

// packLooseObjects writes every loose object into one pack and removes the loose copies.
func (a *Archive) packLooseObjects() (int, error) {
	hashes, err := a.looseObjects()
	if err != nil || len(hashes) == 0 {
		return 0, err
	}
	var buf bytes.Buffer
	checksum, err := packfile.NewEncoder(&buf, a.storer, false).Encode(hashes, gcPackWindow)
	if err != nil {
		return 0, fmt.Errorf("encode pack: %w", err)
	}
	w := new(idxfile.Writer)
	parser, err := packfile.NewParser(packfile.NewScanner(bytes.NewReader(buf.Bytes())), w)
	if err != nil {
		return 0, fmt.Errorf("index pack: %w", err)
	}
	if _, err := parser.Parse(); err != nil {
		return 0, fmt.Errorf("index pack: %w", err)
	}
	idx, err := w.Index()
	if err != nil {
		return 0, fmt.Errorf("index pack: %w", err)
	}
	if err := a.installPack(checksum, buf.Bytes(), idx); err != nil {
		return 0, err
	}
	a.storer.Reindex()
	for _, h := range hashes {
		if _, err := idx.FindOffset(h); err != nil {
			continue // not in the pack: keep it loose
		}
		hex := h.String()
		if err := os.Remove(filepath.Join(a.commonDir, "objects", hex[:2], hex[2:])); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("remove loose object %s: %w", hex, err)
		}
	}
	for _, h := range hashes {
		os.Remove(filepath.Join(a.commonDir, "objects", h.String()[:2])) // only when empty
	}
	return len(hashes), nil
}

// packLooseTags moves every loose tag into packed-refs, as git pack-refs does: packed-refs
// is rewritten with them first, then each loose file is removed under its own lock if it
// still holds the value packed. main stays loose (it moves at every write).
func (a *Archive) packLooseTags() (int, error) {
	loose := map[string]plumbing.Hash{}
	// the loose files' own values: a symbolic or unreadable one is left where it is
	err := a.walkLooseRefs("refs/tags/", func(name, path string) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if s := strings.TrimSpace(string(b)); plumbing.IsHash(s) {
			loose[name] = plumbing.NewHash(s)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if len(loose) == 0 {
		return 0, nil
	}
	err = a.rewritePackedRefs(func(refs []packedRefLine) ([]packedRefLine, error) {
		out := make([]packedRefLine, 0, len(refs)+len(loose))
		for _, r := range refs {
			if _, ok := loose[r.name]; !ok {
				out = append(out, r)
			}
		}
		for name, h := range loose {
			line := h.String() + " " + name + "\n"
			if t := a.peel(h); t != h {
				line += "^" + t.String() + "\n"
			}
			out = append(out, packedRefLine{name: name, line: []byte(line)})
		}
		sortPackedRefs(out)
		return out, nil
	})
	if err != nil {
		return 0, err
	}
	for name, h := range loose {
		if err := a.removeLooseRef(name, h); err != nil {
			return 0, err
		}
	}
	return len(loose), nil
}

// removeLooseRef removes a loose ref that packed-refs now holds, under "<ref>.lock", if it
// still holds h; then the folders it leaves empty.
func (a *Archive) removeLooseRef(name string, h plumbing.Hash) error {
	file := filepath.Join(a.commonDir, filepath.FromSlash(name))
	lock, err := a.createLockFile(file + ".lock")
	if err != nil {
		return fmt.Errorf("pack ref %s: %w", name, err)
	}
	defer func() {
		lock.Close()
		os.Remove(lock.Name())
		a.dropLockFile(lock.Name())
	}()
	b, err := os.ReadFile(file)
	if err != nil || strings.TrimSpace(string(b)) != h.String() {
		return nil // changed meanwhile: the loose value wins, as it should
	}
	if err := os.Remove(file); err != nil {
		return fmt.Errorf("pack ref %s: %w", name, err)
	}
	tags := filepath.Join(a.commonDir, "refs", "tags")
	for dir := filepath.Dir(file); len(dir) > len(tags); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
	}
	return nil
}
