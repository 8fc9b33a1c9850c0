package repo

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestObjectReaderAgreesWithGoGit reads every object of an archive packed by git (with
// deltas, chains of them, and some objects left loose) and of one packed by Import, through
// the direct reader and through go-git, and compares.
func TestObjectReaderAgreesWithGoGit(t *testing.T) {
	g := needGit(t)
	a := newArchive(t)
	for i := range 40 {
		mustAdd(t, a, Meta{Document: fmt.Sprintf("memo/%d", i%4)}, strings.Repeat(fmt.Sprintf("line %d of a memo that changes a little\n", i%7), 50+i))
	}
	g.run(a.gitDir, "gc", "-q", "--aggressive")
	mustAdd(t, a, Meta{Document: "memo/loose"}, "a loose object\n")
	mustImport(t, a, toImport(memoVersions), ImportOptions{BatchSize: 3})
	list := g.run(a.gitDir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")
	hashes := strings.Fields(list)
	if len(hashes) < 150 {
		t.Fatalf("only %d objects", len(hashes))
	}
	r := &objectReader{dir: a.storer.direct.dir}
	for _, hex := range hashes {
		h := plumbing.NewHash(hex)
		typ, data, err := r.object(h)
		if err != nil {
			t.Errorf("object(%s): %v", hex, err)
			continue
		}
		o, err := a.storer.Storage.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			t.Fatal(err)
		}
		rd, _ := o.Reader()
		want, _ := io.ReadAll(rd)
		if typ != o.Type() || !bytes.Equal(data, want) {
			t.Errorf("object(%s) = %s of %d bytes, want %s of %d bytes", hex, typ, len(data), o.Type(), len(want))
		}
		if objectHash(typ, data) != h {
			t.Errorf("object(%s) hashes to %s", hex, objectHash(typ, data))
		}
		if !r.has(h) {
			t.Errorf("has(%s) = false", hex)
		}
	}
	missing := plumbing.NewHash(strings.Repeat("ab", 20))
	if _, _, err := r.object(missing); err == nil || r.has(missing) {
		t.Errorf("object(%s) of a missing object = %v", missing, err)
	}
}
