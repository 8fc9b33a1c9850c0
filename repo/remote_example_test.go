package repo_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/blackline/blackline/repo"
)

// Two archivists share an archive through a bare remote: one pushes, the other clones,
// both add versions of different documents, and a pull merges them.
func ExampleArchive_Pull() {
	dir := tempDir()
	defer os.RemoveAll(dir)
	ctx := context.Background()
	ada := repo.Signature{Name: "Ada Archivist", Email: "ada@example.org", When: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	add := func(a *repo.Archive, id, label, text string) {
		if _, err := a.Add(repo.AddRequest{Meta: repo.Meta{Document: id, Label: label}, Text: []byte(text), Author: ada}); err != nil {
			log.Fatal(err)
		}
	}

	remote := filepath.Join(dir, "shared.git")
	if _, err := repo.Init(remote); err != nil {
		log.Fatal(err)
	}
	mine, err := repo.Init(filepath.Join(dir, "mine.git"))
	if err != nil {
		log.Fatal(err)
	}
	add(mine, "dod/grachev-1994", "foia-2005", "SECRET\nThe Minister proposed (b)(1).\n")
	if err := mine.AddRemote("origin", remote); err != nil {
		log.Fatal(err)
	}
	pushed, err := mine.Push(ctx, "", repo.RemoteOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("pushed", pushed.Tags)

	theirs, err := repo.Clone(ctx, remote, filepath.Join(dir, "theirs.git"), repo.CloneOptions{})
	if err != nil {
		log.Fatal(err)
	}
	add(theirs, "cia/memo-1962", "scan-1998", "SECRET\n25X1\n")
	if _, err := theirs.Push(ctx, "", repo.RemoteOptions{}); err != nil {
		log.Fatal(err)
	}

	add(mine, "dod/grachev-1994", "mdr-2016", "CONFIDENTIAL\nThe Minister proposed a joint early warning center.\n")
	pulled, err := mine.Pull(ctx, "", ada, repo.RemoteOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range pulled.Versions {
		fmt.Println("pulled", v.Ref())
	}
	fmt.Println("merged:", pulled.Merge != "")
	// Output:
	// pushed [dod/grachev-1994@foia-2005]
	// pulled cia/memo-1962@scan-1998
	// merged: true
}
