package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	formatcfg "github.com/go-git/go-git/v5/plumbing/format/config"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// mainRef is the branch every version is committed on.
const mainRef = "refs/heads/main"

// textFile is the name of a document's text inside its folder.
const textFile = "text.txt"

// defaultLockWait is how long a writer waits for git's own lock files to go away.
const defaultLockWait = 3 * time.Second

// Archive is an open archive: a git repository, bare or with a worktree. An Archive is not
// safe for concurrent use by several goroutines; several processes may use one archive at
// once (writers take a lock).
type Archive struct {
	gitDir    string // HEAD and index live here
	commonDir string // objects, refs, packed-refs and config live here
	workTree  string // "" for a bare repository
	storer    objectStorer
	lockWait  time.Duration
	writer    *writerLock // while this process holds the writer lock
	index     *indexMemo  // the version index as last parsed
	lookups   int         // lookups of one document in the version index so far
	packed    *packedMemo // packed-refs as last read
}

// objectStorer is go-git's filesystem storage, read first through objectReader (straight
// from the pack indexes, without go-git's loading and verifying of every index), and
// re-reading the list of packfiles when an object is not found: git gc, run by another
// process, may have packed it meanwhile.
type objectStorer struct {
	*filesystem.Storage
	direct *objectReader
}

// EncodedObject returns the object of type t (plumbing.AnyObject: any) with hash h.
func (s objectStorer) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	if typ, data, err := s.direct.object(h); err == nil {
		if t != plumbing.AnyObject && t != typ {
			return nil, plumbing.ErrObjectNotFound
		}
		o := &plumbing.MemoryObject{}
		o.SetType(typ)
		o.Write(data) // a MemoryObject's Write does not fail
		return o, nil
	}
	o, err := s.Storage.EncodedObject(t, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		s.Reindex()
		o, err = s.Storage.EncodedObject(t, h)
	}
	return o, err
}

// HasEncodedObject returns nil when the object exists.
func (s objectStorer) HasEncodedObject(h plumbing.Hash) error {
	if s.direct.has(h) {
		return nil
	}
	return s.Storage.HasEncodedObject(h)
}

// Reindex makes both readers read the list of packfiles again.
func (s objectStorer) Reindex() {
	s.Storage.Reindex()
	s.direct.close()
	s.direct.loaded = false
}

// Signature is who wrote or committed a version, and when.
type Signature struct {
	Name  string
	Email string
	When  time.Time
}

// Meta describes a version: the document it belongs to and what the version is.
type Meta struct {
	Document    string // document ID, e.g. "dod/grachev-1994"
	Label       string // unique within the document, e.g. "foia-2005"
	Kind        Kind   // release or transcription; empty for a commit made without blackline
	Date        string // release date YYYY-MM-DD, when known
	Source      string // archive, agency or URL, when given
	Case        string // FOIA/MDR case number, when given
	Transcribes string // for a transcription: the label of the release it transcribes
}

// Version is one version of a document: a commit on main that changed the document's text.
type Version struct {
	Meta
	Commit    string // full hexadecimal commit hash
	Author    Signature
	Committer Signature
	// Summary is the flag summary of the change against the previous version, from the
	// commit message's body; "" when there is none.
	Summary string
}

// Ref returns the reference naming v: "ID@LABEL".
func (v Version) Ref() string { return v.Document + "@" + v.Label }

// ShortCommit returns the first seven hexadecimal digits of the commit hash.
func (v Version) ShortCommit() string { return shortHash(v.Commit) }

// Document is one document of the archive with its number of versions and its latest one.
type Document struct {
	ID       string
	Versions int
	Latest   Version
}

func shortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

