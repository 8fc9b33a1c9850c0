package repo

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The version index is main's first-parent history reduced to what version queries need:
// for each commit of the chain, oldest first, the documents whose text it changed and the
// blob of each new text. It is derived data, kept in a cache file in the git directory
// (not a ref: never pushed, fetched or cloned) and checked against main on every read:
//
//   - main's tip is the cached tip: the cache is used as it is;
//   - the cached tip is on main's first-parent chain: the commits above it are read (only
//     the trees along changed paths) and appended — so add, import, a pull or the git CLI
//     are all handled without anyone invalidating the cache;
//   - main's tip is an older commit of the cached chain (a reset): the cache is cut there;
//   - anything else (history rewritten, a missing or damaged file): it is rebuilt from
//     one walk of main's first parents.
//
// Whoever refreshes it rewrites the file (a temporary file renamed into place, so readers
// never see a partial one; a reader that cannot write just goes without). A lookup of one
// document reads the file and searches it for the document's lines: O(size of the file),
// about 100 bytes per version, with no object read; a refresh costs O(new commits × trees
// along their changed paths) plus O(size of the file) for the rewrite.

// hexSize is the length of a hexadecimal object hash.
const hexSize = 40

// versionIndexFile is the cache file, under the common git directory.
const versionIndexFile = "blackline/versions.cache"

// versionIndexHeader is the first line of the cache file; it names the format version.
const versionIndexHeader = "# blackline version index 1"

// indexRecord is one line of the version index: a commit of main's first-parent chain and
// one document whose text it changed, with the new text's blob; id is "" for a commit
// that changed no document text.
type indexRecord struct {
	commit, blob plumbing.Hash
	id           string
}

// versionIndex is main's first-parent chain up to tip, oldest commit first. stop is the
// first parent of the oldest commit when that parent was missing (a shallow clone), so
// that a later fetch that brings it in is noticed; ZeroHash when the chain starts at a
// root commit.
type versionIndex struct {
	tip, stop plumbing.Hash
	records   []indexRecord
}

// byDocument groups the index by document: for each ID, its records oldest first.
// O(records).
func (x *versionIndex) byDocument() map[string][]indexRecord {
	out := map[string][]indexRecord{}
	for _, r := range x.records {
		if r.id != "" {
			out[r.id] = append(out[r.id], r)
		}
	}
	return out
}

// indexPath is the cache file's path.
func (a *Archive) indexPath() string {
	return filepath.Join(a.commonDir, filepath.FromSlash(versionIndexFile))
}

// documentRecords returns the index records of one document, oldest first, refreshing the
// cache when main has moved. An empty archive has none.
func (a *Archive) documentRecords(id string) ([]indexRecord, error) {
	tip, ok, err := a.head()
	if err != nil || !ok {
		return nil, err
	}
	if a.index != nil && a.index.tip == tip {
		return a.index.byDoc[id], nil
	}
	a.lookups++
	data, err := os.ReadFile(a.indexPath())
	if err == nil && a.lookups == 1 {
		if recs, fresh := a.lookupCached(data, tip, id); fresh {
			return recs, nil
		}
	}
	x, err := a.loadVersionIndex(tip, data)
	if err != nil {
		return nil, err
	}
	a.memoIndex(x)
	return a.index.byDoc[id], nil
}

// versionIndex returns the whole index for main's current tip, refreshing the cache when
// main has moved. O(size of the cache) when it is fresh.
func (a *Archive) versionIndex() (*versionIndex, error) {
	tip, ok, err := a.head()
	if err != nil || !ok {
		return &versionIndex{}, err
	}
	if a.index != nil && a.index.tip == tip {
		return a.index.all, nil
	}
	data, _ := os.ReadFile(a.indexPath())
	x, err := a.loadVersionIndex(tip, data)
	if err != nil {
		return nil, err
	}
	a.memoIndex(x)
	return x, nil
}

// loadVersionIndex parses the cache file's data (nil when there is none) and brings it up
// to tip, rewriting the file when that changed anything.
func (a *Archive) loadVersionIndex(tip plumbing.Hash, data []byte) (*versionIndex, error) {
	cached, _ := parseVersionIndex(data)
	if cached != nil && cached.tip == tip && a.stopStillMissing(cached) {
		return cached, nil
	}
	if cached != nil && !a.stopStillMissing(cached) {
		cached = nil
	}
	x, err := a.refreshVersionIndex(cached, tip)
	if err != nil {
		return nil, fmt.Errorf("index main's history: %w", err)
	}
	a.writeVersionIndex(x)
	return x, nil
}

