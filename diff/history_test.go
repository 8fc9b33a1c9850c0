package diff

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// releases builds versions of kind release from label/text pairs.
func releases(pairs ...string) []VersionText {
	var out []VersionText
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, VersionText{Label: pairs[i], Kind: KindRelease, Text: []byte(pairs[i+1])})
	}
	return out
}

// memoHistory is a memo released three times, exercising every status: a paragraph lifted
// as one word (a misfit), a code whose exemptions change and then lifted, a name note
// lifted as a sentence (a misfit), a paragraph withheld again, a code withheld throughout,
// and a paragraph lifted in part, then whole.
func memoHistory() []VersionText {
	return releases(
		"r1995", `SECRET

MEMORANDUM FOR THE RECORD

1. (S) The delegation met the Minister in Warsaw on 3 May.

2. [1 paragraph (5 lines) not declassified]

3. (S) The source reported that (b)(1) was planned for the autumn.

4. (S) The station chief, [name not declassified], asked for funds.

5. (S) The embassy will pay the courier from the contingency fund.

6. (b)(3)

7. [3 lines not declassified]
`,
		"r2005", `SECRET

MEMORANDUM FOR THE RECORD

1. (S) The delegation met the Minister in Warsaw on 3 May.

2. Omitted.

3. (S) The source reported that (b)(1) 1.4(c) was planned for the autumn.

4. (S) The station chief, John Smith, who had served in Berlin since 1958 and knew the Minister well, asked for funds.

5. [REDACTED]

6. (b)(3)

7. (S) The courier will travel by train to Gdansk and (b)(1) on the ninth of June, before the talks resume.
`,
		"r2015", `SECRET

MEMORANDUM FOR THE RECORD

1. (S) The delegation met the Minister in Warsaw on 3 May.

2. Omitted.

3. (S) The source reported that a naval blockade was planned for the autumn.

4. (S) The station chief, John Smith, who had served in Berlin since 1958 and knew the Minister well, asked for funds.

5. [REDACTED]

6. (b)(3)

7. (S) The courier will travel by train to Gdansk and meet the handler on the ninth of June, before the talks resume.
`)
}

// summary writes a ledger's passages as "status: state/event state/event …", with the
// text of the last release and any warnings.
func summary(l *Ledger) []string {
	var out []string
	for _, r := range l.Redactions {
		var steps []string
		shown := ""
		for _, h := range r.History {
			step := h.State
			if h.Event != "" {
				step += "(" + h.Event + ")"
			}
			if h.Warning != "" {
				step += "!"
			}
			steps = append(steps, step)
			if h.State == StateReleased || h.State == StatePartial {
				shown = h.Text
			}
		}
		out = append(out, r.Status+": "+strings.Join(steps, " ")+" | "+shown)
	}
	return out
}

func TestLedgerStatuses(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := d.Ledger("nsc/warsaw", memoHistory())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"lifted: withheld released(lifted)! released | Omitted.",
		"lifted: withheld withheld(exemptions changed) released(lifted) | a naval blockade",
		"lifted: withheld released(lifted)! released | John Smith, who had served in Berlin since 1958 and knew the Minister well",
		"re-redacted: released withheld(re-redacted) withheld | The embassy will pay the courier from the contingency fund.",
		"withheld: withheld withheld withheld | ",
		"lifted: withheld partial(partly lifted) released(lifted) | The courier will travel by train to Gdansk and meet the handler on the ninth of June, before the talks resume.",
	}
	if got := summary(l); !reflect.DeepEqual(got, want) {
		t.Errorf("Ledger(memoHistory) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !reflect.DeepEqual(l.Versions, []string{"r1995", "r2005", "r2015"}) {
		t.Errorf("Ledger versions = %q", l.Versions)
	}
	second := l.Redactions[1].History
	if got := second[1].Exemptions; !reflect.DeepEqual(got, []string{"(b)(1)", "1.4(c)"}) {
		t.Errorf("exemptions of the changed code in r2005 = %q, want [(b)(1) 1.4(c)]", got)
	}
	if w := l.Redactions[0].History[1].Warning; !strings.Contains(w, "1 paragraph (5 lines)") || !strings.Contains(w, "1 word") {
		t.Errorf("warning for a paragraph released as one word = %q", w)
	}
	if w := l.Redactions[2].History[1].Warning; !strings.Contains(w, "name") {
		t.Errorf("warning for a name note released as a sentence = %q", w)
	}
	partial := l.Redactions[5].History[1]
	if partial.Marker != "(b)(1)" || !strings.Contains(partial.Text, "Gdansk") {
		t.Errorf("partial lift = marker %q text %q, want marker (b)(1) and the shown text", partial.Marker, partial.Text)
	}
	if w := l.Redactions[5].History[2].Warning; w != "" {
		t.Errorf("a release after a partial lift is not checked against the first marker, got warning %q", w)
	}
	if l.Redactions[5].History[0].Line != 17 {
		t.Errorf("line of the 3-line note in r1995 = %d, want 17", l.Redactions[5].History[0].Line)
	}
}

