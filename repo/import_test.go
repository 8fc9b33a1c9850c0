package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// importEntry is a version to import in tests: metadata and text.
type importEntry struct {
	meta Meta
	text string
}

// toImport turns entries into ImportVersions that load their text from memory.
func toImport(entries []importEntry) []ImportVersion {
	vs := make([]ImportVersion, len(entries))
	for i, e := range entries {
		text := e.text
		vs[i] = ImportVersion{Meta: e.meta, Origin: fmt.Sprintf("entry %d", i+1), Load: func() ([]byte, error) { return []byte(text), nil }}
	}
	return vs
}

// lengthSummary is a stand-in for the differ's flag summary.
func lengthSummary(previous, text []byte) (string, error) {
	if previous == nil {
		return "", nil
	}
	return fmt.Sprintf("text %d → %d bytes", len(previous), len(text)), nil
}

// mustImport plans and imports versions, failing the test on any error.
func mustImport(t testing.TB, a *Archive, vs []ImportVersion, opts ImportOptions) ImportResult {
	t.Helper()
	plan, err := a.PlanImport(vs, 0)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	if opts.Author == (Signature{}) {
		opts.Author = testAuthor
	}
	res, err := a.Import(plan, opts)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return res
}

// memoVersions is three documents of a few versions each, given out of order, with and
// without dates, a transcription and labels that sort naturally.
var memoVersions = []importEntry{
	{Meta{Document: "dod/grachev", Label: "mdr-2016", Date: "2016-05-02", Source: "Clinton Library", Case: "2015-0771-M"}, "CONFIDENTIAL\nearly warning\n"},
	{Meta{Document: "dod/grachev", Label: "foia-2005", Date: "2005-03-01"}, "SECRET\n(b)(1)\n"},
	{Meta{Document: "dod/grachev", Label: "ocr", Kind: Transcription, Transcribes: "mdr-2016", Date: "2016-06-01"}, "CONFIDENTIAL\nearly waming\n"},
	{Meta{Document: "nsc/memo", Label: "v10"}, "ten\n"},
	{Meta{Document: "nsc/memo", Label: "v2"}, "two\n"},
	{Meta{Document: "nsc/memo", Label: "v1"}, "one\n"},
	{Meta{Document: "cia/cable", Label: "r1", Date: "2010-01-01"}, "cable\r\nno final newline"},
}

// commitOrder is the order Import commits memoVersions in: dated versions by date, then
// the undated ones by label, a document's versions in its own order.
var commitOrder = []string{"dod/grachev@foia-2005", "cia/cable@r1", "dod/grachev@mdr-2016", "dod/grachev@ocr", "nsc/memo@v1", "nsc/memo@v2", "nsc/memo@v10"}

func TestImportIsAddOneByOne(t *testing.T) {
	imported := newArchive(t)
	res := mustImport(t, imported, toImport(memoVersions), ImportOptions{Summarize: lengthSummary, BatchSize: 3})
	if res.Added != len(memoVersions) || res.Present != 0 || res.Packs != 3 {
		t.Errorf("Import = %+v, want %d added in 3 packs", res, len(memoVersions))
	}
	added := newArchive(t)
	byRef := map[string]importEntry{}
	for _, e := range memoVersions {
		byRef[e.meta.Document+"@"+e.meta.Label] = e
	}
	for _, ref := range commitOrder {
		e := byRef[ref]
		text := []byte(e.text)
		_, err := added.Add(AddRequest{Meta: e.meta, Text: text, Author: testAuthor, Summarize: func(previous []byte) (string, error) { return lengthSummary(previous, text) }})
		if err != nil {
			t.Fatal(err)
		}
	}
	if got, want := headHash(t, imported), headHash(t, added); got != want {
		t.Errorf("main after Import = %s, want %s as after adding the versions one by one", got, want)
	}
	for _, id := range []string{"dod/grachev", "nsc/memo", "cia/cable"} {
		got, want := mustVersions(t, imported, id), mustVersions(t, added, id)
		if !slices.EqualFunc(got, want, func(x, y Version) bool { return x.Commit == y.Commit && x.Meta == y.Meta && x.Summary == y.Summary }) {
			t.Errorf("Versions(%q) after Import = %+v, want %+v", id, got, want)
		}
		for _, v := range got {
			text, err := imported.Text(v)
			if err != nil || string(text) != byRef[v.Ref()].text {
				t.Errorf("Text(%s) = %q, %v, want %q", v.Ref(), text, err, byRef[v.Ref()].text)
			}
		}
	}
	if g := gitIfInstalled(t); g != nil {
		g.run(imported.gitDir, "fsck", "--strict", "--no-dangling")
		if got, want := g.run(imported.gitDir, "show-ref"), g.run(added.gitDir, "show-ref"); got != want {
			t.Errorf("git show-ref after Import =\n%s\nwant\n%s", got, want)
		}
		if got, want := g.run(imported.gitDir, "log", "--format=%H%n%B", "main"), g.run(added.gitDir, "log", "--format=%H%n%B", "main"); got != want {
			t.Errorf("git log after Import =\n%s\nwant\n%s", got, want)
		}
	}
}

