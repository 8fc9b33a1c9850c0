package repo

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
)

// A packfile (git's format version 2) holds many objects in one file, each zlib-compressed,
// some stored as a delta against an earlier object of the same file; its index (.idx) maps
// object hashes to offsets. Bulk writers build one in memory and install it the way git
// does: both files are written under temporary names, then the index is renamed into place
// and the pack last. go-git reads the packs listed by their .pack files and git the ones
// whose .pack and .idx both exist, so neither ever sees a pack without its index; a
// process killed before the last rename leaves only an unused temporary file or index,
// which git ignores and gc removes.

// packTempPrefix starts the names of the temporary files of a pack being written.
const packTempPrefix = "tmp_blackline_"

// maxDeltaDepth bounds the chains of deltas in a pack (git's default pack.depth is 50), so
// reading the newest version of a tree applies a bounded number of deltas.
const maxDeltaDepth = 50

// packObjectType is the type number of an object in a pack.
type packObjectType byte

// Pack entry types.
const (
	packCommit   packObjectType = 1
	packTree     packObjectType = 2
	packBlob     packObjectType = 3
	packOfsDelta packObjectType = 6
)

// packEntry is one object written into a pack under construction.
type packEntry struct {
	hash   plumbing.Hash
	offset int64
	crc    uint32
	depth  int // length of its delta chain; 0 for a whole object
}

// packBuilder builds a packfile in memory. It is not safe for concurrent use; objects are
// compressed by the caller (compressObject) or by addObject.
type packBuilder struct {
	buf     bytes.Buffer
	entries []packEntry
	byHash  map[plumbing.Hash]int
	z       *zlibBuffer
}

func newPackBuilder() *packBuilder {
	p := &packBuilder{byHash: map[plumbing.Hash]int{}, z: newZlibBuffer()}
	p.buf.Write([]byte{'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0})
	return p
}

// len returns the number of objects in the pack.
func (p *packBuilder) len() int { return len(p.entries) }

// has returns the entry index of the object h, when the pack holds it.
func (p *packBuilder) has(h plumbing.Hash) (int, bool) {
	i, ok := p.byHash[h]
	return i, ok
}

// entryHeader appends a pack entry header: the type and the (uncompressed) size.
func entryHeader(dst []byte, t packObjectType, size int) []byte {
	c := byte(t)<<4 | byte(size&0x0f)
	size >>= 4
	for size != 0 {
		dst = append(dst, c|0x80)
		c = byte(size & 0x7f)
		size >>= 7
	}
	return append(dst, c)
}

// addCompressed appends an object whose content (size bytes) the caller compressed with
// compressObject, unless the pack holds it already; it returns the entry's index.
func (p *packBuilder) addCompressed(t packObjectType, h plumbing.Hash, size int, compressed []byte) int {
	if i, ok := p.byHash[h]; ok {
		return i
	}
	return p.append(h, 0, entryHeader(nil, t, size), compressed)
}

// addObject compresses and appends an object, unless the pack holds it already.
func (p *packBuilder) addObject(t packObjectType, h plumbing.Hash, content []byte) int {
	if i, ok := p.byHash[h]; ok {
		return i
	}
	return p.append(h, 0, entryHeader(nil, t, len(content)), p.z.compress(content))
}

// addDelta appends object h (size bytes once rebuilt) as delta against entry base, unless
// the pack holds it already.
func (p *packBuilder) addDelta(base int, h plumbing.Hash, delta []byte) int {
	if i, ok := p.byHash[h]; ok {
		return i
	}
	offset := int64(p.buf.Len())
	hdr := entryHeader(nil, packOfsDelta, len(delta))
	hdr = appendOfsDeltaOffset(hdr, offset-p.entries[base].offset)
	return p.append(h, p.entries[base].depth+1, hdr, p.z.compress(delta))
}

// appendOfsDeltaOffset appends the distance back to an OFS_DELTA's base, in git's
// offset encoding (big-endian groups of 7 bits, each continuation adding one).
func appendOfsDeltaOffset(dst []byte, d int64) []byte {
	var b [10]byte
	i := len(b) - 1
	b[i] = byte(d & 0x7f)
	for d >>= 7; d != 0; d >>= 7 {
		d--
		i--
		b[i] = 0x80 | byte(d&0x7f)
	}
	return append(dst, b[i:]...)
}

func (p *packBuilder) append(h plumbing.Hash, depth int, header, compressed []byte) int {
	e := packEntry{hash: h, offset: int64(p.buf.Len()), depth: depth}
	crc := crc32.Update(0, crc32.IEEETable, header)
	e.crc = crc32.Update(crc, crc32.IEEETable, compressed)
	p.buf.Write(header)
	p.buf.Write(compressed)
	p.entries = append(p.entries, e)
	p.byHash[h] = len(p.entries) - 1
	return len(p.entries) - 1
}

// install writes the pack and its index into the archive (installPack) and returns the
// pack's name, its checksum. An empty pack writes nothing.
func (p *packBuilder) install(a *Archive) (plumbing.Hash, error) {
	if len(p.entries) == 0 {
		return plumbing.ZeroHash, nil
	}
	data := p.buf.Bytes()
	binary.BigEndian.PutUint32(data[8:12], uint32(len(p.entries)))
	sum := sha1.Sum(data)
	checksum := plumbing.Hash(sum)
	w := new(idxfile.Writer)
	for _, e := range p.entries {
		w.Add(e.hash, uint64(e.offset), e.crc)
	}
	if err := w.OnFooter(checksum); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("index pack: %w", err)
	}
	idx, err := w.Index()
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("index pack: %w", err)
	}
	return checksum, a.installPack(checksum, append(data, sum[:]...), idx)
}

