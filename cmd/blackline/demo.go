package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/samples"
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
Russian Minister of Defense Grachev, and a later release — and show its history. The
archive is removed at the end unless --keep DIR is given.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			return a.runDemo(o)
		},
	}
	cmd.Flags().StringVar(&o.keep, "keep", "", "build the archive in DIR (new or empty) and keep it")
	return cmd
}

func (a *app) runDemo(o demoOptions) (err error) {
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
		v, err := ar.Add(demoRequest(s, a.now()))
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		fmt.Fprintf(a.stdout, "  added %s %s (%s)\n", v.Ref(), v.ShortCommit(), kindText(v))
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
	if o.keep != "" {
		fmt.Fprintf(a.stdout, "\nThe archive is kept in %s: try\n  blackline --archive %s show %s@%s\n  git --git-dir %s log --stat\n",
			dir, dir, versions[0].Document, versions[0].Label, dir)
	} else {
		fmt.Fprintf(a.stdout, "\nThe archive in %s is removed now; keep it with: blackline demo --keep DIR\n", dir)
	}
	return nil
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
