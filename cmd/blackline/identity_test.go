package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIdentity(t *testing.T) {
	tests := []struct {
		name          string
		env           map[string]string // set over an environment without GIT_*
		config        string            // blackline config file, when set
		gitGlobal     string            // ~/.gitconfig, when set
		gitRepo       string            // the archive's git config addition, when set
		author, commi string            // "Name <email>"
	}{
		{
			name:   "git environment",
			env:    map[string]string{"GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "a@env", "GIT_COMMITTER_NAME": "Env Committer", "GIT_COMMITTER_EMAIL": "c@env"},
			config: "author:\n  name: Config Name\n  email: c@config\n",
			author: "Env Author <a@env>", commi: "Env Committer <c@env>",
		},
		{
			name:   "config over git's config",
			config: "author:\n  name: Config Name\n  email: c@config\n", gitGlobal: "[user]\n\tname = Git Name\n\temail = g@git\n",
			author: "Config Name <c@config>", commi: "Config Name <c@config>",
		},
		{
			name:      "global git config",
			gitGlobal: "[user]\n\tname = Git Name\n\temail = g@git\n",
			author:    "Git Name <g@git>", commi: "Git Name <g@git>",
		},
		{
			name:      "repository git config over global",
			gitGlobal: "[user]\n\tname = Git Name\n\temail = g@git\n", gitRepo: "[user]\n\temail = repo@git\n",
			author: "Git Name <repo@git>", commi: "Git Name <repo@git>",
		},
		{
			name:   "author only: the committer is the author",
			env:    map[string]string{"GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "a@env"},
			author: "Env Author <a@env>", commi: "Env Author <a@env>",
		},
		{
			name: "mixed sources per field",
			env:  map[string]string{"GIT_AUTHOR_NAME": "Env Author"}, gitGlobal: "[user]\n\temail = g@git\n",
			author: "Env Author <g@git>", commi: "Env Author <g@git>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCLI(t)
			for k := range c.env {
				if strings.HasPrefix(k, "GIT_") {
					delete(c.env, k)
				}
			}
			for k, v := range tt.env {
				c.env[k] = v
			}
			dir := c.archive()
			args := []string{"--archive", dir}
			if tt.config != "" {
				args = append(args, "--config", c.file("blackline.yaml", tt.config))
			}
			if tt.gitGlobal != "" {
				c.file("home/.gitconfig", tt.gitGlobal)
			}
			if tt.gitRepo != "" {
				f, err := os.OpenFile(filepath.Join(dir, "config"), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString(tt.gitRepo)
				f.Close()
			}
			c.ok(append(args, "add", "d", c.file("t.txt", "text\n"))...)
			v := version(t, dir, "d")
			if got := v.Author.Name + " <" + v.Author.Email + ">"; got != tt.author {
				t.Errorf("author = %q, want %q", got, tt.author)
			}
			if got := v.Committer.Name + " <" + v.Committer.Email + ">"; got != tt.commi {
				t.Errorf("committer = %q, want %q", got, tt.commi)
			}
		})
	}
}

func TestIdentityFromBlacklineEnvironment(t *testing.T) {
	t.Setenv("BLACKLINE_AUTHOR_NAME", "Env Config")
	t.Setenv("BLACKLINE_AUTHOR_EMAIL", "e@config")
	c := newCLI(t)
	c.env = map[string]string{"HOME": c.env["HOME"], "XDG_CONFIG_HOME": c.env["XDG_CONFIG_HOME"]}
	dir := c.archive()
	c.ok("--archive", dir, "add", "d", c.file("t.txt", "text\n"))
	if v := version(t, dir, "d"); v.Author.Name != "Env Config" || v.Author.Email != "e@config" {
		t.Errorf("author = %+v, want Env Config <e@config>", v.Author)
	}
}

func TestNoIdentity(t *testing.T) {
	c := newCLI(t)
	c.env = map[string]string{"HOME": c.env["HOME"], "XDG_CONFIG_HOME": c.env["XDG_CONFIG_HOME"]}
	dir := c.archive()
	r := c.run("--archive", dir, "add", "d", c.file("t.txt", "text\n"))
	for _, setting := range []string{"GIT_AUTHOR_NAME", "author.name", "BLACKLINE_AUTHOR_NAME", "user.name"} {
		if !strings.Contains(r.stderr, setting) {
			t.Errorf("add without an identity: stderr %q does not name %s", r.stderr, setting)
		}
	}
	if r.code != 2 || mainCommit(t, dir) != "" {
		t.Errorf("add without an identity: exit %d, main %q, want exit 2 and no commit", r.code, mainCommit(t, dir))
	}
}
