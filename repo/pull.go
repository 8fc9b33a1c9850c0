package repo

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// maxHaves bounds how many commits of main a fetch names as already held.
const maxHaves = 256

// PullResult says what a pull brought.
type PullResult struct {
	Remote string // the remote's name; "" when a URL or path was given
	URL    string
	// Old and New are the commits of main before and after ("" when none).
	Old, New string
	// Merge is the merge commit made when both sides had new versions; "" otherwise.
	Merge string
	// Versions are the versions that arrived, oldest first.
	Versions []Version
	// Tags are the tags created here, without refs/tags/ ("dod/grachev@v2"), sorted.
	Tags []string
}

// UpToDate reports a pull that brought nothing.
func (r PullResult) UpToDate() bool { return r.Old == r.New && len(r.Tags) == 0 }

// FastForward reports a pull that moved main forward to the remote's without a merge.
func (r PullResult) FastForward() bool { return r.Old != r.New && r.Merge == "" }

// Pull fetches the remote's main and tags and brings main up to date, under the writer
// lock. When the remote's main descends from this archive's, main moves forward to it;
// when both sides added versions since their histories parted, the changes are merged
// file by file into a merge commit (first parent: this archive's main; second: the
// remote's) by committer, when they touch different documents. When a document changed on
// both sides, Pull returns a *ConflictError; a tag that names another commit here is a
// *TagClashError: in both cases no ref moves and no tag is written. In a non-bare archive
// whose HEAD is main, the changed files and their index entries follow main, so git status
// stays clean; uncommitted changes to one of those files are refused first
// (ErrWorktreeChanged). A named remote's tracking ref (refs/remotes/NAME/main) records its
// main.
func (a *Archive) Pull(ctx context.Context, remote string, committer Signature, opts RemoteOptions) (PullResult, error) {
	name, url, err := a.resolveRemote(remote)
	if err != nil {
		return PullResult{}, fmt.Errorf("pull: %w", err)
	}
	res, err := a.pull(ctx, name, url, committer, opts, true)
	if err != nil {
		return res, fmt.Errorf("pull from %s: %w", displayRemote(name, url), err)
	}
	return res, nil
}

// pull fetches from url and updates main, as Pull; the result lists the versions that
// arrived when listVersions is set.
func (a *Archive) pull(ctx context.Context, name, url string, committer Signature, opts RemoteOptions, listVersions bool) (PullResult, error) {
	res := PullResult{Remote: name, URL: url}
	unlock, err := a.lockWriters()
	if err != nil {
		return res, err
	}
	defer unlock()
	s, err := openFetch(ctx, url, opts)
	if err != nil {
		return res, err
	}
	defer s.close()
	theirs := s.refs()
	for tag := range theirs.tags {
		if err := checkTagName(tag); err != nil {
			return res, err
		}
	}
	// The history of main, which the remote need not send, and which integrate reuses.
	ours, hasOurs, err := a.head()
	if err != nil {
		return res, err
	}
	known := map[plumbing.Hash]bool{}
	if hasOurs {
		if known, err = a.ancestors(ours); err != nil {
			return res, err
		}
	}
	if err := a.fetchObjects(ctx, s, name, theirs, known); err != nil {
		return res, err
	}
	s.close()
	for attempt := 0; ; attempt++ {
		res, err = a.integrate(name, url, theirs, committer, ours, known, listVersions)
		if errors.Is(err, errRefChanged) && attempt < maxRefChangedRetries {
			continue
		}
		return res, err
	}
}

// checkTagName refuses a tag name a remote advertises that git would not accept, or that
// would leave refs/tags/ as a path.
func checkTagName(name string) error {
	if err := plumbing.ReferenceName(name).Validate(); err != nil || strings.Contains(name, "\\") {
		return fmt.Errorf("%w: the remote advertises a tag %q that is not a valid ref name", ErrInvalidRemote, name)
	}
	return nil
}

// fetchObjects copies from the session the objects of the remote's main and tags that the
// archive lacks.
func (a *Archive) fetchObjects(ctx context.Context, s fetchSession, name string, theirs remoteRefs, known map[plumbing.Hash]bool) error {
	var wants []plumbing.Hash
	for _, h := range append([]plumbing.Hash{theirs.main}, mapValues(theirs.tags)...) {
		if !h.IsZero() && a.storer.HasEncodedObject(h) != nil {
			wants = append(wants, h)
		}
	}
	if len(wants) == 0 {
		return nil
	}
	haves, err := a.haves(name)
	if err != nil {
		return err
	}
	if len(haves) > 0 && !known[haves[0]] {
		// The tracking ref holds commits main does not.
		more, err := a.ancestors(haves[0])
		if err != nil {
			return err
		}
		known = maps.Clone(known)
		maps.Copy(known, more)
	}
	if err := s.fetch(ctx, a, wants, haves, known); err != nil {
		return err
	}
	for _, h := range wants {
		if err := a.storer.HasEncodedObject(h); err != nil {
			return fmt.Errorf("%w: the remote did not send object %s", ErrTransport, h)
		}
	}
	return nil
}

