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
// The writer lock file journals what its holder has left to finish, so the next writer
// completes what a crashed one left half done: it creates the version tag of a commit
// that reached main, and removes the crashed writer's own lock files.
// In a non-bare repository whose HEAD is main, Add also updates the one file and its
// index entry, so git status stays clean.
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
// The package neither prints nor exits; it returns values and errors: sentinel errors
// (ErrNotArchive, ErrUnknownDocument, …) for errors.Is, and *FieldError, *TextError and
// *UnchangedError for errors.As.
package repo
