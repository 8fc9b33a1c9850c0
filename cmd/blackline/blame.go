package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
)

type blameOptions struct {
	ref    string
	format string
}

func (a *app) newBlameCmd() *cobra.Command {
	var o blameOptions
	cmd := &cobra.Command{
		Use:   "blame REF",
		Short: "For each line of a version, the earliest release that showed it",
		Long: `blame prints every line of the version REF names (ID, ID@LABEL, ID~N or a commit) after
the label of the earliest release of the document that already showed the line's words.
Words are followed through the alignment of consecutive releases, so re-wrapped lines and
OCR fixes keep their date, and a passage withheld earlier counts from the release that
first showed it. A line is as old as its youngest word.`,
		Example: `  blackline blame nsc/minister
  blackline blame nsc/minister@r2020 --format json`,
		Args: exactArgs(1, "one version reference"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.ref = args[0]
			return a.runBlame(o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	return cmd
}

func (a *app) runBlame(o blameOptions) error {
	if err := historyFormat("blame", o.format, "text", "json"); err != nil {
		return err
	}
	d, err := diff.New(a.diffOptions())
	if err != nil {
		return fmt.Errorf("blame: %w", err)
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	v, _, texts, err := resolveInHistory(ar, o.ref)
	if err != nil {
		return fmt.Errorf("blame: %w", err)
	}
	b, err := d.Blame(v.Document, texts, v.Label)
	if err != nil {
		return fmt.Errorf("blame: %w", err)
	}
	if o.format == "json" {
		return writeJSON(a.stdout, b)
	}
	return render.Blame(a.stdout, b, render.HistoryOptions{Color: a.useColor(a.stdout)})
}