// stopStillMissing reports whether the parent where the index's chain stops is still
// absent (always true for a chain that starts at a root commit).
func (a *Archive) stopStillMissing(x *versionIndex) bool {
	return x.stop.IsZero() || a.storer.HasEncodedObject(x.stop) != nil
}

// lookupCached searches the cache file's data for the lines of document id, when the
// file is complete and its tip is tip; fresh is false otherwise. O(len(data)).
func (a *Archive) lookupCached(data []byte, tip plumbing.Hash, id string) (recs []indexRecord, fresh bool) {
	body, cachedTip, stop, n, ok := splitVersionIndex(data)
	if !ok || cachedTip != tip || bytes.Count(body, []byte{'\n'}) != n {
		return nil, false
	}
	if n > 0 {
		last := body[bytes.LastIndexByte(body[:len(body)-1], '\n')+1:]
		if len(last) < hexSize || string(last[:hexSize]) != tip.String() {
			return nil, false
		}
	}
	if !stop.IsZero() && a.storer.HasEncodedObject(stop) == nil {
		return nil, false
	}
	// A record line is "<commit> <blob> <id>\n"; an ID holds no space or newline, so
	// " <id>\n" matches exactly the lines whose last field is id.
	needle := []byte(" " + id + "\n")
	const prefix = 2*hexSize + 1 // "<commit> <blob>"
	for at := 0; ; {
		i := bytes.Index(body[at:], needle)
		if i < 0 {
			return recs, true
		}
		i += at
		at = i + len(needle)
		start := i - prefix
		if start < 0 || start > 0 && body[start-1] != '\n' {
			return nil, false
		}
		r, ok := parseIndexRecord(body[start : at-1])
		if !ok {
			return nil, false
		}
		recs = append(recs, r)
	}
}

// splitVersionIndex checks the cache file's frame — header, tip, stop, records, end line
// — and returns the record lines with what the frame says; ok is false for anything else.
func splitVersionIndex(data []byte) (body []byte, tip, stop plumbing.Hash, n int, ok bool) {
	rest, found := bytes.CutPrefix(data, []byte(versionIndexHeader+"\n"))
	if !found {
		return nil, tip, stop, 0, false
	}
	line := func() (string, bool) {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return "", false
		}
		l := string(rest[:i])
		rest = rest[i+1:]
		return l, true
	}
	tipLine, ok1 := line()
	stopLine, ok2 := line()
	tipHex, ok3 := strings.CutPrefix(tipLine, "tip ")
	stopHex, ok4 := strings.CutPrefix(stopLine, "stop ")
	if !ok1 || !ok2 || !ok3 || !ok4 || !plumbing.IsHash(tipHex) || stopHex != "root" && !plumbing.IsHash(stopHex) {
		return nil, tip, stop, 0, false
	}
	if stopHex != "root" {
		stop = plumbing.NewHash(stopHex)
	}
	// The end line, "end <n> <checksum>\n", closes the file.
	if len(rest) == 0 || rest[len(rest)-1] != '\n' {
		return nil, tip, stop, 0, false
	}
	i := bytes.LastIndexByte(rest[:len(rest)-1], '\n') + 1
	end := strings.Fields(string(rest[i : len(rest)-1]))
	if len(end) != 3 || end[0] != "end" {
		return nil, tip, stop, 0, false
	}
	n, err := strconv.Atoi(end[1])
	if err != nil || n < 0 || end[2] != indexChecksum(rest[:i]) {
		return nil, tip, stop, 0, false
	}
	return rest[:i], plumbing.NewHash(tipHex), stop, n, true
}

// indexChecksum is the CRC-32C of the cache file's record lines, in hexadecimal; it is
// computed on every read (about 0.1 ms per MB), so a damaged file is never trusted.
func indexChecksum(records []byte) string {
	return fmt.Sprintf("%08x", crc32.Checksum(records, crc32.MakeTable(crc32.Castagnoli)))
}

