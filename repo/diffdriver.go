package repo

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/config"
)

// DiffDriver is an external diff driver of git: the attributes line "PATTERN diff=NAME"
// picks it for the matching files, and the config key diff.NAME.command names the program
// git runs with the seven arguments of GIT_EXTERNAL_DIFF.
type DiffDriver struct {
	Name    string // "blackline"
	Command string // "blackline git-diff"
	Pattern string // "text.txt": every document's text, at any depth
}

// SetDiffDriver installs d in the repository: the attributes line in info/attributes of
// the git directory (not a .gitattributes file of the worktree, which git status would
// show), and diff.NAME.command in the repository's config. It changes only what is not set
// already, and reports whether it changed anything.
func (a *Archive) SetDiffDriver(d DiffDriver) (changed bool, err error) {
	if p := remoteNameProblem(d.Name); p != "" {
		return false, fmt.Errorf("set diff driver: invalid name %q: %s", d.Name, p)
	}
	if strings.TrimSpace(d.Command) == "" || strings.ContainsAny(d.Command+d.Pattern, "\n\x00") || strings.TrimSpace(d.Pattern) == "" {
		return false, fmt.Errorf("set diff driver %s: empty command or pattern, or a newline in one", d.Name)
	}
	line := d.Pattern + " diff=" + d.Name
	file := filepath.Join(a.commonDir, "info", "attributes")
	old, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("set diff driver %s: %w", d.Name, err)
	}
	hasLine := false
	for _, l := range strings.Split(string(old), "\n") {
		if strings.Join(strings.Fields(l), " ") == line {
			hasLine = true
		}
	}
	if !hasLine {
		text := old
		if len(text) > 0 && !bytes.HasSuffix(text, []byte("\n")) {
			text = append(text, '\n')
		}
		text = append(text, line+"\n"...)
		if err := writeFileAtomic(file, text); err != nil {
			return false, fmt.Errorf("set diff driver %s: %w", d.Name, err)
		}
		changed = true
	}
	cfg, err := a.storer.Config()
	if err != nil {
		return changed, fmt.Errorf("set diff driver %s: %w", d.Name, err)
	}
	if cfg.Raw.Section("diff").Subsection(d.Name).Option("command") != d.Command {
		err := a.updateConfig(func(cfg *config.Config) error {
			cfg.Raw.Section("diff").Subsection(d.Name).SetOption("command", d.Command)
			return nil
		})
		if err != nil {
			return changed, fmt.Errorf("set diff driver %s: %w", d.Name, err)
		}
		changed = true
	}
	return changed, nil
}

// writeFileAtomic writes b into file through a temporary file renamed into place.
func writeFileAtomic(file string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".blackline-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
