package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/golden/*.txtar")

// TestGolden diffs the old and new sections of each testdata/golden/*.txtar and compares
// the changes, one JSON object a line, with its want section. go test -run TestGolden
// -update rewrites the want sections after a deliberate change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]int{}
			for i, s := range ar.Files {
				sections[s.Name] = i
			}
			oi, ok1 := sections["old"]
			ni, ok2 := sections["new"]
			if !ok1 || !ok2 {
				t.Fatalf("%s: want sections old and new", f)
			}
			old, new := ar.Files[oi].Data, ar.Files[ni].Data
			res, err := d.Diff(old, new)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, string(old), string(new), res)
			var got bytes.Buffer
			got.WriteString(res.Summary.String() + "\n")
			for _, c := range res.Changes {
				b, err := json.Marshal(c)
				if err != nil {
					t.Fatal(err)
				}
				got.Write(append(b, '\n'))
			}
			wi, ok := sections["want"]
			if *update {
				if !ok {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wi = len(ar.Files) - 1
				}
				ar.Files[wi].Data = got.Bytes()
				if err := os.WriteFile(f, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !ok {
				t.Fatalf("%s has no want section (run with -update)", f)
			}
			if want := ar.Files[wi].Data; !bytes.Equal(got.Bytes(), want) {
				t.Errorf("Diff(%s) =\n%s\nwant\n%s", f, got.Bytes(), want)
			}
		})
	}
}
