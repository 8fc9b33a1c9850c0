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

// errStopWalk, returned by a walk's visit function, ends the walk without an error.
var errStopWalk = errors.New("stop walk")

// walkFirstParents calls visit with commit tip and each commit on its first-parent chain,
// newest first, and its first parent (nil at the root commit, or where a shallow clone's
// history stops), until visit returns an error; errStopWalk ends the walk quietly.
func (a *Archive) walkFirstParents(tip plumbing.Hash, visit func(c, parent *object.Commit) error) error {
	c, err := a.commit(tip)
	for err == nil && c != nil {
		var p *object.Commit
		if p, err = a.firstParent(c); err == nil {
			err = visit(c, p)
		}
		c = p
	}
	if errors.Is(err, errStopWalk) {
		return nil
	}
	return err
}

// versionCommits returns the commits reachable from main that changed the document's
// text — those where the blob at <ID>/text.txt differs from the first parent's (for a
// merge, from every parent's) — newest first, from the version index: O(size of the index) and one commit read per
// version, whatever the length of the history (see versionindex.go).
func (a *Archive) versionCommits(id string) ([]*object.Commit, error) {
	recs, err := a.documentRecords(id)
	if err != nil {
		return nil, err
	}
	found := make([]*object.Commit, len(recs))
	for i, r := range recs {
		c, err := a.commit(r.commit)
		if err != nil {
			return nil, err
		}
		found[len(recs)-1-i] = c
	}
	return found, nil
}

// Versions returns the versions of document id, oldest first. Labels come from the tags
// "<ID>@<LABEL>" pointing at the versions' commits, else from the Version-Label trailer,
// else the short commit hash (for commits made without blackline). It reads the version
// index (O(size of the index), refreshed first when main has moved), the document's
// commits and its tags; not the history.
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

// peel follows annotated tag objects to the object they tag. The object's type is read
// first, so that a commit (a lightweight tag) costs one lookup.
func (a *Archive) peel(h plumbing.Hash) plumbing.Hash {
	for range 10 {
		o, err := a.storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil || o.Type() != plumbing.TagObject {
			return h
		}
		t, err := object.DecodeTag(a.storer, o)
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
// sorted by ID, from the version index: O(size of the index + tags + documents), one
// commit read per document.
func (a *Archive) Documents() ([]Document, error) {
	x, err := a.versionIndex()
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	byDoc := x.byDocument()
	if len(byDoc) == 0 {
		return []Document{}, nil
	}
	tags, err := a.allTags()
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	docs := make([]Document, 0, len(byDoc))
	for id, recs := range byDoc {
		c, err := a.commit(recs[len(recs)-1].commit)
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		labels := a.labelsByCommit(tags[id], []*object.Commit{c})
		docs = append(docs, Document{ID: id, Versions: len(recs), Latest: versionOf(c, id, labels[c.Hash])})
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
// prefix, O(size of the version index) for a prefix. The document is the one its Document trailer
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
	var changed []string
	err = a.commitChanges(newTreeReader(a), c, p, func(id string, _ plumbing.Hash) {
		changed = append(changed, id)
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
// parent chain whose hash starts with prefix (O(size of the version index)).
func (a *Archive) findCommit(prefix string) (*object.Commit, error) {
	if len(prefix) == 40 {
		c, err := object.GetCommit(a.storer, plumbing.NewHash(prefix))
		if err != nil {
			return nil, fmt.Errorf("%w: no commit %s", ErrUnknownVersion, prefix)
		}
		return c, nil
	}
	x, err := a.versionIndex()
	if err != nil {
		return nil, err
	}
	var match plumbing.Hash
	for _, r := range x.records {
		if r.commit == match || !strings.HasPrefix(r.commit.String(), prefix) {
			continue
		}
		if !match.IsZero() {
			return nil, fmt.Errorf("%w: %s starts both %s and %s", ErrAmbiguous, prefix, match, r.commit)
		}
		match = r.commit
	}
	if match.IsZero() {
		return nil, fmt.Errorf("%w: no document or commit %s", ErrUnknownVersion, prefix)
	}
	return a.commit(match)
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
// O(size of the version index + versions of the document).
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
