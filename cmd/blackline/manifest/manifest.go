package manifest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Entry is one version to import, as the folder or the manifest describes it.
type Entry struct {
	Document    string // document ID: the folder's path, or the id column
	Label       string // version label: the text's file name without .txt, or the label column
	Kind        string // release or transcription; "" when not given
	Date        string // release date as given
	Source      string
	Case        string
	Transcribes string // the label of the release a transcription transcribes
	File        string // the text's file
	Origin      string // where the entry was read: the text's file, or "manifest.csv:LINE"
}

// Problem is an entry that could not be read, with where it was and why.
type Problem struct {
	Origin string
	Err    error
}

// Error names where the entry was and why it could not be read.
func (p Problem) Error() string { return p.Origin + ": " + p.Err.Error() }

// Unwrap returns the reason.
func (p Problem) Unwrap() error { return p.Err }

// Contents is what Read found.
type Contents struct {
	Entries  []Entry
	Problems []Problem
	// Ignored lists the files of a folder that are neither .txt nor .yaml (scans, notes):
	// they are not imported.
	Ignored []string
}

// Columns are the CSV manifest's columns, in order; a last column transcribes may follow.
var Columns = []string{"id", "label", "kind", "date", "source", "case", "file"}

// ErrFormat reports a path that is neither a folder nor a CSV manifest with the expected
// header.
var ErrFormat = errors.New("not an import folder or manifest")

// Read reads path: a folder (ReadFolder) or a CSV manifest file (ReadCSV).
func Read(path string) (Contents, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Contents{}, fmt.Errorf("read %s: %w", path, err)
	}
	if st.IsDir() {
		return ReadFolder(path)
	}
	return ReadCSV(path)
}

// meta is the metadata a LABEL.yaml file may give.
type meta struct {
	Kind        string `yaml:"kind"`
	Date        string `yaml:"date"`
	Source      string `yaml:"source"`
	Case        string `yaml:"case"`
	Transcribes string `yaml:"transcribes"`
}

// ReadFolder reads a folder laid out ID/LABEL.txt: each .txt file is a version whose
// document ID is its folder's path below dir (with "/" separators) and whose label is its
// name without .txt; LABEL.yaml beside it gives its metadata (kind, date, source, case,
// transcribes; other keys are problems). Files and folders whose names start with "." are
// skipped. Entries come sorted by path. O(files + size of the YAML files).
func ReadFolder(dir string) (Contents, error) {
	var c Contents
	texts := map[string]bool{}
	var yamls []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			c.Problems = append(c.Problems, Problem{Origin: p, Err: unwrapPath(err)})
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() && filepath.Ext(p) != ".txt" {
			return nil
		}
		switch filepath.Ext(p) {
		case ".txt":
			// A folder named like a text is a text that cannot be read: a bad entry.
			texts[strings.TrimSuffix(p, ".txt")] = true
			if d.IsDir() {
				return filepath.SkipDir
			}
		case ".yaml", ".yml":
			yamls = append(yamls, p)
		default:
			c.Ignored = append(c.Ignored, p)
		}
		return nil
	})
	if err != nil {
		return Contents{}, fmt.Errorf("read %s: %w", dir, err)
	}
	metas := map[string]string{}
	for _, y := range yamls {
		stem := strings.TrimSuffix(y, filepath.Ext(y))
		if !texts[stem] {
			c.Problems = append(c.Problems, Problem{Origin: y, Err: fmt.Errorf("metadata without a text: no %s.txt beside it", filepath.Base(stem))})
			continue
		}
		if other, dup := metas[stem]; dup {
			c.Problems = append(c.Problems, Problem{Origin: y, Err: fmt.Errorf("a second metadata file for %s.txt, besides %s", filepath.Base(stem), other)})
			delete(texts, stem)
			continue
		}
		metas[stem] = y
	}
	stems := make([]string, 0, len(texts))
	for s := range texts {
		stems = append(stems, s)
	}
	slices.Sort(stems)
	for _, stem := range stems {
		file := stem + ".txt"
		rel, err := filepath.Rel(dir, stem)
		if err != nil {
			c.Problems = append(c.Problems, Problem{Origin: file, Err: err})
			continue
		}
		id, label := filepath.ToSlash(filepath.Dir(rel)), filepath.Base(rel)
		if id == "." {
			c.Problems = append(c.Problems, Problem{Origin: file, Err: errors.New("a text outside any document folder: put it at ID/LABEL.txt")})
			continue
		}
		e := Entry{Document: id, Label: label, File: file, Origin: file}
		if y, ok := metas[stem]; ok {
			m, err := readMeta(y)
			if err != nil {
				c.Problems = append(c.Problems, Problem{Origin: y, Err: err})
				continue
			}
			e.Kind, e.Date, e.Source, e.Case, e.Transcribes = m.Kind, m.Date, m.Source, m.Case, m.Transcribes
		}
		c.Entries = append(c.Entries, e)
	}
	return c, nil
}

// readMeta reads a LABEL.yaml file; unknown keys are errors, so a typo is not ignored.
func readMeta(path string) (meta, error) {
	var m meta
	b, err := os.ReadFile(path)
	if err != nil {
		return m, unwrapPath(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return m, fmt.Errorf("metadata: %w (keys: kind, date, source, case, transcribes)", err)
	}
	return m, nil
}

// ReadCSV reads a CSV manifest: a header row with Columns (and optionally transcribes),
// then one row per version; file is relative to the manifest's folder. A row of the wrong
// length is a problem; a missing or different header is an error wrapping ErrFormat.
// Entries come in the manifest's order. O(size of the manifest).
func ReadCSV(path string) (Contents, error) {
	f, err := os.Open(path)
	if err != nil {
		return Contents{}, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return Contents{}, fmt.Errorf("read %s: %w: %w", path, ErrFormat, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	withTranscribes := len(header) == len(Columns)+1 && header[len(Columns)] == "transcribes"
	if len(header) < len(Columns) || !slices.Equal(header[:len(Columns)], Columns) || len(header) > len(Columns) && !withTranscribes {
		return Contents{}, fmt.Errorf("read %s: %w: header %q, want %q (and optionally transcribes)", path, ErrFormat, strings.Join(header, ","), strings.Join(Columns, ","))
	}
	dir := filepath.Dir(path)
	var c Contents
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			c.Problems = append(c.Problems, Problem{Origin: fmt.Sprintf("%s:%d", path, pe.Line), Err: pe.Err})
			continue
		}
		if err != nil {
			return Contents{}, fmt.Errorf("read %s: %w", path, err)
		}
		line, _ := r.FieldPos(0) // only after a row was read: FieldPos panics otherwise
		origin := fmt.Sprintf("%s:%d", path, line)
		if len(row) != len(header) {
			c.Problems = append(c.Problems, Problem{Origin: origin, Err: fmt.Errorf("%d fields, want %d (%s)", len(row), len(header), strings.Join(header, ","))})
			continue
		}
		e := Entry{Document: row[0], Label: row[1], Kind: row[2], Date: row[3], Source: row[4], Case: row[5], Origin: origin}
		if withTranscribes {
			e.Transcribes = row[7]
		}
		switch file := row[6]; {
		case file == "":
			c.Problems = append(c.Problems, Problem{Origin: origin, Err: errors.New("no file given")})
			continue
		case filepath.IsAbs(file):
			e.File = file
		default:
			e.File = filepath.Join(dir, filepath.FromSlash(file))
		}
		c.Entries = append(c.Entries, e)
	}
	return c, nil
}

// unwrapPath drops the operation and path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
