package repo

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors of the exchange with remotes; test with errors.Is.
var (
	// ErrUnknownRemote: no remote of that name is configured, and the name is no URL or path.
	ErrUnknownRemote = errors.New("unknown remote")
	// ErrRemoteExists: a remote of that name is configured already.
	ErrRemoteExists = errors.New("remote already exists")
	// ErrInvalidRemote: a remote name or URL the archive cannot use.
	ErrInvalidRemote = errors.New("invalid remote")
	// ErrRemoteNotFound: there is no repository at the remote's URL or path.
	ErrRemoteNotFound = errors.New("no repository at the remote")
	// ErrAuth: the remote asked for credentials, or refused the ones given.
	ErrAuth = errors.New("authentication failed")
	// ErrTransport: the remote could not be reached or the exchange broke off.
	ErrTransport = errors.New("transport failed")
	// ErrRejected: the remote refused an update: it holds versions this archive lacks
	// (pull first), or its main branch is checked out in a worktree.
	ErrRejected = errors.New("rejected by the remote")
	// ErrConflict: both sides added versions of the same document since their histories
	// parted; a *ConflictError names them.
	ErrConflict = errors.New("conflicting versions")
	// ErrTagClash: a tag of the same name points at different commits here and on the
	// remote; a *TagClashError names it.
	ErrTagClash = errors.New("tag clash")
)

// Conflict is one document changed on both sides since the histories parted.
type Conflict struct {
	// Document is the document's ID; "" for a file outside any document folder.
	Document string
	// Path is the file changed on both sides, for example "dod/grachev/text.txt".
	Path string
	// OursLabel and TheirsLabel are the labels of the document's latest version in this
	// archive and on the remote ("" when the file is not under a document's text).
	OursLabel, TheirsLabel string
}

// ConflictError reports a pull stopped because the same documents changed on both sides.
// Nothing was changed: no ref moved and no tag was written. It wraps ErrConflict.
type ConflictError struct {
	Remote string // the remote's name or URL
	Base   string // the commit where the histories parted
	// Conflict is the first conflicting document, by path; Others are the rest.
	Conflict
	Others []Conflict
}

// Error names the documents and both sides' labels.
func (e *ConflictError) Error() string {
	var b strings.Builder
	describe := func(c Conflict) {
		switch {
		case c.Document == "":
			fmt.Fprintf(&b, "%s changed on both sides", c.Path)
		case c.OursLabel != "" || c.TheirsLabel != "":
			fmt.Fprintf(&b, "%s has a new version on both sides: %s here, %s on %s", c.Document, orUnknown(c.OursLabel), orUnknown(c.TheirsLabel), e.Remote)
		default:
			fmt.Fprintf(&b, "%s changed on both sides (%s)", c.Document, c.Path)
		}
	}
	b.WriteString("conflicting versions: ")
	describe(e.Conflict)
	for _, c := range e.Others {
		b.WriteString("; ")
		describe(c)
	}
	fmt.Fprintf(&b, " (since %s); nothing was changed", shortHash(e.Base))
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// TagClashError reports tags of the same name that point at different commits in the
// archive and on the remote. Nothing was changed. It wraps ErrTagClash.
type TagClashError struct {
	Remote string
	// Tag is the first clashing tag's name without refs/tags/ ("dod/grachev@v2"); Ours and
	// Theirs the commits it names here and on the remote. More counts the other clashes.
	Tag          string
	Ours, Theirs string
	More         int
}

// Error names the tag and both commits.
func (e *TagClashError) Error() string {
	s := fmt.Sprintf("tag clash: %s is %s here but %s on %s", e.Tag, shortHash(e.Ours), shortHash(e.Theirs), e.Remote)
	if e.More > 0 {
		s += fmt.Sprintf(" (and %d more tag%s)", e.More, plural(e.More))
	}
	return s + "; nothing was changed"
}

// Unwrap returns ErrTagClash.
func (e *TagClashError) Unwrap() error { return ErrTagClash }
