package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

type initOptions struct {
	dir string
}

func (a *app) newInitCmd() *cobra.Command {
	var o initOptions
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create an empty archive (a bare git repository on branch main)",
		Long: `Create an empty archive in DIR (default: the selected archive, else the current
directory): a bare git repository whose HEAD points at main, so that a git clone of it
checks out main. DIR may exist if it is empty.`,
		Args: rangeArgs(0, 1, "at most one directory"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.dir = a.archiveDir()
			if len(args) == 1 {
				o.dir = args[0]
			}
			return a.runInit(o)
		},
	}
}

func (a *app) runInit(o initOptions) error {
	if _, err := repo.Init(o.dir); err != nil {
		return err
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		dir = o.dir
	}
	fmt.Fprintf(a.stdout, "Initialized empty blackline archive in %s\n", dir)
	return nil
}
