package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/cmd/blackline/review"
	"github.com/blackline/blackline/diff"
)

// diffOptions are the flags and arguments of blackline diff.
type diffOptions struct {
	args   []string // A [B]
	format string   // text, json or html
	only   string   // comma-separated categories
	all    bool     // include format changes
	stats  bool     // add CER, WER and OCR confusions
}

func (a *app) newDiffCmd() *cobra.Command {
	var opts diffOptions
	cmd := &cobra.Command{
		Use:   "diff A [B]",
		Short: "Show what changed between two versions: redactions, markings, names, OCR fixes, text",
		Long: `diff compares two versions of a memo and reports what changed in the terms that matter
for declassified documents: redactions lifted, added or changed; classification markings
added, removed or changed (with upgrade or downgrade); personal names added, removed or
respelled; OCR slips that read the same words differently; other text inserted, deleted,
replaced or moved. Reflowed lines and end-of-line hyphenation are shown only with --all.

A and B are files or archive references (ID, ID@LABEL, ID~N, a commit). With one archive
reference, that version is compared with the document's previous version.

Exit status: 0 no differences, 1 differences found, 2 error.`,
		Example: `  blackline diff release-1998.txt release-2015.txt
  blackline diff dod/grachev@2005-foia dod/grachev@2015-mdr --only redaction,name
  blackline diff dod/grachev --format json`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			return a.runDiff(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text, json or html (one self-contained page, both versions side by side)")
	cmd.Flags().StringVar(&opts.only, "only", "", "show only these categories, comma-separated (redaction,marking,name,transcription,text,format)")
	cmd.Flags().BoolVar(&opts.all, "all", false, "also show layout changes (reflowed lines, hyphenation, spacing)")
	cmd.Flags().BoolVar(&opts.stats, "stats", false, "add the character and word error rates of A against B and the most frequent OCR confusions")
	return cmd
}

// runDiff reads both sides, compares them and renders the result. It returns
// errDifferences when changes are shown.
func (a *app) runDiff(_ context.Context, opts diffOptions) error {
	if opts.format != "text" && opts.format != "json" && opts.format != "html" {
		return fmt.Errorf("diff: --format %q is not text, json or html", opts.format)
	}
	only, err := diff.ParseCategories(opts.only)
	if err != nil {
		return fmt.Errorf("diff: --only: %w", err)
	}
	dopts := a.diffOptions()
	// Layout is looked for only when it is shown, or counted as hidden by the text output.
	dopts.SkipFormat = !opts.all && !slices.Contains(only, diff.Format) && (opts.format == "json" || len(only) > 0)
	d, err := diff.New(dopts)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	old, new, err := a.diffInputs(opts.args)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	oldSrc, newSrc := source(old.Origin), source(new.Origin)
	res, err := d.Diff(old.Text, new.Text)
	if err != nil {
		return fmt.Errorf("diff %s %s: %w", oldSrc, newSrc, err)
	}
	shown := res.Filter(only, opts.all)
	out := a.stdout
	var buf bytes.Buffer
	if opts.stats && opts.format == "json" {
		out = &buf // the stats join the document
	}
	switch opts.format {
	case "json":
		err = render.JSON(out, oldSrc, newSrc, shown)
	case "html":
		err = render.HTML(a.stdout, render.HTMLInput{Old: oldSrc, New: newSrc, OldText: old.Text, NewText: new.Text, Result: res,
			OldRedactions: d.Redactions(old.Text), NewRedactions: d.Redactions(new.Text), Only: only, All: opts.all})
	default:
		hidden := 0
		if !opts.all && len(only) == 0 {
			hidden = res.Summary.Format
		}
		err = render.Text(out, oldSrc, newSrc, shown, render.TextOptions{Color: a.useColor(a.stdout), HiddenLayout: hidden})
	}
	if err == nil && opts.stats && opts.format != "html" { // the page has no room for them yet
		err = writeStats(a.stdout, opts.format, buf.Bytes(), review.Compare(old.Text, new.Text, res))
	}
	if err != nil {
		return err
	}
	if len(shown.Changes) > 0 {
		return errDifferences
	}
	return nil
}

// diffOptions builds the differ's options from the configuration.
func (a *app) diffOptions() diff.Options {
	return diff.Options{
		RedactionPatterns: a.cfg.Redaction.Patterns,
		MarkingPatterns:   a.cfg.Marking.Patterns,
		KnownNames:        a.cfg.Names.Known,
		IgnoreNames:       a.cfg.Names.Ignore,
	}
}

// diffInputs reads the two sides named on the command line: files ("-" is standard
// input) or archive references; one reference is compared with its previous version.
func (a *app) diffInputs(args []string) (old, new versionText, err error) {
	named := func(arg string, read func(string) (versionText, error)) (versionText, error) {
		v, err := read(arg)
		if err != nil && !strings.Contains(err.Error(), arg) {
			err = fmt.Errorf("%s: %w", arg, err)
		}
		return v, err
	}
	if len(args) == 1 {
		if isFile(args[0]) || args[0] == "-" {
			return old, new, fmt.Errorf("%s is a file: name a second file or version to compare it with", args[0])
		}
		if old, err = named(args[0], a.readPrevious); err != nil {
			return old, new, err
		}
		new, err = named(args[0], a.readVersion)
		return old, new, err
	}
	if old, err = named(args[0], a.readVersion); err != nil {
		return old, new, err
	}
	new, err = named(args[1], a.readVersion)
	return old, new, err
}

// source converts where a text came from for the renderers.
func source(o textOrigin) render.Source {
	return render.Source{Ref: o.Ref, Commit: o.Commit, Path: o.Path}
}

// summarizeChange returns the flag summary of text against the previous version of its
// document ("redaction 2 (2 lifted) · name 1"), for commit messages: the
// repo.AddRequest.Summarize hook. A first version (previous nil) has none.
func (a *app) summarizeChange(text []byte) func(previous []byte) (string, error) {
	return func(previous []byte) (string, error) {
		if previous == nil {
			return "", nil
		}
		d, err := diff.New(a.diffOptions())
		if err != nil {
			return "", err
		}
		res, err := d.Diff(previous, text)
		if err != nil {
			return "", err
		}
		return res.Summary.String(), nil
	}
}
