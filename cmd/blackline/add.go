package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

type addOptions struct {
	id, file    string
	label       string
	kind        string
	date        string
	source      string
	caseNumber  string
	transcribes string
}

func (a *app) newAddCmd() *cobra.Command {
	var o addOptions
	cmd := &cobra.Command{
		Use:   "add ID FILE|-",
		Short: "Commit a version of a document (a release or a transcription)",
		Long: `Commit the text of FILE (or standard input, with -) as a new version of document ID,
byte for byte. ID is segments of letters, digits, '.', '_' and '-' joined by '/'
(dod/grachev-1994). The version is tagged ID@LABEL; LABEL defaults to v<N>.

--transcribes names the label of the release a transcription transcribes; it must be a
version of the same document already in the archive, and implies --kind transcription.
Text identical to the document's latest version is reported and adds nothing.`,
		Args: exactArgs(2, "ID and FILE (or - for standard input)"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.id, o.file = args[0], args[1]
			return a.runAdd(o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.label, "label", "", "version label, unique within the document (default v<N>)")
	f.StringVar(&o.kind, "kind", "", "release or transcription (default release; transcription with --transcribes)")
	f.StringVar(&o.date, "date", "", "release date, YYYY-MM-DD")
	f.StringVar(&o.source, "source", "", "where the version comes from: archive, agency, URL")
	f.StringVar(&o.caseNumber, "case", "", "FOIA or MDR case number")
	f.StringVar(&o.transcribes, "transcribes", "", "label of the release this transcription transcribes")
	return cmd
}

func (a *app) runAdd(o addOptions) error {
	kind := repo.Kind(o.kind)
	if kind == "" {
		kind = repo.Release
		if o.transcribes != "" {
			kind = repo.Transcription
		}
	}
	meta := repo.Meta{Document: o.id, Label: o.label, Kind: kind, Date: o.date, Source: o.source, Case: o.caseNumber, Transcribes: o.transcribes}
	if err := repo.ValidateMeta(meta); err != nil {
		return fmt.Errorf("add %s: %w", o.id, err)
	}
	text, err := a.readText(o.file)
	if err != nil {
		return fmt.Errorf("add %s: %w", o.id, err)
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	author, committer, err := a.signatures(ar)
	if err != nil {
		return fmt.Errorf("add %s: %w", o.id, err)
	}
	v, err := ar.Add(repo.AddRequest{Meta: meta, Text: text, Author: author, Committer: committer, Summarize: a.summarizeChange(text)})
	var unchanged *repo.UnchangedError
	if errors.As(err, &unchanged) {
		fmt.Fprintf(a.stdout, "%s; nothing added\n", unchanged.Error())
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s %s\n", v.Ref(), v.ShortCommit())
	if v.Summary != "" {
		fmt.Fprintln(a.stdout, v.Summary)
	}
	return nil
}