func TestImportIdempotentAndResumable(t *testing.T) {
	whole := newArchive(t)
	mustImport(t, whole, toImport(memoVersions), ImportOptions{Summarize: lengthSummary})
	want := headHash(t, whole)

	// An import that stops at the fifth version commits the four before it; run again,
	// it adds the rest and ends where an uninterrupted import ends.
	a := newArchive(t)
	vs := toImport(memoVersions)
	var loads atomic.Int32
	stop := slices.IndexFunc(vs, func(v ImportVersion) bool { return v.Document+"@"+v.Label == commitOrder[4] })
	broken := slices.Clone(vs)
	load := broken[stop].Load
	broken[stop].Load = func() ([]byte, error) {
		if loads.Add(1) > 1 {
			return nil, errors.New("disk gone")
		}
		return load()
	}
	plan, err := a.PlanImport(broken, 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Import(plan, ImportOptions{Author: testAuthor, Summarize: lengthSummary, BatchSize: 3})
	if err == nil || !strings.Contains(err.Error(), "disk gone") || res.Added != 4 {
		t.Fatalf("Import with a failing text = %+v, %v, want 4 added and the error", res, err)
	}
	res = mustImport(t, a, vs, ImportOptions{Summarize: lengthSummary, BatchSize: 3})
	if res.Added != 3 || res.Present != 4 {
		t.Errorf("Import after an interruption = %+v, want 3 added, 4 present", res)
	}
	if got := headHash(t, a); got != want {
		t.Errorf("main after a resumed import = %s, want %s", got, want)
	}
	res = mustImport(t, a, vs, ImportOptions{Summarize: lengthSummary})
	if res.Added != 0 || res.Present != len(vs) || headHash(t, a) != want {
		t.Errorf("Import again = %+v, want all %d present and nothing written", res, len(vs))
	}
}

func TestImportWritesMissingTags(t *testing.T) {
	a := newArchive(t)
	vs := toImport(memoVersions)
	mustImport(t, a, vs, ImportOptions{})
	// As if the import had been killed after moving main, before writing the tags.
	if err := os.Remove(filepath.Join(a.commonDir, "packed-refs")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Resolve("nsc/memo@v2"); err != nil {
		t.Fatalf("Resolve without tags: %v", err)
	}
	res := mustImport(t, a, vs, ImportOptions{})
	if res.Added != 0 || res.Present != len(vs) {
		t.Errorf("Import again = %+v, want all present", res)
	}
	tags, err := a.allTags()
	if err != nil || len(tags["nsc/memo"]) != 3 || len(tags["dod/grachev"]) != 3 {
		t.Errorf("tags after the import = %v, %v, want every version tagged again", tags, err)
	}
}

// TestStoppedWriterLeftLockFiles plays a writer killed while holding git lock files: the
// next writer removes those it recorded, and still waits for a lock file of git's own.
func TestStoppedWriterLeftLockFiles(t *testing.T) {
	a := newArchive(t)
	mustAdd(t, a, Meta{Document: "nsc/memo"}, "one\n")
	left := []string{filepath.Join(a.commonDir, "packed-refs.lock"), filepath.Join(a.commonDir, "refs", "heads", "main.lock")}
	for _, p := range left {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	record := strings.Join(left, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(a.commonDir, writerLockFile), []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	mustImport(t, a, toImport(memoVersions), ImportOptions{})
	for _, p := range left {
		if fileExists(p) {
			t.Errorf("%s is still there after the next writer", p)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(a.commonDir, writerLockFile)); len(b) != 0 {
		t.Errorf("writer lock file after a finished writer = %q, want empty", b)
	}
	// A lock file nobody recorded belongs to git: it is waited for, then refused.
	a.lockWait = 50 * time.Millisecond
	gitLock := filepath.Join(a.commonDir, "refs", "heads", "main.lock")
	if err := os.WriteFile(gitLock, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Add(AddRequest{Meta: Meta{Document: "nsc/memo"}, Text: []byte("later\n"), Author: testAuthor}); !errors.Is(err, ErrLocked) {
		t.Errorf("Add with git's main.lock in place = %v, want ErrLocked", err)
	}
	if !fileExists(gitLock) {
		t.Errorf("git's main.lock was removed")
	}
}

func TestImportIntoNonBareClone(t *testing.T) {
	g := needGit(t)
	a, _ := sampleArchive(t)
	w, c := cloneArchive(t, g, a)
	res := mustImport(t, c, toImport(memoVersions), ImportOptions{BatchSize: 2})
	if res.Added != 4 || res.Present != 3 {
		t.Errorf("Import into the clone = %+v, want 4 added and dod/grachev's 3 versions present", res)
	}
	if got := g.run(w, "status", "--porcelain"); got != "" {
		t.Errorf("git status after Import into a clone = %q, want clean", got)
	}
	if got := g.run(w, "show", "HEAD:nsc/memo/text.txt"); got != "ten\n" {
		t.Errorf("git show HEAD:nsc/memo/text.txt = %q, want the latest version", got)
	}
	if b, err := os.ReadFile(filepath.Join(w, "cia", "cable", "text.txt")); err != nil || string(b) != "cable\r\nno final newline" {
		t.Errorf("checked-out cia/cable/text.txt = %q, %v", b, err)
	}
	// A file changed in the worktree refuses the import before anything is written.
	if err := os.WriteFile(filepath.Join(w, "nsc", "memo", "text.txt"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := headHash(t, c)
	plan, err := c.PlanImport(toImport([]importEntry{{Meta{Document: "nsc/memo", Label: "v11"}, "eleven\n"}}), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Import(plan, ImportOptions{Author: testAuthor}); !errors.Is(err, ErrWorktreeChanged) {
		t.Errorf("Import over an edited file = %v, want ErrWorktreeChanged", err)
	}
	if headHash(t, c) != before {
		t.Errorf("a refused import moved main")
	}
}

func TestGCKeepsEverythingReadable(t *testing.T) {
	a, added := sampleArchive(t)
	mustImport(t, a, toImport(memoVersions[3:]), ImportOptions{})
	loose, err := a.looseObjects()
	if err != nil || len(loose) == 0 {
		t.Fatalf("looseObjects() = %d, %v, want the adds' objects", len(loose), err)
	}
	// A reader opened before gc, with go-git's list of packs already read.
	reader, err := Open(a.gitDir)
	if err != nil {
		t.Fatal(err)
	}
	mustVersions(t, reader, "dod/grachev")
	res, err := a.GC()
	if err != nil || res.Objects != len(loose) || res.Refs != len(added) {
		t.Fatalf("GC() = %+v, %v, want %d objects and %d tags packed", res, err, len(loose), len(added))
	}
	if n, _ := a.looseObjects(); len(n) != 0 {
		t.Errorf("%d loose objects after GC", len(n))
	}
	for _, ar := range []*Archive{a, reader} {
		for ref, v := range added {
			got, err := ar.Resolve(ref)
			if err != nil || got.Commit != v.Commit {
				t.Errorf("Resolve(%q) after GC = %+v, %v", ref, got, err)
				continue
			}
			if _, err := ar.Text(got); err != nil {
				t.Errorf("Text(%s) after GC: %v", ref, err)
			}
		}
	}
	if g := gitIfInstalled(t); g != nil {
		g.run(a.gitDir, "fsck", "--strict", "--no-dangling")
		if got := strings.Count(g.run(a.gitDir, "tag"), "\n"); got != len(added)+4 {
			t.Errorf("git tag after GC lists %d tags, want %d", got, len(added)+4)
		}
	}
	mustAdd(t, a, Meta{Document: "dod/other"}, "after gc\n")
	if res, err := a.GC(); err != nil || res.Objects == 0 || res.Refs != 1 {
		t.Errorf("GC() after an add = %+v, %v", res, err)
	}
}
