package repo

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped with context by the functions that return them; test with
// errors.Is.
var (
	// ErrNotArchive: the directory holds no git repository.
	ErrNotArchive = errors.New("not an archive")
	// ErrUnknownDocument: no version of that document ID exists.
	ErrUnknownDocument = errors.New("unknown document")
	// ErrUnknownVersion: a reference names no version (unknown label, N too large, no such commit).
	ErrUnknownVersion = errors.New("unknown version")
	// ErrAmbiguous: a commit-hash prefix matches more than one version.
	ErrAmbiguous = errors.New("ambiguous reference")
	// ErrDuplicateLabel: the document already has a version with that label.
	ErrDuplicateLabel = errors.New("duplicate label")
	// ErrUnchanged: the text is identical to the document's latest version; nothing was written.
	ErrUnchanged = errors.New("unchanged")
	// ErrInvalidID: a document ID is not of the form the archive accepts.
	ErrInvalidID = errors.New("invalid document ID")
	// ErrInvalidLabel: a version label is not of the form the archive accepts.
	ErrInvalidLabel = errors.New("invalid label")
	// ErrInvalidMeta: a version's kind, date or another trailer value is not acceptable.
	ErrInvalidMeta = errors.New("invalid version metadata")
	// ErrNotText: input holds NUL bytes or is not valid UTF-8.
	ErrNotText = errors.New("not text")
	// ErrLocked: git's own lock file is held (another git process is writing) past the wait.
	ErrLocked = errors.New("locked")
	// ErrWorktreeChanged: a non-bare archive has uncommitted changes in the document's file.
	ErrWorktreeChanged = errors.New("uncommitted changes")
	// ErrExists: init was asked to create an archive where a repository or other files are.
	ErrExists = errors.New("already exists")
	// ErrUnsupported: the repository uses a git feature the archive cannot write safely.
	ErrUnsupported = errors.New("unsupported repository")
	// ErrCorrupt: an object of the archive does not hold what its hash says.
	ErrCorrupt = errors.New("corrupt object")
)

// FieldError reports a value that is not acceptable, naming the field it came from
// ("document ID", "label", "kind", "date", …) and why. It wraps one of ErrInvalidID,
// ErrInvalidLabel, ErrInvalidMeta, or ErrUnknownVersion for a transcribed label that
// does not exist.
type FieldError struct {
	Field  string
	Value  string
	Reason string
	Err    error
}

// Error names the field, its value and the reason.
func (e *FieldError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Reason)
}

// Unwrap returns the sentinel error of the refusal.
func (e *FieldError) Unwrap() error { return e.Err }

// TextError reports input that is not text, with the byte offset of the first offending
// byte. It wraps ErrNotText.
type TextError struct {
	Offset int
	Reason string
}

// Error names the reason and the offset.
func (e *TextError) Error() string {
	return fmt.Sprintf("not text: %s at byte offset %d", e.Reason, e.Offset)
}

// Unwrap returns ErrNotText.
func (e *TextError) Unwrap() error { return ErrNotText }

// UnchangedError reports text identical to the document's latest version, which it names.
// It wraps ErrUnchanged.
type UnchangedError struct {
	Latest Version
}

// Error names the document and the version that already holds the text.
func (e *UnchangedError) Error() string {
	return fmt.Sprintf("unchanged: %s is already at %s (%s)", e.Latest.Document, e.Latest.ShortCommit(), e.Latest.Label)
}

// Unwrap returns ErrUnchanged.
func (e *UnchangedError) Unwrap() error { return ErrUnchanged }
