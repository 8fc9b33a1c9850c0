package manifest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzReadCSV reads any bytes as a CSV manifest: it is refused as a whole (ErrFormat) or
// read into entries and problems, never more of them than it has rows; every entry names a
// file and where it was read; and the entries written back as a manifest read back the
// same, so no field is cut, merged or unquoted wrongly. Seeds: manifests with quoting,
// a byte-order mark, CRLF, short rows and bare quotes, and the findings under
// testdata/fuzz/FuzzReadCSV.
func FuzzReadCSV(f *testing.F) {
	header := strings.Join(Columns, ",")
	for _, s := range []string{
		header + "\ndod/x,v1,release,1998-03-12,\"NARA, RG 59\",98-F-0457,dod/x/v1.txt\n",
		"\ufeff" + header + ",transcribes\r\ndod/x,ocr,transcription,,\"said \"\"hi\"\"\",,x.txt,v1\r\n",
		header + "\ndod/x,v1\n\"unterminated,v2,release,,,,f.txt\n",
		header + "\na,b,c,d,e,f,\n/abs,v1,,,,,/abs/path.txt\n../x,..,,,,,../../outside.txt\n",
		header + "\na \"b\",v1,,,,,f.txt\n",
		"id,label\n",
		"",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "manifest.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := ReadCSV(path)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("ReadCSV(%q) error = %v, want ErrFormat", data, err)
			}
			return
		}
		if rows := bytes.Count(data, []byte("\n")) + 1; len(c.Entries)+len(c.Problems) > rows {
			t.Fatalf("ReadCSV(%q) = %d entries and %d problems from %d lines", data, len(c.Entries), len(c.Problems), rows)
		}
		for _, e := range c.Entries {
			if e.File == "" || !strings.HasPrefix(e.Origin, path+":") {
				t.Fatalf("ReadCSV(%q): entry %+v has no file or no origin", data, e)
			}
		}
		if slices.ContainsFunc(c.Entries, holdsCR) {
			// encoding/csv reads a quoted "\r\n" as "\n", so a field holding "\r\n" cannot
			// be written back as it was read; such a field holds a control character,
			// which import refuses as a bad entry (repo.ValidateMeta)
			return
		}
		again := filepath.Join(dir, "again.csv")
		if err := os.WriteFile(again, writeManifest(t, c.Entries), 0o644); err != nil {
			t.Fatal(err)
		}
		c2, err := ReadCSV(again)
		if err != nil || len(c2.Problems) > 0 || !slices.EqualFunc(c.Entries, c2.Entries, sameEntry) {
			t.Fatalf("ReadCSV(%q) = %+v; written back and read again: %+v, %v, problems %v", data, c.Entries, c2.Entries, err, c2.Problems)
		}
	})
}

// holdsCR reports whether one of e's fields holds a carriage return.
func holdsCR(e Entry) bool {
	return strings.ContainsRune(e.Document+e.Label+e.Kind+e.Date+e.Source+e.Case+e.Transcribes+e.File, '\r')
}

// writeManifest writes entries as a CSV manifest (with the transcribes column).
func writeManifest(t *testing.T, entries []Entry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append(slices.Clone(Columns), "transcribes"))
	for _, e := range entries { // e.File is absolute: the manifest's folder is
		w.Write([]string{e.Document, e.Label, e.Kind, e.Date, e.Source, e.Case, e.File, e.Transcribes})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameEntry compares two entries but where they were read.
func sameEntry(a, b Entry) bool {
	a.Origin, b.Origin = "", ""
	return a == b
}

// FuzzReadFolderMeta reads a folder holding one text and any bytes as its LABEL.yaml: the
// metadata is read into the entry, or the entry is one problem naming the YAML file —
// never a panic, never both.
func FuzzReadFolderMeta(f *testing.F) {
	for _, s := range []string{
		"kind: transcription\ntranscribes: v1\ndate: 2016-07-05\n",
		"source: \"NARA: RG 59\"\ncase: 98-F-0457\n",
		"kind: [release]\n",
		"knd: release\n",
		"a: &a [*a, *a]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
		"date: 2016-07-05\n---\nkind: release\n",
		"\t- x",
		"",
	} {
		f.Add([]byte(s))
	}
	root := f.TempDir()
	text := filepath.Join(root, "dod", "x", "v2.txt")
	if err := os.MkdirAll(filepath.Dir(text), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(text, []byte("SECRET\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		yamlFile := filepath.Join(root, "dod", "x", "v2.yaml")
		if err := os.WriteFile(yamlFile, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := ReadFolder(root)
		if err != nil {
			t.Fatalf("ReadFolder with %q as metadata: %v", data, err)
		}
		switch {
		case len(c.Entries) == 1 && len(c.Problems) == 0:
			if e := c.Entries[0]; e.Document != "dod/x" || e.Label != "v2" || e.File != text {
				t.Fatalf("ReadFolder with %q as metadata: entry %+v", data, e)
			}
		case len(c.Entries) == 0 && len(c.Problems) == 1:
			if c.Problems[0].Origin != yamlFile {
				t.Fatalf("ReadFolder with %q as metadata: problem %v names %s, want %s", data, c.Problems[0], c.Problems[0].Origin, yamlFile)
			}
		default:
			t.Fatalf("ReadFolder with %q as metadata = %+v, want one entry or one problem", data, c)
		}
	})
}