// A released passage followed into a release that re-wraps its lines (and edits the
// paragraph elsewhere, so the two are compared word by word) keeps to its own words: a
// layout edit across its end (a line break moved from after it into the next sentence) is
// word for word, not a stretch to take whole.
func TestLedgerReflowedRelease(t *testing.T) {
	d, _ := New(Options{})
	vs := releases(
		"r1", "MEMO\n\nHe hoped Russia would sign up. (b)(1)\nHowever, he was concerned with the\ngrowing criticism of the concept.\n\nGrachev said the talks\nwould go on.\n",
		"r2", "MEMO\n\nHe hoped Russia would sign up. He supported a trans-\nitional period for cooperation.\nHowever, he was concerned with the\ngrowing criticism of the concept.\n\nGrachev said the talks\nwould go on.\n",
		"r3", "MEMO\n\nHe hoped Russia would sign up. He supported a\ntransitional period for cooperation. However, he was\nconcerned with the growing criticism of this concept.\n\nGrachev said\nthe talks would go on.\n",
	)
	l, err := d.Ledger("doc", vs)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Redactions) != 1 {
		t.Fatalf("Ledger = %+v, want one passage", l.Redactions)
	}
	var got []string
	for _, e := range l.Redactions[0].History {
		got = append(got, e.Version+" "+e.State+" "+normalizeSpace(e.Text))
	}
	want := []string{
		"r1 withheld ",
		"r2 released He supported a trans- itional period for cooperation.",
		"r3 released He supported a transitional period for cooperation.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Ledger history =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A transcription is read in place of the release it transcribes, wherever it stands in
// the list: a transcription of the first release added last is no re-redaction.
func TestLedgerReadsTranscriptions(t *testing.T) {
	d, _ := New(Options{})
	vs := releases(
		"r1", "MEMO\n\nThe Minister c0nfirmed (b)(1).\n",
		"r2", "MEMO\n\nThe Minister c0nfirmed the plan.\n",
	)
	vs = append(vs, VersionText{Label: "r1-fixed", Kind: KindTranscription, Transcribes: "r1", Text: []byte("MEMO\n\nThe Minister confirmed (b)(1).\n")})
	l, err := d.Ledger("doc", vs)
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(l); !reflect.DeepEqual(got, []string{"lifted: withheld released(lifted) | the plan."}) {
		t.Errorf("Ledger = %q", got)
	}
	if h := l.Redactions[0].History[0]; h.Version != "r1" || h.Reading != "r1-fixed" {
		t.Errorf("first entry = version %q reading %q, want r1 read as r1-fixed", h.Version, h.Reading)
	}
}

func TestRedactionFit(t *testing.T) {
	for _, c := range []struct {
		extent, released string
		misfit           bool
	}{
		{"1 paragraph (5 lines)", "Omitted.", true},
		{"1 paragraph (5 lines)", strings.Repeat("word ", 45), false},
		{"3 lines", "Smith", true},
		{"3 lines", strings.Repeat("word ", 28), false},
		{"name", "John Smith", false},
		{"name", "Maj. Gen. John A. Smith", false},
		{"name", "the station chief said the courier would go by train", true},
		{"2 names", "John Smith and Anna Kowalski", false},
		{"12 characters", "Anna Kowalski", false},
		{"12 characters", "The embassy will pay the courier from the contingency fund.", true},
		{"less than 1 line", "a naval blockade", false},
		{"1 paragraph", "Yes.", true},
		{"", "anything at all", false},
	} {
		got := redactionFit(c.extent, c.released)
		if (got != "") != c.misfit {
			t.Errorf("redactionFit(%q, %q) = %q, want misfit %v", c.extent, c.released, got, c.misfit)
		}
	}
}

func TestBlame(t *testing.T) {
	d, _ := New(Options{})
	vs := releases(
		"b1", "MEMORANDUM\n\nThe Minister c0nfirmed the plan for\nthe joint center.\n\n(b)(1)\n",
		"b2", "MEMORANDUM\n\nThe Minister confirmed the plan\nfor the joint center.\n\nThe center opens in June.\n",
		"b3", "MEMORANDUM\n\nThe Minister confirmed the plan for the joint center.\n\nThe center opens in June.\n\nFunding is not settled.\n",
	)
	b, err := d.Blame("doc", vs, "b3")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range b.Lines {
		got = append(got, l.Since+" "+l.Text)
	}
	want := []string{
		"b1 MEMORANDUM",
		" ",
		"b1 The Minister confirmed the plan for the joint center.", // re-wrapped, OCR fixed
		" ",
		"b2 The center opens in June.", // withheld in b1, shown by b2
		" ",
		"b3 Funding is not settled.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Blame(b3) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !reflect.DeepEqual(b.Versions, []string{"b1", "b2", "b3"}) {
		t.Errorf("Blame versions = %q", b.Versions)
	}
	b2, err := d.Blame("doc", vs, "b2")
	if err != nil {
		t.Fatal(err)
	}
	if got := b2.Lines[2].Since + "," + b2.Lines[3].Since; got != "b1,b1" {
		t.Errorf("Blame(b2) lines 3-4 since %s, want b1,b1", got)
	}
}

// Moved text keeps its date: two heading lines that swap places, a paragraph moved to the
// end, and a heading that moved and was read differently.
func TestBlameMoves(t *testing.T) {
	d, _ := New(Options{})
	vs := releases(
		"m1", "8x-25605\n\nMEMO FOR THE RECORD\n\n1 June 1964\n\nThe airport is far.\n\nCopies go to the files of the station in Helsinki.\n\nSUBJECT: Travel\n",
		"m2", "8x-25605\n\n1 June 1964\n\nMEMO FOR THE RECORD\n\nThe airport is near.\n\nSUBJECT: Travel\n\nCopies go to the flles of the station in Helsinki.\n",
	)
	b, err := d.Blame("doc", vs, "m2")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range b.Lines {
		if l.Text != "" {
			got = append(got, l.Since+" "+l.Text)
		}
	}
	want := []string{
		"m1 8x-25605",
		"m1 1 June 1964",
		"m1 MEMO FOR THE RECORD",
		"m2 The airport is near.",
		"m1 SUBJECT: Travel",
		"m1 Copies go to the flles of the station in Helsinki.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Blame(m2) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A transcription is blamed against its release: words the release showed keep the
// release's date, a correction keeps it too, words only the transcription has are its own.
func TestBlameTranscription(t *testing.T) {
	d, _ := New(Options{})
	vs := releases("r1", "MEMO\n\nThe plan is appr0ved.\n", "r2", "MEMO\n\nThe plan is appr0ved.\n\nNew line.\n")
	vs = append(vs, VersionText{Label: "r2-t", Kind: KindTranscription, Transcribes: "r2", Text: []byte("MEMO\n\nThe plan is approved.\n\nNew line.\n\nTranscriber's note.\n")})
	b, err := d.Blame("doc", vs, "r2-t")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range b.Lines {
		if l.Text != "" {
			got = append(got, l.Since)
		}
	}
	if want := []string{"r1", "r1", "r2", "r2-t"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Blame(r2-t) since = %q, want %q", got, want)
	}
}

func TestReveal(t *testing.T) {
	d, _ := New(Options{})
	vs := releases(
		"rA", "SECRET\n\n1. The meeting was held in Helsinki.\n\n2. [REDACTED]\n\n3. The talks will resume in May.\n\n4. (b)(3)\n",
		"rB", "SECRET\n\n1. The meeting was held in (b)(1).\n\n2. The Minister asked for a second channel.\n\n3. (b)(1)\n\n4. (b)(3)\n",
	)
	r, err := d.Reveal("doc", vs, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "SECRET\n\n1. The meeting was held in Helsinki.\n\n2. The Minister asked for a second channel.\n\n3. The talks will resume in May.\n\n4. (b)(3)\n"
	if got := r.Text(); got != want {
		t.Errorf("Reveal(rA, rB) =\n%s\nwant\n%s", got, want)
	}
	if r.Base != "rB" || r.Withheld != 1 {
		t.Errorf("Reveal base %q withheld %d, want rB and 1", r.Base, r.Withheld)
	}
	from := map[string]string{}
	for _, s := range r.Spans {
		from[strings.TrimSpace(s.Text)] = s.Version
		if s.Withheld && s.Text != "(b)(3)" {
			t.Errorf("withheld span %q, want only (b)(3)", s.Text)
		}
	}
	for text, label := range map[string]string{"Helsinki.": "rA", "The talks will resume in May.": "rA", "(b)(3)": "rB"} {
		if from[text] != label {
			t.Errorf("span %q came from %q, want %q (spans %+v)", text, from[text], label, r.Spans)
		}
	}
}

// Words one release cut without a marker are added; where releases read a word
// differently, the corrected transcription wins.
func TestRevealUnmarkedCutAndPreference(t *testing.T) {
	d, _ := New(Options{})
	vs := releases(
		"r1", "Mr. Robert Fulton (CIA) was U.S. consular official there at the time.\n\nThe station will assist in preparation of a repiy.\n",
		"r2", "Mr. Robert Fulton (CIA) was there at the time.\n\nThe station will assist in preparation of a repiy.\n",
	)
	vs = append(vs, VersionText{Label: "r2-t", Kind: KindTranscription, Transcribes: "r2", Text: []byte("Mr. Robert Fulton (CIA) was there at the time.\n\nThe station will assist in preparation of a reply.\n")})
	r, err := d.Reveal("doc", vs, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "Mr. Robert Fulton (CIA) was U.S. consular official there at the time.\n\nThe station will assist in preparation of a reply.\n"
	if got := r.Text(); got != want {
		t.Errorf("Reveal =\n%q\nwant\n%q", got, want)
	}
	if r.Base != "r2" || r.Spans[0].Reading != "r2-t" {
		t.Errorf("Reveal base %q first span %+v, want r2 read as r2-t", r.Base, r.Spans[0])
	}
	only, err := d.Reveal("doc", vs, []string{"r2"})
	if err != nil {
		t.Fatal(err)
	}
	if got := only.Text(); !strings.Contains(got, "a reply") || strings.Contains(got, "consular") {
		t.Errorf("Reveal(r2) = %q, want r2 read through its transcription alone", got)
	}
}

func TestHistoryErrors(t *testing.T) {
	d, _ := New(Options{})
	vs := releases("a", "x\n", "b", "y\n")
	for _, c := range []struct {
		name string
		run  func() error
		want error
	}{
		{"ledger of nothing", func() error { _, err := d.Ledger("doc", nil); return err }, ErrNoVersions},
		{"blame unknown", func() error { _, err := d.Blame("doc", vs, "c"); return err }, ErrUnknownLabel},
		{"reveal unknown", func() error { _, err := d.Reveal("doc", vs, []string{"a", "zz"}); return err }, ErrUnknownLabel},
		{"duplicate", func() error { _, err := d.Ledger("doc", releases("a", "x", "a", "y")); return err }, ErrDuplicateLabel},
		{"not text", func() error { _, err := d.Blame("doc", releases("a", "x\x00"), "a"); return err }, ErrNotText},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.run(); !errors.Is(err, c.want) {
				t.Errorf("error = %v, want %v", err, c.want)
			}
		})
	}
	var ie *InputError
	if _, err := d.Ledger("doc", releases("a", "ok", "b", "bad\xff")); !errors.As(err, &ie) || ie.Side != "b" || ie.Offset != 3 {
		t.Errorf("Ledger with invalid UTF-8 in b: %v, want an InputError naming b at byte 3", err)
	}
}
