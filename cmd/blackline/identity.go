package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/blackline/blackline/repo"
)

// signatures returns who writes a version (author) and who commits it (committer), now.
// Each of name and e-mail comes from GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL (GIT_COMMITTER_* for
// the committer), else config author.name/author.email (env BLACKLINE_AUTHOR_NAME/
// BLACKLINE_AUTHOR_EMAIL), else git's user.name/user.email, read from the archive's git
// config and the user's global git config only when needed. A committer field set nowhere
// is the author's.
func (a *app) signatures(ar *repo.Archive) (author, committer repo.Signature, err error) {
	var gitName, gitEmail string
	gitRead := false
	pick := func(env, configured string, fromGit *string) (string, error) {
		if v := strings.TrimSpace(a.getenv(env)); v != "" {
			return v, nil
		}
		if configured != "" {
			return configured, nil
		}
		if !gitRead {
			gitRead = true
			var err error
			if gitName, gitEmail, err = ar.GitUser(a.globalGitConfigFiles()...); err != nil {
				return "", err
			}
		}
		return *fromGit, nil
	}
	now := a.now()
	fill := func(who string) (repo.Signature, error) {
		name, err := pick("GIT_"+who+"_NAME", a.cfg.Author.Name, &gitName)
		if err != nil {
			return repo.Signature{}, err
		}
		email, err := pick("GIT_"+who+"_EMAIL", a.cfg.Author.Email, &gitEmail)
		if err != nil {
			return repo.Signature{}, err
		}
		return repo.Signature{Name: name, Email: email, When: now}, nil
	}
	if author, err = fill("AUTHOR"); err != nil {
		return author, committer, err
	}
	if author.Name == "" || author.Email == "" {
		missing := "name"
		if author.Name != "" {
			missing = "e-mail"
		}
		return author, committer, fmt.Errorf("no author %s: set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, or config author.name and author.email (env BLACKLINE_AUTHOR_NAME, BLACKLINE_AUTHOR_EMAIL), or git's user.name and user.email", missing)
	}
	if committer, err = fill("COMMITTER"); err != nil {
		return author, committer, err
	}
	if committer.Name == "" {
		committer.Name = author.Name
	}
	if committer.Email == "" {
		committer.Email = author.Email
	}
	return author, committer, nil
}

// globalGitConfigFiles lists the user's git config files in the order git reads them
// (later ones win): $XDG_CONFIG_HOME/git/config (else ~/.config/git/config), then
// ~/.gitconfig; or only $GIT_CONFIG_GLOBAL when that is set.
func (a *app) globalGitConfigFiles() []string {
	if f := a.getenv("GIT_CONFIG_GLOBAL"); f != "" {
		return []string{f}
	}
	home := a.getenv("HOME")
	var files []string
	if xdg := a.getenv("XDG_CONFIG_HOME"); xdg != "" {
		files = append(files, filepath.Join(xdg, "git", "config"))
	} else if home != "" {
		files = append(files, filepath.Join(home, ".config", "git", "config"))
	}
	if home != "" {
		files = append(files, filepath.Join(home, ".gitconfig"))
	}
	return files
}
