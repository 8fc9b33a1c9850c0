package repo

import (
	"bytes"
	"compress/zlib"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// deflate compresses a loose object's header and content the way git stores them.
func deflate(t *testing.T, header, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(header + "\x00" + content))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestTextOfDamagedObject: a version whose text object is damaged — other bytes under its
// name, cut short, not zlib, missing — reads back as an error naming the object, never as
// other text.
func TestTextOfDamagedObject(t *testing.T) {
	const text = "SECRET\nThe minister said (b)(6).\n"
	other := strings.Replace(text, "(b)(6)", "Smith.", 1)
	tests := []struct {
		name   string
		damage func(t *testing.T, orig []byte) []byte // nil: remove the file
		want   error
		says   string
	}{
		{"other text under its name", func(t *testing.T, _ []byte) []byte { return deflate(t, "blob 33", other) }, ErrCorrupt, "does not match its hash"},
		{"cut short", func(t *testing.T, orig []byte) []byte { return orig[:len(orig)/2] }, nil, "unexpected EOF"},
		{"not zlib", func(t *testing.T, _ []byte) []byte { return []byte("garbage") }, nil, "zlib"},
		{"missing", nil, plumbing.ErrObjectNotFound, "object not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newArchive(t)
			v := mustAdd(t, a, Meta{Document: "dod/x"}, text)
			blob := blobHash([]byte(text)).String()
			file := filepath.Join(a.commonDir, "objects", blob[:2], blob[2:])
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if tt.damage == nil {
				err = os.Remove(file)
			} else {
				os.Chmod(file, 0o644)
				err = os.WriteFile(file, tt.damage(t, orig), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.Text(v)
			if err == nil || !strings.Contains(err.Error(), blob) || !strings.Contains(err.Error(), tt.says) || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Text(%s) = %q, %v; want an error naming %s and saying %q", v.Ref(), got, err, blob, tt.says)
			}
		})
	}
}

// TestBlobHash: blobHash is git's blob hash, as go-git computes it.
func TestBlobHash(t *testing.T) {
	for _, s := range []string{"", "a", "SECRET\r\n", strings.Repeat("█", 5000)} {
		if got, want := blobHash([]byte(s)), plumbing.ComputeHash(plumbing.BlobObject, []byte(s)); got != want {
			t.Errorf("blobHash(%q) = %s, want %s", s, got, want)
		}
	}
}
