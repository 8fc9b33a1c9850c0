package repo

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// maxRefChangedRetries bounds how often Add rebuilds on a main branch moved by another
// program (the git CLI) between reading it and moving it.
const maxRefChangedRetries = 5

// AddRequest is a version to add.
type AddRequest struct {
	Meta // Document is required; Label defaults to v<N>; Kind defaults to release.
	// Text is stored byte for byte; it must pass CheckText.
	Text []byte
	// Author and Committer are written into the commit; a zero Committer is the Author.
	Author, Committer Signature
	// Summarize, when set, is called under the writer lock with the document's latest
	// text (nil for its first version); its result is written into the commit message
	// before the trailers, and returned as Version.Summary.
	Summarize func(previous []byte) (string, error)
}

// Add commits a new version of a document on main and tags it "<ID>@<LABEL>". It writes
// the blob, the trees along <ID>/text.txt (every other subtree is reused by hash) and the
// commit, then moves main and creates the tag, under the writer lock; its cost does not
// grow with the number of versions in the archive. Text identical to the document's
// latest version is ErrUnchanged and writes nothing. In a non-bare archive whose HEAD is
// main, the index entry and the checked-out file of that one document follow the commit,
// so that git status stays clean; uncommitted changes to that file are refused
// (ErrWorktreeChanged) before anything is written.
func (a *Archive) Add(req AddRequest) (Version, error) {
	if err := checkRequest(&req); err != nil {
		return Version{}, fmt.Errorf("add %s: %w", req.Document, err)
	}
	unlock, err := a.lockWriters()
	if err != nil {
		return Version{}, fmt.Errorf("add %s: %w", req.Document, err)
	}
	defer unlock()
	for attempt := 0; ; attempt++ {
		v, err := a.addLocked(req)
		if errors.Is(err, errRefChanged) && attempt < maxRefChangedRetries {
			continue
		}
		if err != nil {
			return Version{}, fmt.Errorf("add %s: %w", req.Document, err)
		}
		return v, nil
	}
}

// checkRequest validates a request and fills its defaults.
func checkRequest(req *AddRequest) error {
	if req.Kind == "" {
		req.Kind = Release
	}
	req.Source, req.Case = strings.TrimSpace(req.Source), strings.TrimSpace(req.Case)
	if err := ValidateMeta(req.Meta); err != nil {
		return err
	}
	if req.Committer == (Signature{}) {
		req.Committer = req.Author
	}
	for _, s := range []struct {
		field string
		sig   Signature
	}{{"author", req.Author}, {"committer", req.Committer}} {
		if err := checkSignature(s.field, s.sig); err != nil {
			return err
		}
	}
	return CheckText(req.Text)
}

// ValidateMeta checks what Add checks of a version's metadata before touching the archive:
// the document ID, the label when set, the kind when set, the date (YYYY-MM-DD), one-line
// source and case values, and that only a transcription names a release it transcribes.
// Whether the label is free and the transcribed label exists is known only to Add.
func ValidateMeta(m Meta) error {
	if err := ValidateID(m.Document); err != nil {
		return err
	}
	if m.Label != "" {
		if err := ValidateLabel(m.Label); err != nil {
			return err
		}
		if n := len(path.Base(m.Document)) + 1 + len(m.Label); n > 255 {
			return &FieldError{Field: "label", Value: m.Label, Reason: fmt.Sprintf("the tag's last part %s@%s would be %d bytes, more than a file name holds (255)", path.Base(m.Document), m.Label, n), Err: ErrInvalidLabel}
		}
	}
	if m.Kind != "" {
		if _, err := ParseKind(string(m.Kind)); err != nil {
			return err
		}
	}
	if err := validateDate(m.Date); err != nil {
		return err
	}
	if err := validateTrailerValue("source", m.Source); err != nil {
		return err
	}
	if err := validateTrailerValue("case", m.Case); err != nil {
		return err
	}
	if m.Transcribes != "" {
		if m.Kind != Transcription {
			return &FieldError{Field: "transcribes", Value: m.Transcribes, Reason: "only a version of kind transcription transcribes a release", Err: ErrInvalidMeta}
		}
		if err := ValidateLabel(m.Transcribes); err != nil {
			return err
		}
	}
	return nil
}

// checkSignature accepts a name and e-mail address git can write, with a time.
func checkSignature(field string, s Signature) error {
	bad := func(value, reason string) error {
		return &FieldError{Field: field, Value: value, Reason: reason, Err: ErrInvalidMeta}
	}
	switch {
	case strings.TrimSpace(s.Name) == "":
		return bad(s.Name, "no name")
	case strings.TrimSpace(s.Email) == "":
		return bad(s.Email, "no e-mail address")
	case strings.ContainsAny(s.Name+s.Email, "<>\n\x00"):
		return bad(s.Name+" <"+s.Email+">", "contains <, >, a newline or NUL")
	case s.When.IsZero():
		return bad(s.Name, "no time")
	}
	return nil
}

