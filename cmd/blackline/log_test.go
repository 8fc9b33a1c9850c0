package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/blackline/blackline/repo"
)

// logArchive holds dod/grachev (two releases, one transcription) and dod/other (one).
func logArchive(t *testing.T, c *cli) string {
	t.Helper()
	dir := c.archive()
	c.ok("--archive", dir, "add", "dod/grachev", c.file("a", "SECRET\n(b)(1)\n"), "--label", "foia-2005", "--date", "2005-03-01")
	c.ok("--archive", dir, "add", "dod/other", c.file("b", "other\n"))
	c.ok("--archive", dir, "add", "dod/grachev", c.file("c", "CONFIDENTIAL\nearly warning\n"), "--label", "mdr-2016", "--date", "2016-05-02", "--case", "2015-0771-M")
	c.ok("--archive", dir, "add", "dod/grachev", c.file("d", "CONFIDENTIAL\nearly waming\n"), "--label", "ocr", "--transcribes", "mdr-2016")
	return dir
}

func TestLogText(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	short := func(ref string) string { return version(t, dir, ref).ShortCommit() }
	want := fmt.Sprintf(`dod/grachev (3 versions)
  ocr        transcription of mdr-2016  -           %s
  mdr-2016   release                    2016-05-02  %s
  foia-2005  release                    2005-03-01  %s
`, short("dod/grachev@ocr"), short("dod/grachev@mdr-2016"), short("dod/grachev@foia-2005"))
	if got := c.ok("--archive", dir, "log", "dod/grachev"); got != want {
		t.Errorf("log dod/grachev =\n%s\nwant\n%s", got, want)
	}
	all := c.ok("--archive", dir, "log")
	wantAll := want + fmt.Sprintf("\ndod/other (1 version)\n  v1  release  -  %s\n", short("dod/other"))
	if all != wantAll {
		t.Errorf("log =\n%s\nwant\n%s", all, wantAll)
	}
}

func TestLogJSON(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	var got []versionJSON
	out := c.ok("--archive", dir, "log", "--format", "json")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("log --format json is not a JSON array of versions: %v\n%s", err, out)
	}
	var labels []string
	for _, v := range got {
		labels = append(labels, v.Document+"@"+v.Label)
	}
	want := []string{"dod/grachev@ocr", "dod/grachev@mdr-2016", "dod/grachev@foia-2005", "dod/other@v1"}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("log --format json versions = %q, want %q", labels, want)
	}
	mdr := got[1]
	v := version(t, dir, "dod/grachev@mdr-2016")
	wantMDR := versionJSON{Document: "dod/grachev", Label: "mdr-2016", Kind: "release", Date: "2016-05-02", Case: "2015-0771-M",
		Commit: v.Commit, Author: personJSON{Name: "Ada Archivist", Email: "ada@example.org"}, Time: "2024-03-01T12:00:00Z"}
	if mdr != wantMDR {
		t.Errorf("log --format json mdr-2016 = %+v, want %+v", mdr, wantMDR)
	}
	if got[0].Transcribes != "mdr-2016" || got[0].Kind != "transcription" {
		t.Errorf("log --format json ocr = %+v, want a transcription of mdr-2016", got[0])
	}
	one := c.ok("--archive", dir, "log", "dod/other", "--format", "json")
	var other []versionJSON
	if err := json.Unmarshal([]byte(one), &other); err != nil || len(other) != 1 || other[0].Label != "v1" {
		t.Errorf("log dod/other --format json = %s, %v", one, err)
	}
}

func TestLogEmptyArchive(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	if got := c.ok("--archive", dir, "log", "--format", "json"); got != "[]\n" {
		t.Errorf("log --format json of an empty archive = %q, want %q", got, "[]\n")
	}
	if got := c.ok("--archive", dir, "log"); got != "" {
		t.Errorf("log of an empty archive = %q, want nothing", got)
	}
}

func TestLogShowsFlagSummary(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	a, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	author := repo.Signature{Name: "A", Email: "a@example.org", When: testNow}
	for _, text := range []string{"SECRET\n(b)(1)\n", "SECRET\nearly warning\n"} {
		summarize := func(previous []byte) (string, error) {
			if previous == nil {
				return "", nil
			}
			return "redaction 1 lifted\nmarking 0", nil
		}
		if _, err := a.Add(repo.AddRequest{Meta: repo.Meta{Document: "d"}, Text: []byte(text), Author: author, Summarize: summarize}); err != nil {
			t.Fatal(err)
		}
	}
	want := fmt.Sprintf("d (2 versions)\n  v2  release  -  %s  redaction 1 lifted; marking 0\n  v1  release  -  %s\n",
		version(t, dir, "d@v2").ShortCommit(), version(t, dir, "d@v1").ShortCommit())
	if got := c.ok("--archive", dir, "log", "d"); got != want {
		t.Errorf("log d =\n%q\nwant\n%q", got, want)
	}
	var vs []versionJSON
	if err := json.Unmarshal([]byte(c.ok("--archive", dir, "log", "d", "--format", "json")), &vs); err != nil || len(vs) != 2 || vs[0].Summary != "redaction 1 lifted\nmarking 0" || vs[1].Summary != "" {
		t.Errorf("log --format json summaries = %+v, %v", vs, err)
	}
}
