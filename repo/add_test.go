package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAddRoundTripsBytes(t *testing.T) {
	texts := map[string]string{
		"crlf-bom":         "\xef\xbb\xbfSECRET\r\nline two  \r\n(b)(6) ends here",
		"no-final-newline": "MEMORANDUM FOR THE RECORD",
		"trailing-space":   "a  \n\n\n  b\t\n",
		"empty":            "",
		"cyrillic":         "Грачев, П. С.\n",
	}
	a := newArchive(t)
	for id, text := range texts {
		mustAdd(t, a, Meta{Document: "t/" + id}, text)
	}
	for id, text := range texts {
		v, err := a.Resolve("t/" + id)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", "t/"+id, err)
		}
		got, err := a.Text(v)
		if err != nil || string(got) != text {
			t.Errorf("Text(%s) = %q, %v, want %q", v.Ref(), got, err, text)
		}
	}
}

func TestAddWritesMetaAndDefaultLabels(t *testing.T) {
	a := newArchive(t)
	v1 := mustAdd(t, a, Meta{Document: "dod/grachev"}, "one")
	v2 := mustAdd(t, a, Meta{Document: "dod/grachev", Label: "mdr-2016", Date: "2016-05-02", Source: " Clinton Library ", Case: "2015-0771-M"}, "two")
	v3 := mustAdd(t, a, Meta{Document: "dod/grachev"}, "three")
	v4 := mustAdd(t, a, Meta{Document: "dod/grachev", Kind: Transcription, Transcribes: "mdr-2016", Label: "ocr"}, "three, typed")
	for _, tt := range []struct {
		got  Version
		want Meta
	}{
		{v1, Meta{Document: "dod/grachev", Label: "v1", Kind: Release}},
		{v2, Meta{Document: "dod/grachev", Label: "mdr-2016", Kind: Release, Date: "2016-05-02", Source: "Clinton Library", Case: "2015-0771-M"}},
		{v3, Meta{Document: "dod/grachev", Label: "v3", Kind: Release}},
		{v4, Meta{Document: "dod/grachev", Label: "ocr", Kind: Transcription, Transcribes: "mdr-2016"}},
	} {
		if tt.got.Meta != tt.want {
			t.Errorf("Add returned %+v, want %+v", tt.got.Meta, tt.want)
		}
		read, err := a.Resolve(tt.got.Ref())
		if err != nil || read.Meta != tt.want || read.Commit != tt.got.Commit {
			t.Errorf("Resolve(%q) = %+v, %v, want %+v at %s", tt.got.Ref(), read, err, tt.want, tt.got.ShortCommit())
		}
		if read.Author.Name != testAuthor.Name || read.Author.Email != testAuthor.Email || !read.Author.When.Equal(testTime) {
			t.Errorf("Resolve(%q).Author = %+v, want %+v", tt.got.Ref(), read.Author, testAuthor)
		}
	}
}

func TestAddSummary(t *testing.T) {
	a := newArchive(t)
	var seen [][]byte
	summarize := func(previous []byte) (string, error) {
		seen = append(seen, previous)
		if previous == nil {
			return "", nil
		}
		return fmt.Sprintf("text 1 (was %d bytes)", len(previous)), nil
	}
	first, err := a.Add(AddRequest{Meta: Meta{Document: "d"}, Text: []byte("abc"), Author: testAuthor, Summarize: summarize})
	if err != nil {
		t.Fatal(err)
	}
	second, err := a.Add(AddRequest{Meta: Meta{Document: "d"}, Text: []byte("abcd"), Author: testAuthor, Summarize: summarize})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[0] != nil || string(seen[1]) != "abc" {
		t.Errorf("Summarize saw %q, want [nil \"abc\"]", seen)
	}
	if first.Summary != "" || second.Summary != "text 1 (was 3 bytes)" {
		t.Errorf("Add summaries = %q, %q, want \"\", %q", first.Summary, second.Summary, "text 1 (was 3 bytes)")
	}
	read, err := a.Resolve("d@v2")
	if err != nil || read.Summary != second.Summary {
		t.Errorf("Resolve(d@v2).Summary = %q, %v, want %q", read.Summary, err, second.Summary)
	}
	failing := func([]byte) (string, error) { return "", errors.New("differ broke") }
	before := headHash(t, a)
	if _, err := a.Add(AddRequest{Meta: Meta{Document: "d"}, Text: []byte("x"), Author: testAuthor, Summarize: failing}); err == nil || !strings.Contains(err.Error(), "differ broke") {
		t.Errorf("Add with a failing Summarize = %v, want its error", err)
	}
	if after := headHash(t, a); after != before {
		t.Errorf("a failed Summarize moved main from %s to %s", before, after)
	}
}

