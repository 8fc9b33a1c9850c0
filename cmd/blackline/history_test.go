package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blackline/blackline/diff"
)

// ministerArchive holds nsc/minister in three releases: a paragraph withheld in 1998 and
// shown later, one whose exemption changes before it is shown, one shown in 2008 and
// withheld again in 2020, and a name lifted in 2008.
func ministerArchive(t *testing.T, c *cli) string {
	t.Helper()
	dir := c.archive()
	head := "SECRET\n\nMEMORANDUM FOR THE RECORD\n\nSUBJECT: Meeting with the Minister (U)\n\n"
	pa := "(S) The Minister proposed a joint early warning center at Kaliningrad."
	pb := "(S) Funding would come from the reserve account of the ministry."
	pc := "(S) The naval exercise will take place in the Baltic in June."
	pn := "Prepared by Maj. Anna Kowalski, extension 4471."
	memo := func(ps ...string) string { return head + strings.Join(ps, "\n\n") + "\n" }
	for _, v := range []struct{ label, text string }{
		{"r1998", memo("(b)(1)", "[REDACTED]", "(b)(1) (b)(3)", "Prepared by (b)(6), extension 4471.")},
		{"r2008", memo(pa, "(b)(1) 1.4(a)", pc, pn)},
		{"r2020", memo(pa, pb, "(b)(1)", pn)},
	} {
		c.ok("--archive", dir, "add", "nsc/minister", c.file(v.label, v.text), "--label", v.label)
	}
	return dir
}

func TestRedactionsCommand(t *testing.T) {
	c := newCLI(t)
	dir := ministerArchive(t, c)
	var l diff.Ledger
	out := c.ok("--archive", dir, "redactions", "nsc/minister", "--format", "json")
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatalf("redactions --format json: %v\n%s", err, out)
	}
	var statuses []string
	for _, r := range l.Redactions {
		statuses = append(statuses, r.Status)
	}
	if got, want := strings.Join(statuses, ","), "lifted,lifted,re-redacted,lifted"; got != want {
		t.Errorf("redactions statuses = %s, want %s", got, want)
	}
	if l.Document != "nsc/minister" || strings.Join(l.Versions, ",") != "r1998,r2008,r2020" {
		t.Errorf("redactions document %q versions %q", l.Document, l.Versions)
	}
	// The JSON keys of the contract.
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	entry := raw["redactions"].([]any)[0].(map[string]any)["history"].([]any)[0].(map[string]any)
	for _, k := range []string{"version", "state", "marker", "exemptions", "text"} {
		if _, ok := entry[k]; !ok {
			t.Errorf("history entry lacks %q: %v", k, entry)
		}
	}
	text := c.ok("--archive", dir, "redactions", "nsc/minister")
	for _, want := range []string{"4 withheld passages across 3 releases", "3 lifted · 1 re-redacted", "[re-redacted]", "[exemptions changed]", "Kaliningrad"} {
		if !strings.Contains(text, want) {
			t.Errorf("redactions text lacks %q:\n%s", want, text)
		}
	}
	if r := c.run("--archive", dir, "redactions", "nsc/minister", "--format", "html"); r.code != 0 || !strings.HasPrefix(r.stdout, "<!DOCTYPE html>") || !strings.Contains(r.stdout, `<span class="status st-re-redacted">`) {
		t.Errorf("redactions --format html = exit %d %q, want exit 0 and the ledger as a page:\n%.500s", r.code, r.stderr, r.stdout)
	}
	if r := c.run("--archive", dir, "blame", "nsc/minister", "--format", "html"); r.code != 2 || !strings.Contains(r.stderr, "not available") {
		t.Errorf("blame --format html = exit %d %q, want exit 2 saying not available", r.code, r.stderr)
	}
	if r := c.run("--archive", dir, "redactions", "nsc/nothing"); r.code != 2 || !strings.Contains(r.stderr, "unknown document") {
		t.Errorf("redactions of an unknown document = exit %d %q", r.code, r.stderr)
	}
}

func TestBlameCommand(t *testing.T) {
	c := newCLI(t)
	dir := ministerArchive(t, c)
	for _, ref := range []string{"nsc/minister", "nsc/minister@r2020", "nsc/minister~0", version(t, dir, "nsc/minister@r2020").Commit[:10]} {
		var b diff.Blame
		out := c.ok("--archive", dir, "blame", ref, "--format", "json")
		if err := json.Unmarshal([]byte(out), &b); err != nil {
			t.Fatalf("blame %s --format json: %v", ref, err)
		}
		since := map[string]string{}
		for _, l := range b.Lines {
			since[l.Text] = l.Since
		}
		for line, want := range map[string]string{
			"MEMORANDUM FOR THE RECORD": "r1998",
			"(S) The Minister proposed a joint early warning center at Kaliningrad.": "r2008",
			"(S) Funding would come from the reserve account of the ministry.":       "r2020",
			"Prepared by Maj. Anna Kowalski, extension 4471.":                        "r2008",
		} {
			if since[line] != want {
				t.Errorf("blame %s: %q since %q, want %q", ref, line, since[line], want)
			}
		}
	}
	text := c.ok("--archive", dir, "blame", "nsc/minister@r2008")
	if !strings.Contains(text, "r1998  1  SECRET\n") || !strings.Contains(text, "r2008  7  (S) The Minister") {
		t.Errorf("blame text =\n%s", text)
	}
	if r := c.run("--archive", dir, "blame", "nsc/minister@r1990"); r.code != 2 || !strings.Contains(r.stderr, "r1990") {
		t.Errorf("blame of an unknown label = exit %d %q", r.code, r.stderr)
	}
}