// addLocked makes one attempt at adding req; it returns errRefChanged when main moved
// between reading it and moving it.
func (a *Archive) addLocked(req AddRequest) (Version, error) {
	headHash, hasHead, err := a.head()
	if err != nil {
		return Version{}, err
	}
	rootTree := plumbing.ZeroHash
	var parents []plumbing.Hash
	if hasHead {
		c, err := a.commit(headHash)
		if err != nil {
			return Version{}, err
		}
		rootTree, parents = c.TreeHash, []plumbing.Hash{headHash}
	}
	trees := newTreeReader(a)
	comps := textPath(req.Document)
	hashes, err := trees.lookupPath(rootTree, comps, nil)
	if err != nil {
		return Version{}, err
	}
	oldBlob := hashes[len(hashes)-1]
	if plumbing.ComputeHash(plumbing.BlobObject, req.Text) == oldBlob {
		return Version{}, a.unchangedError(req.Document)
	}
	if err := a.checkTagPath(req.Document); err != nil {
		return Version{}, err
	}
	// The document's tags are listed only to number a default label; a given label and the
	// release a transcription names are looked up one by one, so that adding stays as
	// cheap in a folder of thousands of tags.
	hasLabel := func(label string) (bool, error) {
		_, ok, err := a.readRef(tagRef(req.Document, label))
		return ok, err
	}
	if req.Label == "" {
		tags, err := a.documentTags(req.Document, false)
		if err != nil {
			return Version{}, err
		}
		hasLabel = func(label string) (bool, error) { _, ok := tags[label]; return ok, nil }
		for n := len(tags) + 1; ; n++ {
			if _, taken := tags["v"+strconv.Itoa(n)]; !taken {
				req.Label = "v" + strconv.Itoa(n)
				break
			}
		}
	} else if taken, err := hasLabel(req.Label); err != nil {
		return Version{}, err
	} else if taken {
		return Version{}, fmt.Errorf("%w: %s already has a version labelled %s", ErrDuplicateLabel, req.Document, req.Label)
	}
	if req.Transcribes != "" {
		if ok, err := hasLabel(req.Transcribes); err != nil {
			return Version{}, err
		} else if !ok {
			return Version{}, &FieldError{Field: "transcribes", Value: req.Transcribes, Reason: fmt.Sprintf("%s has no version labelled %s", req.Document, req.Transcribes), Err: ErrUnknownVersion}
		}
	}
	name := strings.Join(comps, "/")
	wt, err := a.prepareWorktree(map[string]plumbing.Hash{name: oldBlob})
	if err != nil {
		return Version{}, err
	}
	defer wt.release()

	var summary string
	if req.Summarize != nil {
		var previous []byte
		if !oldBlob.IsZero() {
			if previous, err = a.readBlob(oldBlob); err != nil {
				return Version{}, err
			}
		}
		if summary, err = req.Summarize(previous); err != nil {
			return Version{}, fmt.Errorf("summarize the change: %w", err)
		}
		summary = cleanSummary(summary)
	}

	blob, err := a.storeBlob(req.Text)
	if err != nil {
		return Version{}, err
	}
	crashPoint("blob-written", req.Document)
	newRoot, err := trees.writePath(rootTree, comps, blob)
	if errors.Is(err, errPathConflict) {
		return Version{}, &FieldError{Field: "document ID", Value: req.Document, Reason: err.Error(), Err: ErrInvalidID}
	}
	if err != nil {
		return Version{}, err
	}
	commit := &object.Commit{
		Author:       object.Signature{Name: req.Author.Name, Email: req.Author.Email, When: req.Author.When},
		Committer:    object.Signature{Name: req.Committer.Name, Email: req.Committer.Email, When: req.Committer.When},
		Message:      commitMessage(req.Meta, summary),
		TreeHash:     newRoot,
		ParentHashes: parents,
	}
	obj := a.storer.NewEncodedObject()
	if err := commit.Encode(obj); err != nil {
		return Version{}, fmt.Errorf("encode commit: %w", err)
	}
	commitHash, err := a.storeObject(obj)
	if err != nil {
		return Version{}, err
	}
	crashPoint("objects-written", req.Document)
	if err := a.holdTag(tagRef(req.Document, req.Label), commitHash); err != nil {
		return Version{}, err
	}
	if wt != nil {
		if err := a.holdSync(rootTree, newRoot); err != nil {
			return Version{}, err
		}
	}
	if err := a.updateRef(mainRef, commitHash, headHash); err != nil {
		return Version{}, err
	}
	if err := a.updateRef(tagRef(req.Document, req.Label), commitHash, plumbing.ZeroHash); err != nil {
		if errors.Is(err, errRefChanged) {
			// Not a reason to retry: main has moved already.
			err = fmt.Errorf("%w: another program created the tag %s meanwhile", ErrDuplicateLabel, req.Document+"@"+req.Label)
		}
		return Version{}, fmt.Errorf("version committed as %s, but tagging it failed: %w", shortHash(commitHash.String()), err)
	}
	a.dropTag(tagRef(req.Document, req.Label))
	crashPoint("tagged", req.Document)
	if err := wt.apply([]worktreeFile{{name: name, blob: blob, text: req.Text}}, false); err != nil {
		return Version{}, fmt.Errorf("version committed as %s, but updating the worktree failed: %w", shortHash(commitHash.String()), err)
	}
	a.dropSync(rootTree, newRoot)
	return Version{Meta: req.Meta, Commit: commitHash.String(), Author: req.Author, Committer: req.Committer, Summary: summary}, nil
}

// unchangedError says which version already holds the text.
func (a *Archive) unchangedError(id string) error {
	vs, err := a.Versions(id)
	if err != nil {
		return err
	}
	return &UnchangedError{Latest: vs[len(vs)-1]}
}
