package main

import (
	"fmt"
	"os"

	"github.com/blackline/blackline/repo"
)

// versionText is one side of a comparison: a version's text and where it came from.
type versionText struct {
	Text []byte
	// Origin describes the text in JSON output: {"ref": …, "commit": …} for a version of
	// the archive, {"path": …} for a file.
	Origin textOrigin
	// Version is the archive's version; nil for a file.
	Version *repo.Version
}

// textOrigin names where a compared text came from.
type textOrigin struct {
	Ref    string `json:"ref,omitempty"`
	Commit string `json:"commit,omitempty"`
	Path   string `json:"path,omitempty"`
}

// readVersion reads the text an argument names: an existing file (or "-" for standard
// input), read, size-checked and checked to be text; otherwise a version reference (ID,
// ID@LABEL, ID~N, commit hash) resolved in the selected archive.
func (a *app) readVersion(arg string) (versionText, error) {
	if arg == "-" || isFile(arg) {
		text, err := a.readText(arg)
		if err != nil {
			return versionText{}, err
		}
		return versionText{Text: text, Origin: textOrigin{Path: arg}}, nil
	}
	ar, err := a.openArchive()
	if err != nil {
		return versionText{}, err
	}
	v, err := ar.Resolve(arg)
	if err != nil {
		return versionText{}, err
	}
	return a.versionText(ar, v)
}

// readPrevious resolves arg in the archive and reads the version before it, for comparing
// a version with its predecessor. The first version of a document has none: an error.
func (a *app) readPrevious(arg string) (versionText, error) {
	ar, err := a.openArchive()
	if err != nil {
		return versionText{}, err
	}
	v, err := ar.Resolve(arg)
	if err != nil {
		return versionText{}, err
	}
	prev, ok, err := ar.Previous(v)
	if err != nil {
		return versionText{}, err
	}
	if !ok {
		return versionText{}, fmt.Errorf("%s is the first version of %s: there is no earlier version to compare it with (name two versions)", v.Ref(), v.Document)
	}
	return a.versionText(ar, prev)
}

// versionText reads v's text from the archive.
func (a *app) versionText(ar *repo.Archive, v repo.Version) (versionText, error) {
	text, err := ar.Text(v)
	if err != nil {
		return versionText{}, err
	}
	return versionText{Text: text, Origin: textOrigin{Ref: v.Ref(), Commit: v.Commit}, Version: &v}, nil
}

// isFile reports whether path names an existing file (not a directory).
func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
