package repo

import (
	"errors"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// History with merges. Pull joins two archivists' histories with a merge commit whose first
// parent is the local main and whose second parent is the remote's; the git CLI makes such
// commits too. A version is still a commit that changed one document's text against its
// first parent, and the versions a merge brought in are the commits of its later parents'
// sides, each compared with its own first parent. The merge commit itself changes a
// document only where its text differs from every parent's (a conflict resolved by hand).

// walkFrom visits every commit reachable from tip, newest first, in an order where each
// commit comes before its parents and a merge is followed first by the commits only its
// later parents reach, then by its first parent's history. Without merges this is the
// first-parent chain. visit gets each commit and its first parent: nil at a root commit,
// or where the history of a shallow clone stops. A depth-first walk that explores first
// parents first and reverses the order in which commits are finished: O(commits) time,
// and memory for the commits reachable from tip.
func (a *Archive) walkFrom(tip plumbing.Hash, visit func(c, parent *object.Commit) error) error {
	order, err := a.topoOrderUntil(tip, nil)
	if err != nil {
		return err
	}
	index := make(map[plumbing.Hash]*object.Commit, len(order))
	for _, c := range order {
		index[c.Hash] = c
	}
	for _, c := range order {
		var p *object.Commit
		if len(c.ParentHashes) > 0 {
			p = index[c.ParentHashes[0]]
		}
		if err := visit(c, p); err != nil {
			return err
		}
	}
	return nil
}

// topoOrderUntil returns the commits reachable from tip without passing through a commit
// of stop, in walkFrom's order. Parents that are not in the repository (a shallow clone)
// are left out.
func (a *Archive) topoOrderUntil(tip plumbing.Hash, stop map[plumbing.Hash]bool) ([]*object.Commit, error) {
	c, err := a.commit(tip)
	if err != nil {
		return nil, err
	}
	type frame struct {
		c    *object.Commit
		next int // index of the next parent to explore
	}
	seen := map[plumbing.Hash]bool{tip: true}
	stack := []frame{{c: c}}
	var finished []*object.Commit
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next == len(f.c.ParentHashes) {
			finished = append(finished, f.c)
			stack = stack[:len(stack)-1]
			continue
		}
		h := f.c.ParentHashes[f.next]
		f.next++
		if seen[h] || stop[h] {
			continue
		}
		seen[h] = true
		p, err := object.GetCommit(a.storer, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		stack = append(stack, frame{c: p})
	}
	slices.Reverse(finished)
	return finished, nil
}

// ancestors returns the set of commits reachable from tips, tips included, following every
// parent. Missing parents (a shallow clone) end the walk there. O(commits reachable).
func (a *Archive) ancestors(tips ...plumbing.Hash) (map[plumbing.Hash]bool, error) {
	seen := map[plumbing.Hash]bool{}
	var queue []plumbing.Hash
	for _, h := range tips {
		if !h.IsZero() && !seen[h] {
			seen[h] = true
			queue = append(queue, h)
		}
	}
	for len(queue) > 0 {
		h := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		c, err := object.GetCommit(a.storer, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		for _, p := range c.ParentHashes {
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	return seen, nil
}

// commitChanges calls found with the ID and new text blob of each document whose text
// commit c changed: against its first parent p (nil: an empty tree) for an ordinary commit;
// for a merge, only where the text differs from every parent's (changedTextBlobs).
// O(entries of the trees that differ from the first parent's).
func (a *Archive) commitChanges(trees *treeReader, c, p *object.Commit, found func(id string, blob plumbing.Hash)) error {
	prevTree := plumbing.ZeroHash
	if p != nil {
		prevTree = p.TreeHash
	}
	if len(c.ParentHashes) < 2 {
		return trees.changedTextBlobs(c.TreeHash, prevTree, "", found)
	}
	type change struct {
		id   string
		blob plumbing.Hash
	}
	var changes []change
	if err := trees.changedTextBlobs(c.TreeHash, prevTree, "", func(id string, blob plumbing.Hash) {
		changes = append(changes, change{id, blob})
	}); err != nil {
		return err
	}
	for _, ch := range changes {
		merged, err := a.sameInOtherParents(trees, c, textPath(ch.id), ch.blob)
		if err != nil {
			return err
		}
		if !merged {
			found(ch.id, ch.blob)
		}
	}
	return nil
}

// sameInOtherParents reports whether a merge commit c holds, at the path comps, the blob
// one of its later parents holds (blob): the merge took that side's text and made no
// version of its own.
func (a *Archive) sameInOtherParents(trees *treeReader, c *object.Commit, comps []string, blob plumbing.Hash) (bool, error) {
	for _, h := range c.ParentHashes[1:] {
		other, err := a.commit(h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue
		}
		if err != nil {
			return false, err
		}
		hashes, err := trees.lookupPath(other.TreeHash, comps, nil)
		if err != nil {
			return false, err
		}
		if hashes[len(hashes)-1] == blob {
			return true, nil
		}
	}
	return false, nil
}
