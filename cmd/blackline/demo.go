package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/samples"
	"github.com/blackline/blackline/cmd/blackline/versiontext"
	"github.com/blackline/blackline/repo"
)

// demoAuthor is who the demo's versions are written by; demo needs no identity configured.
var demoAuthor = repo.Signature{Name: "blackline demo", Email: "demo@blackline.invalid"}

type demoOptions struct {
	keep string
}

func (a *app) newDemoCmd() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build a temporary archive from the embedded sample memo and show its history",
		Long: `Build a temporary archive from the sample versions embedded in blackline — two
releases and two transcriptions of the 1994 memorandum of the Secretary of Defense's call to
Russian Minister of Defense Grachev, and a later release — then show its history and what
changed between the releases and between the transcriptions. The archive is removed at
the end unless --keep DIR is given.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runDemo(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.keep, "keep", "", "build the archive in DIR (new or empty) and keep it")
	return cmd
}

func (a *app) runDemo(ctx context.Context, o demoOptions) (err error) {
	versions, err := samples.Versions()
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	dir := o.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "blackline-demo-"); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer func() {
			if rerr := os.RemoveAll(dir); rerr != nil && err == nil {
				err = fmt.Errorf("demo: remove %s: %w", dir, rerr)
			}
		}()
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	ar, err := repo.Init(dir)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	// The steps below read the demo archive as any command reads the selected archive.
	a.cfg.Archive = dir
	fmt.Fprintf(a.stdout, "Building an archive in %s from the sample versions of the 1994 SecDef–Grachev memcon:\n\n", dir)
	var ids []string
	for _, s := range versions {
		req := demoRequest(s, a.now())
		req.Summarize = a.summarizeChange(req.Text)
		v, err := ar.Add(req)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		fmt.Fprintf(a.stdout, "  added %s %s (%s)\n", v.Ref(), v.ShortCommit(), versiontext.Kind(v))
		if v.Summary != "" {
			fmt.Fprintf(a.stdout, "    %s\n", v.Summary)
		}
		if len(ids) == 0 || ids[len(ids)-1] != s.Document {
			ids = append(ids, s.Document)
		}
	}
	for _, id := range ids {
		fmt.Fprintf(a.stdout, "\n$ blackline log %s\n", id)
		if err := a.runLog(logOptions{id: id, format: "text"}); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	for _, c := range demoComparisons(versions) {
		fmt.Fprintf(a.stdout, "\n$ blackline diff %s %s\n", c[0], c[1])
		err := a.runDiff(ctx, diffOptions{args: c[:], format: "text"})
		if err != nil && !errors.Is(err, errDifferences) {
			return fmt.Errorf("demo: %w", err)
		}
	}
	if o.keep != "" {
		fmt.Fprintf(a.stdout, "\nThe archive is kept in %s: try\n  blackline --archive %s show %s@%s\n  git --git-dir %s log --stat\n",
			dir, dir, versions[0].Document, versions[0].Label, dir)
	} else {
		fmt.Fprintf(a.stdout, "\nThe archive in %s is removed now; keep it with: blackline demo --keep DIR\n", dir)
	}
	return nil
}

// demoComparisons lists the pairs of versions the demo compares, as references: first each
// release with the document's next release, then each transcription with the next
// transcription of the same release.
func demoComparisons(versions []samples.Version) [][2]string {
	var releases, transcriptions [][2]string
	last := map[string]string{} // document, kind and transcribed release → latest reference
	for _, v := range versions {
		group := v.Document + " " + v.Kind + " " + v.Transcribes
		ref := v.Document + "@" + v.Label
		if prev, ok := last[group]; ok {
			if v.Kind == string(repo.Transcription) {
				transcriptions = append(transcriptions, [2]string{prev, ref})
			} else {
				releases = append(releases, [2]string{prev, ref})
			}
		}
		last[group] = ref
	}
	return append(releases, transcriptions...)
}

// demoRequest turns a sample version into an AddRequest by the demo author, dated at noon
// UTC of the version's date (so the demo's commits are the same on every run), else now.
func demoRequest(s samples.Version, now time.Time) repo.AddRequest {
	when := now
	if d, err := time.Parse(time.DateOnly, s.Date); err == nil {
		when = d.Add(12 * time.Hour)
	}
	author := demoAuthor
	author.When = when
	return repo.AddRequest{
		Meta:   repo.Meta{Document: s.Document, Label: s.Label, Kind: repo.Kind(s.Kind), Date: s.Date, Source: s.Source, Case: s.Case, Transcribes: s.Transcribes},
		Text:   s.Text,
		Author: author,
	}
}
