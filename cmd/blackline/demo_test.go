package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/blackline/blackline/cmd/blackline/samples"
	"github.com/blackline/blackline/repo"
)

func TestDemo(t *testing.T) {
	c := newCLI(t)
	c.env = map[string]string{} // demo needs no identity
	out := c.ok("demo")
	want, err := samples.Versions()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range want {
		if !strings.Contains(out, "added "+v.Document+"@"+v.Label+" ") {
			t.Errorf("demo output does not show %s@%s added:\n%s", v.Document, v.Label, out)
		}
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(v.Label) + ` +` + v.Kind).MatchString(out) {
			t.Errorf("demo's log has no line for %s (%s):\n%s", v.Label, v.Kind, out)
		}
	}
	d := "dod/secdef-grachev-1994-01-05@"
	for _, pair := range [][2]string{{"foia-1998", "mdr-2016"}, {"mdr-2016", "nara-2025"}, {"ocr-2016", "corrected-2016"}} {
		header := "$ blackline diff " + d + pair[0] + " " + d + pair[1] + "\nold: " + d + pair[0]
		if !strings.Contains(out, header) {
			t.Errorf("demo does not compare %s with %s:\n%s", pair[0], pair[1], out)
		}
	}
	for _, flag := range []string{"Redactions:", "lifted", "Classification markings:", "Transcription fixes", "con rmed  →  confirmed"} {
		if !strings.Contains(out, flag) {
			t.Errorf("demo's comparisons do not show %q", flag)
		}
	}
	if !regexp.MustCompile(`(?m)^  mdr-2016 .*redaction \d+ \(\d+ lifted`).MatchString(out) {
		t.Errorf("demo's log shows no flag summary for mdr-2016:\n%s", out)
	}
	m := regexp.MustCompile(`The archive in (\S+) is removed`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("demo does not say where its archive was:\n%s", out)
	}
	if _, err := os.Stat(m[1]); !os.IsNotExist(err) {
		t.Errorf("demo left its archive %s behind (%v)", m[1], err)
	}
}

func TestDemoKeep(t *testing.T) {
	c := newCLI(t)
	c.env = map[string]string{}
	dir := filepath.Join(c.dir, "kept")
	out := c.ok("demo", "--keep", dir)
	if !strings.Contains(out, "The archive is kept in "+dir) {
		t.Errorf("demo --keep does not say where the archive is:\n%s", out)
	}
	a, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := samples.Versions()
	for _, s := range want {
		v, err := a.Resolve(s.Document + "@" + s.Label)
		if err != nil {
			t.Errorf("Resolve(%s@%s) in the kept archive: %v", s.Document, s.Label, err)
			continue
		}
		if text, err := a.Text(v); err != nil || string(text) != string(s.Text) {
			t.Errorf("Text(%s) in the kept archive differs from the sample (%v)", v.Ref(), err)
		}
		if v.Kind != repo.Kind(s.Kind) || v.Date != s.Date || v.Transcribes != s.Transcribes || v.Author.Name != "blackline demo" {
			t.Errorf("%s in the kept archive = %+v, want the sample's metadata by the demo author", v.Ref(), v)
		}
	}
	r := c.run("demo", "--keep", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("demo --keep into an existing archive = exit %d, %q, want a refusal", r.code, r.stderr)
	}
}

func TestDemoComparisons(t *testing.T) {
	vs := []samples.Version{
		{Document: "d", Label: "r1", Kind: "release"},
		{Document: "d", Label: "r2", Kind: "release"},
		{Document: "d", Label: "ocr", Kind: "transcription", Transcribes: "r2"},
		{Document: "e", Label: "e1", Kind: "release"},
		{Document: "d", Label: "fixed", Kind: "transcription", Transcribes: "r2"},
		{Document: "d", Label: "t1", Kind: "transcription", Transcribes: "r1"},
		{Document: "d", Label: "r3", Kind: "release"},
		{Document: "e", Label: "e2", Kind: "release"},
	}
	got := fmt.Sprint(demoComparisons(vs))
	want := "[[d@r1 d@r2] [d@r2 d@r3] [e@e1 e@e2] [d@ocr d@fixed]]"
	if got != want {
		t.Errorf("demoComparisons = %s, want %s", got, want)
	}
}
