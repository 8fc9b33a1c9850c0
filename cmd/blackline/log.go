package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

type logOptions struct {
	id     string
	format string
}

func (a *app) newLogCmd() *cobra.Command {
	var o logOptions
	cmd := &cobra.Command{
		Use:   "log [ID]",
		Short: "List a document's versions, newest first (all documents without ID)",
		Long: `List the versions of document ID, newest first, with label, kind, release date, short
commit and the flag summary of each change; without ID, every document's. --format json
prints one array of versions (newest first within each document, documents by ID).`,
		Args: rangeArgs(0, 1, "at most one document ID"),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.id = args[0]
			}
			return a.runLog(o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	return cmd
}

func (a *app) runLog(o logOptions) error {
	if o.format != "text" && o.format != "json" {
		return fmt.Errorf("log: invalid --format %q: want text or json", o.format)
	}
	if o.id != "" {
		if err := repo.ValidateID(o.id); err != nil {
			return fmt.Errorf("log: %w", err)
		}
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	var ids []string
	if o.id != "" {
		ids = []string{o.id}
	} else {
		docs, err := ar.Documents()
		if err != nil {
			return err
		}
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
	}
	histories := make([][]repo.Version, len(ids))
	for i, id := range ids {
		if histories[i], err = ar.Versions(id); err != nil {
			return err
		}
	}
	cers, err := a.transcriptionCERs(ar, histories)
	if err != nil {
		return fmt.Errorf("log: %w", err)
	}
	if o.format == "json" {
		out := []versionJSON{}
		for _, vs := range histories {
			for i := len(vs) - 1; i >= 0; i-- {
				vj := newVersionJSON(vs[i])
				if c, ok := cers[vs[i].Commit]; ok {
					vj.CER, vj.CERAgainst = &c.cer, c.against
				}
				out = append(out, vj)
			}
		}
		return writeJSON(a.stdout, out)
	}
	for i, vs := range histories {
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		writeHistory(a.stdout, ids[i], vs, cers)
	}
	return nil
}

// writeHistory prints one document's versions, newest first, in aligned columns.
func writeHistory(w io.Writer, id string, vs []repo.Version, cers map[string]transcriptionCER) {
	fmt.Fprintf(w, "%s (%d version%s)\n", id, len(vs), plural(len(vs)))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s", v.Label, kindText(v), orDash(v.Date), v.ShortCommit())
		summary := strings.ReplaceAll(v.Summary, "\n", "; ")
		if c, ok := cers[v.Commit]; ok {
			summary = strings.TrimPrefix(summary+" · "+c.String(), " · ")
		}
		if summary != "" {
			fmt.Fprintf(tw, "\t%s", summary)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// kindText is a version's kind, with the release a transcription transcribes.
func kindText(v repo.Version) string {
	switch {
	case v.Kind == "":
		return "-"
	case v.Transcribes != "":
		return string(v.Kind) + " of " + v.Transcribes
	}
	return string(v.Kind)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// versionJSON is a version as log --format json and list --format json print it.
type versionJSON struct {
	Document    string     `json:"document"`
	Label       string     `json:"label"`
	Kind        string     `json:"kind,omitempty"`
	Date        string     `json:"date,omitempty"`
	Source      string     `json:"source,omitempty"`
	Case        string     `json:"case,omitempty"`
	Transcribes string     `json:"transcribes,omitempty"`
	Commit      string     `json:"commit"`
	Author      personJSON `json:"author"`
	Time        string     `json:"time"`
	Summary     string     `json:"summary,omitempty"`
	// CER is a transcription's character error rate against CERAgainst, the previous
	// transcription of the same release (or the release itself).
	CER        *float64 `json:"cer,omitempty"`
	CERAgainst string   `json:"cer_against,omitempty"`
}

type personJSON struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

func newVersionJSON(v repo.Version) versionJSON {
	return versionJSON{
		Document: v.Document, Label: v.Label, Kind: string(v.Kind), Date: v.Date,
		Source: v.Source, Case: v.Case, Transcribes: v.Transcribes,
		Commit: v.Commit, Author: personJSON{Name: v.Author.Name, Email: v.Author.Email},
		Time: v.Author.When.Format(time.RFC3339), Summary: v.Summary,
	}
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
