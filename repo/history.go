package repo

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// textPath returns the path components of a document's text: <ID>/text.txt.
func textPath(id string) []string {
	return append(strings.Split(id, "/"), textFile)
}

// head returns the commit main points at; ok is false in an empty archive.
func (a *Archive) head() (plumbing.Hash, bool, error) {
	return a.readRef(mainRef)
}

// commit reads commit h.
func (a *Archive) commit(h plumbing.Hash) (*object.Commit, error) {
	c, err := object.GetCommit(a.storer, h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	return c, nil
}

// firstParent returns c's first parent, or nil at the root commit or where the history of
// a shallow clone stops.
func (a *Archive) firstParent(c *object.Commit) (*object.Commit, error) {
	if len(c.ParentHashes) == 0 {
		return nil, nil
	}
	p, err := object.GetCommit(a.storer, c.ParentHashes[0])
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", c.ParentHashes[0], err)
	}
	return p, nil
}

// walkMain calls visit with each commit on main's first-parent chain, newest first, and its
// first parent (nil at the root commit, or where a shallow clone's history stops). An
// empty archive has no commits to visit.
func (a *Archive) walkMain(visit func(c, parent *object.Commit) error) error {
	h, ok, err := a.head()
	if err != nil || !ok {
		return err
	}
	c, err := a.commit(h)
	for err == nil && c != nil {
		var p *object.Commit
		if p, err = a.firstParent(c); err == nil {
			err = visit(c, p)
		}
		c = p
	}
	return err
}

// versionCommits follows main's first parents, newest first, and returns the commits that
// changed the document's text: those where the blob at <ID>/text.txt differs from the
// first parent's. Only the trees along that path are read, and not even those when a
// commit's tree, or a subtree on the path, is the parent's. O(commits on main × depth of
// the ID), independent of the number of documents.
func (a *Archive) versionCommits(id string) ([]*object.Commit, error) {
	trees := newTreeReader(a)
	comps := textPath(id)
	var cur []plumbing.Hash // hashes along the path in the commit visited
	var found []*object.Commit
	err := a.walkMain(func(c, p *object.Commit) (err error) {
		defer trees.step()
		if cur == nil {
			if cur, err = trees.lookupPath(c.TreeHash, comps, nil); err != nil {
				return err
			}
		}
		parent := make([]plumbing.Hash, len(cur))
		if p != nil {
			if parent, err = trees.lookupPath(p.TreeHash, comps, cur); err != nil {
				return err
			}
		}
		if blob := cur[len(cur)-1]; !blob.IsZero() && blob != parent[len(parent)-1] {
			found = append(found, c)
		}
		cur = parent
		return nil
	})
	return found, err
}

// Versions returns the versions of document id, oldest first. Labels come from the tags
// "<ID>@<LABEL>" pointing at the versions' commits, else from the Version-Label trailer,
// else the short commit hash (for commits made without blackline). O(commits on main).
func (a *Archive) Versions(id string) ([]Version, error) {
	if err := ValidateID(id); err != nil {
		return nil, err
	}
	commits, err := a.versionCommits(id)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", id, err)
	}
	if len(commits) == 0 {
		return nil, fmt.Errorf("versions of %s: %w", id, ErrUnknownDocument)
	}
	tags, err := a.documentTags(id, true)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", id, err)
	}
	labels := a.labelsByCommit(tags, commits)
	out := make([]Version, len(commits))
	for i, c := range commits {
		out[len(commits)-1-i] = versionOf(c, id, labels[c.Hash])
	}
	return out, nil
}

// labelsByCommit inverts a document's tags (label → hash) into commit → labels, peeling
// the tags that do not point at one of the commits directly (annotated tags).
func (a *Archive) labelsByCommit(tags map[string]plumbing.Hash, commits []*object.Commit) map[plumbing.Hash][]string {
	isVersion := make(map[plumbing.Hash]bool, len(commits))
	for _, c := range commits {
		isVersion[c.Hash] = true
	}
	out := map[plumbing.Hash][]string{}
	for label, h := range tags {
		if !isVersion[h] {
			h = a.peel(h)
		}
		out[h] = append(out[h], label)
	}
	for _, labels := range out {
		sort.Strings(labels)
	}
	return out
}

// peel follows annotated tag objects to the object they tag.
func (a *Archive) peel(h plumbing.Hash) plumbing.Hash {
	for range 10 {
		t, err := object.GetTag(a.storer, h)
		if err != nil {
			return h
		}
		h = t.Target
	}
	return h
}

