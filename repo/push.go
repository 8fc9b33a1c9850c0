package repo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// PushResult says what a push sent.
type PushResult struct {
	Remote string // the remote's name; "" when a URL or path was given
	URL    string
	// Old and New are the commits of the remote's main before and after ("" when none).
	Old, New string
	// Versions are the versions the remote did not have, oldest first.
	Versions []Version
	// Tags are the tags created on the remote, without refs/tags/ ("dod/grachev@v2"), sorted.
	Tags []string
}

// UpToDate reports a push that had nothing to send.
func (r PushResult) UpToDate() bool { return r.Old == r.New && len(r.Tags) == 0 }

// Push sends main and every tag to a remote: a configured remote's name ("" is origin), a
// URL or a file path. The remote's main must be an ancestor of this archive's main (else
// ErrRejected: pull first); a tag the remote holds for another commit is a *TagClashError,
// and nothing is sent. Only the objects the remote lacks travel, in one packfile. A named
// remote's tracking ref (refs/remotes/NAME/main) records the pushed main.
func (a *Archive) Push(ctx context.Context, remote string, opts RemoteOptions) (PushResult, error) {
	name, url, err := a.resolveRemote(remote)
	if err != nil {
		return PushResult{}, fmt.Errorf("push: %w", err)
	}
	res := PushResult{Remote: name, URL: url}
	fail := func(err error) (PushResult, error) {
		return res, fmt.Errorf("push to %s: %w", displayRemote(name, url), err)
	}
	local, err := a.remoteRefs()
	if err != nil {
		return fail(err)
	}
	s, err := openPush(ctx, url, opts)
	if err != nil {
		return fail(err)
	}
	defer s.close()
	theirs := s.refs()
	res.Old, res.New = hashString(theirs.main), hashString(theirs.main)

	// What the remote holds: the history of its main, when this archive has that commit.
	have := map[plumbing.Hash]bool{}
	if !theirs.main.IsZero() && a.storer.HasEncodedObject(theirs.main) == nil {
		if have, err = a.ancestors(theirs.main); err != nil {
			return fail(err)
		}
	}
	var updates []refUpdate
	var wants []plumbing.Hash
	var clashes []string
	for _, tag := range sortedKeys(local.tags) {
		h := local.tags[tag]
		t, exists := theirs.tags[tag]
		switch {
		case !exists:
			updates = append(updates, refUpdate{name: tag, new: h})
			wants = append(wants, h)
			res.Tags = append(res.Tags, strings.TrimPrefix(tag, "refs/tags/"))
		case t != h && a.peel(t) != a.peel(h):
			clashes = append(clashes, tag)
		}
	}
	if len(clashes) > 0 {
		tag := clashes[0]
		return fail(&TagClashError{Remote: displayRemote(name, url), Tag: strings.TrimPrefix(tag, "refs/tags/"), Ours: a.peel(local.tags[tag]).String(), Theirs: theirs.tags[tag].String(), More: len(clashes) - 1})
	}
	if !local.main.IsZero() && local.main != theirs.main {
		if !theirs.main.IsZero() && !have[theirs.main] {
			return fail(fmt.Errorf("%w: the remote's main (%s) holds versions this archive lacks; pull, then push again", ErrRejected, shortHash(theirs.main.String())))
		}
		if !theirs.main.IsZero() {
			ahead, err := a.topoOrderUntil(local.main, have)
			if err != nil {
				return fail(err)
			}
			if !reaches(ahead, theirs.main) {
				return fail(fmt.Errorf("%w: the remote's main (%s) is not in this archive's history; pull, then push again", ErrRejected, shortHash(theirs.main.String())))
			}
		}
		updates = append(updates, refUpdate{name: mainRef, old: theirs.main, new: local.main})
		wants = append(wants, local.main)
		res.New = local.main.String()
	}
	if len(updates) == 0 {
		s.close()
		return res, a.trackRemote(name, theirs.main)
	}
	objects, err := objectsToSend(a, wants, have)
	if err != nil {
		return fail(err)
	}
	if err := s.push(ctx, a, updates, objects); err != nil {
		return fail(err)
	}
	if err := s.close(); err != nil {
		return fail(transportError(err))
	}
	if !local.main.IsZero() {
		tags, err := a.allTags()
		if err != nil {
			return fail(err)
		}
		if res.Versions, err = a.newVersions(local.main, have, tags); err != nil {
			return fail(err)
		}
	}
	if err := a.trackRemote(name, local.main); err != nil {
		return fail(err)
	}
	return res, nil
}

