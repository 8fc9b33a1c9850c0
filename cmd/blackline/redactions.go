package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
)

type redactionsOptions struct {
	id     string
	format string
}

func (a *app) newRedactionsCmd() *cobra.Command {
	var o redactionsOptions
	cmd := &cobra.Command{
		Use:   "redactions ID",
		Short: "The redaction ledger: each withheld passage followed across a document's releases",
		Long: `redactions follows every passage any release of document ID withheld across the
releases, oldest first, aligned through the differ (not by position): in each release it is
withheld (with its marker, exemption codes and declared extent), released (with the text),
partly released, or absent. Its status sums it up: withheld (still withheld in the latest
release), lifted (released in the latest after being withheld), partly lifted, re-redacted
(withheld again after an earlier release showed it) or removed. A transcription is read in
place of the release it transcribes. Released text that clearly does not fit the extent its
marker declared ("[3 lines not declassified]" released as one word) gets a warning.`,
		Example: `  blackline redactions nsc/minister
  blackline redactions nsc/minister --format json
  blackline redactions nsc/minister --format html > ledger.html`,
		Args: exactArgs(1, "one document ID"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id = args[0]
			return a.runRedactions(o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text, json or html (one self-contained page)")
	return cmd
}

func (a *app) runRedactions(o redactionsOptions) error {
	if err := historyFormat("redactions", o.format, "text", "json", "html"); err != nil {
		return err
	}
	d, err := diff.New(a.diffOptions())
	if err != nil {
		return fmt.Errorf("redactions: %w", err)
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	_, texts, err := documentHistory(ar, o.id)
	if err != nil {
		return fmt.Errorf("redactions: %w", err)
	}
	l, err := d.Ledger(o.id, texts)
	if err != nil {
		return fmt.Errorf("redactions: %w", err)
	}
	switch o.format {
	case "json":
		return writeJSON(a.stdout, l)
	case "html":
		return render.LedgerHTML(a.stdout, render.LedgerInput{Ledger: l, Redactor: d})
	}
	return render.Ledger(a.stdout, l, render.HistoryOptions{Color: a.useColor(a.stdout)})
}
