package repo

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// importJob is one version on its way through the import's workers: its text loaded and
// checked, its summary and its compressed blob.
type importJob struct {
	item       *importItem
	text       []byte // kept only when a worktree follows the import
	summary    string
	compressed []byte
	err        error
	done       chan struct{}
}

// importWriter writes a planned import: workers load, summarize and compress versions in
// parallel; the writer builds trees and commits in order, one pack per batch.
type importWriter struct {
	a     *Archive
	adds  []*importItem
	opts  ImportOptions
	keep  bool       // keep texts for the worktree
	reads sync.Mutex // go-git's storage is not safe for concurrent use

	tip     plumbing.Hash // main as last moved (ZeroHash: none yet)
	trees   *treeBuilder
	index   *versionIndex
	wt      *worktreeUpdate
	wtBlobs map[string]plumbing.Hash // each document's text in the worktree, by path

	pack      *packBuilder
	batchTags map[string]plumbing.Hash
	batchRecs []indexRecord
	batchWT   map[string]worktreeFile
	parent    plumbing.Hash // the last commit built
	built     int           // versions built into packs so far
	committed int           // versions on main so far
	packs     int
}

// newImportWriter prepares to write adds on top of main, under the writer lock.
func (a *Archive) newImportWriter(adds []*importItem, opts ImportOptions) (*importWriter, error) {
	w := &importWriter{a: a, adds: adds, opts: opts}
	tip, hasTip, err := a.head()
	if err != nil {
		return nil, err
	}
	root := plumbing.ZeroHash
	if hasTip {
		c, err := a.commit(tip)
		if err != nil {
			return nil, err
		}
		w.tip, w.parent, root = tip, tip, c.TreeHash
	}
	if w.trees, err = newTreeBuilder(a, root); err != nil {
		return nil, err
	}
	if w.index, err = a.versionIndex(); err != nil {
		return nil, err
	}
	if w.index.tip != tip {
		return nil, fmt.Errorf("%w: main moved while reading its history", errRefChanged)
	}
	// In a non-bare archive, every document's file must be as committed before anything
	// is written.
	if !a.Bare() {
		latest := map[string]plumbing.Hash{}
		for _, it := range adds {
			name := strings.Join(textPath(it.v.Document), "/")
			if _, ok := latest[name]; !ok {
				latest[name] = it.prevBlobInArchive()
			}
		}
		if w.wt, err = a.prepareWorktree(latest); err != nil {
			return nil, err
		}
		w.keep, w.wtBlobs = w.wt != nil, latest
	}
	w.startBatch()
	return w, nil
}

// prevBlobInArchive is the document's text in the archive before the import: the blob
// the first version of the document in the import follows.
func (it *importItem) prevBlobInArchive() plumbing.Hash {
	for it.prev != nil {
		it = it.prev
	}
	return it.prevBlob
}

func (w *importWriter) startBatch() {
	w.pack = newPackBuilder()
	w.trees.newPack()
	w.batchTags = map[string]plumbing.Hash{}
	w.batchRecs = nil
	w.batchWT = map[string]worktreeFile{}
}

