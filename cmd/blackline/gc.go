package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) newGCCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "gc",
		Short: "Pack the archive's loose objects and tags (after many adds)",
		Long: `Move every loose object of the archive (each add writes a few) into one packfile, and
every loose tag into packed-refs, as git gc does. Commands reading the archive meanwhile
keep working; writers wait for gc to finish.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			return a.runGC()
		},
	}
}

func (a *app) runGC() error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	res, err := ar.GC()
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "packed %d loose object%s and %d loose tag%s\n", res.Objects, plural(res.Objects), res.Refs, plural(res.Refs))
	return nil
}
