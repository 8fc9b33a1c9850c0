package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInit(t *testing.T) {
	c := newCLI(t)
	dir := filepath.Join(c.dir, "memos.git")
	out := c.ok("init", dir)
	if want := "Initialized empty blackline archive in " + dir + "\n"; out != want {
		t.Errorf("init %s printed %q, want %q", dir, out, want)
	}
	if head, err := os.ReadFile(filepath.Join(dir, "HEAD")); err != nil || string(head) != "ref: refs/heads/main\n" {
		t.Errorf("HEAD = %q, %v, want ref: refs/heads/main", head, err)
	}
	// Without DIR, init creates the selected archive.
	other := filepath.Join(c.dir, "selected.git")
	c.ok("--archive", other, "init")
	if _, err := os.Stat(filepath.Join(other, "HEAD")); err != nil {
		t.Errorf("init with --archive %s and no DIR: %v", other, err)
	}
	r := c.run("init", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("init of an existing archive = exit %d, %q, want exit 2 saying it exists", r.code, r.stderr)
	}
}
