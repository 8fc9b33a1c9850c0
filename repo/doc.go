// Package repo is blackline's archive: every version of a declassified document — each
// official release and each transcription of a release — kept as a commit in an ordinary
// git repository, written in-process with go-git.
//
// # Format
//
// A document is named by an ID (ValidateID), and its text lives at <ID>/text.txt. A
// version is one commit on refs/heads/main that changes one document's text, byte for
// byte as given. Its message has the subject "<ID>: <LABEL> (<KIND>)", an optional flag
// summary of the change against the document's previous version, and a trailer block that
// git interpret-trailers reads:
//
//	Document: dod/grachev-1994
//	Version-Label: mdr-2016
//	Version-Kind: release
//	Release-Date: 2016-05-02      (when given)
//	Source: Clinton Library       (when given)
//	Case-Number: 2015-0771-M      (when given)
//	Transcribes: foia-2005        (a transcription: the label of the release it transcribes)
//
// Every version is also tagged "<ID>@<LABEL>" (lightweight tag), so that
// git show 'dod/grachev-1994@mdr-2016:dod/grachev-1994/text.txt' prints it.
//
// # Writing
//
// Add builds the blob, the trees along the document's path (reusing every other subtree by
// hash) and the commit with go-git's object plumbing, never through a worktree, so its
// cost does not grow with the archive. Writers hold an advisory lock on a file in the git
// directory from reading main to moving it, and move refs the way git does (an exclusive
// "<ref>.lock" renamed into place), so two processes adding at once lose nothing, git's
// own writers are respected, and a crash leaves refs pointing only at complete objects.
// The git lock files a writer holds are recorded in the locked file, so the next writer
// removes those a killed one left behind (and never one of git's); so are the version tag
// an add is about to create and, in a clone with a worktree, the trees its checked-out
// files are to follow, so the next writer tags the version and updates the files when a
// killed add or pull had moved main but not done those. In a non-bare archive
// whose HEAD is main, Add also updates the one file and its index entry, so git status
// stays clean.
//
// Import (after PlanImport) commits many versions, each exactly as Add would: texts are
// loaded, summarized and compressed on several goroutines; the objects of each batch of a
// few hundred versions go into one packfile built in memory (trees rebuilt only along the
// changed paths, each new version of a tree stored as a delta against the previous one),
// installed index first and pack last; then main moves, the batch's tags are written into
// packed-refs, and the version index is extended. A killed import loses at most a batch,
// and running it again skips what is there. GC moves loose objects into a pack and loose
// tags into packed-refs.
//
// # Reading
//
// Versions, Documents and commit-hash prefixes read a version index: main's first-parent
// chain reduced to, for each commit, the documents whose text it changed and the new
// blobs — the blob hash at <ID>/text.txt compared with the first parent's, so archives
// written by the git CLI read the same. It is derived data cached in the git directory
// (blackline/versions.cache, never a ref), checked against main's tip on every read and
// brought up to date from the commits above the cached tip, so every writer — blackline,
// a pull, the git CLI — is followed without invalidation; see versionindex.go. Labels come
// from the tags, else the Version-Label trailer, else the short commit hash. Resolve reads
// references of the forms ID, ID@LABEL, ID~N and commit hashes.
//
// # Sharing
//
// An archive travels like any git repository, in-process and without the git binary:
// Clone, Push and Pull exchange main and the tags with a remote given by a file path, a
// file:// URL, an ssh URL or an http(s) URL; AddRemote, RemoveRemote and Remotes keep the
// remotes in the repository's config as git does. A file remote is opened as an archive
// and written under its own writer lock, with git's lock files; other remotes are reached
// through go-git's transport, with the ssh agent or a key file, or http basic
// authentication (Credentials). Only the objects the other side lacks travel, as one
// packfile. A pull fast-forwards main, or, when both sides added versions of different
// documents, writes a merge commit; the versions a merge brought in are listed in their
// own order after it (Versions follows merges). The same document changed on both sides
// is a *ConflictError, and a tag naming another commit a *TagClashError: nothing changes.
// SetDiffDriver installs an external diff driver for git diff.
//
// The package neither prints nor exits; it returns values and errors: sentinel errors
// (ErrNotArchive, ErrUnknownDocument, …) for errors.Is, and *FieldError, *TextError,
// *UnchangedError, *ConflictError and *TagClashError for errors.As.
package repo