func TestRevealCommand(t *testing.T) {
	c := newCLI(t)
	dir := ministerArchive(t, c)
	out := c.ok("--archive", dir, "reveal", "nsc/minister", "--versions", "r2008,r2020")
	for _, w := range []string{"early warning center", "reserve account", "naval exercise", "Kowalski"} {
		if !strings.Contains(out, w) {
			t.Errorf("reveal r2008,r2020 lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "(b)(1)") || strings.Contains(out, "REDACTED") {
		t.Errorf("reveal keeps a marker one release showed the text of:\n%s", out)
	}
	var r diff.Reveal
	if err := json.Unmarshal([]byte(c.ok("--archive", dir, "reveal", "nsc/minister", "--format", "json")), &r); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range r.Spans {
		found = found || strings.Contains(s.Text, "naval exercise") && s.Version == "r2008"
	}
	if !found || r.Base != "r2020" || r.Withheld != 0 {
		t.Errorf("reveal json = %+v, want the naval paragraph from r2008 over base r2020, nothing withheld", r)
	}
	annotated := c.ok("--archive", dir, "reveal", "nsc/minister", "--annotate")
	if !strings.Contains(annotated, "⟦r2008: (S) The naval exercise") {
		t.Errorf("reveal --annotate =\n%s", annotated)
	}
	if r := c.run("--archive", dir, "reveal", "nsc/minister", "--versions", "r2008,nope"); r.code != 2 || !strings.Contains(r.stderr, "nope") {
		t.Errorf("reveal of an unknown label = exit %d %q", r.code, r.stderr)
	}
}

// jfkText reads one release of the JFK memo 104-10004-10143 from the corpus, without the
// collection's YAML front matter.
func jfkText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	parts := bytes.SplitN(b, []byte("\n---\n"), 3)
	if len(parts) != 3 {
		t.Fatalf("%s: no front matter", name)
	}
	return string(parts[2])
}

// The real JFK memo's three releases as one document: the 2025 release showed "U.S.
// consular official", which the 2022 release cut without a marker; the 2018 OCR read a
// page stamp "64" as the exemption code "b4".
func TestJFKMemoHistory(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	for _, v := range []struct{ label, file string }{
		{"2018", "jfk_104-10004-10143_2018.txt"},
		{"2022", "jfk_104-10004-10143_2022_c06932208.txt"},
		{"2025", "jfk_104-10004-10143_2025_C06932208.txt"},
	} {
		c.ok("--archive", dir, "add", "jfk/104-10004-10143", c.file(v.label, jfkText(t, v.file)), "--label", v.label)
	}
	var l diff.Ledger
	if err := json.Unmarshal([]byte(c.ok("--archive", dir, "redactions", "jfk/104-10004-10143", "--format", "json")), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Redactions) != 1 || l.Redactions[0].Status != diff.StatusLifted || l.Redactions[0].History[0].Marker != "b4" || l.Redactions[0].History[1].Text != "64" {
		t.Errorf("JFK ledger = %+v, want the OCR's b4 lifted as 64", l.Redactions)
	}
	var b diff.Blame
	if err := json.Unmarshal([]byte(c.ok("--archive", dir, "blame", "jfk/104-10004-10143", "--format", "json")), &b); err != nil {
		t.Fatal(err)
	}
	since := map[string]string{}
	for _, line := range b.Lines {
		since[line.Text] = line.Since
	}
	for line, want := range map[string]string{
		"Mr. Robert Fulton (CIA) was U.S. consular official there at":                        "2025",
		"I. At 0900 this morning I talked with Frank Friberg recently":                       "2022",
		"Helsinki are retained for six months only and then are destroyed.":                  "2018",
		"2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992": "2025",
	} {
		if since[line] != want {
			t.Errorf("JFK blame: %q since %q, want %q", line, since[line], want)
		}
	}
	reveal := c.ok("--archive", dir, "reveal", "jfk/104-10004-10143", "--versions", "2018,2022")
	if !strings.Contains(reveal, "Frank Friberg") || strings.Contains(reveal, "consular official") {
		t.Errorf("JFK reveal of 2018 and 2022 lacks Friberg or shows what only 2025 released")
	}
	all := c.ok("--archive", dir, "reveal", "jfk/104-10004-10143")
	if !strings.Contains(all, "U.S. consular official there at") || strings.Count(all, "Frank Friberg") != 1 {
		t.Errorf("JFK reveal of every release: the 2025 words missing or passages repeated")
	}
}
