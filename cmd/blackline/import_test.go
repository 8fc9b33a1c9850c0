package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blackline/blackline/repo"
)

// samplesManifest is the embedded samples' manifest, in the import's CSV format.
const samplesManifest = "samples/memos/manifest.csv"

// logLabels returns the labels of a document's versions, oldest first.
func logLabels(t *testing.T, dir, id string) string {
	t.Helper()
	a, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := a.Versions(id)
	if err != nil {
		t.Fatalf("Versions(%q): %v", id, err)
	}
	labels := make([]string, len(vs))
	for i, v := range vs {
		labels[i] = v.Label
	}
	return strings.Join(labels, " ")
}

// gitOut runs git on the archive at dir and returns its output; "" when git is missing.
func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		return ""
	}
	out, err := exec.Command(git, append([]string{"--git-dir", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestImportManifestIsAddOneByOne(t *testing.T) {
	c := newCLI(t)
	imported := c.archive()
	out := c.ok("--archive", imported, "import", samplesManifest)
	if want := "imported 5 versions, skipped 0 (0 already in the archive, 0 unchanged, 0 bad) in 0.00s\n"; out != want {
		t.Errorf("import printed %q, want %q", out, want)
	}
	// The same versions, added one by one in date order with the same clock.
	added := filepath.Join(c.dir, "added.git")
	c.ok("init", added)
	s := "samples/memos/dod/secdef-grachev-1994-01-05/"
	id := "dod/secdef-grachev-1994-01-05"
	for _, args := range [][]string{
		{id, s + "foia-1998.txt", "--label", "foia-1998", "--date", "1998-03-12", "--source", "Office of the Secretary of Defense, FOIA release (illustrative)", "--case", "98-F-0457"},
		{id, s + "mdr-2016.txt", "--label", "mdr-2016", "--date", "2016-06-21", "--source", "William J. Clinton Presidential Library, MDR release (illustrative)", "--case", "2015-0940-M"},
		{id, s + "ocr-2016.txt", "--label", "ocr-2016", "--kind", "transcription", "--date", "2016-07-05", "--source", "OCR of the Clinton Library copy", "--transcribes", "mdr-2016"},
		{id, s + "corrected-2016.txt", "--label", "corrected-2016", "--kind", "transcription", "--date", "2016-08-30", "--source", "Corrected transcription of the Clinton Library copy", "--transcribes", "mdr-2016"},
		{id, s + "nara-2025.txt", "--label", "nara-2025", "--date", "2025-03-18", "--source", "National Archives, re-review release (illustrative)", "--case", "NND 251031"},
	} {
		c.ok(append([]string{"--archive", added, "add"}, args...)...)
	}
	if got, want := mainCommit(t, imported), mainCommit(t, added); got != want {
		t.Errorf("main after import = %s, want %s as after adding one by one", got, want)
	}
	if got, want := c.ok("--archive", imported, "log", id), c.ok("--archive", added, "log", id); got != want {
		t.Errorf("log after import =\n%s\nwant\n%s", got, want)
	}
	if gitOut(t, imported, "show-ref") != gitOut(t, added, "show-ref") {
		t.Errorf("tags after import differ from tags after add:\n%s\n%s", gitOut(t, imported, "show-ref"), gitOut(t, added, "show-ref"))
	}
	gitOut(t, imported, "fsck", "--strict", "--no-dangling")

	// Again: everything is there already.
	out = c.ok("--archive", imported, "import", samplesManifest)
	if want := "imported 0 versions, skipped 5 (5 already in the archive, 0 unchanged, 0 bad) in 0.00s\n"; out != want {
		t.Errorf("import again printed %q, want %q", out, want)
	}
}

func TestImportFolder(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	root := filepath.Join(c.dir, "in")
	for name, text := range map[string]string{
		"in/nsc/memo/v10.txt":        "ten\n",
		"in/nsc/memo/v2.txt":         "two\n",
		"in/nsc/memo/v1.txt":         "one\n",
		"in/nsc/memo/v1.yaml":        "source: NSC files\ncase: F-2001-1\n",
		"in/dod/grachev/mdr.txt":     "CONFIDENTIAL\nearly warning\n",
		"in/dod/grachev/mdr.yaml":    "date: 2016-05-02\n",
		"in/dod/grachev/foia.txt":    "SECRET\n(b)(1)\n",
		"in/dod/grachev/foia.yaml":   "date: \"2005-03-01\"\nkind: release\n",
		"in/dod/grachev/ocr.txt":     "CONFIDENTIAL\nearly waming\n",
		"in/dod/grachev/ocr.yaml":    "kind: transcription\ntranscribes: mdr\n",
		"in/dod/grachev/scan.pdf":    "%PDF",
		"in/.hidden/x/v1.txt":        "not imported\n",
		"in/dod/grachev/.notes.yaml": "junk: true\n",
	} {
		c.file(strings.TrimPrefix(name, ""), text)
	}
	r := c.run("--archive", dir, "import", root)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "imported 6 versions,") {
		t.Fatalf("import folder = exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "ignored 1 file that are neither .txt nor .yaml") {
		t.Errorf("import folder stderr = %q, want the ignored scan mentioned", r.stderr)
	}
	for id, want := range map[string]string{"nsc/memo": "v1 v2 v10", "dod/grachev": "foia mdr ocr"} {
		if got := logLabels(t, dir, id); got != want {
			t.Errorf("versions of %s = %q, want %q", id, got, want)
		}
	}
	v := version(t, dir, "nsc/memo@v1")
	if v.Source != "NSC files" || v.Case != "F-2001-1" || v.Kind != repo.Release {
		t.Errorf("nsc/memo@v1 metadata = %+v", v.Meta)
	}
	v = version(t, dir, "dod/grachev@ocr")
	if v.Kind != repo.Transcription || v.Transcribes != "mdr" || v.Summary == "" {
		t.Errorf("dod/grachev@ocr = %+v, want a transcription of mdr with a summary", v)
	}
	if v := version(t, dir, "dod/grachev@mdr"); v.Date != "2016-05-02" {
		t.Errorf("dod/grachev@mdr date = %q, want 2016-05-02 (an unquoted YAML date)", v.Date)
	}
	if got := c.ok("--archive", dir, "show", "nsc/memo@v2"); got != "two\n" {
		t.Errorf("show nsc/memo@v2 = %q", got)
	}
}

func TestImportLabelConflict(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "nsc/memo", c.file("one.txt", "one\n"), "--label", "v1")
	before := mainCommit(t, dir)
	c.file("in/nsc/memo/v1.txt", "another one\n")
	c.file("in/nsc/memo/v2.txt", "two\n")
	r := c.run("--archive", dir, "import", filepath.Join(c.dir, "in"))
	short := version(t, dir, "nsc/memo@v1").ShortCommit()
	want := "the archive's nsc/memo@v1 (commit " + short + ") has another text than " + filepath.Join(c.dir, "in/nsc/memo/v1.txt")
	if r.code != 2 || !strings.Contains(r.stderr, want) {
		t.Errorf("import over a label with another text = exit %d, %q, want exit 2 naming both: %q", r.code, r.stderr, want)
	}
	if mainCommit(t, dir) != before {
		t.Errorf("a refused import moved main")
	}
}

func TestImportRefusesBadEntries(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "ok/doc", c.file("first.txt", "first\n"), "--label", "v1")
	before := mainCommit(t, dir)
	packs := func() int {
		m, _ := filepath.Glob(filepath.Join(dir, "objects", "pack", "*"))
		return len(m)
	}
	packsBefore := packs()
	small := c.file("small.yaml", "max_bytes: 32\n")
	in := filepath.Join(c.dir, "in")
	c.file("in/ok/doc/v2.txt", "second\n")
	if err := os.MkdirAll(filepath.Join(in, "bad/dir/v1.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(in, "bad/gone"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(in, "nowhere"), filepath.Join(in, "bad/gone/v1.txt")); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct{ file, text, says string }{
		"NUL byte":       {"in/bad/nul/v1.txt", "a\x00b", "bad/nul@v1: not text: NUL byte at byte offset 1"},
		"invalid UTF-8":  {"in/bad/utf8/v1.txt", "fine, then \xfa", "bad/utf8@v1: not text: invalid UTF-8 byte 0xFA at byte offset 11"},
		"invalid ID":     {"in/bad id/v1.txt", "x\n", `invalid document ID "bad id"`},
		"invalid label":  {"in/bad/label/v 1.txt", "x\n", `invalid label "v 1"`},
		"bad date":       {"in/bad/date/v1.txt", "x\n", `invalid date "2016-13-40"`},
		"too large":      {"in/bad/big/v1.txt", strings.Repeat("x", 64), "64 bytes is more than the limit of 32 (config max_bytes)"},
		"unknown key":    {"in/bad/key/v1.txt", "x\n", `field dat not found`},
		"no folder":      {"in/top.txt", "x\n", "a text outside any document folder"},
		"yaml alone":     {"in/bad/lone/v9.yaml", "date: 2001-01-01\n", "metadata without a text"},
		"transcribes":    {"in/bad/tr/ocr.txt", "x\n", "bad/tr has no version labelled mdr"},
		"same label":     {"in/ok/doc/v1.txt", "not first\n", "the archive's ok/doc@v1"},
		"not text kind":  {"in/bad/kind/v1.txt", "x\n", `invalid kind "draft"`},
		"directory":      {"", "", "bad/dir@v1: unreadable: is a directory"},
		"dangling link":  {"", "", "bad/gone@v1: unreadable: no such file or directory"},
		"transcribes me": {"in/bad/rel/v1.txt", "x\n", "only a version of kind transcription"},
	}
	c.file("in/bad/date/v1.yaml", "date: 2016-13-40\n")
	c.file("in/bad/key/v1.yaml", "dat: 2016-01-01\n")
	c.file("in/bad/tr/ocr.yaml", "transcribes: mdr\n")
	c.file("in/bad/kind/v1.yaml", "kind: draft\n")
	c.file("in/bad/rel/v1.yaml", "kind: release\ntranscribes: v0\n")
	for _, tt := range cases {
		if tt.file != "" {
			c.file(tt.file, tt.text)
		}
	}
	r := c.run("--config", small, "--archive", dir, "import", in)
	if r.code != 2 || r.stdout != "" {
		t.Errorf("import with bad entries = exit %d, stdout %q, want exit 2 and nothing on stdout", r.code, r.stdout)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if n := len(lines); n != len(cases)+1 || !strings.Contains(lines[n-1], "import refused: 15 bad entries") {
		t.Errorf("import with bad entries printed %d lines, want one per bad entry (%d) and the refusal:\n%s", n, len(cases), r.stderr)
	}
	for name, tt := range cases {
		if !strings.Contains(r.stderr, tt.says) {
			t.Errorf("%s: stderr does not say %q:\n%s", name, tt.says, r.stderr)
		}
	}
	if mainCommit(t, dir) != before || packs() != packsBefore {
		t.Errorf("a refused import wrote something (main %s, %d files in objects/pack, want %s, %d)", mainCommit(t, dir), packs(), before, packsBefore)
	}

	// --skip-bad imports the one good version and lists the others.
	r = c.run("--config", small, "--archive", dir, "import", in, "--skip-bad")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "imported 1 version, skipped 15 (0 already in the archive, 0 unchanged, 15 bad)") {
		t.Errorf("import --skip-bad = exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	if n := strings.Count(r.stderr, "skipped bad entry: "); n != len(cases) {
		t.Errorf("import --skip-bad listed %d skipped entries, want %d:\n%s", n, len(cases), r.stderr)
	}
	if got := logLabels(t, dir, "ok/doc"); got != "v1 v2" {
		t.Errorf("versions after --skip-bad = %q, want v1 v2", got)
	}
}

func TestImportCSVProblems(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.file("m/a.txt", "a\n")
	manifest := c.file("m/manifest.csv", "id,label,kind,date,source,case,file\n"+
		"nsc/a,v1,,,,,a.txt\n"+
		"nsc/a,v2,,,,\n"+
		"nsc/b,v1,,,,,missing.txt\n"+
		"nsc/a,v1,,,,,a.txt\n")
	r := c.run("--archive", dir, "import", manifest)
	for _, says := range []string{
		manifest + ":3: 6 fields, want 7",
		manifest + ":4: nsc/b@v1: unreadable: no such file or directory",
		manifest + ":5: nsc/a@v1: duplicate label: nsc/a@v1 is given twice in the import, also by " + manifest + ":2",
		manifest + ":2: nsc/a@v1: duplicate label: nsc/a@v1 is given twice in the import",
	} {
		if r.code != 2 || !strings.Contains(r.stderr, says) {
			t.Errorf("import of a manifest with bad rows = exit %d, stderr %q, want it to say %q", r.code, r.stderr, says)
		}
	}
	r = c.run("--archive", dir, "import", c.file("other.csv", "id,label,file\n"))
	if r.code != 2 || !strings.Contains(r.stderr, "not an import folder or manifest") {
		t.Errorf("import of a CSV without the header = exit %d, %q", r.code, r.stderr)
	}
}

func TestGC(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	if out := c.ok("--archive", dir, "gc"); !strings.HasPrefix(out, "packed ") || strings.HasPrefix(out, "packed 0 ") {
		t.Errorf("gc printed %q, want loose objects packed", out)
	}
	if out := c.ok("--archive", dir, "gc"); out != "packed 0 loose objects and 0 loose tags\n" {
		t.Errorf("gc again printed %q", out)
	}
	if got := c.ok("--archive", dir, "show", "dod/grachev@mdr-2016"); got == "" {
		t.Errorf("show after gc is empty")
	}
	gitOut(t, dir, "fsck", "--strict", "--no-dangling")
}
