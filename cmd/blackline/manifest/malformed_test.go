package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCSVMalformedRow: a row CSV cannot parse (an unterminated quote) is a problem
// naming its line, like a row of the wrong length, and the rows before it are read. It
// used to panic (csv.Reader.FieldPos after a failed Read).
func TestReadCSVMalformedRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.csv")
	data := strings.Join(Columns, ",") + "\ndod/x,v1,release,,,,x.txt\ndod/x,v2\n\"unterminated,v3,release,,,,f.txt\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := ReadCSV(path)
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	if len(c.Entries) != 1 || c.Entries[0].Label != "v1" {
		t.Errorf("ReadCSV entries = %+v, want dod/x@v1", c.Entries)
	}
	want := []string{path + ":3: 2 fields, want 7", path + ":4: extraneous or missing \" in quoted-field"}
	if len(c.Problems) != len(want) {
		t.Fatalf("ReadCSV problems = %v, want %q", c.Problems, want)
	}
	for i, p := range c.Problems {
		if !strings.HasPrefix(p.Error(), want[i]) {
			t.Errorf("ReadCSV problem %d = %q, want %q", i, p.Error(), want[i])
		}
	}
}
