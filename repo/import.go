package repo

import (
	"container/heap"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ImportVersion is one version for bulk import.
type ImportVersion struct {
	Meta // Document and Label are required; Kind defaults to release.
	// Origin says where the version comes from (its file, a manifest line), for messages.
	Origin string
	// Load returns the version's text. PlanImport calls it once to check and hash the
	// text, Import again to write it (refusing a text that changed meanwhile); both call it
	// from several goroutines at once.
	Load func() ([]byte, error)
}

// ImportProblem is a version that is not imported, and why.
type ImportProblem struct {
	Version ImportVersion
	Err     error
	order   int // the version's place in the input
}

// Error names the version, where it comes from and the reason.
func (p ImportProblem) Error() string {
	ref := p.Version.Document + "@" + p.Version.Label
	if p.Version.Origin == "" {
		return ref + ": " + p.Err.Error()
	}
	return p.Version.Origin + ": " + ref + ": " + p.Err.Error()
}

// Unwrap returns the reason.
func (p ImportProblem) Unwrap() error { return p.Err }

// ImportError refuses an import: it lists every version that cannot be imported, and
// nothing was written.
type ImportError struct {
	Problems []ImportProblem
}

// Error counts the refused versions and names the first.
func (e *ImportError) Error() string {
	n := len(e.Problems)
	if n == 0 {
		return "import refused"
	}
	more := ""
	if n > 1 {
		more = fmt.Sprintf(" (and %d more)", n-1)
	}
	return fmt.Sprintf("%d version%s cannot be imported: %s%s", n, plural(n), e.Problems[0].Error(), more)
}

// Unwrap returns the problems, so errors.Is finds their sentinel errors.
func (e *ImportError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// ImportPlan is what an import will do, worked out by PlanImport against the archive as
// it was then; Import works it out again under the writer lock.
type ImportPlan struct {
	// Problems are the versions that cannot be imported (bad text or metadata, a label
	// given twice, a label the archive holds with another text, …), in input order.
	Problems []ImportProblem
	// Present counts the versions the archive already holds: same document, label and text.
	Present int
	// Unchanged are versions whose text is the document's previous version's: like add,
	// import skips them (their errors wrap ErrUnchanged).
	Unchanged []ImportProblem
	// Add counts the versions to commit.
	Add int

	checked      []*importItem   // the versions whose text and metadata passed, in input order
	textProblems []ImportProblem // the others
	adds         []*importItem   // the versions to commit, in commit order
	tags         map[string]plumbing.Hash
}

// importItem is one version being planned and written.
type importItem struct {
	v     ImportVersion
	order int
	blob  plumbing.Hash
	size  int
	// prev is the version of the import whose text the document holds just before this
	// one is committed; nil when that text is prevBlob, already in the archive (ZeroHash:
	// none, a first version).
	prev     *importItem
	prevBlob plumbing.Hash
}

// defaultImportBatch is the number of versions written per pack: each batch ends with
// main and the tags moved, so a killed import loses at most one batch.
const defaultImportBatch = 500

// ImportOptions says how Import writes.
type ImportOptions struct {
	// Author and Committer are written into every commit; a zero Committer is the Author.
	Author, Committer Signature
	// Summarize returns the flag summary of a version's change against the document's
	// previous text (nil for a first version), written into the commit message as Add
	// does. It is called from several goroutines at once.
	Summarize func(previous, text []byte) (string, error)
	// SkipBad imports the other versions when some cannot be imported; otherwise any
	// problem refuses the whole import before anything is written.
	SkipBad bool
	// BatchSize is the number of versions per pack (default 500).
	BatchSize int
	// Workers is the number of goroutines loading, summarizing and compressing texts
	// (default GOMAXPROCS).
	Workers int
	// Progress, when set, is called after each version is built with the number built so
	// far and the number to build.
	Progress func(done, total int)
}

// ImportResult says what Import did.
type ImportResult struct {
	Added     int             // versions committed
	Present   int             // versions the archive held already
	Unchanged []ImportProblem // versions skipped: same text as the previous version
	Skipped   []ImportProblem // versions that could not be imported (only with SkipBad)
	Packs     int             // packfiles written
}

// PlanImport checks versions for import without writing anything: each text is loaded
// once (on several goroutines), checked like Add's and hashed, its metadata validated; then
// the versions are set against the archive (see Import for the rules). O(total size of the
// texts + size of the version index + tags).
func (a *Archive) PlanImport(versions []ImportVersion, workers int) (*ImportPlan, error) {
	items := make([]*importItem, len(versions))
	errs := make([]error, len(versions))
	parallel(len(versions), workers, func(i int) {
		it := &importItem{v: versions[i], order: i}
		if it.v.Kind == "" {
			it.v.Kind = Release
		}
		it.v.Source, it.v.Case = strings.TrimSpace(it.v.Source), strings.TrimSpace(it.v.Case)
		items[i] = it
		if err := ValidateMeta(it.v.Meta); err != nil {
			errs[i] = err
			return
		}
		if it.v.Label == "" {
			errs[i] = &FieldError{Field: "label", Value: "", Reason: "empty (an imported version needs a label)", Err: ErrInvalidLabel}
			return
		}
		text, err := it.v.Load()
		if err == nil {
			err = CheckText(text)
		}
		if err != nil {
			errs[i] = err
			return
		}
		it.blob, it.size = objectHash(plumbing.BlobObject, text), len(text)
	})
	var checked []*importItem
	var problems []ImportProblem
	for i, it := range items {
		if errs[i] != nil {
			problems = append(problems, ImportProblem{Version: it.v, Err: errs[i], order: i})
			continue
		}
		checked = append(checked, it)
	}
	plan, err := a.planImport(checked)
	if err != nil {
		return nil, err
	}
	plan.textProblems = problems
	plan.Problems = mergeProblems(problems, plan.Problems)
	return plan, nil
}

// mergeProblems joins two lists of problems in input order.
func mergeProblems(a, b []ImportProblem) []ImportProblem {
	out := append(slices.Clone(a), b...)
	slices.SortStableFunc(out, func(x, y ImportProblem) int { return compareInts(x.order, y.order) })
	return out
}

// parallel calls f(0) … f(n-1) on up to workers goroutines (GOMAXPROCS when 0).
func parallel(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// existingVersion is a version of a document in the archive.
type existingVersion struct {
	label        string
	commit, blob plumbing.Hash
	tagged       bool
}

// planImport sets checked versions against the archive as it is now. Per document, the
// versions are ordered by date then label (compareVersionOrder), a transcription after the
// release it transcribes; then:
//   - a label the archive holds with the same text is present (skipped), with another text
//     a problem naming both; a label held by a tag that is no version on main, a problem;
//   - a label given twice, a transcription of a label found nowhere, a document whose
//     path or tags collide with the archive or another document: problems;
//   - a text equal to the document's previous one is unchanged (skipped, as add does);
//   - the others are added, after the document's existing versions.
//
// Documents are interleaved in commit order by the same key, so that releases follow each
// other in date order across the archive. It reads the version index and the tags once:
// O(versions × log + index + tags).
func (a *Archive) planImport(checked []*importItem) (*ImportPlan, error) {
	plan := &ImportPlan{checked: checked, tags: map[string]plumbing.Hash{}}
	problem := func(it *importItem, err error) {
		plan.Problems = append(plan.Problems, ImportProblem{Version: it.v, Err: err, order: it.order})
	}
	x, err := a.versionIndex()
	if err != nil {
		return nil, fmt.Errorf("plan import: %w", err)
	}
	records := x.byDocument()
	tags, err := a.allTags()
	if err != nil {
		return nil, fmt.Errorf("plan import: %w", err)
	}
	refNames, err := a.tagRefNames()
	if err != nil {
		return nil, fmt.Errorf("plan import: %w", err)
	}
	byDoc := map[string][]*importItem{}
	var ids []string
	for _, it := range checked {
		if byDoc[it.v.Document] == nil {
			ids = append(ids, it.v.Document)
		}
		byDoc[it.v.Document] = append(byDoc[it.v.Document], it)
	}
	slices.Sort(ids)
	paths, err := a.newPathChecker()
	if err != nil {
		return nil, fmt.Errorf("plan import: %w", err)
	}
	var sequences [][]*importItem
	for _, id := range ids {
		group := byDoc[id]
		if err := a.checkImportPath(id, refNames, paths, byDoc, records); err != nil {
			for _, it := range group {
				problem(it, err)
			}
			continue
		}
		existing, err := a.existingVersions(id, records[id], tags[id])
		if err != nil {
			return nil, fmt.Errorf("plan import: %w", err)
		}
		adds := a.planDocument(group, existing, tags[id], plan, problem)
		if len(adds) > 0 {
			sequences = append(sequences, adds)
		}
	}
	plan.adds = mergeSequences(sequences)
	plan.Add = len(plan.adds)
	return plan, nil
}

// planDocument plans one document's versions and returns those to add, in order.
func (a *Archive) planDocument(group []*importItem, existing []existingVersion, tags map[string]plumbing.Hash, plan *ImportPlan, problem func(*importItem, error)) []*importItem {
	slices.SortStableFunc(group, func(x, y *importItem) int {
		if c := compareVersionOrder(x.v.Meta, y.v.Meta); c != 0 {
			return c
		}
		return compareInts(x.order, y.order)
	})
	// A label given twice: both are refused.
	seen := map[string]*importItem{}
	twice := map[string]bool{}
	for _, it := range group {
		if first, ok := seen[it.v.Label]; ok {
			twice[it.v.Label] = true
			problem(it, fmt.Errorf("%w: %s@%s is given twice in the import, also by %s", ErrDuplicateLabel, it.v.Document, it.v.Label, originOr(first.v.Origin, "an earlier entry")))
			continue
		}
		seen[it.v.Label] = it
	}
	byLabel := map[string]existingVersion{}
	for _, e := range existing {
		byLabel[e.label] = e
	}
	var kept []*importItem
	for _, it := range group {
		if seen[it.v.Label] != it {
			continue
		}
		if twice[it.v.Label] {
			problem(it, fmt.Errorf("%w: %s@%s is given twice in the import", ErrDuplicateLabel, it.v.Document, it.v.Label))
			continue
		}
		if e, ok := byLabel[it.v.Label]; ok {
			if e.blob == it.blob {
				plan.Present++
				if !e.tagged {
					plan.tags[tagRef(it.v.Document, it.v.Label)] = e.commit
				}
				continue
			}
			problem(it, fmt.Errorf("%w: the archive's %s@%s (commit %s) has another text than %s", ErrDuplicateLabel, it.v.Document, it.v.Label, shortHash(e.commit.String()), originOr(it.v.Origin, "the imported one")))
			continue
		}
		if h, ok := tags[it.v.Label]; ok {
			problem(it, fmt.Errorf("%w: the tag %s@%s exists already, on commit %s, which is no version of the document on main", ErrDuplicateLabel, it.v.Document, it.v.Label, shortHash(h.String())))
			continue
		}
		kept = append(kept, it)
	}
	kept = transcriptionsAfterReleases(kept)
	latestBlob := plumbing.ZeroHash
	latestLabel := ""
	if n := len(existing); n > 0 {
		latestBlob, latestLabel = existing[n-1].blob, existing[n-1].label
	}
	var latest *importItem
	have := map[string]bool{}
	for _, e := range existing {
		have[e.label] = true
	}
	var adds []*importItem
	for _, it := range kept {
		if t := it.v.Transcribes; t != "" && !have[t] {
			problem(it, &FieldError{Field: "transcribes", Value: t, Reason: fmt.Sprintf("%s has no version labelled %s, in the archive or among the versions imported", it.v.Document, t), Err: ErrUnknownVersion})
			continue
		}
		have[it.v.Label] = true
		if it.blob == latestBlob {
			plan.Unchanged = append(plan.Unchanged, ImportProblem{Version: it.v, Err: fmt.Errorf("%w: same text as %s@%s", ErrUnchanged, it.v.Document, latestLabel), order: it.order})
			continue
		}
		it.prev, it.prevBlob = latest, latestBlob
		latest, latestBlob, latestLabel = it, it.blob, it.v.Label
		adds = append(adds, it)
	}
	return adds
}

func originOr(origin, otherwise string) string {
	if origin == "" {
		return otherwise
	}
	return origin
}

// transcriptionsAfterReleases moves each transcription that comes before the release it
// transcribes (in the same list) to just after it; the order is kept otherwise.
func transcriptionsAfterReleases(items []*importItem) []*importItem {
	index := map[string]bool{}
	for _, it := range items {
		index[it.v.Label] = true
	}
	out := make([]*importItem, 0, len(items))
	done := map[string]bool{}
	waiting := map[string][]*importItem{}
	var emit func(it *importItem)
	emit = func(it *importItem) {
		out = append(out, it)
		done[it.v.Label] = true
		w := waiting[it.v.Label]
		delete(waiting, it.v.Label)
		for _, x := range w {
			emit(x)
		}
	}
	for _, it := range items {
		if t := it.v.Transcribes; t != "" && index[t] && !done[t] && t != it.v.Label {
			waiting[t] = append(waiting[t], it)
			continue
		}
		emit(it)
	}
	// Cycles (a transcribes b transcribes a) keep their order; the check of transcribed
	// labels refuses them.
	for _, it := range items {
		if !done[it.v.Label] {
			out = append(out, it)
			done[it.v.Label] = true
		}
	}
	return out
}

// mergeSequences interleaves documents' version lists into one commit order, keeping each
// list's order and taking next the head that comes first by date, label and document ID.
// O(n log documents).
func mergeSequences(seqs [][]*importItem) []*importItem {
	h := &itemHeap{}
	n := 0
	for _, s := range seqs {
		n += len(s)
		heap.Push(h, s)
	}
	out := make([]*importItem, 0, n)
	for h.Len() > 0 {
		s := (*h)[0]
		out = append(out, s[0])
		if len(s) > 1 {
			(*h)[0] = s[1:]
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return out
}

// itemHeap is a heap of version lists ordered by their first version.
type itemHeap [][]*importItem

func (h itemHeap) Len() int { return len(h) }
func (h itemHeap) Less(i, j int) bool {
	a, b := h[i][0], h[j][0]
	if c := compareVersionOrder(a.v.Meta, b.v.Meta); c != 0 {
		return c < 0
	}
	if a.v.Document != b.v.Document {
		return a.v.Document < b.v.Document
	}
	return a.order < b.order
}
func (h itemHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *itemHeap) Push(x any)   { *h = append(*h, x.([]*importItem)) }
func (h *itemHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// existingVersions lists a document's versions in the archive with their labels (as
// Versions labels them) and text blobs. A commit is read only when its label cannot be
// told from the tags alone (no tag or several).
func (a *Archive) existingVersions(id string, recs []indexRecord, tags map[string]plumbing.Hash) ([]existingVersion, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	byCommit := map[plumbing.Hash][]string{}
	for label, h := range tags {
		byCommit[h] = append(byCommit[h], label)
	}
	out := make([]existingVersion, len(recs))
	for i, r := range recs {
		labels := byCommit[r.commit]
		if len(labels) != 1 {
			c, err := a.commit(r.commit)
			if err != nil {
				return nil, err
			}
			peeled := a.labelsByCommit(tags, []*object.Commit{c})[c.Hash]
			labels = []string{versionOf(c, id, peeled).Label}
			out[i].tagged = len(peeled) > 0
		} else {
			out[i].tagged = true
		}
		out[i].label, out[i].commit, out[i].blob = labels[0], r.commit, r.blob
	}
	return out, nil
}

// tagRefNames returns the names of every ref under refs/tags, loose or packed.
func (a *Archive) tagRefNames() (map[string]bool, error) {
	names := map[string]bool{}
	data, err := a.readPackedRefsData()
	if err != nil {
		return nil, err
	}
	findPackedRefs(data, "refs/tags/", func(name string, _ plumbing.Hash) bool {
		names[name] = true
		return true
	})
	err = a.walkLooseRefs("refs/tags/", func(name, _ string) error {
		names[name] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return names, nil
}

// pathChecker reads the archive's tree along documents' paths, each tree once.
type pathChecker struct {
	root  plumbing.Hash
	trees map[plumbing.Hash][]object.TreeEntry
	r     *treeReader
}

func (a *Archive) newPathChecker() (*pathChecker, error) {
	p := &pathChecker{trees: map[plumbing.Hash][]object.TreeEntry{}, r: newTreeReader(a)}
	tip, ok, err := a.head()
	if err != nil || !ok {
		return p, err
	}
	c, err := a.commit(tip)
	if err != nil {
		return nil, err
	}
	p.root = c.TreeHash
	return p, nil
}

// conflict says why the document's text cannot go at <ID>/text.txt in the archive's tree:
// a folder of the path is a file, or the text's place is a folder; "" when it can.
func (p *pathChecker) conflict(comps []string) (string, error) {
	h := p.root
	for i, name := range comps {
		if h.IsZero() {
			return "", nil
		}
		entries, ok := p.trees[h]
		if !ok {
			e, err := p.r.entries(h)
			if err != nil {
				return "", err
			}
			p.r.step()
			entries, p.trees[h] = e, e
		}
		e, found := find(entries, name)
		if !found {
			return "", nil
		}
		last := i == len(comps)-1
		switch {
		case last && !e.Mode.IsFile():
			return strings.Join(comps, "/") + " is not a file in the archive", nil
		case !last && e.Mode != filemode.Dir:
			return strings.Join(comps[:i+1], "/") + " is a file in the archive", nil
		}
		h = e.Hash
	}
	return "", nil
}

// checkImportPath refuses a document whose text cannot go at <ID>/text.txt (a folder of
// the path is a file in the archive, or another document's text) or whose tags git could
// not create (a ref named like one of its folders).
func (a *Archive) checkImportPath(id string, refNames map[string]bool, paths *pathChecker, importing map[string][]*importItem, existing map[string][]indexRecord) error {
	bad := func(reason string) error {
		return &FieldError{Field: "document ID", Value: id, Reason: reason, Err: ErrInvalidID}
	}
	for dir := path.Dir("refs/tags/" + id); dir != "refs/tags"; dir = path.Dir(dir) {
		if refNames[dir] {
			return bad(fmt.Sprintf("the ref %s is in the way of its version tags", dir))
		}
	}
	comps := strings.Split(id, "/")
	for i := 1; i < len(comps); i++ {
		if comps[i] != textFile {
			continue
		}
		other := strings.Join(comps[:i], "/")
		if len(importing[other]) > 0 || len(existing[other]) > 0 {
			return bad(fmt.Sprintf("its folder %s/%s is the text of document %s", other, textFile, other))
		}
	}
	if len(existing[id]) > 0 {
		return nil
	}
	reason, err := paths.conflict(textPath(id))
	if err != nil {
		return err
	}
	if reason != "" {
		return bad(reason)
	}
	return nil
}

// Import commits the versions of plan that PlanImport found to add, under the writer lock.
// It plans again first, against the archive as it is now (another writer may have been
// at work): with problems and without SkipBad, it returns an *ImportError and writes
// nothing. Otherwise:
//
//   - Texts are loaded again (refused if they changed since planning), summarized against
//     the document's previous text and compressed on several goroutines; commits are
//     built in order on one, each exactly as Add builds it (same message, trailers, trees)
//     with the same author and time for all.
//   - Objects go into one packfile per batch of versions, trees rebuilt only along the
//     changed paths and stored as deltas against their previous version in the batch.
//   - After each batch's pack is installed, main moves (checked against the value it was
//     built on), the batch's tags are written into packed-refs, and the version index is
//     extended. A process killed at any point leaves refs on complete objects only, and a
//     new import of the same versions skips those committed and adds the rest.
//   - In a non-bare archive whose HEAD is main, the documents' files and index entries
//     follow each batch, as with Add.
//
// Tags missing for versions already on main (an import killed between moving main and
// writing tags) are written first. Cost: O(versions × (load + summary + compression)) on
// the workers, and O(versions × depth × size of the folders along the path) for hashing
// trees, plus O(size of packed-refs and the version index) per batch.
func (a *Archive) Import(plan *ImportPlan, opts ImportOptions) (ImportResult, error) {
	if opts.Committer == (Signature{}) {
		opts.Committer = opts.Author
	}
	for _, s := range []struct {
		field string
		sig   Signature
	}{{"author", opts.Author}, {"committer", opts.Committer}} {
		if err := checkSignature(s.field, s.sig); err != nil {
			return ImportResult{}, fmt.Errorf("import: %w", err)
		}
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = defaultImportBatch
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	unlock, err := a.lockWriters()
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	defer unlock()
	now, err := a.planImport(plan.checked)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	problems := mergeProblems(plan.textProblems, now.Problems)
	if len(problems) > 0 && !opts.SkipBad {
		return ImportResult{}, &ImportError{Problems: problems}
	}
	res := ImportResult{Present: now.Present, Unchanged: now.Unchanged}
	if opts.SkipBad {
		res.Skipped = problems
	}
	if err := a.addPackedRefs(now.tags); err != nil {
		return res, fmt.Errorf("import: tag versions already on main: %w", err)
	}
	if len(now.adds) == 0 {
		return res, nil
	}
	w, err := a.newImportWriter(now.adds, opts)
	if err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	err = w.run()
	res.Added, res.Packs = w.committed, w.packs
	a.storer.Reindex()
	if err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	return res, nil
}
