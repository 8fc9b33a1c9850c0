package main

import (
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
