package repo

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// packed-refs holds refs one per line, "<hash> <name>", each optionally followed by a
// "^<hash>" line giving what an annotated tag peels to, after a header line naming the
// file's traits ("# pack-refs with: peeled fully-peeled sorted"). A loose ref file
// overrides the packed line of the same name. Writers replace the whole file under
// packed-refs.lock, as git does; bulk writers put their tags there: one file written per
// batch instead of one file per tag.

// packedRefsHeader is the header git writes for a new file: every annotated tag has its
// peeled line, and refs are sorted by name.
const packedRefsHeader = "# pack-refs with: peeled fully-peeled sorted \n"

// rewrittenHeader is the header for a rewrite of packed-refs' data: the old file's traits
// (a file without "fully-peeled" may hold annotated tags without their peeled line, and
// must keep saying so), always sorted since the writer sorts.
func rewrittenHeader(data []byte) string {
	if len(data) == 0 {
		return packedRefsHeader
	}
	first, _, _ := bytes.Cut(data, []byte{'\n'})
	traits, ok := strings.CutPrefix(string(first), "# pack-refs with:")
	if !ok {
		return "# pack-refs with: sorted \n"
	}
	out := "# pack-refs with:"
	for _, t := range strings.Fields(traits) {
		if t == "peeled" || t == "fully-peeled" {
			out += " " + t
		}
	}
	return out + " sorted \n"
}

// packedRefLine is one ref of packed-refs with its peeled line, if any, kept verbatim.
type packedRefLine struct {
	name string
	line []byte // "<hash> <name>\n" and an optional "^<hash>\n"
}

// findPackedRefs calls visit with each ref of packed-refs whose name starts with prefix,
// until it returns false. It searches the file for " <prefix>" rather than reading it line
// by line: O(size of the file), without allocating per line.
func findPackedRefs(data []byte, prefix string, visit func(name string, h plumbing.Hash) bool) {
	needle := []byte(" " + prefix)
	for at := 0; ; {
		i := bytes.Index(data[at:], needle)
		if i < 0 {
			return
		}
		i += at
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += i
		}
		at = end
		start := i - hexSize
		if start < 0 || start > 0 && data[start-1] != '\n' || !plumbing.IsHash(string(data[start:i])) {
			continue // a "^" line or part of a name, not a ref line's start
		}
		if !visit(string(data[i+1:end]), plumbing.NewHash(string(data[start:i]))) {
			return
		}
	}
}

// parsePackedRefs splits packed-refs' content into its refs, sorted by name.
func parsePackedRefs(data []byte) []packedRefLine {
	var refs []packedRefLine
	sorted := true
	for len(data) > 0 {
		n := bytes.IndexByte(data, '\n') + 1
		if n == 0 {
			n = len(data)
		}
		line := data[:n]
		data = data[n:]
		switch {
		case line[0] == '#':
		case line[0] == '^' && len(refs) > 0:
			last := &refs[len(refs)-1]
			last.line = append(last.line, line...)
		default:
			_, name, ok := strings.Cut(strings.TrimRight(string(line), "\n"), " ")
			if !ok {
				continue
			}
			if len(refs) > 0 && refs[len(refs)-1].name >= name {
				sorted = false
			}
			if line[len(line)-1] != '\n' {
				line = append(slices.Clip(line), '\n')
			}
			refs = append(refs, packedRefLine{name: name, line: slices.Clip(line)})
		}
	}
	if !sorted {
		sortPackedRefs(refs)
	}
	return refs
}

// sortPackedRefs sorts refs by name, byte by byte, as git does.
func sortPackedRefs(refs []packedRefLine) {
	slices.SortStableFunc(refs, func(x, y packedRefLine) int { return strings.Compare(x.name, y.name) })
}

// addPackedRefs writes new refs (name → commit) into packed-refs, under packed-refs.lock
// like git. None of them may exist yet, loose or packed; otherwise nothing is written and
// the error wraps errRefChanged. O(size of packed-refs + new refs × log).
func (a *Archive) addPackedRefs(add map[string]plumbing.Hash) error {
	if len(add) == 0 {
		return nil
	}
	names := make([]string, 0, len(add))
	for name := range add {
		names = append(names, name)
	}
	slices.Sort(names)
	return a.rewritePackedRefs(func(refs []packedRefLine) ([]packedRefLine, error) {
		for _, name := range names {
			if fileExists(filepath.Join(a.commonDir, filepath.FromSlash(name))) {
				return nil, fmt.Errorf("write ref %s: %w: it exists already", name, errRefChanged)
			}
		}
		merged := make([]packedRefLine, 0, len(refs)+len(names))
		i := 0
		for _, name := range names {
			for i < len(refs) && refs[i].name < name {
				merged = append(merged, refs[i])
				i++
			}
			if i < len(refs) && refs[i].name == name {
				return nil, fmt.Errorf("write ref %s: %w: it exists already", name, errRefChanged)
			}
			merged = append(merged, packedRefLine{name: name, line: []byte(add[name].String() + " " + name + "\n")})
		}
		return append(merged, refs[i:]...), nil
	})
}

// rewritePackedRefs replaces packed-refs with what change makes of its refs, under
// packed-refs.lock: the lock file is created exclusively (waiting for another writer's),
// filled, and renamed over packed-refs, so readers see the old file or the new one.
func (a *Archive) rewritePackedRefs(change func([]packedRefLine) ([]packedRefLine, error)) (err error) {
	path := filepath.Join(a.commonDir, "packed-refs")
	lock, err := a.createLockFile(path + ".lock")
	if err != nil {
		return fmt.Errorf("write packed-refs: %w", err)
	}
	defer func() {
		if err != nil {
			lock.Close()
			os.Remove(lock.Name())
		}
		a.dropLockFile(lock.Name())
	}()
	data, err := a.readPackedRefsData()
	if err != nil {
		return err
	}
	refs, err := change(parsePackedRefs(data))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.Grow(len(data) + 128*len(refs))
	b.WriteString(rewrittenHeader(data))
	for _, r := range refs {
		b.Write(r.line)
	}
	if _, err := lock.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write packed-refs: %w", err)
	}
	if err := lock.Close(); err != nil {
		return fmt.Errorf("write packed-refs: %w", err)
	}
	if err := os.Rename(lock.Name(), path); err != nil {
		return fmt.Errorf("write packed-refs: %w", err)
	}
	return nil
}
