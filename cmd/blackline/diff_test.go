package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffCommand(t *testing.T) {
	c := newCLI(t)
	old := c.file("old.txt", "SECRET\n\nPrep: (b)(6) said the c00peration was\ngood.\n")
	new := c.file("new.txt", "CONFIDENTIAL\n\nPrep: Maj. D. N. L. Humpert said the cooperation was good.\n")
	same := c.file("same.txt", "SECRET\n\nPrep: (b)(6) said the c00peration was good.\n")
	bad := c.file("bad.txt", "SECRET\x00")
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  []string // substrings of stdout
		notOut   []string
		wantErr  string // substring of stderr
	}{
		{
			name: "text", args: []string{"diff", old, new}, wantCode: 1,
			wantOut: []string{"redaction 1 (1 lifted) · marking 1 · name 1 · transcription 1", "Redactions: 1",
				"- (b)(6)", "+ Maj. D. N. L. Humpert", "names: D. N. L. Humpert", "downgrade SECRET → CONFIDENTIAL",
				"c00peration  →  cooperation"},
			notOut: []string{"Layout", "\x1b["},
		},
		{name: "all shows layout", args: []string{"diff", "--all", old, new}, wantCode: 1, wantOut: []string{"Layout", "reflowed"}},
		{name: "only", args: []string{"diff", "--only", "name", old, new}, wantCode: 1, wantOut: []string{"names: D. N. L. Humpert"}, notOut: []string{"Classification markings", "Transcription"}},
		{name: "color always", args: []string{"diff", "--color", "always", old, new}, wantCode: 1, wantOut: []string{"\x1b[31m"}},
		{name: "NO_COLOR with always still colors", args: []string{"diff", "--color", "always", old, new}, env: map[string]string{"NO_COLOR": "1"}, wantCode: 1, wantOut: []string{"\x1b["}},
		{name: "layout only is no difference", args: []string{"diff", old, same}, wantCode: 0, wantOut: []string{"no differences", "1 layout change not shown (--all shows it)"}},
		{name: "identical", args: []string{"diff", old, old}, wantCode: 0, wantOut: []string{"no differences"}},
		{name: "json leaves layout out", args: []string{"diff", "--format", "json", old, same}, wantCode: 0, wantOut: []string{`"format": 0`}, notOut: []string{`"reflowed"`}},
		{name: "json --all shows layout", args: []string{"diff", "--format", "json", "--all", old, same}, wantCode: 1, wantOut: []string{`"format": 1`, `"reflowed"`}},
		{name: "json --only format shows layout", args: []string{"diff", "--format", "json", "--only", "format", old, same}, wantCode: 1, wantOut: []string{`"reflowed"`}},
		{name: "stdin", args: []string{"diff", "-", new}, wantCode: 1, wantOut: []string{"old: -"}},
		{name: "bad format", args: []string{"diff", "--format", "xml", old, new}, wantCode: 2, wantErr: `--format "xml" is not text, json or html`},
		{name: "bad category", args: []string{"diff", "--only", "secrets", old, new}, wantCode: 2, wantErr: `unknown category "secrets"`},
		{name: "missing file", args: []string{"diff", old, filepath.Join(c.dir, "nope.txt")}, wantCode: 2, wantErr: "nope.txt"},
		{name: "one file", args: []string{"diff", old}, wantCode: 2, wantErr: "name a second file or version"},
		{name: "not text", args: []string{"diff", old, bad}, wantCode: 2, wantErr: "bad.txt: not text: NUL byte at byte offset 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.name == "stdin" {
				stdin = "SECRET\n\nPrep: (b)(6) said the c00peration was good.\n"
			}
			for k, v := range tt.env {
				c.env[k] = v
			}
			defer func() {
				for k := range tt.env {
					delete(c.env, k)
				}
			}()
			r := c.runInput(stdin, append([]string{"--archive", c.dir}, tt.args...)...)
			code, out, errOut := r.code, r.stdout, r.stderr
			if code != tt.wantCode {
				t.Errorf("blackline %q exit = %d, want %d (stderr %q)", tt.args, code, tt.wantCode, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("blackline %q stdout = %q, want it to contain %q", tt.args, out, w)
				}
			}
			for _, w := range tt.notOut {
				if strings.Contains(out, w) {
					t.Errorf("blackline %q stdout = %q, want no %q", tt.args, out, w)
				}
			}
			if tt.wantErr != "" && (!strings.Contains(errOut, tt.wantErr) || strings.Count(errOut, "\n") != 1 || out != "") {
				t.Errorf("blackline %q stderr = %q stdout = %q, want one line containing %q and no output", tt.args, errOut, out, tt.wantErr)
			}
		})
	}
}

func TestDiffCommandBadPattern(t *testing.T) {
	t.Setenv("BLACKLINE_REDACTION_PATTERNS", "([")
	c := newCLI(t)
	old := c.file("old.txt", "a")
	r := c.run("diff", old, old)
	code, out, errOut := r.code, r.stdout, r.stderr
	if code != 2 || !strings.Contains(errOut, "redaction.patterns") || out != "" {
		t.Errorf("diff with a bad redaction pattern: exit %d, stdout %q, stderr %q; want 2 and an error naming redaction.patterns", code, out, errOut)
	}
}

