package repo_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
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

// ExampleArchive_Import commits versions in bulk: the plan checks every text and sets the
// versions against the archive; Import commits them in date order, then label order, and
// a second import of the same versions finds them all present.
func ExampleArchive_Import() {
	dir := tempDir()
	defer os.RemoveAll(dir)
	a, err := repo.Init(filepath.Join(dir, "memos.git"))
	if err != nil {
		log.Fatal(err)
	}
	text := func(s string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(s), nil } }
	versions := []repo.ImportVersion{
		{Meta: repo.Meta{Document: "nsc/memo", Label: "v10"}, Origin: "in/nsc/memo/v10.txt", Load: text("ten\n")},
		{Meta: repo.Meta{Document: "nsc/memo", Label: "v2"}, Origin: "in/nsc/memo/v2.txt", Load: text("two\n")},
		{Meta: repo.Meta{Document: "nsc/memo", Label: "v1"}, Origin: "in/nsc/memo/v1.txt", Load: text("one\n")},
		{Meta: repo.Meta{Document: "nsc/bad", Label: "v1"}, Origin: "in/nsc/bad/v1.txt", Load: text("a\x00b")},
	}
	author := repo.Signature{Name: "Ada Archivist", Email: "ada@example.org", When: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)}
	summarize := func(previous, text []byte) (string, error) {
		if previous == nil {
			return "", nil
		}
		return fmt.Sprintf("%d → %d bytes", len(previous), len(text)), nil
	}
	for range 2 {
		plan, err := a.PlanImport(versions, 0)
		if err != nil {
			log.Fatal(err)
		}
		for _, p := range plan.Problems {
			fmt.Println("bad entry:", p)
		}
		res, err := a.Import(plan, repo.ImportOptions{Author: author, Summarize: summarize, SkipBad: true})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("added %d, present %d, skipped %d\n", res.Added, res.Present, len(res.Skipped))
	}
	vs, err := a.Versions("nsc/memo")
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range vs {
		fmt.Println(strings.TrimSpace(v.Ref() + " " + v.Summary))
	}
	// Output:
	// bad entry: in/nsc/bad/v1.txt: nsc/bad@v1: not text: NUL byte at byte offset 1
	// added 3, present 0, skipped 1
	// bad entry: in/nsc/bad/v1.txt: nsc/bad@v1: not text: NUL byte at byte offset 1
	// added 0, present 3, skipped 1
	// nsc/memo@v1
	// nsc/memo@v2 4 → 4 bytes
	// nsc/memo@v10 4 → 4 bytes
}
