package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/versiontext"
)

type listOptions struct {
	format string
}

func (a *app) newListCmd() *cobra.Command {
	var o listOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the documents with their number of versions and latest version",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			return a.runList(o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	return cmd
}

// documentJSON is a document as list --format json prints it.
type documentJSON struct {
	Document string      `json:"document"`
	Versions int         `json:"versions"`
	Latest   versionJSON `json:"latest"`
}

func (a *app) runList(o listOptions) error {
	if o.format != "text" && o.format != "json" {
		return fmt.Errorf("list: invalid --format %q: want text or json", o.format)
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	docs, err := ar.Documents()
	if err != nil {
		return err
	}
	if o.format == "json" {
		out := make([]documentJSON, len(docs))
		for i, d := range docs {
			out[i] = documentJSON{Document: d.ID, Versions: d.Versions, Latest: newVersionJSON(d.Latest)}
		}
		return writeJSON(a.stdout, out)
	}
	if len(docs) == 0 {
		fmt.Fprintf(a.stderr, "no documents in %s yet; add one with: blackline add ID FILE\n", a.archiveDir())
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOCUMENT\tVERSIONS\tLATEST\tKIND\tDATE\tCOMMIT")
	for _, d := range docs {
		v := d.Latest
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", d.ID, d.Versions, v.Label, versiontext.Kind(v), orDash(v.Date), v.ShortCommit())
	}
	return tw.Flush()
}
