package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readCorpus reads a real document from the repository's testdata/corpus.
func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCorpusJFK compares the 2022 and 2025 OCR of the same CIA memo. "U.S. consular
// official" appears in 2025 where 2022 shows nothing (no marker: the withholding left no
// trace), so the honest report is a text insertion, not a lift; the release stamp's year
// is a marking change; "MT." and "Mr." are two readings of one title.
func TestCorpusJFK(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := readCorpus(t, "jfk_104-10004-10143_2022_c06932208.txt")
	new := readCorpus(t, "jfk_104-10004-10143_2025_C06932208.txt")
	res, err := d.Diff(old, new)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, string(old), string(new), res)
	want := []struct{ kind, action, old, new string }{
		{"marking", "changed", "2022 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY", "2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY"},
		{"text", "inserted", "", "U.S. consular official"},
		{"transcription", "corrected", "MT.", "Mr."},
		{"transcription", "corrected", "reply.", "repiy."},
	}
	for _, w := range want {
		found := false
		for _, c := range res.Changes {
			if string(c.Kind) == w.kind && c.Action == w.action && strings.Contains(c.Old.Text, w.old) && strings.Contains(c.New.Text, w.new) {
				found = true
			}
		}
		if !found {
			t.Errorf("Diff(2022, 2025) has no %s %s change %q → %q", w.kind, w.action, w.old, w.new)
		}
	}
	if res.Summary.Redaction != 0 || res.Summary.Name != 0 {
		t.Errorf("Summary = %q, want no redaction and no name change", res.Summary)
	}
}

// TestCorpusRedactions reads the redacted spans of the real FRUS and DOJ texts.
func TestCorpusRedactions(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file   string
		marker string
		extent string
		count  int
	}{
		{"frus1952-54Guat_d56.tei.txt", `[<hi rend="italic">name not declassified</hi>]`, "name", 12},
		{"frus1950-55Intel_d107.tei.txt", "", "1 paragraph (9 lines)", 3},
		{"mueller_2019_vol1_execsummary_ocr.txt", "Harm to Ongoing Matter", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := d.Redactions(readCorpus(t, tt.file))
			if len(got) < tt.count {
				t.Fatalf("Redactions(%s) found %d spans, want at least %d: %+v", tt.file, len(got), tt.count, got)
			}
			found := false
			for _, r := range got {
				if (tt.marker == "" || r.Marker == tt.marker) && (tt.extent == "" || r.Extent == tt.extent) {
					found = true
				}
			}
			if !found {
				t.Errorf("Redactions(%s) = %+v, want one with marker %q and extent %q", tt.file, got, tt.marker, tt.extent)
			}
		})
	}
}

// TestCorpusJFKLedger follows the three releases of the JFK memo: none prints a redaction
// marker or an exemption code (the withheld words left no trace), so the ledger is empty.
// The 2018 OCR reads the date stamp "1 Jun 64" as "1 Gun b4", which is no exemption (b)(4).
func TestCorpusJFKLedger(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	vs := []VersionText{
		{Label: "2018", Text: readCorpus(t, "jfk_104-10004-10143_2018.txt")},
		{Label: "2022", Text: readCorpus(t, "jfk_104-10004-10143_2022_c06932208.txt")},
		{Label: "2025", Text: readCorpus(t, "jfk_104-10004-10143_2025_C06932208.txt")},
	}
	for _, v := range vs {
		if got := d.Redactions(v.Text); len(got) != 0 {
			t.Errorf("Redactions(%s) = %+v, want none", v.Label, got)
		}
	}
	l, err := d.Ledger("jfk", vs)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Redactions) != 0 {
		t.Errorf("Ledger(jfk) = %+v, want no withheld passage", l.Redactions)
	}
}
