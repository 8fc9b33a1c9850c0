package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blackline/blackline/repo"
)

// testNow is the clock of every command run by the tests.
var testNow = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// cli runs blackline in-process with a fake environment and clock.
type cli struct {
	t   *testing.T
	dir string            // a scratch directory
	env map[string]string // what getenv sees
}

// result is what one command run produced.
type result struct {
	code           int
	stdout, stderr string
}

// newCLI returns a runner whose author is set by GIT_AUTHOR_*/GIT_COMMITTER_* and whose
// HOME and XDG_CONFIG_HOME are empty scratch directories.
func newCLI(t *testing.T) *cli {
	t.Helper()
	dir := t.TempDir()
	return &cli{t: t, dir: dir, env: map[string]string{
		"HOME":                filepath.Join(dir, "home"),
		"XDG_CONFIG_HOME":     filepath.Join(dir, "xdg"),
		"GIT_AUTHOR_NAME":     "Ada Archivist",
		"GIT_AUTHOR_EMAIL":    "ada@example.org",
		"GIT_COMMITTER_NAME":  "Ada Archivist",
		"GIT_COMMITTER_EMAIL": "ada@example.org",
	}}
}

// run runs one command line with stdin as standard input.
func (c *cli) runInput(stdin string, args ...string) result {
	c.t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(k string) string { return c.env[k] },
		now:    func() time.Time { return testNow },
	}
	code := a.run(context.Background(), args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	return c.runInput("", args...)
}

// ok runs a command that must succeed and returns its standard output.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("blackline %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// file writes a file in the scratch directory and returns its path.
func (c *cli) file(name, content string) string {
	c.t.Helper()
	p := filepath.Join(c.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// archive creates an empty archive and returns its directory.
func (c *cli) archive() string {
	c.t.Helper()
	dir := filepath.Join(c.dir, "archive.git")
	c.ok("init", dir)
	return dir
}

// version resolves ref in the archive at dir.
func version(t *testing.T, dir, ref string) repo.Version {
	t.Helper()
	a, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	v, err := a.Resolve(ref)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", ref, err)
	}
	return v
}

// mainCommit returns the commit main points at in the archive at dir ("" when none).
func mainCommit(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "refs", "heads", "main"))
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
