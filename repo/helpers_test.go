package repo

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testTime is the clock of every test commit.
var testTime = time.Date(2024, 3, 1, 12, 0, 0, 0, time.FixedZone("EST", -5*3600))

var testAuthor = Signature{Name: "Ada Archivist", Email: "ada@example.org", When: testTime}

// newArchive creates an empty bare archive in a temporary directory.
func newArchive(t testing.TB) *Archive {
	t.Helper()
	a, err := Init(filepath.Join(t.TempDir(), "archive.git"))
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	return a
}

// mustAdd adds a version and fails the test on error.
func mustAdd(t testing.TB, a *Archive, m Meta, text string) Version {
	t.Helper()
	v, err := a.Add(AddRequest{Meta: m, Text: []byte(text), Author: testAuthor})
	if err != nil {
		t.Fatalf("Add(%q, %q): %v", m.Document, m.Label, err)
	}
	return v
}

// headHash returns main's commit, or "" in an empty archive.
func headHash(t testing.TB, a *Archive) string {
	t.Helper()
	h, ok, err := a.head()
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return ""
	}
	return h.String()
}

// gitCLI runs the git command-line tool with a clean, fixed environment.
type gitCLI struct {
	t    *testing.T
	path string
	env  []string
}

// needGit skips the test when the git CLI is not installed.
func needGit(t *testing.T) *gitCLI {
	t.Helper()
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed: skipping the git CLI compatibility check")
	}
	home := t.TempDir()
	env := append(os.Environ(),
		"HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Git User", "GIT_AUTHOR_EMAIL=git@example.org",
		"GIT_COMMITTER_NAME=Git User", "GIT_COMMITTER_EMAIL=git@example.org",
		"GIT_AUTHOR_DATE=2024-03-02T10:00:00Z", "GIT_COMMITTER_DATE=2024-03-02T10:00:00Z")
	return &gitCLI{t: t, path: gitPath, env: env}
}

// gitIfInstalled returns the git CLI, or nil when it is not installed (for tests that
// check with git what they can, and the rest without).
func gitIfInstalled(t *testing.T) *gitCLI {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		return nil
	}
	return needGit(t)
}

// run runs git in dir and returns its standard output; a failure fails the test.
func (g *gitCLI) run(dir string, args ...string) string {
	g.t.Helper()
	return g.runInput(dir, "", args...)
}

// runInput runs git in dir with input on its standard input.
func (g *gitCLI) runInput(dir, input string, args ...string) string {
	g.t.Helper()
	cmd := exec.Command(g.path, args...)
	cmd.Dir = dir
	cmd.Env = g.env
	cmd.Stdin = strings.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		g.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}
