package samples

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

var (
	documentID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$`)
	labelForm  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

func TestVersionsParse(t *testing.T) {
	versions, err := Versions()
	if err != nil {
		t.Fatalf("Versions() error: %v", err)
	}
	for _, v := range versions {
		t.Run(v.Label, func(t *testing.T) {
			if !documentID.MatchString(v.Document) || len(v.Document) > 200 || strings.Contains(v.Document, "..") {
				t.Errorf("Document = %q, not a document ID", v.Document)
			}
			if !labelForm.MatchString(v.Label) {
				t.Errorf("Label = %q, not a label", v.Label)
			}
			if v.Kind != "release" && v.Kind != "transcription" {
				t.Errorf("Kind = %q, want release or transcription", v.Kind)
			}
			if _, err := time.Parse(time.DateOnly, v.Date); err != nil {
				t.Errorf("Date = %q: %v", v.Date, err)
			}
			if v.Source == "" {
				t.Errorf("Source is empty")
			}
			if (v.Kind == "transcription") != (v.Transcribes != "") {
				t.Errorf("Kind = %q with Transcribes = %q", v.Kind, v.Transcribes)
			}
			if len(v.Text) == 0 {
				t.Errorf("Text is empty")
			}
			if !utf8.Valid(v.Text) {
				t.Errorf("Text is not valid UTF-8")
			}
			if bytes.IndexByte(v.Text, 0) >= 0 {
				t.Errorf("Text holds a NUL byte")
			}
		})
	}
}

func TestVersionsLabelsUnique(t *testing.T) {
	versions, err := Versions()
	if err != nil {
		t.Fatalf("Versions() error: %v", err)
	}
	seen := make(map[string]bool)
	for _, v := range versions {
		key := v.Document + "@" + v.Label
		if seen[key] {
			t.Errorf("label %q occurs twice", key)
		}
		seen[key] = true
	}
}

func TestVersionsOrder(t *testing.T) {
	versions, err := Versions()
	if err != nil {
		t.Fatalf("Versions() error: %v", err)
	}
	var labels []string
	released := make(map[string]bool)
	for i, v := range versions {
		labels = append(labels, v.Label)
		if i > 0 && v.Date < versions[i-1].Date {
			t.Errorf("%s (%s) comes after %s (%s): not in date order", v.Label, v.Date, versions[i-1].Label, versions[i-1].Date)
		}
		if v.Kind == "release" {
			released[v.Label] = true
		}
		if v.Transcribes != "" && !released[v.Transcribes] {
			t.Errorf("%s transcribes %q, which is not an earlier release", v.Label, v.Transcribes)
		}
	}
	want := []string{"foia-1998", "mdr-2016", "ocr-2016", "corrected-2016", "nara-2025"}
	if !slices.Equal(labels, want) {
		t.Errorf("Versions() labels = %q, want %q", labels, want)
	}
}

// TestVersionsStory checks the differences the demo shows: what each version withholds,
// reveals and misreads.
func TestVersionsStory(t *testing.T) {
	versions, err := Versions()
	if err != nil {
		t.Fatalf("Versions() error: %v", err)
	}
	text := make(map[string]string)
	for _, v := range versions {
		text[v.Label] = string(v.Text)
	}
	tests := []struct {
		label    string
		contains []string
		lacks    []string
		maxWidth int // longest line, in characters
	}{
		{"foia-1998",
			[]string{"RELEASED IN PART", "Case 98-F-0457", "Prep: (b)(6)", "(S) (b)(1)", "Classified by: SECDEF", "SECRET"},
			[]string{"Humpert", "DECLASSIFIED", "Volga Military District", "CLINTON LIBRARY"}, 72},
		{"mdr-2016",
			[]string{"DECLASSIFIED PER E.O. 13526", "(b)(1) 1.4(d)", "Maj. D. N. L. Humpert, 307202", "Volga Military District", "CLINTON LIBRARY PHOTOCOPY"},
			[]string{"RELEASED IN PART", "Such positions", "c00peration"}, 72},
		{"ocr-2016",
			[]string{"c00peration", "con rmed", "quali ed", "Classi ed by", "SECR RY", "SJ SecDef", "Skin discussing", "SkGrachev", "OS SecDef", "Eur0pe", "t0tal", "reacrion", "effecdve", "peeple", "all-Bumpean", "indusuial", "syscems", "sysrems", "h0ped", "nor the answer", "net need", "(b)(1) 1.4(d)"},
			[]string{"confirmed", "qualified"}, 74}, // the OCR's split words may widen a line
		{"corrected-2016",
			[]string{"confirmed", "qualified", "Classified by", "THE ASSISTANT SECRETARY OF DEFENSE", "(b)(1) 1.4(d)", "estab-\nlishments"},
			[]string{"c00peration", "con rmed", "SJ", "Sk"}, 68},
		{"nara-2025",
			[]string{"(U) SecDef placed", "Such positions were based", "(b)(1) 1.4(g)", "Humpert, (b)(6)", "Authority NND 251031"},
			[]string{"307202", "He also saw a need"}, 72},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			s, ok := text[tt.label]
			if !ok {
				t.Fatalf("no version %q", tt.label)
			}
			for _, c := range tt.contains {
				if !strings.Contains(s, c) {
					t.Errorf("%s lacks %q", tt.label, c)
				}
			}
			for _, c := range tt.lacks {
				if strings.Contains(s, c) {
					t.Errorf("%s contains %q", tt.label, c)
				}
			}
			for i, line := range strings.Split(s, "\n") {
				if n := utf8.RuneCountInString(line); n > tt.maxWidth {
					t.Errorf("%s line %d is %d characters wide, want at most %d", tt.label, i+1, n, tt.maxWidth)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const header = "id,label,kind,date,source,case,file\n"
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr error
	}{
		{"missing manifest", fstest.MapFS{}, nil},
		{"bad header", fstest.MapFS{"m.csv": {Data: []byte("id,label,file\nd,v1,a.txt\n")}}, ErrManifest},
		{"extra column not transcribes", fstest.MapFS{"m.csv": {Data: []byte("id,label,kind,date,source,case,file,notes\n")}}, ErrManifest},
		{"no rows", fstest.MapFS{"m.csv": {Data: []byte(header)}}, ErrManifest},
		{"short row", fstest.MapFS{"m.csv": {Data: []byte(header + "d,v1,release\n")}}, nil},
		{"missing text", fstest.MapFS{"m.csv": {Data: []byte(header + "d,v1,release,2001-01-01,s,,a.txt\n")}}, nil},
		{"file outside folder", fstest.MapFS{
			"dir/m.csv": {Data: []byte(header + "d,v1,release,2001-01-01,s,,../a.txt\n")},
			"a.txt":     {Data: []byte("text")},
		}, ErrManifest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "m.csv"
			if _, ok := tt.fsys["dir/m.csv"]; ok {
				name = "dir/m.csv"
			}
			got, err := parse(tt.fsys, name)
			if err == nil {
				t.Fatalf("parse(%q) = %d versions, want an error", tt.name, len(got))
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("parse(%q) error = %v, want %v", tt.name, err, tt.wantErr)
			}
		})
	}
}

func TestParseTranscribesColumn(t *testing.T) {
	fsys := fstest.MapFS{
		"memos/m.csv": {Data: []byte("id,label,kind,date,source,case,file,transcribes\n" +
			"a/b,r1,release,2001-01-01,\"Agency, office\",C-1,a/b/r1.txt,\n" +
			"a/b,t1,transcription,2001-02-01,OCR,,a/b/t1.txt,r1\n")},
		"memos/a/b/r1.txt": {Data: []byte("release\r\n")},
		"memos/a/b/t1.txt": {Data: []byte("transcription")},
	}
	got, err := parse(fsys, "memos/m.csv")
	if err != nil {
		t.Fatalf("parse() error: %v", err)
	}
	want := []Version{
		{Document: "a/b", Label: "r1", Kind: "release", Date: "2001-01-01", Source: "Agency, office", Case: "C-1", Text: []byte("release\r\n")},
		{Document: "a/b", Label: "t1", Kind: "transcription", Date: "2001-02-01", Source: "OCR", Transcribes: "r1", Text: []byte("transcription")},
	}
	if len(got) != len(want) {
		t.Fatalf("parse() = %d versions, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Document != w.Document || g.Label != w.Label || g.Kind != w.Kind || g.Date != w.Date ||
			g.Source != w.Source || g.Case != w.Case || g.Transcribes != w.Transcribes || !bytes.Equal(g.Text, w.Text) {
			t.Errorf("parse() version %d = %+v, want %+v", i, g, w)
		}
	}
}
