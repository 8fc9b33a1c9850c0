package repo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing/format/config"
)

// GitUser returns user.name and user.email as git sets them for this archive: the
// repository's own config file wins over the global config files given (for example
// ~/.gitconfig), and among those a later file wins over an earlier one. Files that do not
// exist are skipped; include directives are not followed. Empty strings mean unset.
func (a *Archive) GitUser(globalFiles ...string) (name, email string, err error) {
	files := append(append([]string{}, globalFiles...), filepath.Join(a.commonDir, "config"))
	for _, file := range files {
		n, e, err := readGitUser(file)
		if err != nil {
			return "", "", err
		}
		if n != "" {
			name = n
		}
		if e != "" {
			email = e
		}
	}
	return name, email, nil
}

// readGitUser reads user.name and user.email from one git config file.
func readGitUser(file string) (name, email string, err error) {
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read git config %s: %w", file, pathErr(err))
	}
	defer f.Close()
	cfg := config.New()
	if err := config.NewDecoder(f).Decode(cfg); err != nil {
		return "", "", fmt.Errorf("read git config %s: %w", file, err)
	}
	user := cfg.Section("user")
	return user.Option("name"), user.Option("email"), nil
}
