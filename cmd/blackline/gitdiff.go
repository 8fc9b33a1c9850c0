package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// gitDiffOptions are the arguments git passes to an external diff driver.
type gitDiffOptions struct {
	path             string
	oldFile, oldHex  string
	newFile, newHex  string
	oldMode, newMode string
	newPath          string // set on a rename (nine arguments)
	unmerged         bool   // git passed the path alone
}

func (a *app) newGitDiffCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
		Short: "Act as git's external diff driver: the semantic diff of a file's two versions",
		Long: `git-diff is run by git as an external diff driver (GIT_EXTERNAL_DIFF or the config
diff.blackline.command that blackline git-setup writes) with seven arguments: the path,
then the old and the new file with their blob hashes and modes (/dev/null for a file that is
added or deleted). It prints a header naming the path and blackline's semantic diff of the
two texts; a file that is not text gets one line saying so. It exits 0 whether or not the
texts differ, as git expects.

  GIT_EXTERNAL_DIFF='blackline git-diff' git log -p --ext-diff`,
		Args: func(cmd *cobra.Command, args []string) error {
			if n := len(args); n != 1 && n != 7 && n != 9 {
				return fmt.Errorf("git-diff: want the 7 arguments git passes to an external diff driver (or 1 for an unmerged path, 9 for a rename), got %d; run it through git: GIT_EXTERNAL_DIFF='blackline git-diff' git log -p --ext-diff", n)
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			o := gitDiffOptions{path: args[0]}
			if len(args) == 1 {
				o.unmerged = true
			} else {
				o.oldFile, o.oldHex, o.oldMode = args[1], args[2], args[3]
				o.newFile, o.newHex, o.newMode = args[4], args[5], args[6]
				if len(args) == 9 {
					o.newPath = args[7]
				}
			}
			return a.runGitDiff(o)
		},
	}
}

func (a *app) runGitDiff(o gitDiffOptions) error {
	if o.unmerged {
		fmt.Fprintf(a.stdout, "* Unmerged path %s\n", o.path)
		return nil
	}
	newPath := o.path
	if o.newPath != "" {
		newPath = o.newPath
	}
	oldName, newName := "a/"+o.path, "b/"+newPath
	fmt.Fprintf(a.stdout, "blackline diff %s %s\n", oldName, newName)
	switch {
	case o.oldFile == os.DevNull:
		fmt.Fprintf(a.stdout, "new file mode %s\n", o.newMode)
		oldName = os.DevNull
	case o.newFile == os.DevNull:
		fmt.Fprintf(a.stdout, "deleted file mode %s\n", o.oldMode)
		newName = os.DevNull
	case o.oldMode != o.newMode:
		fmt.Fprintf(a.stdout, "old mode %s\nnew mode %s\n", o.oldMode, o.newMode)
	}
	fmt.Fprintf(a.stdout, "index %s..%s\n", blobAbbrev(o.oldHex), blobAbbrev(o.newHex))
	old, oldProblem, err := a.readDiffSide(o.oldFile)
	if err != nil {
		return err
	}
	new, newProblem, err := a.readDiffSide(o.newFile)
	if err != nil {
		return err
	}
	if problem := oldProblem + newProblem; problem != "" {
		fmt.Fprintf(a.stdout, "%s and %s not compared: %s\n", oldName, newName, problem)
		return nil
	}
	// A text added or deleted whole has nothing to be compared with.
	switch {
	case o.oldFile == os.DevNull && o.newFile == os.DevNull:
		return nil
	case o.oldFile == os.DevNull:
		fmt.Fprintf(a.stdout, "new text: %s\n", textSize(new))
		return nil
	case o.newFile == os.DevNull:
		fmt.Fprintf(a.stdout, "deleted text: %s\n", textSize(old))
		return nil
	}
	d, err := diff.New(a.diffOptions())
	if err != nil {
		return fmt.Errorf("git-diff: %w", err)
	}
	res, err := d.Diff(old, new)
	if err != nil {
		return fmt.Errorf("git-diff %s: %w", o.path, err)
	}
	shown := res.Filter(nil, false)
	return render.Text(a.stdout, render.Source{Path: oldName}, render.Source{Path: newName}, shown,
		render.TextOptions{Color: a.useColor(a.stdout), HiddenLayout: res.Summary.Format})
}

// blobAbbrev abbreviates a blob hash as git shows it; git passes "." for no blob.
func blobAbbrev(hex string) string {
	if hex == "." || hex == "" {
		return "0000000"
	}
	return shortCommit(hex)
}

// textSize describes a text's size: lines and bytes.
func textSize(b []byte) string {
	lines := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		lines++
	}
	return fmt.Sprintf("%d line%s, %d byte%s", lines, plural(lines), len(b), plural(len(b)))
}

// readDiffSide reads one side of an external diff: the file git wrote (os.DevNull for
// none). problem says why the text cannot be compared (too large, not text), else "".
func (a *app) readDiffSide(file string) (text []byte, problem string, err error) {
	if file == os.DevNull {
		return nil, "", nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, "", fmt.Errorf("git-diff: read %s: %w", file, cleanPathError(err))
	}
	defer f.Close()
	limit := a.cfg.MaxBytes
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, "", fmt.Errorf("git-diff: read %s: %w", file, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Sprintf("more than %d bytes (config max_bytes)", limit), nil
	}
	if err := repo.CheckText(b); err != nil {
		var te *repo.TextError
		if errors.As(err, &te) {
			return nil, "not text (" + te.Reason + ")", nil
		}
		return nil, "not text", nil
	}
	return b, "", nil
}
