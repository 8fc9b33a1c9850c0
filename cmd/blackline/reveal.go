package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
)

type revealOptions struct {
	id       string
	versions string
	format   string
	annotate bool
}

func (a *app) newRevealCmd() *cobra.Command {
	var o revealOptions
	cmd := &cobra.Command{
		Use:   "reveal ID",
		Short: "Combine releases that withheld different parts into the fullest text",
		Long: `reveal combines releases of document ID into the fullest text: where any of the chosen
releases shows a passage it is shown, and a marker is kept only where all of them withhold
it. Where releases read shown text differently (OCR), the release read through a corrected
transcription wins, else the latest. Words a release shows inside a passage that the others
cut without a marker are added. --versions chooses releases by label (default: all); the
label of a transcription chooses its release read through it.

The text output is the combined text; --annotate wraps each stretch taken from another
release than the base as ⟦LABEL: text⟧. --format json gives every stretch with the label
of the release it came from.`,
		Example: `  blackline reveal nsc/minister
  blackline reveal nsc/minister --versions r2008,r2020 --annotate
  blackline reveal nsc/minister --format json`,
		Args: exactArgs(1, "one document ID"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return a.runReveal(o)
		},
	}
	cmd.Flags().StringVar(&o.versions, "versions", "", "comma-separated labels of the releases to combine (default: all)")
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&o.annotate, "annotate", false, "mark each stretch taken from another release than the base")
	return cmd
}

func (a *app) runReveal(o revealOptions) error {
	if err := historyFormat("reveal", o.format, "text", "json"); err != nil {
		return err
	}
	var labels []string
	for _, l := range strings.Split(o.versions, ",") {
		if l = strings.TrimSpace(l); l != "" {
			labels = append(labels, l)
		}
	}
	d, err := diff.New(a.diffOptions())
	if err != nil {
		return fmt.Errorf("reveal: %w", err)
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	_, texts, err := documentHistory(ar, o.id)
	if err != nil {
		return fmt.Errorf("reveal: %w", err)
	}
	r, err := d.Reveal(o.id, texts, labels)
	if err != nil {
		return fmt.Errorf("reveal: %w", err)
	}
	if o.format == "json" {
		return writeJSON(a.stdout, r)
	}
	return render.Reveal(a.stdout, r, o.annotate)
}