// versionOf describes commit c as a version of document id. The label is the tag label that
// matches the commit's Version-Label trailer, else the first tag label, else the trailer,
// else the short commit hash.
func versionOf(c *object.Commit, id string, tagLabels []string) Version {
	_, body, trailers := parseMessage(c.Message)
	m := metaFromTrailers(trailers)
	if m.Document != "" && m.Document != id {
		// The trailers describe another document changed by the same commit.
		m = Meta{}
	}
	m.Document = id
	switch {
	case slices.Contains(tagLabels, m.Label):
	case len(tagLabels) > 0:
		m.Label = tagLabels[0]
	case m.Label == "" || ValidateLabel(m.Label) != nil:
		m.Label = shortHash(c.Hash.String())
	}
	return Version{
		Meta:      m,
		Commit:    c.Hash.String(),
		Author:    Signature{Name: c.Author.Name, Email: c.Author.Email, When: c.Author.When},
		Committer: Signature{Name: c.Committer.Name, Email: c.Committer.Email, When: c.Committer.When},
		Summary:   body,
	}
}

// Documents lists every document with its number of versions and its latest version,
// sorted by ID. One walk of main's first parents compares consecutive trees, descending
// only into subtrees that differ: O(commits × entries of the trees along the changed paths).
func (a *Archive) Documents() ([]Document, error) {
	trees := newTreeReader(a)
	counts := map[string]int{}
	latest := map[string]*object.Commit{}
	err := a.walkMain(func(c, p *object.Commit) error {
		defer trees.step()
		prevTree := plumbing.ZeroHash
		if p != nil {
			prevTree = p.TreeHash
		}
		return trees.changedTexts(c.TreeHash, prevTree, "", func(id string) {
			if ValidateID(id) != nil {
				return
			}
			counts[id]++
			if latest[id] == nil {
				latest[id] = c
			}
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	tags, err := a.allTags()
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	docs := make([]Document, 0, len(counts))
	for id, n := range counts {
		c := latest[id]
		labels := a.labelsByCommit(tags[id], []*object.Commit{c})
		docs = append(docs, Document{ID: id, Versions: n, Latest: versionOf(c, id, labels[c.Hash])})
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}

// Resolve finds the version a reference names: "ID" (the latest), "ID@LABEL", "ID~N" (N
// versions before the latest) or a commit hash, full or an unambiguous prefix of at least
// four digits.
func (a *Archive) Resolve(ref string) (Version, error) {
	r, err := parseReference(ref)
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
	}
	switch r.form {
	case refLabel:
		return a.resolveLabel(r.id, r.label)
	case refHash:
		return a.resolveCommit(r.hash)
	case refBack:
		vs, err := a.Versions(r.id)
		if err != nil {
			return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
		}
		if r.back >= len(vs) {
			return Version{}, fmt.Errorf("resolve %s: %w: %s has %d version%s", ref, ErrUnknownVersion, r.id, len(vs), plural(len(vs)))
		}
		return vs[len(vs)-1-r.back], nil
	}
	vs, err := a.Versions(r.id)
	switch {
	case err == nil:
		return vs[len(vs)-1], nil
	case !errors.Is(err, ErrUnknownDocument):
		return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
	case r.hash != "":
		return a.resolveCommit(r.hash)
	}
	return Version{}, fmt.Errorf("resolve %s: %w", ref, ErrUnknownDocument)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// isHexPrefix reports whether s can be an abbreviated commit hash: 4 to 40 hex digits.
func isHexPrefix(s string) bool {
	if len(s) < 4 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// resolveLabel finds ID@LABEL through its tag, O(1); without a tag (an archive written by
// other tools) through the document's history.
func (a *Archive) resolveLabel(id, label string) (Version, error) {
	ref := id + "@" + label
	if err := ValidateID(id); err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
	}
	if err := ValidateLabel(label); err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
	}
	h, ok, err := a.readRef(tagRef(id, label))
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
	}
	if ok {
		c, err := a.commit(a.peel(h))
		if err != nil {
			return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
		}
		return versionOf(c, id, []string{label}), nil
	}
	vs, err := a.Versions(id)
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", ref, err)
	}
	labels := make([]string, len(vs))
	for i, v := range vs {
		if v.Label == label {
			return v, nil
		}
		labels[i] = v.Label
	}
	return Version{}, fmt.Errorf("resolve %s: %w: %s has no version labelled %s (labels: %s)", ref, ErrUnknownVersion, id, label, strings.Join(labels, ", "))
}

// resolveCommit finds the version made by a commit on main named by a full hash or a
// prefix, O(commits on main) for a prefix. The document is the one its Document trailer
// names, else the one document whose text the commit changed.
func (a *Archive) resolveCommit(prefix string) (Version, error) {
	prefix = strings.ToLower(prefix)
	c, err := a.findCommit(prefix)
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", prefix, err)
	}
	p, err := a.firstParent(c)
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", prefix, err)
	}
	prevTree := plumbing.ZeroHash
	if p != nil {
		prevTree = p.TreeHash
	}
	var changed []string
	err = newTreeReader(a).changedTexts(c.TreeHash, prevTree, "", func(id string) {
		if ValidateID(id) == nil {
			changed = append(changed, id)
		}
	})
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", prefix, err)
	}
	_, _, trailers := parseMessage(c.Message)
	id := metaFromTrailers(trailers).Document
	switch {
	case slices.Contains(changed, id):
	case len(changed) == 1:
		id = changed[0]
	case len(changed) == 0:
		return Version{}, fmt.Errorf("resolve %s: %w: commit %s changes no document text", prefix, ErrUnknownVersion, shortHash(c.Hash.String()))
	default:
		return Version{}, fmt.Errorf("resolve %s: %w: commit %s changes %s; name one as ID@LABEL", prefix, ErrAmbiguous, shortHash(c.Hash.String()), strings.Join(changed, ", "))
	}
	tags, err := a.documentTags(id, true)
	if err != nil {
		return Version{}, fmt.Errorf("resolve %s: %w", prefix, err)
	}
	labels := a.labelsByCommit(tags, []*object.Commit{c})
	return versionOf(c, id, labels[c.Hash]), nil
}