func TestDiffCommandJSON(t *testing.T) {
	c := newCLI(t)
	old := c.file("old.txt", "Prep: (b)(6) said so.")
	new := c.file("new.txt", "Prep: Maj. D. N. L. Humpert, 307202 said so.")
	r := c.run("diff", "--format", "json", old, new)
	code, out, errOut := r.code, r.stdout, r.stderr
	if code != 1 {
		t.Fatalf("exit = %d, want 1 (stderr %q)", code, errOut)
	}
	var doc struct {
		Old     map[string]string `json:"old"`
		New     map[string]string `json:"new"`
		Summary map[string]int    `json:"summary"`
		Changes []struct {
			Kind       string   `json:"kind"`
			Categories []string `json:"categories"`
			Action     string   `json:"action"`
			Old        struct {
				Start, End, Line int
				Text             string
			} `json:"old"`
			New struct {
				Start, End, Line int
				Text             string
			} `json:"new"`
			Detail map[string]any `json:"detail"`
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if doc.Old["path"] != old || doc.New["path"] != new {
		t.Errorf("old, new = %v, %v, want paths %q, %q", doc.Old, doc.New, old, new)
	}
	wantSummary := map[string]int{"redaction": 1, "marking": 0, "name": 1, "transcription": 0, "text": 0, "format": 0}
	if len(doc.Summary) != len(wantSummary) {
		t.Errorf("summary = %v, want %v", doc.Summary, wantSummary)
	}
	for k, v := range wantSummary {
		if doc.Summary[k] != v {
			t.Errorf("summary[%q] = %d, want %d", k, doc.Summary[k], v)
		}
	}
	if len(doc.Changes) != 1 {
		t.Fatalf("changes = %+v, want one", doc.Changes)
	}
	ch := doc.Changes[0]
	if ch.Kind != "redaction" || ch.Action != "lifted" || strings.Join(ch.Categories, ",") != "redaction,name" ||
		ch.Old.Text != "(b)(6)" || ch.Old.Start != 6 || ch.Old.End != 12 || ch.Old.Line != 1 ||
		ch.New.Text != "Maj. D. N. L. Humpert, 307202" || ch.New.Start != 6 {
		t.Errorf("change = %+v, want the lift of (b)(6) showing Maj. D. N. L. Humpert, 307202", ch)
	}
	if names, _ := ch.Detail["names"].([]any); len(names) != 1 || names[0] != "D. N. L. Humpert" {
		t.Errorf("detail.names = %v, want [D. N. L. Humpert]", ch.Detail["names"])
	}
	if ex, _ := ch.Detail["exemptions_old"].([]any); len(ex) != 1 || ex[0] != "(b)(6)" {
		t.Errorf("detail.exemptions_old = %v, want [(b)(6)]", ch.Detail["exemptions_old"])
	}
}

// TestDiffCommandArchive compares versions named by archive references: two of them, and
// one against its predecessor, with the refs and commits in the JSON output.
func TestDiffCommandArchive(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "dod/grachev", c.file("v1.txt", "SECRET\nMOD Grachev met (b)(6) in Helsinki.\n"), "--label", "foia-1998")
	c.ok("--archive", dir, "add", "dod/grachev", c.file("v2.txt", "CONFIDENTIAL\nMOD Grachev met Mr. Robert Fulton in Helsinki.\n"), "--label", "mdr-2015")

	r := c.run("--archive", dir, "diff", "--format", "json", "dod/grachev")
	if r.code != 1 {
		t.Fatalf("diff dod/grachev: exit %d, stderr %q", r.code, r.stderr)
	}
	var doc struct {
		Old, New map[string]string
		Summary  map[string]int
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	v1, v2 := version(t, dir, "dod/grachev@foia-1998"), version(t, dir, "dod/grachev@mdr-2015")
	if doc.Old["ref"] != "dod/grachev@foia-1998" || doc.Old["commit"] != v1.Commit || doc.New["ref"] != "dod/grachev@mdr-2015" || doc.New["commit"] != v2.Commit {
		t.Errorf("old, new = %v, %v, want the refs and commits of foia-1998 and mdr-2015", doc.Old, doc.New)
	}
	if doc.Summary["redaction"] != 1 || doc.Summary["marking"] != 1 || doc.Summary["name"] != 1 {
		t.Errorf("summary = %v, want one redaction (lifted, showing a name) and one marking", doc.Summary)
	}

	r = c.run("--archive", dir, "diff", "dod/grachev@foia-1998", "dod/grachev@mdr-2015")
	if r.code != 1 || !strings.Contains(r.stdout, "+ Mr. Robert Fulton") || !strings.Contains(r.stdout, "old: dod/grachev@foia-1998 (") {
		t.Errorf("diff of two refs: exit %d, stdout %q", r.code, r.stdout)
	}
	r = c.run("--archive", dir, "diff", "dod/grachev@foia-1998")
	if r.code != 2 || !strings.Contains(r.stderr, "first version") {
		t.Errorf("diff of a first version: exit %d, stderr %q; want 2 and an error saying it is the first version", r.code, r.stderr)
	}
	r = c.run("--archive", dir, "diff", "dod/grachev@nope", "dod/grachev")
	if r.code != 2 || !strings.Contains(r.stderr, "nope") {
		t.Errorf("diff of an unknown label: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestSummarizeChange(t *testing.T) {
	a := &app{getenv: func(string) string { return "" }}
	tests := []struct {
		previous, text, want string
		first                bool
	}{
		{first: true, text: "SECRET", want: ""},
		{previous: "SECRET\nMet (b)(6).", text: "CONFIDENTIAL\nMet Mr. Robert Fulton.", want: "redaction 1 (1 lifted) · marking 1 · name 1"},
		{previous: "same text", text: "same text\n", want: "format only: 1 reflowed"},
	}
	for _, tt := range tests {
		var prev []byte
		if !tt.first {
			prev = []byte(tt.previous)
		}
		got, err := a.summarizeChange([]byte(tt.text))(prev)
		if err != nil || got != tt.want {
			t.Errorf("summarizeChange(%q)(%q) = %q, %v, want %q", tt.text, tt.previous, got, err, tt.want)
		}
	}
}