// parseIndexRecord reads one record line (without its newline).
func parseIndexRecord(line []byte) (indexRecord, bool) {
	var r indexRecord
	if len(line) < hexSize+2 || line[hexSize] != ' ' {
		return r, false
	}
	if _, err := hex.Decode(r.commit[:], line[:hexSize]); err != nil {
		return r, false
	}
	rest := line[hexSize+1:]
	if string(rest) == "-" {
		return r, true
	}
	if len(rest) < hexSize+2 || rest[hexSize] != ' ' {
		return r, false
	}
	if _, err := hex.Decode(r.blob[:], rest[:hexSize]); err != nil {
		return r, false
	}
	r.id = string(rest[hexSize+1:])
	return r, ValidateID(r.id) == nil
}

// parseVersionIndex reads a whole cache file; nil when it is missing or damaged.
func parseVersionIndex(data []byte) (*versionIndex, bool) {
	body, tip, stop, n, ok := splitVersionIndex(data)
	if !ok {
		return nil, false
	}
	x := &versionIndex{tip: tip, stop: stop, records: make([]indexRecord, 0, n)}
	for len(body) > 0 {
		i := bytes.IndexByte(body, '\n')
		r, ok := parseIndexRecord(body[:i])
		if !ok {
			return nil, false
		}
		x.records = append(x.records, r)
		body = body[i+1:]
	}
	if len(x.records) != n || n > 0 && x.records[n-1].commit != tip || n == 0 && !tip.IsZero() {
		return nil, false
	}
	return x, true
}

// encode writes the cache file's content. O(records).
func (x *versionIndex) encode() []byte {
	var b bytes.Buffer
	b.Grow(len(x.records)*(2*hexSize+24) + 128)
	b.WriteString(versionIndexHeader + "\ntip " + x.tip.String() + "\nstop ")
	if x.stop.IsZero() {
		b.WriteString("root")
	} else {
		b.WriteString(x.stop.String())
	}
	b.WriteByte('\n')
	bodyStart := b.Len()
	var buf [hexSize]byte
	for _, r := range x.records {
		hex.Encode(buf[:], r.commit[:])
		b.Write(buf[:])
		if r.id == "" {
			b.WriteString(" -\n")
			continue
		}
		b.WriteByte(' ')
		hex.Encode(buf[:], r.blob[:])
		b.Write(buf[:])
		b.WriteString(" " + r.id + "\n")
	}
	body := b.Bytes()[bodyStart:]
	b.WriteString("end " + strconv.Itoa(len(x.records)) + " " + indexChecksum(body) + "\n")
	return b.Bytes()
}

// writeVersionIndex replaces the cache file with x, through a temporary file renamed into
// place. Failing to write it only costs the next reader a refresh, so errors are dropped.
func (a *Archive) writeVersionIndex(x *versionIndex) {
	path := a.indexPath()
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return
	}
	removeStaleTemps(dir, "versions.cache-*.tmp", time.Minute)
	f, err := os.CreateTemp(dir, "versions.cache-*.tmp")
	if err != nil {
		return
	}
	_, werr := f.Write(x.encode())
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
	}
}

// removeStaleTemps removes the files matching pattern in dir that are older than age: the
// temporary files of a process killed while writing.
func removeStaleTemps(dir, pattern string, age time.Duration) {
	names, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, n := range names {
		if st, err := os.Stat(n); err == nil && time.Since(st.ModTime()) > age {
			os.Remove(n)
		}
	}
}

