package render

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/blackline/blackline/diff"
)

func diffOf(t testing.TB, old, new string) *diff.Result {
	t.Helper()
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Diff([]byte(old), []byte(new))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestJSON(t *testing.T) {
	res := diffOf(t, "SECRET\nMet (b)(6) today.", "CONFIDENTIAL\nMet Mr. Robert Fulton today.")
	var buf bytes.Buffer
	if err := JSON(&buf, Source{Ref: "dod/x@v1", Commit: "abc"}, Source{Path: "new.txt"}, res); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JSON output does not parse: %v\n%s", err, buf.String())
	}
	for _, k := range []string{"old", "new", "summary", "changes"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON output has no %q: %s", k, buf.String())
		}
	}
	if got := string(doc["old"]); !strings.Contains(got, `"ref": "dod/x@v1"`) || strings.Contains(got, "path") {
		t.Errorf(`JSON "old" = %s, want ref and commit only`, got)
	}
	if empty := diffOf(t, "a", "a"); true {
		buf.Reset()
		if err := JSON(&buf, Source{Path: "a"}, Source{Path: "a"}, empty); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), `"changes": []`) {
			t.Errorf("JSON of no changes = %s, want \"changes\": []", buf.String())
		}
	}
}

func TestText(t *testing.T) {
	res := diffOf(t, "SECRET\nMet (b)(6) today. The c00peration was\ngood.", "CONFIDENTIAL\nMet Mr. Robert Fulton today. The cooperation was good.")
	var buf bytes.Buffer
	if err := Text(&buf, Source{Path: "old.txt"}, Source{Path: "new.txt"}, res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"old: old.txt\nnew: new.txt\nredaction 1 (1 lifted) · marking 1 · name 1 · transcription 1 · format 1\n",
		"Redactions: 1\n  lifted    line 2  (also name; exemptions (b)(6) → none; names: Robert Fulton)\n    - (b)(6)\n    + Mr. Robert Fulton\n",
		"Classification markings: 1\n  changed   line 1  (downgrade SECRET → CONFIDENTIAL)\n    - SECRET\n    + CONFIDENTIAL\n",
		"Transcription fixes (the same words read differently): 1\n  corrected line 2\n      c00peration  →  cooperation\n",
		"Layout (reflowed lines, hyphenation, spacing): 1\n  reflowed  line 2\n      was ⏎ good.  →  was good.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Text() =\n%s\nwant it to contain\n%s", got, want)
		}
	}
	if strings.Contains(got, "\x1b[") {
		t.Errorf("Text() without color has escape sequences: %q", got)
	}
}

// BenchmarkJSON renders the diff of the pair named by BLACKLINE_BENCH_OLD and
// BLACKLINE_BENCH_NEW (made by testdata/bench/memopair).
func BenchmarkJSON(b *testing.B) {
	oldPath, newPath := os.Getenv("BLACKLINE_BENCH_OLD"), os.Getenv("BLACKLINE_BENCH_NEW")
	if oldPath == "" || newPath == "" {
		b.Skip("set BLACKLINE_BENCH_OLD and BLACKLINE_BENCH_NEW")
	}
	old, err := os.ReadFile(oldPath)
	if err != nil {
		b.Fatal(err)
	}
	new, err := os.ReadFile(newPath)
	if err != nil {
		b.Fatal(err)
	}
	res := diffOf(b, string(old), string(new))
	for b.Loop() {
		if err := JSON(io.Discard, Source{Path: oldPath}, Source{Path: newPath}, res); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAppendChange checks the hand-written encoder against encoding/json on changes of
// every shape, including text that needs escaping.
func TestAppendChange(t *testing.T) {
	res := diffOf(t, "SECRET//NOFORN\n\"Quote\" \\ tab\there\r\n(b)(6) met [1 paragraph (5 lines) not declassified] Mr. Burns \u2028 c00peration\n",
		"CONFIDENTIAL\n“Quote” \\ tab\there\r\nMaj. D. N. L. Humpert met [2 lines not declassified] Mr. Talbott \u2029 cooperation <&>\n")
	if len(res.Changes) < 4 {
		t.Fatalf("want several changes, got %d", len(res.Changes))
	}
	for _, c := range res.Changes {
		want, err := json.MarshalIndent(c, "    ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.ReplaceAll(bytes.ReplaceAll(bytes.ReplaceAll(want, []byte(`\u003c`), []byte("<")), []byte(`\u003e`), []byte(">")), []byte(`\u0026`), []byte("&"))
		if got := appendChange(nil, c, "    "); !bytes.Equal(got, want) {
			t.Errorf("appendChange(%+v) =\n%s\nwant\n%s", c, got, want)
		}
	}
}
