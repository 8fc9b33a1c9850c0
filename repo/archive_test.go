package repo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestInitCreatesBareArchiveOnMain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a.git")
	a, err := Init(dir)
	if err != nil {
		t.Fatalf("Init(%q): %v", dir, err)
	}
	if !a.Bare() {
		t.Errorf("Init(%q).Bare() = false, want true", dir)
	}
	head, err := os.ReadFile(filepath.Join(dir, "HEAD"))
	if err != nil || string(head) != "ref: refs/heads/main\n" {
		t.Errorf("HEAD = %q, %v, want %q", head, err, "ref: refs/heads/main\n")
	}
	docs, err := a.Documents()
	if err != nil || len(docs) != 0 {
		t.Errorf("Documents() of a new archive = %v, %v, want none", docs, err)
	}
}

func TestInitRefusesExistingContent(t *testing.T) {
	existing := newArchive(t)
	notEmpty := t.TempDir()
	if err := os.WriteFile(filepath.Join(notEmpty, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{existing.gitDir, notEmpty} {
		if _, err := Init(dir); !errors.Is(err, ErrExists) {
			t.Errorf("Init(%q) = %v, want ErrExists", dir, err)
		}
	}
	if entries, _ := os.ReadDir(notEmpty); len(entries) != 1 {
		t.Errorf("Init into a non-empty directory wrote %d entries, want it untouched", len(entries))
	}
	empty := t.TempDir()
	if _, err := Init(empty); err != nil {
		t.Errorf("Init(existing empty dir) = %v, want nil", err)
	}
}

func TestOpenRefusesNonArchives(t *testing.T) {
	plain := t.TempDir()
	file := filepath.Join(plain, "f.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{plain, file, filepath.Join(plain, "missing")} {
		if _, err := Open(dir); !errors.Is(err, ErrNotArchive) {
			t.Errorf("Open(%q) = %v, want ErrNotArchive", dir, err)
		}
	}
}

func TestOpenFindsArchive(t *testing.T) {
	a := newArchive(t)
	mustAdd(t, a, Meta{Document: "d"}, "text\n")
	b, err := Open(a.gitDir)
	if err != nil {
		t.Fatalf("Open(%q): %v", a.gitDir, err)
	}
	if v, err := b.Resolve("d"); err != nil || v.Label != "v1" {
		t.Errorf("Open(%q).Resolve(d) = %+v, %v, want v1", a.gitDir, v, err)
	}
}

func TestGitUser(t *testing.T) {
	a := newArchive(t)
	dir := t.TempDir()
	xdg := filepath.Join(dir, "xdg-config")
	home := filepath.Join(dir, "gitconfig")
	os.WriteFile(xdg, []byte("[user]\n\tname = From XDG\n\temail = xdg@example.org\n"), 0o644)
	os.WriteFile(home, []byte("[user]\n\tname = From Home\n"), 0o644)
	name, email, err := a.GitUser(xdg, home, filepath.Join(dir, "missing"))
	if err != nil || name != "From Home" || email != "xdg@example.org" {
		t.Errorf("GitUser(global files) = %q, %q, %v, want From Home, xdg@example.org", name, email, err)
	}
	cfg := filepath.Join(a.commonDir, "config")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(b, "[user]\n\temail = repo@example.org\n"...), 0o644)
	name, email, err = a.GitUser(xdg, home)
	if err != nil || name != "From Home" || email != "repo@example.org" {
		t.Errorf("GitUser with repository config = %q, %q, %v, want From Home, repo@example.org", name, email, err)
	}
}