// haves names commits the archive holds, for the remote to leave out: the tracking ref, and
// main with up to maxHaves of its first parents.
func (a *Archive) haves(name string) ([]plumbing.Hash, error) {
	var out []plumbing.Hash
	if name != "" {
		h, ok, err := a.readRef("refs/remotes/" + name + "/main")
		if err != nil {
			return nil, err
		}
		if ok && a.storer.HasEncodedObject(h) == nil {
			out = append(out, h)
		}
	}
	h, ok, err := a.head()
	if err != nil || !ok {
		return out, err
	}
	c, err := a.commit(h)
	for n := 0; err == nil && c != nil && n < maxHaves; n++ {
		out = append(out, c.Hash)
		c, err = a.firstParent(c)
	}
	return out, err
}

// integrate moves main (and the tags and the tracking ref) to include the fetched remote
// state; known is the set of commits reachable from main when it was at knownTip. It
// returns errRefChanged when main moved meanwhile (the git CLI: blackline's writers wait
// for the lock).
func (a *Archive) integrate(name, url string, theirs remoteRefs, committer Signature, knownTip plumbing.Hash, known map[plumbing.Hash]bool, listVersions bool) (PullResult, error) {
	res := PullResult{Remote: name, URL: url}
	ours, hasOurs, err := a.head()
	if err != nil {
		return res, err
	}
	res.Old, res.New = hashString(ours), hashString(ours)
	localTags, err := a.tagRefs()
	if err != nil {
		return res, err
	}
	var newTags []string
	var clashes []string
	for _, tag := range sortedKeys(theirs.tags) {
		h := theirs.tags[tag]
		mine, exists := localTags[tag]
		switch {
		case !exists:
			newTags = append(newTags, tag)
		case mine != h && a.peel(mine) != a.peel(h):
			clashes = append(clashes, tag)
		}
	}
	if len(clashes) > 0 {
		tag := clashes[0]
		return res, &TagClashError{Remote: displayRemote(name, url), Tag: strings.TrimPrefix(tag, "refs/tags/"), Ours: a.peel(localTags[tag]).String(), Theirs: a.peel(theirs.tags[tag]).String(), More: len(clashes) - 1}
	}
	labels := tagsByDocument(theirs.tags, tagsByDocument(localTags, nil))

	newMain := ours
	if !hasOurs {
		known = map[plumbing.Hash]bool{}
	} else if ours != knownTip {
		if known, err = a.ancestors(ours); err != nil {
			return res, err
		}
	}
	switch {
	case theirs.main.IsZero() || known[theirs.main]:
		// Nothing new on the remote's main.
	case !hasOurs:
		newMain = theirs.main
	default:
		ahead, err := a.topoOrderUntil(theirs.main, known)
		if err != nil {
			return res, err
		}
		if reaches(ahead, ours) {
			newMain = theirs.main
			break
		}
		merge, err := a.mergeMain(displayRemote(name, url), ours, theirs.main, known, labels, committer)
		if err != nil {
			return res, err
		}
		newMain, res.Merge = merge, merge.String()
	}

	var sync *worktreeSync
	if newMain != ours {
		oldTree := plumbing.ZeroHash
		if hasOurs {
			c, err := a.commit(ours)
			if err != nil {
				return res, err
			}
			oldTree = c.TreeHash
		}
		c, err := a.commit(newMain)
		if err != nil {
			return res, err
		}
		if sync, err = a.prepareSync(oldTree, c.TreeHash); err != nil {
			return res, err
		}
		defer sync.release()
		if sync != nil {
			if err := a.holdSync(oldTree, c.TreeHash); err != nil {
				return res, err
			}
			defer a.dropSync(oldTree, c.TreeHash) // once applied below, or failed
		}
		if err := a.updateRef(mainRef, newMain, ours); err != nil {
			return res, err
		}
		res.New = newMain.String()
	}
	created := map[string]plumbing.Hash{}
	for _, tag := range newTags {
		created[tag] = theirs.tags[tag]
	}
	if err := a.createTags(created); err != nil {
		return res, fmt.Errorf("main is at %s, but writing the tags failed: %w", shortHash(res.New), err)
	}
	for _, tag := range newTags {
		res.Tags = append(res.Tags, strings.TrimPrefix(tag, "refs/tags/"))
	}
	if !theirs.main.IsZero() {
		if err := a.setTrackingRef(name, theirs.main); err != nil {
			return res, err
		}
	}
	if err := sync.apply(); err != nil {
		return res, fmt.Errorf("main is at %s, but updating the worktree failed: %w", shortHash(res.New), err)
	}
	if newMain != ours && listVersions {
		if res.Versions, err = a.newVersions(theirs.main, known, labels); err != nil {
			return res, err
		}
	}
	return res, nil
}

// packTagsFrom is the number of new tags from which createTags writes them into
// packed-refs in one go rather than one file each, as git clone does.
const packTagsFrom = 16

