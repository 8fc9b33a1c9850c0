package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
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
	// row is a version's line: the columns, then its flag summary when it has one.
	row := func(columns, ref string) string {
		v := version(t, dir, ref)
		line := columns + v.ShortCommit()
		if v.Summary != "" {
			line += "  " + v.Summary
		}
		return line + "\n"
	}
	// The transcription's CER against the release: "early waming" for "early warning" is
	// 2 edits (r→m, n lost) of the 25 characters of "CONFIDENTIAL early waming".
	ocr := strings.TrimSuffix(row("  ocr        transcription of mdr-2016  -           ", "dod/grachev@ocr"), "\n") + " · CER 8.00% vs mdr-2016\n"
	want := "dod/grachev (3 versions)\n" + ocr +
		row("  mdr-2016   release                    2016-05-02  ", "dod/grachev@mdr-2016") +
		row("  foia-2005  release                    2005-03-01  ", "dod/grachev@foia-2005")
	if got := c.ok("--archive", dir, "log", "dod/grachev"); got != want {
		t.Errorf("log dod/grachev =\n%s\nwant\n%s", got, want)
	}
	for ref, summary := range map[string]string{"dod/grachev@mdr-2016": "redaction 1 (1 lifted)", "dod/grachev@ocr": "transcription 1", "dod/grachev@foia-2005": ""} {
		if got := version(t, dir, ref).Summary; !strings.Contains(got, summary) || summary == "" && got != "" {
			t.Errorf("flag summary of %s = %q, want it to say %q", ref, got, summary)
		}
	}
	all := c.ok("--archive", dir, "log")
	wantAll := want + "\ndod/other (1 version)\n" + row("  v1  release  -  ", "dod/other")
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
		Commit: v.Commit, Author: personJSON{Name: "Ada Archivist", Email: "ada@example.org"}, Time: "2024-03-01T12:00:00Z", Summary: v.Summary}
	if mdr != wantMDR {
		t.Errorf("log --format json mdr-2016 = %+v, want %+v", mdr, wantMDR)
	}
	if got[0].CER == nil || *got[0].CER != 0.08 || got[0].CERAgainst != "mdr-2016" || mdr.CER != nil {
		t.Errorf("log --format json cer of ocr = %v against %q, want 0.08 against mdr-2016 (and none for a release)", got[0].CER, got[0].CERAgainst)
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
