package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGitSetup(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	if got := c.ok("--archive", dir, "git-setup"); !strings.HasPrefix(got, "git now uses blackline's diff for text.txt files") {
		t.Errorf("git-setup = %q", got)
	}
	if got := c.ok("git-setup", dir); !strings.HasPrefix(got, "git already uses blackline's diff") {
		t.Errorf("second git-setup = %q, want nothing changed", got)
	}
	attrs, err := os.ReadFile(filepath.Join(dir, "info", "attributes"))
	if err != nil || strings.Count(string(attrs), "text.txt diff=blackline\n") != 1 {
		t.Errorf("info/attributes = %q, %v, want the driver's line once", attrs, err)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "config"))
	if err != nil || !strings.Contains(string(cfg), "[diff \"blackline\"]\n\tcommand = blackline git-diff\n") {
		t.Errorf("config = %q, %v, want diff.blackline.command", cfg, err)
	}
	if got := c.ok("--archive", dir, "git-setup", "--command", "/opt/bin/blackline git-diff"); !strings.HasPrefix(got, "git now uses") {
		t.Errorf("git-setup with another command = %q, want it changed", got)
	}
	if cfg, _ := os.ReadFile(filepath.Join(dir, "config")); strings.Count(string(cfg), "command =") != 1 || !strings.Contains(string(cfg), "/opt/bin/blackline git-diff") {
		t.Errorf("config after a new command = %q, want one command line with it", cfg)
	}
	if got := c.ok("--archive", dir, "list"); !strings.Contains(got, "dod/grachev") {
		t.Errorf("list after git-setup = %q", got)
	}
	r := c.run("git-setup", filepath.Join(c.dir, "nowhere"))
	if r.code != 2 || !strings.Contains(r.stderr, "not an archive") {
		t.Errorf("git-setup outside a repository = exit %d, %q", r.code, r.stderr)
	}
}
