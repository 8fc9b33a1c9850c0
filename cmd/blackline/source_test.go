package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReadVersion(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	file := c.file("local.txt", "a file\r\n")
	mdr := version(t, dir, "dod/grachev@mdr-2016")
	tests := []struct {
		arg      string
		text     string
		origin   string // JSON
		document string // "" for a file
	}{
		{file, "a file\r\n", `{"path":"` + file + `"}`, ""},
		{"dod/grachev@mdr-2016", "CONFIDENTIAL\nearly warning\n", `{"ref":"dod/grachev@mdr-2016","commit":"` + mdr.Commit + `"}`, "dod/grachev"},
		{"dod/grachev~1", "CONFIDENTIAL\nearly warning\n", `{"ref":"dod/grachev@mdr-2016","commit":"` + mdr.Commit + `"}`, "dod/grachev"},
		{mdr.Commit[:8], "CONFIDENTIAL\nearly warning\n", `{"ref":"dod/grachev@mdr-2016","commit":"` + mdr.Commit + `"}`, "dod/grachev"},
	}
	for _, tt := range tests {
		a := &app{getenv: func(string) string { return "" }}
		a.cfg.Archive, a.cfg.MaxBytes = dir, 1<<20
		got, err := a.readVersion(tt.arg)
		if err != nil {
			t.Errorf("readVersion(%q): %v", tt.arg, err)
			continue
		}
		origin, _ := json.Marshal(got.Origin)
		if string(got.Text) != tt.text || string(origin) != tt.origin {
			t.Errorf("readVersion(%q) = %q %s, want %q %s", tt.arg, got.Text, origin, tt.text, tt.origin)
		}
		if (got.Version == nil) != (tt.document == "") || got.Version != nil && got.Version.Document != tt.document {
			t.Errorf("readVersion(%q).Version = %+v, want document %q", tt.arg, got.Version, tt.document)
		}
	}
	a := &app{stdin: strings.NewReader("piped\n")}
	a.cfg.Archive, a.cfg.MaxBytes = dir, 1<<20
	if got, err := a.readVersion("-"); err != nil || string(got.Text) != "piped\n" || got.Origin.Path != "-" {
		t.Errorf("readVersion(-) = %+v, %v, want the piped text", got, err)
	}
	for _, bad := range []string{"dod/grachev@none", "no/such", c.file("nul.bin", "\x00")} {
		if _, err := a.readVersion(bad); err == nil {
			t.Errorf("readVersion(%q) = nil error, want a refusal", bad)
		}
	}
}

func TestReadPrevious(t *testing.T) {
	c := newCLI(t)
	dir := logArchive(t, c)
	a := &app{}
	a.cfg.Archive, a.cfg.MaxBytes = dir, 1<<20
	tests := []struct{ arg, want string }{
		{"dod/grachev", "dod/grachev@mdr-2016"},
		{"dod/grachev@mdr-2016", "dod/grachev@foia-2005"},
	}
	for _, tt := range tests {
		got, err := a.readPrevious(tt.arg)
		if err != nil || got.Origin.Ref != tt.want {
			t.Errorf("readPrevious(%q) = %+v, %v, want %s", tt.arg, got.Origin, err, tt.want)
		}
	}
	if _, err := a.readPrevious("dod/grachev@foia-2005"); err == nil || !strings.Contains(err.Error(), "first version") {
		t.Errorf("readPrevious(first version) = %v, want an error saying it is the first", err)
	}
}
