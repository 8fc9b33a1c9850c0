package repo

import (
	"errors"
	"strings"
	"testing"
)

// sampleArchive holds two documents with interleaved versions:
//
//	dod/grachev: foia-2005, mdr-2016, ocr (transcription of mdr-2016)
//	dod/other:   v1, v2
func sampleArchive(t *testing.T) (*Archive, map[string]Version) {
	t.Helper()
	a := newArchive(t)
	vs := map[string]Version{}
	for _, step := range []struct {
		meta Meta
		text string
	}{
		{Meta{Document: "dod/grachev", Label: "foia-2005", Date: "2005-03-01"}, "SECRET\n(b)(1)\n"},
		{Meta{Document: "dod/other"}, "other one\n"},
		{Meta{Document: "dod/grachev", Label: "mdr-2016", Date: "2016-05-02"}, "CONFIDENTIAL\nearly warning\n"},
		{Meta{Document: "dod/other"}, "other two\n"},
		{Meta{Document: "dod/grachev", Label: "ocr", Kind: Transcription, Transcribes: "mdr-2016"}, "CONFIDENTIAL\nearly waming\n"},
	} {
		v := mustAdd(t, a, step.meta, step.text)
		vs[v.Ref()] = v
	}
	return a, vs
}

func labels(vs []Version) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Label
	}
	return strings.Join(out, " ")
}

func TestVersions(t *testing.T) {
	a, added := sampleArchive(t)
	tests := []struct {
		id   string
		want string
	}{
		{"dod/grachev", "foia-2005 mdr-2016 ocr"},
		{"dod/other", "v1 v2"},
	}
	for _, tt := range tests {
		vs, err := a.Versions(tt.id)
		if err != nil || labels(vs) != tt.want {
			t.Errorf("Versions(%q) = %q, %v, want %q", tt.id, labels(vs), err, tt.want)
		}
		for _, v := range vs {
			if want := added[v.Ref()]; v.Meta != want.Meta || v.Commit != want.Commit {
				t.Errorf("Versions(%q) has %+v, want %+v", tt.id, v, want)
			}
		}
	}
	for _, id := range []string{"dod", "dod/none", "dod/grachev/text.txt"} {
		if _, err := a.Versions(id); !errors.Is(err, ErrUnknownDocument) {
			t.Errorf("Versions(%q) = %v, want ErrUnknownDocument", id, err)
		}
	}
	if _, err := a.Versions("../x"); !errors.Is(err, ErrInvalidID) {
		t.Errorf("Versions(%q) = %v, want ErrInvalidID", "../x", err)
	}
	if _, err := newArchive(t).Versions("d"); !errors.Is(err, ErrUnknownDocument) {
		t.Errorf("Versions in an empty archive = %v, want ErrUnknownDocument", err)
	}
}

func TestDocuments(t *testing.T) {
	a, _ := sampleArchive(t)
	docs, err := a.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.ID+":"+string(rune('0'+d.Versions))+":"+d.Latest.Label)
	}
	want := "dod/grachev:3:ocr dod/other:2:v2"
	if strings.Join(got, " ") != want {
		t.Errorf("Documents() = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestResolve(t *testing.T) {
	a, added := sampleArchive(t)
	ocr := added["dod/grachev@ocr"]
	foia := added["dod/grachev@foia-2005"]
	tests := []struct {
		ref  string
		want string // ID@LABEL
	}{
		{"dod/grachev", "dod/grachev@ocr"},
		{"dod/grachev@mdr-2016", "dod/grachev@mdr-2016"},
		{"dod/grachev~0", "dod/grachev@ocr"},
		{"dod/grachev~", "dod/grachev@mdr-2016"},
		{"dod/grachev~2", "dod/grachev@foia-2005"},
		{"dod/other~1", "dod/other@v1"},
		{ocr.Commit, "dod/grachev@ocr"},
		{foia.Commit[:10], "dod/grachev@foia-2005"},
		{strings.ToUpper(foia.Commit[:8]), "dod/grachev@foia-2005"},
	}
	for _, tt := range tests {
		v, err := a.Resolve(tt.ref)
		if err != nil || v.Ref() != tt.want || v.Commit != added[tt.want].Commit {
			t.Errorf("Resolve(%q) = %s (%s), %v, want %s (%s)", tt.ref, v.Ref(), v.ShortCommit(), err, tt.want, added[tt.want].ShortCommit())
		}
	}
	refusals := []struct {
		ref  string
		want error
		says string
	}{
		{"dod/grachev@nope", ErrUnknownVersion, "labels: foia-2005, mdr-2016, ocr"},
		{"dod/grachev~3", ErrUnknownVersion, "dod/grachev has 3 versions"},
		{"dod/grachev~x", ErrUnknownVersion, "not a number"},
		{"no/such-doc", ErrUnknownDocument, "no/such-doc"},
		{"no/such@v1", ErrUnknownDocument, "no/such"},
		{"deadbeef", ErrUnknownVersion, "deadbeef"},
		{strings.Repeat("0", 40), ErrUnknownVersion, "no commit"},
		{"../x", ErrUnknownVersion, "not a document ID"},
		{"dod/grachev@bad label", ErrInvalidLabel, "bad label"},
		{"", ErrUnknownVersion, ""},
	}
	for _, tt := range refusals {
		_, err := a.Resolve(tt.ref)
		if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("Resolve(%q) = %v, want %v saying %q", tt.ref, err, tt.want, tt.says)
		}
	}
}