// findCommit returns the commit named by a full hash, or the one commit on main's first
// parent chain whose hash starts with prefix.
func (a *Archive) findCommit(prefix string) (*object.Commit, error) {
	if len(prefix) == 40 {
		c, err := object.GetCommit(a.storer, plumbing.NewHash(prefix))
		if err != nil {
			return nil, fmt.Errorf("%w: no commit %s", ErrUnknownVersion, prefix)
		}
		return c, nil
	}
	var match *object.Commit
	err := a.walkMain(func(c, _ *object.Commit) error {
		if !strings.HasPrefix(c.Hash.String(), prefix) {
			return nil
		}
		if match != nil {
			return fmt.Errorf("%w: %s starts both %s and %s", ErrAmbiguous, prefix, match.Hash, c.Hash)
		}
		match = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	if match == nil {
		return nil, fmt.Errorf("%w: no document or commit %s", ErrUnknownVersion, prefix)
	}
	return match, nil
}

// Text returns the text of version v, byte for byte as it was added. O(size of the text).
func (a *Archive) Text(v Version) ([]byte, error) {
	if !plumbing.IsHash(v.Commit) {
		return nil, fmt.Errorf("text of %s: %w: no commit", v.Ref(), ErrUnknownVersion)
	}
	c, err := a.commit(plumbing.NewHash(v.Commit))
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", v.Ref(), err)
	}
	hashes, err := newTreeReader(a).lookupPath(c.TreeHash, textPath(v.Document), nil)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", v.Ref(), err)
	}
	blob := hashes[len(hashes)-1]
	if blob.IsZero() {
		return nil, fmt.Errorf("text of %s: %w: commit %s has no %s/%s", v.Ref(), ErrUnknownVersion, v.ShortCommit(), v.Document, textFile)
	}
	b, err := a.readBlob(blob)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", v.Ref(), err)
	}
	return b, nil
}

// Previous returns the document's version before v; ok is false when v is the first.
// O(commits on main).
func (a *Archive) Previous(v Version) (prev Version, ok bool, err error) {
	vs, err := a.Versions(v.Document)
	if err != nil {
		return Version{}, false, err
	}
	for i, x := range vs {
		if x.Commit == v.Commit {
			if i == 0 {
				return Version{}, false, nil
			}
			return vs[i-1], true, nil
		}
	}
	return Version{}, false, fmt.Errorf("previous of %s: %w: commit %s is not in the history of %s on main", v.Ref(), ErrUnknownVersion, v.ShortCommit(), v.Document)
}
