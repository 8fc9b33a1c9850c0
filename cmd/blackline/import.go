package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/manifest"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

type importOptions struct {
	path      string
	skipBad   bool
	batchSize int
}

func (a *app) newImportCmd() *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import PATH",
		Short: "Commit many versions at once, from a folder or a CSV manifest",
		Long: `Import every version found at PATH: a folder laid out ID/LABEL.txt (each text with
optional metadata in ID/LABEL.yaml beside it: kind, date, source, case, transcribes), or a
CSV manifest with the columns id,label,kind,date,source,case,file[,transcribes], its files
relative to the manifest.

Each version becomes one commit and one tag ID@LABEL, exactly as add would make them, with
the flag summary against the document's previous version. A document's versions are
committed in date order (undated ones last), then in natural label order (v2 before v10),
a transcription after the release it transcribes.

Import is idempotent and resumable: versions already in the archive (same document, label
and text) are skipped, so running it again after an interruption completes it. A label the
archive holds with another text is refused. Bad entries (unreadable file, invalid ID or
label, NUL bytes, invalid UTF-8, bad date, over max_bytes, …) refuse the whole import
before anything is written, each listed on standard error; --skip-bad imports the others
and lists what it skipped.`,
		Example: `  blackline import releases/
  blackline import manifest.csv --skip-bad`,
		Args: exactArgs(1, "a folder or a CSV manifest"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.path = args[0]
			return a.runImport(o)
		},
	}
	cmd.Flags().BoolVar(&o.skipBad, "skip-bad", false, "import the good versions and list the bad ones, instead of refusing the whole import")
	cmd.Flags().IntVar(&o.batchSize, "batch-size", 0, "versions per packfile and per move of main (default 500)")
	cmd.Flags().MarkHidden("batch-size")
	return cmd
}

func (a *app) runImport(o importOptions) error {
	start := a.now()
	contents, err := manifest.Read(o.path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	author, committer, err := a.signatures(ar)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	versions := make([]repo.ImportVersion, len(contents.Entries))
	for i, e := range contents.Entries {
		versions[i] = a.importVersion(e)
	}
	plan, err := ar.PlanImport(versions, 0)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	bad := make([]error, 0, len(contents.Problems)+len(plan.Problems))
	for _, p := range contents.Problems {
		bad = append(bad, p)
	}
	for _, p := range plan.Problems {
		bad = append(bad, p)
	}
	if err := a.reportBad(bad, o.skipBad); err != nil {
		return err
	}
	d, err := diff.New(a.diffOptions())
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	opts := repo.ImportOptions{Author: author, Committer: committer, SkipBad: o.skipBad, Summarize: summarizeWith(d), BatchSize: o.batchSize}
	if isTerminal(a.stderr) && plan.Add > 0 {
		bar := progressbar.NewOptions(plan.Add,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("importing"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
		opts.Progress = func(done, _ int) { bar.Set(done) }
		defer bar.Exit()
	}
	res, err := ar.Import(plan, opts)
	var refused *repo.ImportError
	if errors.As(err, &refused) {
		// The archive changed between planning and writing.
		bad = bad[:len(contents.Problems)]
		for _, p := range refused.Problems {
			bad = append(bad, p)
		}
		return a.reportBad(bad, false)
	}
	for _, p := range res.Skipped {
		if !containsProblem(plan.Problems, p) {
			fmt.Fprintf(a.stderr, "skipped bad entry: %s\n", p.Error())
		}
	}
	for _, p := range res.Unchanged {
		fmt.Fprintf(a.stderr, "skipped: %s\n", p.Error())
	}
	if err != nil {
		return err
	}
	skipped := res.Present + len(res.Unchanged) + len(res.Skipped) + len(contents.Problems)
	fmt.Fprintf(a.stdout, "imported %d version%s, skipped %d (%d already in the archive, %d unchanged, %d bad) in %s\n",
		res.Added, plural(res.Added), skipped, res.Present, len(res.Unchanged), len(res.Skipped)+len(contents.Problems), elapsed(a.now().Sub(start)))
	if len(contents.Ignored) > 0 {
		fmt.Fprintf(a.stderr, "ignored %d file%s that are neither .txt nor .yaml (first: %s)\n", len(contents.Ignored), plural(len(contents.Ignored)), contents.Ignored[0])
	}
	return nil
}

// reportBad lists bad entries on stderr, one line each. Without skipBad, any of them
// refuses the import: the error says nothing was written.
func (a *app) reportBad(bad []error, skipBad bool) error {
	if len(bad) == 0 {
		return nil
	}
	prefix := "bad entry: "
	if skipBad {
		prefix = "skipped bad entry: "
	}
	for _, b := range bad {
		fmt.Fprintln(a.stderr, prefix+oneLine(b.Error()))
	}
	if skipBad {
		return nil
	}
	return fmt.Errorf("import refused: %d bad entr%s (listed above), nothing written; fix them, or import the others with --skip-bad", len(bad), map[bool]string{true: "y", false: "ies"}[len(bad) == 1])
}

// containsProblem reports whether p is one of ps (the same version and reason).
func containsProblem(ps []repo.ImportProblem, p repo.ImportProblem) bool {
	for _, q := range ps {
		if q.Error() == p.Error() {
			return true
		}
	}
	return false
}

// importVersion turns a manifest entry into a version to import: its text is read from
// its file on demand, within max_bytes. A transcription's kind may be left out, as with add.
func (a *app) importVersion(e manifest.Entry) repo.ImportVersion {
	kind := repo.Kind(e.Kind)
	if kind == "" && e.Transcribes != "" {
		kind = repo.Transcription
	}
	file, limit := e.File, a.cfg.MaxBytes
	return repo.ImportVersion{
		Meta:   repo.Meta{Document: e.Document, Label: e.Label, Kind: kind, Date: e.Date, Source: e.Source, Case: e.Case, Transcribes: e.Transcribes},
		Origin: e.Origin,
		Load:   func() ([]byte, error) { return readFileLimited(file, limit) },
	}
}

// readFileLimited reads a file of at most limit bytes; its errors do not repeat the path.
func readFileLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", cleanPathError(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", cleanPathError(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("unreadable: is a directory")
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%d bytes is more than the limit of %d (config max_bytes)", st.Size(), limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", cleanPathError(err))
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("more than the limit of %d bytes (config max_bytes)", limit)
	}
	return b, nil
}

// summarizeWith returns the import's summary function: the flag summary of the change, as
// add writes it, from one differ shared by the workers (a Differ is safe for concurrent
// use).
func summarizeWith(d *diff.Differ) func(previous, text []byte) (string, error) {
	return func(previous, text []byte) (string, error) {
		if previous == nil {
			return "", nil
		}
		res, err := d.Diff(previous, text)
		if err != nil {
			return "", err
		}
		return res.Summary.String(), nil
	}
}

// elapsed formats a duration for the final line: seconds with two decimals.
func elapsed(d time.Duration) string {
	return fmt.Sprintf("%.2fs", d.Seconds())
}