// installPack writes a pack (data, with its trailing checksum) and its index into
// objects/pack: both under temporary names, synced, then the index renamed into place and
// the pack last, so that neither git nor go-git ever sees the pack without its index.
func (a *Archive) installPack(checksum plumbing.Hash, data []byte, idx *idxfile.MemoryIndex) error {
	var idxData bytes.Buffer
	if _, err := idxfile.NewEncoder(&idxData).Encode(idx); err != nil {
		return fmt.Errorf("index pack: %w", err)
	}
	dir := filepath.Join(a.commonDir, "objects", "pack")
	base := filepath.Join(dir, "pack-"+checksum.String())
	if fileExists(base+".pack") && fileExists(base+".idx") {
		return nil
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	packTmp, err := writeTemp(dir, packTempPrefix+"pack_", data)
	if err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	idxTmp, err := writeTemp(dir, packTempPrefix+"idx_", idxData.Bytes())
	if err != nil {
		os.Remove(packTmp)
		return fmt.Errorf("write pack index: %w", err)
	}
	if err := os.Rename(idxTmp, base+".idx"); err != nil {
		os.Remove(packTmp)
		os.Remove(idxTmp)
		return fmt.Errorf("write pack index: %w", err)
	}
	if err := os.Rename(packTmp, base+".pack"); err != nil {
		os.Remove(packTmp)
		return fmt.Errorf("write pack: %w", err)
	}
	return nil
}

// writeTemp writes data into a new read-only temporary file in dir, synced to disk, and
// returns its path.
func writeTemp(dir, prefix string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, prefix)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	err = errors.Join(err, f.Sync(), f.Close(), os.Chmod(f.Name(), 0o444))
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// removePackLeftovers removes what a writer killed while installing a pack leaves in
// objects/pack, once older than age: its temporary files, and an index whose pack never
// arrived. Call it under the writer lock.
func (a *Archive) removePackLeftovers(age time.Duration) error {
	dir := filepath.Join(a.commonDir, "objects", "pack")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	old := func(name string) bool {
		st, err := os.Stat(filepath.Join(dir, name))
		return err == nil && time.Since(st.ModTime()) > age
	}
	for _, e := range entries {
		name := e.Name()
		stem, isIdx := cutSuffix(name, ".idx")
		orphan := isIdx && !fileExists(filepath.Join(dir, stem+".pack"))
		if (orphan || len(name) > len(packTempPrefix) && name[:len(packTempPrefix)] == packTempPrefix) && old(name) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove %s: %w", name, err)
			}
		}
	}
	return nil
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// zlibBuffer compresses into a reused buffer with a reused zlib writer (whose state is
// large to allocate), at zlib's best speed: at the default level, resetting the writer
// clears 640 KB of match tables, which costs more than compressing a 3 KB text, and
// the texts come out only about a tenth larger. Not safe for concurrent use.
type zlibBuffer struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