// trackRemote points refs/remotes/NAME/main at h, under the writer lock; nothing for an
// unnamed remote or a zero hash.
func (a *Archive) trackRemote(name string, h plumbing.Hash) error {
	if name == "" || h.IsZero() {
		return nil
	}
	unlock, err := a.lockWriters()
	if err != nil {
		return err
	}
	defer unlock()
	return a.setTrackingRef(name, h)
}

// setTrackingRef points refs/remotes/NAME/main at h; the writer lock is held.
func (a *Archive) setTrackingRef(name string, h plumbing.Hash) error {
	ref := "refs/remotes/" + name + "/main"
	for range maxRefChangedRetries {
		old, _, err := a.readRef(ref)
		if err != nil {
			return err
		}
		if old == h {
			return nil
		}
		if err = a.updateRef(ref, h, old); err == nil || !errors.Is(err, errRefChanged) {
			return err
		}
	}
	return fmt.Errorf("update ref %s: %w", ref, errRefChanged)
}

// newVersions lists the versions made by the commits reachable from tip and not in known,
// oldest first, labelled from tags (ID → label → hash). O(those commits × depth of the
// changed paths + the tags of the documents they changed).
func (a *Archive) newVersions(tip plumbing.Hash, known map[plumbing.Hash]bool, tags map[string]map[string]plumbing.Hash) ([]Version, error) {
	if known[tip] {
		return nil, nil
	}
	order, err := a.topoOrderUntil(tip, known)
	if err != nil {
		return nil, err
	}
	// The documents' tags, inverted once per document: commit → labels.
	byCommit := map[string]map[plumbing.Hash][]string{}
	labelsOf := func(id string) map[plumbing.Hash][]string {
		m, ok := byCommit[id]
		if !ok {
			m = map[plumbing.Hash][]string{}
			for label, h := range tags[id] {
				h = a.peel(h)
				m[h] = append(m[h], label)
			}
			for _, labels := range m {
				sort.Strings(labels)
			}
			byCommit[id] = m
		}
		return m
	}
	index := make(map[plumbing.Hash]*object.Commit, len(order))
	for _, c := range order {
		index[c.Hash] = c
	}
	trees := newTreeReader(a)
	var out []Version
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
		var ids []string
		if err := a.commitChanges(trees, c, p, func(id string, _ plumbing.Hash) {
			ids = append(ids, id)
		}); err != nil {
			return nil, err
		}
		sort.Strings(ids)
		for _, id := range ids {
			out = append(out, versionOf(c, id, labelsOf(id)[c.Hash]))
		}
		trees.step()
	}
	return out, nil
}

// tagsByDocument arranges version tags (full ref names → hashes) as ID → label → hash.
func tagsByDocument(refs map[string]plumbing.Hash, into map[string]map[string]plumbing.Hash) map[string]map[string]plumbing.Hash {
	if into == nil {
		into = map[string]map[string]plumbing.Hash{}
	}
	for name, h := range refs {
		id, label, ok := strings.Cut(strings.TrimPrefix(name, "refs/tags/"), "@")
		if !ok || ValidateID(id) != nil || ValidateLabel(label) != nil {
			continue
		}
		if into[id] == nil {
			into[id] = map[string]plumbing.Hash{}
		}
		if _, taken := into[id][label]; !taken {
			into[id][label] = h
		}
	}
	return into
}

// reaches reports whether one of the commits has h as a parent. For the commits reachable
// from a tip and not from h (topoOrderUntil with the ancestors of h as stop), that is
// whether h is an ancestor of the tip: every commit between them descends from h.
func reaches(commits []*object.Commit, h plumbing.Hash) bool {
	for _, c := range commits {
		if slices.Contains(c.ParentHashes, h) {
			return true
		}
	}
	return false
}

func displayRemote(name, url string) string {
	if name != "" {
		return name
	}
	return url
}

func hashString(h plumbing.Hash) string {
	if h.IsZero() {
		return ""
	}
	return h.String()
}

func mapValues(m map[string]plumbing.Hash) []plumbing.Hash {
	out := make([]plumbing.Hash, 0, len(m))
	for _, h := range m {
		out = append(out, h)
	}
	return out
}

func sortedKeys(m map[string]plumbing.Hash) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