// run feeds the workers, builds each version in order and commits batch after batch. On
// an error, the versions built before it are committed first.
func (w *importWriter) run() (err error) {
	defer w.wt.release()
	window := 2 * w.opts.BatchSize
	ordered := make(chan *importJob, window)
	work := make(chan *importJob)
	quit := make(chan struct{})
	go func() {
		defer close(work)
		defer close(ordered)
		for _, it := range w.adds {
			j := &importJob{item: it, done: make(chan struct{})}
			select {
			case ordered <- j:
			case <-quit:
				return
			}
			select {
			case work <- j:
			case <-quit:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range w.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := newZlibBuffer()
			for j := range work {
				w.process(j, z)
				close(j.done)
			}
		}()
	}
	defer func() {
		close(quit)
		for range ordered {
		}
		wg.Wait()
	}()
	for j := range ordered {
		<-j.done
		if j.err == nil {
			j.err = w.build(j)
		}
		if j.err != nil {
			if ferr := w.flush(); ferr != nil {
				return errors.Join(j.err, ferr)
			}
			return j.err
		}
		if w.opts.Progress != nil {
			w.opts.Progress(w.built, len(w.adds))
		}
		if w.built-w.committed >= w.opts.BatchSize {
			if err := w.flush(); err != nil {
				return err
			}
		}
	}
	return w.flush()
}

// process loads a version's text and its predecessor's, checks them against the plan,
// summarizes the change and compresses the text. It runs on a worker goroutine.
func (w *importWriter) process(j *importJob, z *zlibBuffer) {
	it := j.item
	fail := func(err error) { j.err = ImportProblem{Version: it.v, Err: err} }
	text, err := w.load(it)
	if err != nil {
		fail(err)
		return
	}
	var previous []byte
	switch {
	case it.prev != nil:
		if previous, err = w.load(it.prev); err != nil {
			fail(fmt.Errorf("the previous version: %w", err))
			return
		}
	case !it.prevBlob.IsZero():
		w.reads.Lock()
		previous, err = w.a.readBlob(it.prevBlob)
		w.reads.Unlock()
		if err != nil {
			fail(err)
			return
		}
	}
	if w.opts.Summarize != nil {
		s, err := w.opts.Summarize(previous, text)
		if err != nil {
			fail(fmt.Errorf("summarize the change: %w", err))
			return
		}
		j.summary = cleanSummary(s)
	}
	j.compressed = z.compress(text)
	if w.keep {
		j.text = text
	}
}

// load reads a version's text again and checks it is the one planned.
func (w *importWriter) load(it *importItem) ([]byte, error) {
	text, err := it.v.Load()
	if err != nil {
		return nil, err
	}
	if objectHash(plumbing.BlobObject, text) != it.blob {
		return nil, errors.New("the text changed since the import was planned")
	}
	return text, nil
}

// build adds a version's blob, trees and commit to the batch's pack.
func (w *importWriter) build(j *importJob) error {
	it := j.item
	w.pack.addCompressed(packBlob, it.blob, it.size, j.compressed)
	comps := textPath(it.v.Document)
	w.reads.Lock()
	root, err := w.trees.writeText(comps, it.blob, w.pack)
	w.reads.Unlock()
	if errors.Is(err, errPathConflict) {
		err = &FieldError{Field: "document ID", Value: it.v.Document, Reason: err.Error(), Err: ErrInvalidID}
	}
	if err != nil {
		return ImportProblem{Version: it.v, Err: err}
	}
	var parents []plumbing.Hash
	if !w.parent.IsZero() {
		parents = []plumbing.Hash{w.parent}
	}
	a, c := w.opts.Author, w.opts.Committer
	commit := &object.Commit{
		Author:       object.Signature{Name: a.Name, Email: a.Email, When: a.When},
		Committer:    object.Signature{Name: c.Name, Email: c.Email, When: c.When},
		Message:      commitMessage(it.v.Meta, j.summary),
		TreeHash:     root,
		ParentHashes: parents,
	}
	obj := &plumbing.MemoryObject{}
	if err := commit.Encode(obj); err != nil {
		return fmt.Errorf("encode commit: %w", err)
	}
	r, _ := obj.Reader()
	content, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("encode commit: %w", err)
	}
	h := objectHash(plumbing.CommitObject, content)
	w.pack.addObject(packCommit, h, content)
	w.parent = h
	w.batchTags[tagRef(it.v.Document, it.v.Label)] = h
	w.batchRecs = append(w.batchRecs, indexRecord{commit: h, blob: it.blob, id: it.v.Document})
	if w.keep {
		name := strings.Join(comps, "/")
		w.batchWT[name] = worktreeFile{name: name, blob: it.blob, text: j.text}
	}
	w.built++
	return nil
}

// flush commits the batch: installs its pack, moves main, writes its tags, extends the
// version index, updates the worktree, and reports progress.
func (w *importWriter) flush() error {
	if w.built == w.committed {
		return nil
	}
	if _, err := w.pack.install(w.a); err != nil {
		return err
	}
	w.packs++
	if w.wt != nil {
		before := make(map[string]plumbing.Hash, len(w.batchWT))
		for name := range w.batchWT {
			before[name] = w.wtBlobs[name]
		}
		if err := w.wt.check(before); err != nil {
			return err
		}
	}
	if err := w.a.updateRef(mainRef, w.parent, w.tip); err != nil {
		if errors.Is(err, errRefChanged) {
			return fmt.Errorf("main was moved by another program during the import; %d versions were committed before: run the import again to add the rest: %w", w.committed, err)
		}
		return err
	}
	w.tip = w.parent
	if err := w.a.addPackedRefs(w.batchTags); err != nil {
		return fmt.Errorf("versions committed up to %s, but tagging them failed (the next import writes the missing tags): %w", shortHash(w.tip.String()), err)
	}
	w.index = &versionIndex{tip: w.tip, stop: w.index.stop, records: append(w.index.records, w.batchRecs...)}
	w.a.writeVersionIndex(w.index)
	if w.wt != nil {
		files := make([]worktreeFile, 0, len(w.batchWT))
		for name, f := range w.batchWT {
			files = append(files, f)
			w.wtBlobs[name] = f.blob
		}
		if err := w.wt.apply(files, w.built < len(w.adds)); err != nil {
			return fmt.Errorf("versions committed up to %s, but updating the worktree failed: %w", shortHash(w.tip.String()), err)
		}
	}
	w.committed = w.built
	w.startBatch()
	return nil
}