func newZlibBuffer() *zlibBuffer {
	z := &zlibBuffer{}
	z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestSpeed) // a valid level: no error
	return z
}

// storeBelow is the size under which content is stored in a zlib stream without being
// compressed: for deltas of a few dozen bytes and commits, building Huffman tables costs
// more than the bytes it would save.
const storeBelow = 512

// compress returns content compressed, in a new slice.
func (z *zlibBuffer) compress(content []byte) []byte {
	if len(content) < storeBelow {
		return storedZlib(content)
	}
	z.buf.Reset()
	z.w.Reset(&z.buf)
	z.w.Write(content) // writes to a bytes.Buffer do not fail
	z.w.Close()
	return bytes.Clone(z.buf.Bytes())
}

// storedZlib returns content as a zlib stream of one stored (uncompressed) block: header,
// block header with the length and its complement, content, Adler-32. len(content) must
// be below 64 KiB.
func storedZlib(content []byte) []byte {
	n := len(content)
	out := make([]byte, 0, n+11)
	out = append(out, 0x78, 0x01, 0x01, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
	out = append(out, content...)
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(content))
}

// objectHash returns git's hash of an object: SHA-1 of "<type> <size>\0" and the content.
func objectHash(t plumbing.ObjectType, content []byte) plumbing.Hash {
	h := sha1.New()
	h.Write([]byte(t.String() + " " + strconv.Itoa(len(content)) + "\x00"))
	h.Write(content)
	var out plumbing.Hash
	h.Sum(out[:0])
	return out
}

// spliceDelta returns a delta (git's format) that rebuilds target from base when target
// is base with base[at:at+removed] replaced by inserted: copy the prefix, insert, copy the
// suffix. O(len(inserted)) plus a few bytes per 64 KiB copied.
func spliceDelta(baseLen, at, removed int, inserted []byte) []byte {
	targetLen := baseLen - removed + len(inserted)
	d := appendDeltaSize(nil, baseLen)
	d = appendDeltaSize(d, targetLen)
	d = appendDeltaCopy(d, 0, at)
	for rest := inserted; len(rest) > 0; {
		n := min(len(rest), 0x7f)
		d = append(d, byte(n))
		d = append(d, rest[:n]...)
		rest = rest[n:]
	}
	return appendDeltaCopy(d, at+removed, baseLen-at-removed)
}

// appendDeltaSize appends a size in a delta header (little-endian groups of 7 bits).
func appendDeltaSize(d []byte, n int) []byte {
	for n >= 0x80 {
		d = append(d, byte(n)|0x80)
		n >>= 7
	}
	return append(d, byte(n))
}

// appendDeltaCopy appends copy instructions for base[off:off+n], in pieces of at most
// 64 KiB.
func appendDeltaCopy(d []byte, off, n int) []byte {
	for n > 0 {
		size := min(n, 0x10000)
		cmd := byte(0x80)
		var args []byte
		for i := range 4 {
			if b := byte(off >> (8 * i)); b != 0 {
				cmd |= 1 << i
				args = append(args, b)
			}
		}
		if size != 0x10000 {
			for i := range 3 {
				if b := byte(size >> (8 * i)); b != 0 {
					cmd |= 1 << (4 + i)
					args = append(args, b)
				}
			}
		}
		d = append(d, cmd)
		d = append(d, args...)
		off += size
		n -= size
	}
	return d
}
