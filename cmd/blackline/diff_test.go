package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCLI runs one blackline command line in a fresh app with captured output, an empty
// environment (but for env) and a fixed clock, in a temporary directory.
func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		if k == "XDG_CONFIG_HOME" {
			return dir
		}
		return ""
	}
	a := &app{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: getenv,
		now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
	}
	code = a.run(context.Background(), append([]string{"--archive", dir}, args...))
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDiffCommand(t *testing.T) {
	old := writeFile(t, "old.txt", "SECRET\n\nPrep: (b)(6) said the c00peration was\ngood.\n")
	new := writeFile(t, "new.txt", "CONFIDENTIAL\n\nPrep: Maj. D. N. L. Humpert said the cooperation was good.\n")
	same := writeFile(t, "same.txt", "SECRET\n\nPrep: (b)(6) said the c00peration was good.\n")
	bad := writeFile(t, "bad.txt", "SECRET\x00")
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
		{name: "stdin", args: []string{"diff", "-", new}, wantCode: 1, wantOut: []string{"old: -"}},
		{name: "bad format", args: []string{"diff", "--format", "xml", old, new}, wantCode: 2, wantErr: `--format "xml" is not text or json`},
		{name: "bad category", args: []string{"diff", "--only", "secrets", old, new}, wantCode: 2, wantErr: `unknown category "secrets"`},
		{name: "missing file", args: []string{"diff", old, filepath.Join(t.TempDir(), "nope.txt")}, wantCode: 2, wantErr: "nope.txt"},
		{name: "not text", args: []string{"diff", old, bad}, wantCode: 2, wantErr: "new text: NUL byte at byte 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.name == "stdin" {
				stdin = "SECRET\n\nPrep: (b)(6) said the c00peration was good.\n"
			}
			code, out, errOut := runCLI(t, stdin, tt.env, tt.args...)
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
	old := writeFile(t, "old.txt", "a")
	code, out, errOut := runCLI(t, "", nil, "diff", old, old)
	if code != 2 || !strings.Contains(errOut, "redaction.patterns") || out != "" {
		t.Errorf("diff with a bad redaction pattern: exit %d, stdout %q, stderr %q; want 2 and an error naming redaction.patterns", code, out, errOut)
	}
}

func TestDiffCommandJSON(t *testing.T) {
	old := writeFile(t, "old.txt", "Prep: (b)(6) said so.")
	new := writeFile(t, "new.txt", "Prep: Maj. D. N. L. Humpert, 307202 said so.")
	code, out, errOut := runCLI(t, "", nil, "diff", "--format", "json", old, new)
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
	c := doc.Changes[0]
	if c.Kind != "redaction" || c.Action != "lifted" || strings.Join(c.Categories, ",") != "redaction,name" ||
		c.Old.Text != "(b)(6)" || c.Old.Start != 6 || c.Old.End != 12 || c.Old.Line != 1 ||
		c.New.Text != "Maj. D. N. L. Humpert, 307202" || c.New.Start != 6 {
		t.Errorf("change = %+v, want the lift of (b)(6) showing Maj. D. N. L. Humpert, 307202", c)
	}
	if names, _ := c.Detail["names"].([]any); len(names) != 1 || names[0] != "D. N. L. Humpert" {
		t.Errorf("detail.names = %v, want [D. N. L. Humpert]", c.Detail["names"])
	}
	if ex, _ := c.Detail["exemptions_old"].([]any); len(ex) != 1 || ex[0] != "(b)(6)" {
		t.Errorf("detail.exemptions_old = %v, want [(b)(6)]", c.Detail["exemptions_old"])
	}
}