// createTags creates tags (full ref name → object) that must not exist yet: one file each,
// or, from packTagsFrom on, those naming commits in one rewrite of packed-refs (an
// annotated tag keeps its own file, since packed-refs would want its peeled line).
func (a *Archive) createTags(tags map[string]plumbing.Hash) error {
	packed := map[string]plumbing.Hash{}
	var loose []string
	for _, name := range sortedKeys(tags) {
		if h := tags[name]; len(tags) >= packTagsFrom && a.peel(h) == h {
			packed[name] = h
		} else {
			loose = append(loose, name)
		}
	}
	clash := func(err error, name string) error {
		if errors.Is(err, errRefChanged) {
			return fmt.Errorf("%w: another program created the tag %s meanwhile", ErrTagClash, strings.TrimPrefix(name, "refs/tags/"))
		}
		return err
	}
	if err := a.addPackedRefs(packed); err != nil {
		return clash(err, "")
	}
	for _, name := range loose {
		if err := a.updateRef(name, tags[name], plumbing.ZeroHash); err != nil {
			return clash(err, name)
		}
	}
	return nil
}

// tagRefs reads every tag of the archive: full ref name → the object it names.
func (a *Archive) tagRefs() (map[string]plumbing.Hash, error) {
	tags := map[string]plumbing.Hash{}
	err := a.eachRef("refs/tags/", func(name string, h plumbing.Hash) { tags[name] = h })
	return tags, err
}

// mergeMain writes the merge commit of ours and theirs, whose histories parted: the
// changes on each side since their merge base, merged file by file (mergeTrees). Documents
// changed on both sides are a *ConflictError, and nothing is written.
func (a *Archive) mergeMain(remote string, ours, theirs plumbing.Hash, known map[plumbing.Hash]bool, labels map[string]map[string]plumbing.Hash, committer Signature) (plumbing.Hash, error) {
	oc, err := a.commit(ours)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	tc, err := a.commit(theirs)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	baseTree, baseHash := plumbing.ZeroHash, plumbing.ZeroHash
	bases, err := oc.MergeBase(tc)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("find the merge base: %w", err)
	}
	if len(bases) > 0 {
		baseTree, baseHash = bases[0].TreeHash, bases[0].Hash
	}
	trees := newTreeReader(a)
	var conflicts []string
	if _, err := trees.mergeTrees(baseTree, oc.TreeHash, tc.TreeHash, "", false, &conflicts); err != nil {
		return plumbing.ZeroHash, err
	}
	if len(conflicts) > 0 {
		cs, err := a.conflictsOf(conflicts, ours, theirs, labels)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		return plumbing.ZeroHash, &ConflictError{Remote: remote, Base: baseHash.String(), Conflict: cs[0], Others: cs[1:]}
	}
	if err := checkSignature("committer", committer); err != nil {
		return plumbing.ZeroHash, err
	}
	tree, err := trees.mergeTrees(baseTree, oc.TreeHash, tc.TreeHash, "", true, &conflicts)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if tree.IsZero() {
		obj := a.storer.NewEncodedObject()
		if err := (&object.Tree{}).Encode(obj); err != nil {
			return plumbing.ZeroHash, err
		}
		if tree, err = a.storeObject(obj); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	versions, err := a.newVersions(theirs, known, labels)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	sig := object.Signature{Name: committer.Name, Email: committer.Email, When: committer.When}
	commit := &object.Commit{
		Author:       sig,
		Committer:    sig,
		Message:      mergeMessage(remote, versions),
		TreeHash:     tree,
		ParentHashes: []plumbing.Hash{ours, theirs},
	}
	obj := a.storer.NewEncodedObject()
	if err := commit.Encode(obj); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("encode commit: %w", err)
	}
	return a.storeObject(obj)
}

// CloneOptions configure Clone.
type CloneOptions struct {
	RemoteOptions
	// Remote names the remote recorded in the clone; "" is origin.
	Remote string
}

// Clone creates a bare archive in dir (which must not exist, or be empty) holding the
// main branch and the tags of the remote at url, and records url as its remote origin. A
// clone of an empty remote is an empty archive. When the clone fails, dir is removed again
// if Clone created it.
func Clone(ctx context.Context, url, dir string, opts CloneOptions) (*Archive, error) {
	name := opts.Remote
	if name == "" {
		name = DefaultRemote
	}
	url, err := normalizeURL(url)
	if err != nil {
		return nil, fmt.Errorf("clone %s: %w", url, err)
	}
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, os.ErrNotExist)
	a, err := Init(dir)
	if err != nil {
		return nil, fmt.Errorf("clone %s: %w", url, err)
	}
	fail := func(err error) (*Archive, error) {
		if created {
			os.RemoveAll(dir)
		} else {
			clearDir(dir)
		}
		return nil, fmt.Errorf("clone %s: %w", url, err)
	}
	if err := a.AddRemote(name, url); err != nil {
		return fail(err)
	}
	if _, err := a.pull(ctx, name, url, Signature{}, opts.RemoteOptions, false); err != nil {
		return fail(err)
	}
	return a, nil
}

// clearDir removes what is inside dir.
func clearDir(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(dir + string(os.PathSeparator) + e.Name())
	}
}
