package repo

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// benchVersions is the size of the archive BenchmarkExchange works on.
const benchVersions = 2000

// BenchmarkExchange measures, on an archive of 2,000 versions over 200 documents, a clone
// of the whole archive, and a push and a pull of one new version: the objects to send are
// found without walking the trees of the rest of the history; each side's history of
// commits is walked once.
func BenchmarkExchange(b *testing.B) {
	ctx := context.Background()
	src := newArchive(b)
	for i := range benchVersions {
		mustAdd(b, src, Meta{Document: fmt.Sprintf("memo/%04d", i%200)}, fmt.Sprintf("SECRET\nversion %d of the memo\n", i))
	}
	remote := filepath.Join(b.TempDir(), "remote.git")
	if _, err := Init(remote); err != nil {
		b.Fatal(err)
	}
	if _, err := src.Push(ctx, remote, RemoteOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Run("clone", func(b *testing.B) {
		for b.Loop() {
			if _, err := Clone(ctx, remote, filepath.Join(b.TempDir(), "c.git"), CloneOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	dst, err := Clone(ctx, remote, filepath.Join(b.TempDir(), "dst.git"), CloneOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("push and pull one version", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			mustAdd(b, src, Meta{Document: fmt.Sprintf("memo/%04d", i%200)}, fmt.Sprintf("CONFIDENTIAL\nrevised %d\n", i))
			if _, err := src.Push(ctx, remote, RemoteOptions{}); err != nil {
				b.Fatal(err)
			}
			if _, err := dst.Pull(ctx, "", testAuthor, RemoteOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