func TestResolveAmbiguousPrefix(t *testing.T) {
	a := newArchive(t)
	seen := map[string]string{}
	for i := 0; ; i++ {
		v := mustAdd(t, a, Meta{Document: "d"}, strings.Repeat("x", i+1))
		p := v.Commit[:4]
		if other, ok := seen[p]; ok {
			if _, err := a.Resolve(p); !errors.Is(err, ErrAmbiguous) {
				t.Errorf("Resolve(%q) with commits %s and %s = %v, want ErrAmbiguous", p, other, v.Commit, err)
			}
			return
		}
		seen[p] = v.Commit
	}
}

func TestPrevious(t *testing.T) {
	a, added := sampleArchive(t)
	tests := []struct {
		ref, want string
	}{
		{"dod/grachev@ocr", "dod/grachev@mdr-2016"},
		{"dod/grachev@mdr-2016", "dod/grachev@foia-2005"},
		{"dod/other@v2", "dod/other@v1"},
		{"dod/grachev@foia-2005", ""},
	}
	for _, tt := range tests {
		prev, ok, err := a.Previous(added[tt.ref])
		got := ""
		if ok {
			got = prev.Ref()
		}
		if err != nil || got != tt.want {
			t.Errorf("Previous(%s) = %q, %v, want %q", tt.ref, got, err, tt.want)
		}
	}
}

// TestTagInTheWay checks that a tag named like a folder of a document ID ("memo" for
// memo/a) is refused before anything is written: git could not create the version's tag.
func TestTagInTheWay(t *testing.T) {
	g := needGit(t)
	a := newArchive(t)
	mustAdd(t, a, Meta{Document: "x"}, "x")
	g.run(a.gitDir, "tag", "memo", "main")
	before := headHash(t, a)
	_, err := a.Add(AddRequest{Meta: Meta{Document: "memo/a"}, Text: []byte("a"), Author: testAuthor})
	if !errors.Is(err, ErrInvalidID) || !strings.Contains(err.Error(), "refs/tags/memo") {
		t.Errorf("Add(memo/a) with a tag memo = %v, want ErrInvalidID naming refs/tags/memo", err)
	}
	if after := headHash(t, a); after != before {
		t.Errorf("refused Add moved main")
	}
	g.run(a.gitDir, "pack-refs", "--all")
	if _, err := a.Add(AddRequest{Meta: Meta{Document: "memo/a"}, Text: []byte("a"), Author: testAuthor}); !errors.Is(err, ErrInvalidID) {
		t.Errorf("Add(memo/a) with a packed tag memo = %v, want ErrInvalidID", err)
	}
	if vs, err := a.Versions("x"); err != nil || labels(vs) != "v1" {
		t.Errorf("Versions(x) = %q, %v", labels(vs), err)
	}
	g.run(a.gitDir, "fsck", "--strict", "--no-dangling")
}
