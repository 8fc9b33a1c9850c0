package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestAddAndShowRoundTrip(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	texts := []struct {
		name, text string
	}{
		{"crlf-bom", "\xef\xbb\xbfSECRET\r\nline two  \r\n(b)(6) ends here"},
		{"plain", "MEMORANDUM FOR THE RECORD\n\nSUBJECT: Meeting with the Minister (U)\n"},
		{"empty", ""},
	}
	for i, tt := range texts {
		out := c.ok("--archive", dir, "add", "dod/grachev", c.file(tt.name+".txt", tt.text), "--label", tt.name)
		v := version(t, dir, "dod/grachev@"+tt.name)
		want := fmt.Sprintf("dod/grachev@%s %s\n", tt.name, v.ShortCommit())
		if v.Summary != "" {
			want += v.Summary + "\n"
		}
		if out != want {
			t.Errorf("add #%d printed %q, want %q", i+1, out, want)
		}
	}
	for _, tt := range texts {
		if got := c.ok("--archive", dir, "show", "dod/grachev@"+tt.name); got != tt.text {
			t.Errorf("show dod/grachev@%s = %q, want %q", tt.name, got, tt.text)
		}
	}
	if got := c.ok("--archive", dir, "show", "dod/grachev~2"); got != texts[0].text {
		t.Errorf("show dod/grachev~2 = %q, want %q", got, texts[0].text)
	}
	v := version(t, dir, "dod/grachev@plain")
	if got := c.ok("--archive", dir, "show", v.Commit[:9]); got != texts[1].text {
		t.Errorf("show %s = %q, want %q", v.Commit[:9], got, texts[1].text)
	}
}

func TestAddFromStandardInput(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	r := c.runInput("from stdin\r\n", "--archive", dir, "add", "nsc/minister", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "nsc/minister@v1 ") {
		t.Fatalf("add from - = exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	if got := c.ok("--archive", dir, "show", "nsc/minister"); got != "from stdin\r\n" {
		t.Errorf("show after add from - = %q, want %q", got, "from stdin\r\n")
	}
}

func TestAddMetadata(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "jfk/104-10004-10143", c.file("r1.txt", "one"), "--label", "nara-2022", "--date", "2022-12-15", "--source", "NARA", "--case", "NW 64937")
	c.ok("--archive", dir, "add", "jfk/104-10004-10143", c.file("o.txt", "one, typed"), "--label", "ocr-1", "--transcribes", "nara-2022")
	c.ok("--archive", dir, "add", "jfk/104-10004-10143", c.file("o2.txt", "one, typed again"), "--kind", "transcription")
	tests := []struct {
		ref  string
		want string
	}{
		{"jfk/104-10004-10143@nara-2022", "{jfk/104-10004-10143 nara-2022 release 2022-12-15 NARA NW 64937 }"},
		{"jfk/104-10004-10143@ocr-1", "{jfk/104-10004-10143 ocr-1 transcription    nara-2022}"},
		{"jfk/104-10004-10143@v3", "{jfk/104-10004-10143 v3 transcription    }"},
	}
	for _, tt := range tests {
		v := version(t, dir, tt.ref)
		if got := fmt.Sprint(v.Meta); got != tt.want {
			t.Errorf("meta of %s = %s, want %s", tt.ref, got, tt.want)
		}
		if v.Author.Name != "Ada Archivist" || !v.Author.When.Equal(testNow) {
			t.Errorf("author of %s = %+v, want Ada Archivist at %s", tt.ref, v.Author, testNow)
		}
	}
}

func TestAddUnchanged(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	text := c.file("memo.txt", "SECRET\n")
	c.ok("--archive", dir, "add", "dod/x", text, "--label", "first")
	before := mainCommit(t, dir)
	v := version(t, dir, "dod/x")
	out := c.ok("--archive", dir, "add", "dod/x", text, "--label", "second")
	if want := fmt.Sprintf("unchanged: dod/x is already at %s (first); nothing added\n", v.ShortCommit()); out != want {
		t.Errorf("add of unchanged text printed %q, want %q", out, want)
	}
	if after := mainCommit(t, dir); after != before {
		t.Errorf("add of unchanged text moved main from %s to %s", before, after)
	}
}

func TestAddPrintsFlagSummary(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "nsc/minister", c.file("r1998.txt", "SECRET\n\n(S) The Minister proposed (b)(1).\n\nPrepared by (b)(6).\n"), "--label", "r1998")
	out := c.ok("--archive", dir, "add", "nsc/minister", c.file("r2008.txt", "SECRET\n\n(S) The Minister proposed a joint early warning center at Kaliningrad.\n\nPrepared by Maj. Anna Kowalski.\n"), "--label", "r2008")
	v := version(t, dir, "nsc/minister@r2008")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || lines[0] != "nsc/minister@r2008 "+v.ShortCommit() || !strings.Contains(lines[1], "redaction 2 (2 lifted)") {
		t.Errorf("add of a release lifting two redactions printed %q, want ID@LABEL, commit and a flag summary", out)
	}
	if v.Summary != lines[1] {
		t.Errorf("the commit's summary is %q, want the printed %q", v.Summary, lines[1])
	}
}
