package diff_test

import (
	"fmt"

	"github.com/blackline/blackline/diff"
)

// A 1998 release withheld a name and a place; the 2015 re-release shows the name,
// withholds a sentence again and downgrades the banner.
func ExampleDiffer_Diff() {
	d, err := diff.New(diff.Options{})
	if err != nil {
		panic(err)
	}
	old := []byte("SECRET\n\nPrepared by (b)(6). The meeting took place in Helsinki.\n")
	new := []byte("CONFIDENTIAL\n\nPrepared by Maj. D. N. L. Humpert. The meeting took place in [REDACTED]\n")
	res, err := d.Diff(old, new)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Summary)
	for _, c := range res.Changes {
		fmt.Printf("%s %s %v: %q → %q %v\n", c.Kind, c.Action, c.Categories, c.Old.Text, c.New.Text, c.Detail.Names)
	}
	// Output:
	// redaction 2 (1 lifted, 1 added) · marking 1 · name 1
	// marking changed [marking]: "SECRET" → "CONFIDENTIAL" []
	// redaction lifted [redaction name]: "(b)(6)" → "Maj. D. N. L. Humpert" [D. N. L. Humpert]
	// redaction added [redaction]: "Helsinki." → "[REDACTED]" []
}

// OCR slips are transcription fixes, not text edits; reflowed lines are layout only.
func ExampleDiffer_Diff_transcription() {
	d, _ := diff.New(diff.Options{})
	res, _ := d.Diff([]byte("Grachev con rmed the c00peration with\nthe EurOpe of\nthe day."), []byte("Grachev confirmed the cooperation with the Europe of the day."))
	for _, c := range res.Changes {
		fmt.Printf("%s %s: %q → %q\n", c.Kind, c.Action, c.Old.Text, c.New.Text)
	}
	// Output:
	// transcription corrected: "con rmed" → "confirmed"
	// transcription corrected: "c00peration" → "cooperation"
	// format reflowed: "with\nthe" → "with the"
	// transcription corrected: "EurOpe" → "Europe"
	// format reflowed: "of\nthe" → "of the"
}

func ExampleDiffer_Redactions() {
	d, _ := diff.New(diff.Options{})
	text := []byte("Mr. [name not declassified] met ████████ (b)(6), (b)(7)(C) in 25X1.")
	for _, r := range d.Redactions(text) {
		fmt.Printf("%q exemptions=%v extent=%q\n", r.Marker, r.Exemptions, r.Extent)
	}
	// Output:
	// "[name not declassified]" exemptions=[] extent="name"
	// "████████ (b)(6), (b)(7)(C)" exemptions=[(b)(6) (b)(7)(C)] extent=""
	// "25X1" exemptions=[25X1] extent=""
}

func ExampleTokenize() {
	for _, t := range diff.Tokenize([]byte("the secu-\nrity  of Europe")) {
		fmt.Printf("%d-%d %q\n", t.Start, t.End, t.Text)
	}
	// Output:
	// 0-3 "the"
	// 4-14 "security"
	// 16-18 "of"
	// 19-25 "Europe"
}

func ExampleSummary_String() {
	s := diff.Summary{Redaction: 3, RedactionsLifted: 2, RedactionsAdded: 1, Marking: 1, Name: 2, Transcription: 14, Text: 1}
	fmt.Println(s)
	fmt.Println(diff.Summary{})
	fmt.Println(diff.Summary{Format: 4})
	// Output:
	// redaction 3 (2 lifted, 1 added) · marking 1 · name 2 · transcription 14 · text 1
	// no differences
	// format only: 4 reflowed
}
