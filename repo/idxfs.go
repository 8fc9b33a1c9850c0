package repo

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
)

// wholeIdxFS is the git directory as go-git reads it, except that pack index files (.idx)
// are read whole in one call: go-git's index decoder reads them 4 bytes at a time, about
// a thousand system calls per pack before the first object can be found, in every command.
type wholeIdxFS struct {
	billy.Filesystem
}

// Open opens a file; an .idx file is read into memory and closed.
func (w wholeIdxFS) Open(name string) (billy.File, error) {
	f, err := w.Filesystem.Open(name)
	if err != nil || !strings.HasSuffix(name, ".idx") {
		return f, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return &memFile{name: f.Name(), Reader: bytes.NewReader(b)}, nil
}

// memFile is a read-only file held in memory.
type memFile struct {
	*bytes.Reader
	name string
}

var errReadOnly = errors.New("read-only file")

func (m *memFile) Name() string               { return m.name }
func (m *memFile) Write([]byte) (int, error)  { return 0, errReadOnly }
func (m *memFile) Close() error               { return nil }
func (m *memFile) Lock() error                { return nil }
func (m *memFile) Unlock() error              { return nil }
func (m *memFile) Truncate(int64) error       { return errReadOnly }
func (m *memFile) Stat() (fs.FileInfo, error) { return memFileInfo{m}, nil }

// memFileInfo describes a memFile: go-git's index decoder checks the size.
type memFileInfo struct{ m *memFile }

func (i memFileInfo) Name() string       { return path.Base(i.m.name) }
func (i memFileInfo) Size() int64        { return i.m.Reader.Size() }
func (i memFileInfo) Mode() fs.FileMode  { return 0o444 }
func (i memFileInfo) ModTime() time.Time { return time.Time{} }
func (i memFileInfo) IsDir() bool        { return false }
func (i memFileInfo) Sys() any           { return nil }