// Init creates an empty archive in dir: a bare git repository whose HEAD points at
// refs/heads/main, so that a git clone of it checks out main. dir may exist if it is empty.
func Init(dir string) (*Archive, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		if _, err := Open(dir); err == nil {
			return nil, fmt.Errorf("init %s: %w", dir, ErrExists)
		}
		return nil, fmt.Errorf("init %s: %w: directory is not empty", dir, ErrExists)
	}
	opts := &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}}
	r, err := git.PlainInitWithOptions(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	// git itself reads core.bare only with a repository format version set.
	cfg, err := r.Config()
	if err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	cfg.Core.RepositoryFormatVersion = formatcfg.Version_0
	cfg.Raw.Section("core").SetOption("filemode", "true")
	if err := r.Storer.SetConfig(cfg); err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	return Open(dir)
}

// Open opens the archive in dir: a bare git repository, or a directory with a .git folder
// or file (a git clone of an archive). Anything else is ErrNotArchive.
func Open(dir string) (*Archive, error) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open archive %s: %w: %w", dir, ErrNotArchive, pathErr(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open archive %s: %w: not a directory", dir, ErrNotArchive)
	}
	a := &Archive{lockWait: defaultLockWait}
	dotGit := filepath.Join(dir, ".git")
	switch st, err := os.Stat(dotGit); {
	case err == nil && st.IsDir():
		a.gitDir, a.workTree = dotGit, dir
	case err == nil:
		target, err := readGitFile(dotGit)
		if err != nil {
			return nil, fmt.Errorf("open archive %s: %w", dir, err)
		}
		a.gitDir, a.workTree = target, dir
	case isGitDir(dir):
		a.gitDir = dir
	default:
		return nil, fmt.Errorf("open archive %s: %w: no git repository there (create one with init)", dir, ErrNotArchive)
	}
	if !isGitDir(a.gitDir) && !fileExists(filepath.Join(a.gitDir, "commondir")) {
		return nil, fmt.Errorf("open archive %s: %w: %s is not a git directory", dir, ErrNotArchive, a.gitDir)
	}
	a.commonDir = a.gitDir
	if b, err := os.ReadFile(filepath.Join(a.gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(b))
		if !filepath.IsAbs(c) {
			c = filepath.Join(a.gitDir, c)
		}
		a.commonDir = c
	}
	a.storer = objectStorer{
		Storage: filesystem.NewStorage(wholeIdxFS{osfs.New(a.commonDir)}, cache.NewObjectLRUDefault()),
		direct:  &objectReader{dir: filepath.Join(a.commonDir, "objects")},
	}
	if err := a.checkFormat(); err != nil {
		return nil, fmt.Errorf("open archive %s: %w", dir, err)
	}
	return a, nil
}

// Bare reports whether the archive has no worktree.
func (a *Archive) Bare() bool { return a.workTree == "" }

// checkFormat refuses repositories whose object or ref format go-git v5 cannot write.
func (a *Archive) checkFormat() error {
	cfg, err := a.storer.Config()
	if err != nil {
		return fmt.Errorf("read git config: %w", err)
	}
	ext := cfg.Raw.Section("extensions")
	if f := ext.Option("objectformat"); f != "" && !strings.EqualFold(f, "sha1") {
		return fmt.Errorf("%w: object format %s", ErrUnsupported, f)
	}
	if f := ext.Option("refstorage"); f != "" && !strings.EqualFold(f, "files") {
		return fmt.Errorf("%w: ref storage %s", ErrUnsupported, f)
	}
	return nil
}

// isGitDir reports whether dir looks like a git directory: HEAD, objects/ and refs/.
func isGitDir(dir string) bool {
	return fileExists(filepath.Join(dir, "HEAD")) && dirExists(filepath.Join(dir, "objects")) && dirExists(filepath.Join(dir, "refs"))
}

// readGitFile follows a ".git" file ("gitdir: PATH") to the git directory it names.
func readGitFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, pathErr(err))
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
	if !ok {
		return "", fmt.Errorf("read %s: %w: no gitdir line", path, ErrNotArchive)
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(path), target)
	}
	return target, nil
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

func dirExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// pathErr strips the operation and path from an *fs.PathError, for messages that name
// the path themselves.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
