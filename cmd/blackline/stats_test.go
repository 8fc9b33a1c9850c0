package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/blackline/blackline/cmd/blackline/review"
)

func TestDiffStats(t *testing.T) {
	c := newCLI(t)
	ocr := c.file("ocr.txt", "The c0uncil rnet in Oct0ber; the rninister spoke t0 the c0uncil.\n")
	fixed := c.file("fixed.txt", "The council met in October; the minister spoke to the council.\n")
	r := c.run("diff", "--stats", ocr, fixed)
	// 8 edits (four 0→o, two rn→m as two edits each) of the 62 clusters of the reference;
	// 6 of its 11 words differ.
	for _, want := range []string{"CER 12.90% (8 of 62 characters) · WER 54.55% (6 of 11 words)", "OCR confusions: 0→o ×4, rn→m ×2"} {
		if r.code != 1 || !strings.Contains(r.stdout, want) {
			t.Errorf("diff --stats = exit %d\n%s\nwant it to say %q", r.code, r.stdout, want)
		}
	}
	r = c.run("diff", "--stats", "--format", "json", ocr, fixed)
	var doc struct {
		Changes []json.RawMessage `json:"changes"`
		Stats   review.Stats      `json:"stats"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("diff --stats --format json is not one JSON document: %v\n%s", err, r.stdout)
	}
	if doc.Stats.CharEdits != 8 || doc.Stats.Chars != 62 || doc.Stats.WordEdits != 6 || len(doc.Changes) != 5 || doc.Stats.Confusions[0].String() != "0→o ×4" {
		t.Errorf("diff --stats --format json stats = %+v with %d changes", doc.Stats, len(doc.Changes))
	}
	if r := c.run("diff", ocr, fixed); strings.Contains(r.stdout, "CER") {
		t.Errorf("diff without --stats shows error rates:\n%s", r.stdout)
	}
}
