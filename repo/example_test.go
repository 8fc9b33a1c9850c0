package repo_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/blackline/blackline/repo"
)

// tempDir makes a directory for an example archive; the caller removes it.
func tempDir() string {
	dir, err := os.MkdirTemp("", "blackline-example-")
	if err != nil {
		log.Fatal(err)
	}
	return dir
}

func Example() {
	dir := tempDir()
	defer os.RemoveAll(dir)
	a, err := repo.Init(filepath.Join(dir, "memos.git"))
	if err != nil {
		log.Fatal(err)
	}
	author := repo.Signature{Name: "Ada Archivist", Email: "ada@example.org", When: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	for _, r := range []struct {
		label, date, text string
	}{
		{"foia-2005", "2005-03-01", "SECRET\nThe Minister proposed (b)(1).\n"},
		{"mdr-2016", "2016-05-02", "CONFIDENTIAL\nThe Minister proposed a joint early warning center.\n"},
	} {
		v, err := a.Add(repo.AddRequest{
			Meta:   repo.Meta{Document: "dod/grachev-1994", Label: r.label, Kind: repo.Release, Date: r.date},
			Text:   []byte(r.text),
			Author: author,
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("added", v.Ref())
	}
	v, err := a.Resolve("dod/grachev-1994~1")
	if err != nil {
		log.Fatal(err)
	}
	text, err := a.Text(v)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%s, %s): %q\n", v.Ref(), v.Kind, v.Date, text)
	// Output:
	// added dod/grachev-1994@foia-2005
	// added dod/grachev-1994@mdr-2016
	// dod/grachev-1994@foia-2005 (release, 2005-03-01): "SECRET\nThe Minister proposed (b)(1).\n"
}

func ExampleArchive_Add_unchanged() {
	dir := tempDir()
	defer os.RemoveAll(dir)
	a, err := repo.Init(dir)
	if err != nil {
		log.Fatal(err)
	}
	req := repo.AddRequest{
		Meta:   repo.Meta{Document: "nsc/minister"},
		Text:   []byte("MEMORANDUM FOR THE RECORD\n"),
		Author: repo.Signature{Name: "Ada Archivist", Email: "ada@example.org", When: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)},
	}
	v, err := a.Add(req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(v.Label, v.Kind)
	_, err = a.Add(req)
	var unchanged *repo.UnchangedError
	fmt.Println(errors.Is(err, repo.ErrUnchanged), errors.As(err, &unchanged) && unchanged.Latest.Label == "v1")
	// Output:
	// v1 release
	// true true
}

func ExampleArchive_Versions() {
	dir := tempDir()
	defer os.RemoveAll(dir)
	a, err := repo.Init(dir)
	if err != nil {
		log.Fatal(err)
	}
	author := repo.Signature{Name: "Ada Archivist", Email: "ada@example.org", When: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	for _, m := range []repo.Meta{
		{Document: "dod/grachev-1994", Label: "foia-2005"},
		{Document: "dod/grachev-1994", Label: "ocr-1", Kind: repo.Transcription, Transcribes: "foia-2005"},
	} {
		if _, err := a.Add(repo.AddRequest{Meta: m, Text: []byte(m.Label), Author: author}); err != nil {
			log.Fatal(err)
		}
	}
	vs, err := a.Versions("dod/grachev-1994")
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range vs {
		fmt.Printf("%s (%s) transcribes %q\n", v.Label, v.Kind, v.Transcribes)
	}
	// Output:
	// foia-2005 (release) transcribes ""
	// ocr-1 (transcription) transcribes "foia-2005"
}

func ExampleValidateID() {
	for _, id := range []string{"dod/grachev-1994", "../x", "doc with space"} {
		fmt.Println(repo.ValidateID(id))
	}
	// Output:
	// <nil>
	// invalid document ID "../x": segment ".." starts with '.' (must start with a letter or digit)
	// invalid document ID "doc with space": segment "doc with space" has ' ' at byte 3 (allowed: letters, digits, '.', '_', '-')
}

func ExampleCheckText() {
	fmt.Println(repo.CheckText([]byte("SECRET\r\n")))
	fmt.Println(repo.CheckText([]byte("a\x00b")))
	// Output:
	// <nil>
	// not text: NUL byte at byte offset 1
}
