package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

// gitDiffDriver is the name git knows blackline's diff driver by.
const gitDiffDriver = "blackline"

type gitSetupOptions struct {
	dir     string
	command string
}

func (a *app) newGitSetupCmd() *cobra.Command {
	var o gitSetupOptions
	cmd := &cobra.Command{
		Use:   "git-setup [DIR]",
		Short: "Make git diff use blackline's semantic diff for the documents' texts",
		Long: `Install blackline as git's diff driver for the documents' texts in the repository DIR
(default: the selected archive): the line "text.txt diff=blackline" in the repository's
info/attributes (not a .gitattributes file, which git status would show) and the config
diff.blackline.command = "blackline git-diff". Then git diff shows blackline's semantic
diff of every text.txt, and git log -p --ext-diff and git show --ext-diff do too (git runs
external diff drivers in log and show only with --ext-diff). Running it again changes
nothing.`,
		Args: rangeArgs(0, 1, "at most one directory"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.dir = a.archiveDir()
			if len(args) == 1 {
				o.dir = args[0]
			}
			return a.runGitSetup(o)
		},
	}
	cmd.Flags().StringVar(&o.command, "command", "blackline git-diff", "the command git runs as the driver (blackline must be on git's PATH, else give its full path)")
	return cmd
}

func (a *app) runGitSetup(o gitSetupOptions) error {
	ar, err := repo.Open(o.dir)
	if err != nil {
		return err
	}
	changed, err := ar.SetDiffDriver(repo.DiffDriver{Name: gitDiffDriver, Command: o.command, Pattern: "text.txt"})
	if err != nil {
		return err
	}
	if !changed {
		fmt.Fprintf(a.stdout, "git already uses blackline's diff for text.txt files (diff.%s.command = %s)\n", gitDiffDriver, o.command)
		return nil
	}
	fmt.Fprintf(a.stdout, "git now uses blackline's diff for text.txt files: git diff, git log -p --ext-diff, git show --ext-diff (diff.%s.command = %s)\n", gitDiffDriver, o.command)
	return nil
}
