package main

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestList(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	want := fmt.Sprintf(`DOCUMENT     VERSIONS  LATEST  KIND                       DATE  COMMIT
dod/grachev  3         ocr     transcription of mdr-2016  -     %s
dod/other    1         v1      release                    -     %s
`, version(t, dir, "dod/grachev").ShortCommit(), version(t, dir, "dod/other").ShortCommit())
	if got := c.ok("--archive", dir, "list"); got != want {
		t.Errorf("list =\n%s\nwant\n%s", got, want)
	}
	var docs []documentJSON
	if err := json.Unmarshal([]byte(c.ok("--archive", dir, "list", "--format", "json")), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Document != "dod/grachev" || docs[0].Versions != 3 || docs[0].Latest.Label != "ocr" {
		t.Errorf("list --format json = %+v", docs)
	}
}

func TestListEmptyArchive(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	r := c.run("--archive", dir, "list")
	if r.code != 0 || r.stdout != "" || r.stderr == "" {
		t.Errorf("list of an empty archive = exit %d, %q, %q, want exit 0, nothing on stdout and a hint", r.code, r.stdout, r.stderr)
	}
}
