package samples

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// memos is the embedded folder with the manifest and the texts.
//
//go:embed memos
var memos embed.FS

// manifestPath is the manifest's path inside memos.
const manifestPath = "memos/manifest.csv"

// manifestColumns are the manifest's required columns, in order; a trailing
// "transcribes" column may follow.
var manifestColumns = []string{"id", "label", "kind", "date", "source", "case", "file"}

// ErrManifest reports a manifest that does not have the expected form.
var ErrManifest = errors.New("malformed sample manifest")

// Version is one version of a sample document with the metadata `blackline add` takes.
type Version struct {
	Document    string // document ID, e.g. dod/secdef-grachev-1994-01-05
	Label       string // version label, unique within the document
	Kind        string // "release" or "transcription"
	Date        string // release or transcription date, YYYY-MM-DD
	Source      string // where the version comes from
	Case        string // FOIA or MDR case number, if any
	Transcribes string // for a transcription, the label of the release it transcribes
	Text        []byte // the version's exact text
}

// Versions returns the embedded sample versions in the order to add them to an archive:
// by date, each transcription after the release it transcribes.
func Versions() ([]Version, error) {
	return parse(memos, manifestPath)
}

// parse reads the CSV manifest at name in fsys and the text of every row; a row's file is
// relative to the manifest's folder. Cost: O(total size of manifest and texts).
func parse(fsys fs.FS, name string) ([]Version, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read sample manifest: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read sample manifest %s: %w", name, err)
	}
	if err := checkHeader(header); err != nil {
		return nil, fmt.Errorf("read sample manifest %s: %w", name, err)
	}
	dir := path.Dir(name)
	var versions []Version
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read sample manifest %s: %w", name, err)
		}
		v := Version{
			Document: row[0],
			Label:    row[1],
			Kind:     row[2],
			Date:     row[3],
			Source:   row[4],
			Case:     row[5],
		}
		if len(row) > len(manifestColumns) {
			v.Transcribes = row[len(manifestColumns)]
		}
		file := path.Join(dir, row[6])
		if !fs.ValidPath(file) || (dir != "." && !strings.HasPrefix(file, dir+"/")) {
			return nil, fmt.Errorf("read sample %s@%s: %w: file %q outside the manifest's folder", v.Document, v.Label, ErrManifest, row[6])
		}
		v.Text, err = fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read sample %s@%s: %w", v.Document, v.Label, err)
		}
		versions = append(versions, v)
	}
	if len(versions) == 0 {
		return nil, fmt.Errorf("read sample manifest %s: %w: no versions", name, ErrManifest)
	}
	return versions, nil
}

// checkHeader accepts the manifest's required columns, optionally followed by transcribes.
func checkHeader(header []string) error {
	switch {
	case slices.Equal(header, manifestColumns):
		return nil
	case len(header) == len(manifestColumns)+1 && slices.Equal(header[:len(manifestColumns)], manifestColumns) && header[len(manifestColumns)] == "transcribes":
		return nil
	}
	return fmt.Errorf("%w: header %q, want %q (and optionally transcribes)", ErrManifest, strings.Join(header, ","), strings.Join(manifestColumns, ","))
}