// refreshVersionIndex returns the index of main's history up to tip, reusing cached (nil:
// none) where it still holds: as it is, cut at tip, or extended by the commits above its
// tip. Otherwise the whole history is walked. O(new commits × trees along changed paths).
//
// The records follow walkFrom's order, reversed: a merge comes after the commits it brought
// in, and those after its first parent's history. For a commit C on the first-parent chain
// of a tip, the records before C's are exactly C's ancestors, so a cut at C holds; and the
// records of a later tip whose first-parent chain passes through the cached tip are the
// cached ones followed by those of the commits the cached tip does not reach.
func (a *Archive) refreshVersionIndex(cached *versionIndex, tip plumbing.Hash) (*versionIndex, error) {
	if cached != nil {
		if cached.tip == tip {
			return cached, nil
		}
		for i := len(cached.records) - 1; i >= 0; i-- {
			if cached.records[i].commit == tip {
				onChain, err := a.onFirstParentChain(cached.tip, tip)
				if err != nil {
					return nil, err
				}
				if onChain {
					return &versionIndex{tip: tip, stop: cached.stop, records: cached.records[: i+1 : i+1]}, nil
				}
				break
			}
		}
		onChain, err := a.onFirstParentChain(tip, cached.tip)
		if err != nil {
			return nil, err
		}
		if !onChain {
			cached = nil
		}
	}
	var stop map[plumbing.Hash]bool
	if cached != nil {
		stop = make(map[plumbing.Hash]bool, len(cached.records))
		for _, r := range cached.records {
			stop[r.commit] = true
		}
	}
	order, err := a.topoOrderUntil(tip, stop) // newest first
	if err != nil {
		return nil, err
	}
	index := make(map[plumbing.Hash]*object.Commit, len(order))
	for _, c := range order {
		index[c.Hash] = c
	}
	result := &versionIndex{tip: tip}
	if cached != nil {
		result.stop = cached.stop
		result.records = append(result.records, cached.records...)
	} else if n := len(order); n > 0 && len(order[n-1].ParentHashes) > 0 {
		result.stop = order[n-1].ParentHashes[0] // a shallow clone's boundary
	}
	trees := newTreeReader(a)
	for i := len(order) - 1; i >= 0; i-- {
		c := order[i]
		var p *object.Commit
		if len(c.ParentHashes) > 0 {
			if p = index[c.ParentHashes[0]]; p == nil {
				if p, err = a.firstParent(c); err != nil {
					return nil, err
				}
			}
		}
		n := len(result.records)
		if err := a.commitChanges(trees, c, p, func(id string, blob plumbing.Hash) {
			result.records = append(result.records, indexRecord{commit: c.Hash, blob: blob, id: id})
		}); err != nil {
			return nil, err
		}
		if len(result.records) == n {
			result.records = append(result.records, indexRecord{commit: c.Hash})
		}
		trees.step()
	}
	return result, nil
}

// onFirstParentChain reports whether commit h is tip or on tip's first-parent chain.
// O(commits from tip down to h, or the whole chain when h is not on it).
func (a *Archive) onFirstParentChain(tip, h plumbing.Hash) (bool, error) {
	found := false
	err := a.walkFirstParents(tip, func(c, _ *object.Commit) error {
		if c.Hash == h {
			found = true
			return errStopWalk
		}
		return nil
	})
	return found, err
}

// changedTextBlobs calls found with the ID and new blob of every document whose text blob
// in tree next differs from the one in tree prev (ZeroHash: the empty tree), descending
// only into subtrees whose hashes differ — the same test as comparing the blob at
// <ID>/text.txt in both trees: a text whose mode alone changed is no new version, nor is
// a removed one. Only valid document IDs are reported. O(entries of the changed trees).
func (r *treeReader) changedTextBlobs(next, prev plumbing.Hash, prefix string, found func(id string, blob plumbing.Hash)) error {
	if next == prev {
		return nil
	}
	nextEntries, err := r.entries(next)
	if err != nil {
		return err
	}
	prevEntries, err := r.entries(prev)
	if err != nil {
		return err
	}
	old := make(map[string]object.TreeEntry, len(prevEntries))
	for _, e := range prevEntries {
		old[e.Name] = e
	}
	for _, e := range nextEntries {
		o, had := old[e.Name]
		if had && o.Hash == e.Hash && o.Mode == e.Mode {
			continue
		}
		switch {
		case e.Mode == filemode.Dir:
			sub := plumbing.ZeroHash
			if had && o.Mode == filemode.Dir {
				sub = o.Hash
			}
			p := e.Name
			if prefix != "" {
				p = prefix + "/" + e.Name
			}
			if err := r.changedTextBlobs(e.Hash, sub, p, found); err != nil {
				return err
			}
		case e.Name == textFile && prefix != "" && e.Mode.IsFile():
			if had && o.Mode.IsFile() && o.Hash == e.Hash {
				continue
			}
			if ValidateID(prefix) == nil {
				found(prefix, e.Hash)
			}
		}
	}
	return nil
}
