package repo

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// entryState is one name in a tree at the three sides of a merge: absent, or an entry.
type entryState struct {
	present bool
	mode    filemode.FileMode
	hash    plumbing.Hash
}

func (s entryState) same(o entryState) bool {
	return s.present == o.present && (!s.present || s.mode == o.mode && s.hash == o.hash)
}

func (s entryState) isDir() bool { return s.present && s.mode == filemode.Dir }

// subtree is the tree an entry names, ZeroHash (empty) when it is absent or not a tree.
func (s entryState) subtree() plumbing.Hash {
	if s.isDir() {
		return s.hash
	}
	return plumbing.ZeroHash
}

// mergeTrees merges the changes from base to theirs into ours, file by file: a path
// changed on one side only takes that side's entry; a path changed on both sides to
// different entries is a conflict, reported with its slash-separated path. With write
// false it only finds the conflicts; with write true (and none found) it stores the merged
// trees and returns the root. Subtrees equal on two sides are not read:
// O(entries of the trees that differ).
func (r *treeReader) mergeTrees(base, ours, theirs plumbing.Hash, prefix string, write bool, conflicts *[]string) (plumbing.Hash, error) {
	switch {
	case ours == theirs || theirs == base:
		return ours, nil
	case ours == base:
		return theirs, nil
	}
	sides := [3][]object.TreeEntry{}
	for i, h := range []plumbing.Hash{base, ours, theirs} {
		e, err := r.entries(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		sides[i] = e
	}
	names := map[string][3]entryState{}
	for i, entries := range sides {
		for _, e := range entries {
			s := names[e.Name]
			s[i] = entryState{present: true, mode: e.Mode, hash: e.Hash}
			names[e.Name] = s
		}
	}
	var merged []object.TreeEntry
	keep := func(name string, s entryState) {
		if s.present {
			merged = append(merged, object.TreeEntry{Name: name, Mode: s.mode, Hash: s.hash})
		}
	}
	for name, s := range names {
		b, o, t := s[0], s[1], s[2]
		switch {
		case o.same(t), t.same(b):
			keep(name, o)
		case o.same(b):
			keep(name, t)
		case (o.isDir() || !o.present) && (t.isDir() || !t.present):
			p := name
			if prefix != "" {
				p = prefix + "/" + name
			}
			h, err := r.mergeTrees(b.subtree(), o.subtree(), t.subtree(), p, write, conflicts)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if !h.IsZero() {
				merged = append(merged, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
			}
		default:
			p := name
			if prefix != "" {
				p = prefix + "/" + name
			}
			*conflicts = append(*conflicts, p)
		}
	}
	if !write || len(*conflicts) > 0 || len(merged) == 0 {
		return plumbing.ZeroHash, nil
	}
	sort.Sort(object.TreeEntrySorter(merged))
	obj := r.a.storer.NewEncodedObject()
	if err := (&object.Tree{Entries: merged}).Encode(obj); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("encode tree: %w", err)
	}
	return r.a.storeObject(obj)
}

// documentOf returns the document a file belongs to: the folder of a text.txt, else the
// folder holding the file when it is a valid ID, else "".
func documentOf(file string) string {
	dir := path.Dir(file)
	if dir == "." || ValidateID(dir) != nil {
		return ""
	}
	return dir
}

// conflictsOf describes the conflicting paths by document, with the labels of the
// document's latest version on each side.
func (a *Archive) conflictsOf(paths []string, ours, theirs plumbing.Hash, tags map[string]map[string]plumbing.Hash) ([]Conflict, error) {
	sort.Strings(paths)
	var out []Conflict
	seen := map[string]bool{}
	for _, p := range paths {
		c := Conflict{Document: documentOf(p), Path: p}
		if c.Document != "" {
			if seen[c.Document] {
				continue
			}
			seen[c.Document] = true
			var err error
			if c.OursLabel, err = a.latestLabel(ours, c.Document, tags); err != nil {
				return nil, err
			}
			if c.TheirsLabel, err = a.latestLabel(theirs, c.Document, tags); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// errFound stops a walk once it has found what it looked for.
var errFound = errors.New("found")

// latestLabel returns the label of the latest version of document id in the history of
// tip; "" when that history has none. O(commits reachable from tip).
func (a *Archive) latestLabel(tip plumbing.Hash, id string, tags map[string]map[string]plumbing.Hash) (string, error) {
	trees := newTreeReader(a)
	comps := textPath(id)
	var label string
	err := a.walkFrom(tip, func(c, p *object.Commit) error {
		cur, err := trees.lookupPath(c.TreeHash, comps, nil)
		if err != nil {
			return err
		}
		blob := cur[len(cur)-1]
		if blob.IsZero() {
			return nil
		}
		if p != nil {
			prev, err := trees.lookupPath(p.TreeHash, comps, cur)
			if err != nil {
				return err
			}
			if prev[len(prev)-1] == blob {
				return nil
			}
		}
		if len(c.ParentHashes) > 1 {
			if merged, err := a.sameInOtherParents(trees, c, comps, blob); err != nil || merged {
				return err
			}
		}
		labels := a.labelsByCommit(tags[id], []*object.Commit{c})
		label = versionOf(c, id, labels[c.Hash]).Label
		return errFound
	})
	if err != nil && !errors.Is(err, errFound) {
		return "", err
	}
	return label, nil
}

// mergeMessage describes a merge commit: the versions it brings from the remote.
func mergeMessage(remote string, versions []Version) string {
	docs := map[string][]string{}
	for _, v := range versions {
		kind := ""
		if v.Kind != "" {
			kind = " (" + string(v.Kind) + ")"
		}
		docs[v.Document] = append(docs[v.Document], v.Label+kind)
	}
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	fmt.Fprintf(&b, "Merge %d version%s of %d document%s from %s\n", len(versions), plural(len(versions)), len(ids), plural(len(ids)), remote)
	if len(ids) > 0 {
		b.WriteString("\n")
	}
	for _, id := range ids {
		fmt.Fprintf(&b, "%s: %s\n", id, strings.Join(docs[id], ", "))
	}
	return b.String()
}