func TestAddRefusals(t *testing.T) {
	a := newArchive(t)
	mustAdd(t, a, Meta{Document: "dod/x", Label: "v1"}, "first")
	mustAdd(t, a, Meta{Document: "a"}, "a's text")
	ok := AddRequest{Meta: Meta{Document: "dod/x"}, Text: []byte("new"), Author: testAuthor}
	with := func(change func(r *AddRequest)) AddRequest {
		r := ok
		change(&r)
		return r
	}
	tests := []struct {
		name string
		req  AddRequest
		want error
		says string
	}{
		{"NUL byte", with(func(r *AddRequest) { r.Text = []byte("a\x00b") }), ErrNotText, "NUL byte at byte offset 1"},
		{"invalid UTF-8", with(func(r *AddRequest) { r.Text = []byte("ok\xfa") }), ErrNotText, "invalid UTF-8"},
		{"parent ID", with(func(r *AddRequest) { r.Document = "../x" }), ErrInvalidID, `"../x"`},
		{"absolute ID", with(func(r *AddRequest) { r.Document = "/abs" }), ErrInvalidID, "empty segment"},
		{"ID with spaces", with(func(r *AddRequest) { r.Document = "doc with space" }), ErrInvalidID, "' '"},
		{"empty segment", with(func(r *AddRequest) { r.Document = "a//b" }), ErrInvalidID, "empty segment"},
		{"ID under a text file", with(func(r *AddRequest) { r.Document = "a/text.txt" }), ErrInvalidID, "a/text.txt is a file"},
		{"duplicate label", with(func(r *AddRequest) { r.Label = "v1" }), ErrDuplicateLabel, "dod/x already has a version labelled v1"},
		{"bad label", with(func(r *AddRequest) { r.Label = "bad label" }), ErrInvalidLabel, "bad label"},
		{"bad kind", with(func(r *AddRequest) { r.Kind = "draft" }), ErrInvalidMeta, "release or transcription"},
		{"bad date", with(func(r *AddRequest) { r.Date = "2005-13-01" }), ErrInvalidMeta, "YYYY-MM-DD"},
		{"multi-line source", with(func(r *AddRequest) { r.Source = "a\nb" }), ErrInvalidMeta, "control character"},
		{"transcribes on a release", with(func(r *AddRequest) { r.Transcribes = "v1" }), ErrInvalidMeta, "only a version of kind transcription"},
		{"transcribes an unknown label", with(func(r *AddRequest) { r.Kind, r.Transcribes = Transcription, "v9" }), ErrUnknownVersion, "dod/x has no version labelled v9"},
		{"no author", with(func(r *AddRequest) { r.Author = Signature{} }), ErrInvalidMeta, "author"},
		{"unchanged", with(func(r *AddRequest) { r.Text = []byte("first") }), ErrUnchanged, "unchanged: dod/x is already at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := headHash(t, a)
			_, err := a.Add(tt.req)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Add(%s) = %v, want %v saying %q", tt.name, err, tt.want, tt.says)
			}
			if after := headHash(t, a); after != before {
				t.Errorf("refused Add(%s) moved main from %s to %s", tt.name, before, after)
			}
		})
	}
	var ue *UnchangedError
	_, err := a.Add(with(func(r *AddRequest) { r.Text = []byte("first") }))
	if !errors.As(err, &ue) || ue.Latest.Label != "v1" {
		t.Errorf("Add(unchanged) = %v, want an *UnchangedError naming v1", err)
	}
}

func TestAddRespectsGitLockFiles(t *testing.T) {
	for _, lock := range []string{"refs/heads/main.lock", "packed-refs.lock"} {
		t.Run(lock, func(t *testing.T) {
			a := newArchive(t)
			a.lockWait = 30 * time.Millisecond
			mustAdd(t, a, Meta{Document: "d"}, "one")
			before := headHash(t, a)
			path := filepath.Join(a.commonDir, filepath.FromSlash(lock))
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := a.Add(AddRequest{Meta: Meta{Document: "d"}, Text: []byte("two"), Author: testAuthor})
			if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), lock) {
				t.Errorf("Add with %s present = %v, want ErrLocked naming it", lock, err)
			}
			if after := headHash(t, a); after != before {
				t.Errorf("Add with %s present moved main", lock)
			}
			if err := os.Remove(path); err != nil {
				t.Fatalf("%s was removed or replaced by Add: %v", lock, err)
			}
			mustAdd(t, a, Meta{Document: "d"}, "two")
		})
	}
}

// TestAddConcurrentWriters adds from several Archive values at once; each one takes the
// writer lock through its own open file, as separate processes do.
func TestAddConcurrentWriters(t *testing.T) {
	a := newArchive(t)
	const writers, each = 3, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := Open(a.gitDir)
			if err != nil {
				errs <- err
				return
			}
			for i := range each {
				doc := fmt.Sprintf("w%d/doc-%d", w, i)
				_, err := b.Add(AddRequest{Meta: Meta{Document: doc}, Text: []byte(doc), Author: testAuthor})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Add: %v", err)
	}
	docs, err := a.Documents()
	if err != nil || len(docs) != writers*each {
		t.Errorf("Documents() after concurrent adds = %d documents, %v, want %d", len(docs), err, writers*each)
	}
	tags, err := a.allTags()
	if err != nil || len(tags) != writers*each {
		t.Errorf("tags after concurrent adds = %d, %v, want %d", len(tags), err, writers*each)
	}
}
