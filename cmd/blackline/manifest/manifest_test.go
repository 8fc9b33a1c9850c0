package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// write creates files under dir from a map of slash paths to contents.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// describe renders entries as "ID@LABEL kind date source case transcribes file" lines.
func describe(dir string, es []Entry) string {
	var b strings.Builder
	for _, e := range es {
		rel, _ := filepath.Rel(dir, e.File)
		b.WriteString(strings.Join([]string{e.Document + "@" + e.Label, e.Kind, e.Date, e.Source, e.Case, e.Transcribes, filepath.ToSlash(rel)}, "|") + "\n")
	}
	return b.String()
}

func TestReadFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"dod/grachev/foia-1998.txt":  "x",
		"dod/grachev/foia-1998.yaml": "date: 1998-03-12\nsource: OSD\ncase: 98-F-0457\n",
		"dod/grachev/ocr.txt":        "x",
		"dod/grachev/ocr.yml":        "kind: transcription\ntranscribes: foia-1998\n",
		"nsc/a/b/v1.txt":             "x",
		"nsc/a/b/scan.pdf":           "%PDF",
		".git/HEAD":                  "ref: refs/heads/main\n",
		"nsc/.DS_Store":              "",
	})
	c, err := ReadFolder(dir)
	if err != nil || len(c.Problems) != 0 {
		t.Fatalf("ReadFolder = %v, problems %v", err, c.Problems)
	}
	want := "dod/grachev@foia-1998||1998-03-12|OSD|98-F-0457||dod/grachev/foia-1998.txt\n" +
		"dod/grachev@ocr|transcription||||foia-1998|dod/grachev/ocr.txt\n" +
		"nsc/a/b@v1||||||nsc/a/b/v1.txt\n"
	if got := describe(dir, c.Entries); got != want {
		t.Errorf("ReadFolder entries =\n%s\nwant\n%s", got, want)
	}
	if len(c.Ignored) != 1 || !strings.HasSuffix(c.Ignored[0], "scan.pdf") {
		t.Errorf("ReadFolder ignored %q, want the scan", c.Ignored)
	}
}

func TestReadFolderProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		says  string
	}{
		{"text at the top", map[string]string{"v1.txt": "x"}, "outside any document folder"},
		{"yaml alone", map[string]string{"d/v1.yaml": "date: 2001-01-01\n"}, "metadata without a text"},
		{"unknown key", map[string]string{"d/v1.txt": "x", "d/v1.yaml": "label: v2\n"}, "field label not found"},
		{"not a mapping", map[string]string{"d/v1.txt": "x", "d/v1.yaml": "- a\n- b\n"}, "cannot unmarshal"},
		{"two metadata files", map[string]string{"d/v1.txt": "x", "d/v1.yaml": "case: a\n", "d/v1.yml": "case: b\n"}, "a second metadata file for v1.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tt.files)
			c, err := ReadFolder(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Error(), tt.says) {
				t.Errorf("ReadFolder problems = %v, want one saying %q", c.Problems, tt.says)
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"m.csv": "\ufeffid,label,kind,date,source,case,file,transcribes\n" +
			"dod/x,foia,release,1998-03-12,\"OSD, FOIA\",98-F-1,texts/foia.txt,\n" +
			"dod/x,ocr,,,,,/abs/ocr.txt,foia\n" +
			"dod/x,bad\n" +
			"dod/x,nofile,,,,,,\n",
	})
	c, err := ReadCSV(filepath.Join(dir, "m.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "dod/x@foia|release|1998-03-12|OSD, FOIA|98-F-1||texts/foia.txt\n" +
		"dod/x@ocr|||||foia|../../../abs/ocr.txt\n"
	got := describe(dir, c.Entries)
	if strings.Count(got, "\n") != 2 || !strings.HasPrefix(got, strings.Split(want, "\n")[0]) || c.Entries[1].File != "/abs/ocr.txt" {
		t.Errorf("ReadCSV entries =\n%s\nwant\n%s", got, want)
	}
	if c.Entries[0].Origin != filepath.Join(dir, "m.csv")+":2" {
		t.Errorf("origin = %q, want the manifest's line 2", c.Entries[0].Origin)
	}
	if len(c.Problems) != 2 || !strings.Contains(c.Problems[0].Error(), "m.csv:4: 2 fields, want 8") || !strings.Contains(c.Problems[1].Error(), "m.csv:5: no file given") {
		t.Errorf("ReadCSV problems = %v", c.Problems)
	}
	for _, header := range []string{"id,label,file\n", "", "id,label,kind,date,source,case,file,extra\n"} {
		write(t, dir, map[string]string{"h.csv": header})
		if _, err := ReadCSV(filepath.Join(dir, "h.csv")); !errors.Is(err, ErrFormat) {
			t.Errorf("ReadCSV with header %q = %v, want ErrFormat", header, err)
		}
	}
}
