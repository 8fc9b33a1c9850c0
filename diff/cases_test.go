package diff

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// testCases is the one table every test of the differ runs: each case names the changes
// expected, written "categories action | old text | new text" (categories joined by +).
// Format changes are listed only where a case says so.
var testCases = []struct {
	name, old, new string
	format         bool // also list format changes
	want           []string
}{
	{name: "empty", old: "", new: "", want: nil},
	{name: "identical", old: "SECRET\nThe memo.\n", new: "SECRET\nThe memo.\n", want: nil},
	{
		name: "redaction lifted with name", old: "Prep: (b)(6) and staff", new: "Prep: Maj. D. N. L. Humpert, 307202 and staff",
		want: []string{"redaction+name lifted | (b)(6) | Maj. D. N. L. Humpert, 307202"},
	},
	{
		name: "redaction lifted longer than marker", old: "The source ██ reported", new: "The source in the Ministry of Defense reported",
		want: []string{"redaction lifted | ██ | in the Ministry of Defense"},
	},
	{
		name: "redaction added", old: "Grachev met the agent in Helsinki.", new: "Grachev met the agent in [REDACTED].",
		want: []string{"redaction added | Helsinki | [REDACTED]"},
	},
	{
		name: "punctuation the marker did not cover stays out of a lift", old: "Prepared by (b)(6), extension 4471.", new: "Prepared by Maj. Anna Kowalski, extension 4471.",
		want: []string{"redaction+name lifted | (b)(6) | Maj. Anna Kowalski"},
	},
	{
		name: "brackets around a code", old: "the officer ((b)(6)) said", new: "the officer (Mr. Ekholm) said",
		want: []string{"redaction+name lifted | (b)(6) | Mr. Ekholm"},
	},
	{
		name: "a bare code after a portion mark in a telegram", old: "3. (C) B1\n\n4. (C) THE CHARGE ASKED", new: "3. (C) THE CHIEF OF PROTOCOL TOLD POLCOUNS THAT NO DIVISION WAS AGREED.\n\n4. (C) THE CHARGE ASKED",
		want: []string{"redaction lifted | B1 | THE CHIEF OF PROTOCOL TOLD POLCOUNS THAT NO DIVISION WAS AGREED."},
	},
	{
		name: "a bare code after a comma in a telegram", old: "ACCOMPANIED BY THE MFA'S DIRECTOR FOR UKRAINE, B6 SAID THAT", new: "ACCOMPANIED BY THE MFA'S DIRECTOR FOR UKRAINE, HIS DEPUTY SAID THAT",
		want: []string{"redaction lifted | B6 | HIS DEPUTY"},
	},
	{
		name: "a bare code in a telegram's line of capitals without a comma is no code", old: "THE B1 BOMBERS WILL LEAVE", new: "THE B2 BOMBERS WILL LEAVE",
		want: []string{"text replaced | B1 | B2"},
	},
	{
		name: "a surname in capitals respelled throughout a telegram", old: "SUBJECT: FOREIGN MINISTER ABDIKARIMOV ON CASPIAN PIPELINE\n\n1. (C) SUMMARY: FOREIGN MINISTER ABDIKARIMOV TOLD THE AMBASSADOR\nAPRIL 29 THAT KAZAKHSTAN WOULD SIGN. NONE HAD COME. ABDIKARIMOV ASKED\nWHETHER WASHINGTON COULD HELP.\n",
		new:  "SUBJECT: FOREIGN MINISTER ABDYKARIMOV ON CASPIAN PIPELINE\n\n1. (C) SUMMARY: FOREIGN MINISTER ABDYKARIMOV TOLD THE AMBASSADOR\nAPRIL 29 THAT KAZAKHSTAN WOULD SIGN. NONE HAD COME. ABDYKARIMOV ASKED\nWHETHER WASHINGTON COULD HELP.\n",
		want: []string{"name changed | ABDIKARIMOV | ABDYKARIMOV", "name changed | ABDIKARIMOV | ABDYKARIMOV", "name changed | ABDIKARIMOV | ABDYKARIMOV"},
	},
	{
		name: "another person after a minister's portfolio in a telegram", old: "3. (C) DEPUTY MINISTER OF ENERGY BOLAT ZHANTUGANOV, WHO JOINED THE\nMEETING, SAID THE PARTNERS WOULD MEET IN LONDON.\n", new: "3. (C) DEPUTY MINISTER OF ENERGY NURLAN ISKAKOV, WHO JOINED THE\nMEETING, SAID THE PARTNERS WOULD MEET IN LONDON.\n",
		want: []string{"name changed | BOLAT ZHANTUGANOV, | NURLAN ISKAKOV,"},
	},
	{
		name: "a name in capitals with an initial lifted in a telegram", old: "4. (C) THE CITIZEN, B6 OF PORTLAND, OREGON, IS A MERCHANT SEAMAN; EMBASSY KIEV HAS THE CASE.", new: "4. (C) THE CITIZEN, STEVEN R. MCCALLUM OF PORTLAND, OREGON, IS A MERCHANT SEAMAN; EMBASSY KIEV HAS THE CASE.",
		want: []string{"redaction+name lifted | B6 | STEVEN R. MCCALLUM"},
	},
	{
		name: "a title after an article in a telegram names no one", old: "2. (C) THE MINISTER SAID THAT MOSCOW WOULD AGREE.", new: "2. (C) THE MINISTER SAID THAT KIEV WOULD AGREE.",
		want: []string{"text replaced | MOSCOW | KIEV"},
	},
	{
		name: "a digit read for a letter before a pair of letters", old: "received two new\ncode c1erks from Havana", new: "received two new\ncode clerks from Havana",
		want: []string{"transcription corrected | c1erks | clerks"},
	},
	{
		name: "the statute an exemption 3 cites belongs to the code", old: "The DDO\nwill brief (b)(1) (b)(3) on the pipeline.", new: "The DDO\nwill brief (b)(3) CIA Act on the pipeline.",
		want: []string{"redaction changed | (b)(1) (b)(3) | (b)(3) CIA Act"},
	},
	{
		name: "a Spanish title and a particle in a surname", old: "LIPALMER-2 said that Sra. Elena Garza de Montalvo, the Embassy's social\nsecretary, had again asked him", new: "LIPALMER-2 said that Sra. [REDACTED], the Embassy's social\nsecretary, had again asked him",
		want: []string{"redaction+name added | Elena Garza de Montalvo | [REDACTED]"},
	},
	{
		name: "a given name respelled before a surname seen in a name", old: "Papadopoulos had contact with Josef Mifsud, a London-based academic.", new: "Papadopoulos had contact with Joseph Mifsud, a London-based academic.",
		want: []string{"name changed | Josef Mifsud, | Joseph Mifsud,"},
	},
	{
		name: "a garbled OCR line is one misreading", old: "1 June 1964\n\nOpiscussion beturN MamBER SA DIVISION\n\nand COS Helsinki", new: "1 June 1964\n\nDiscussion between Member SR Division\n\nand COS Helsinki",
		want: []string{"transcription corrected | Opiscussion beturN MamBER SA DIVISION | Discussion between Member SR Division"},
	},
	{
		name: "a word replaced after a misreading stays a text edit", old: "The c0mmittee approved the plan.", new: "The committee accepted the plan.",
		want: []string{"transcription corrected | c0mmittee | committee", "text replaced | approved | accepted"},
	},
	{
		name: "redaction changed codes", old: "met [Redacted: (b)(1)] yesterday", new: "met [Redacted: (b)(1), (b)(3)] yesterday",
		want: []string{"redaction changed | [Redacted: (b)(1)] | [Redacted: (b)(1), (b)(3)]"},
	},
	{
		name: "redaction changed extent", old: "Mr. [1 paragraph (5 lines) not declassified] said", new: "Mr. [2 lines not declassified] said",
		want: []string{"redaction changed | [1 paragraph (5 lines) not declassified] | [2 lines not declassified]"},
	},
	{
		name: "partial lift", old: "The ████████████ was seen", new: "The Soviet consulate ████ was seen",
		want: []string{"redaction lifted | ████████████ | Soviet consulate ████"},
	},
	{
		name: "marking downgrade", old: "SECRET\n\nMemo text.", new: "CONFIDENTIAL\n\nMemo text.",
		want: []string{"marking changed | SECRET | CONFIDENTIAL"},
	},
	{
		name: "marking added portion mark", old: "SecDef called. He said", new: "SecDef called. (S) He said",
		want: []string{"marking added | | (S)"},
	},
	{
		name: "marking removed control", old: "SECRET NOFORN\nText here.", new: "SECRET\nText here.",
		want: []string{"marking removed | NOFORN |"},
	},
	{
		name: "dissemination control changed", old: "Distribution: EXDIS\n\nClassified by: Director", new: "Distribution: NODIS\n\nClassified by: Director",
		want: []string{"marking changed | EXDIS | NODIS"},
	},
	{
		name: "release stamp changed", old: "2022 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992\nMemo",
		new:  "2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992\nMemo",
		want: []string{"marking changed | 2022 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992 | 2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992"},
	},
	{
		name: "a portion mark lowered is no misreading", old: "4. (TS) He said", new: "4. (S) He said",
		want: []string{"marking changed | (TS) | (S)"},
	},
	{
		name: "a banner lowered to a designation", old: "CONFIDENTIAL\n\n1. (C) Embassy has", new: "LIMITED OFFICIAL USE\n\n1. (LOU) Embassy has",
		want: []string{"marking changed | CONFIDENTIAL | LIMITED OFFICIAL USE", "marking changed | (C) | (LOU)"},
	},
	{
		name: "a letter-spaced telegram banner raised", old: "INFO AMEMBASSY MOSCOW\n\nC O N F I D E N T I A L ALMATY 002218\n\nLIMDIS\n", new: "INFO AMEMBASSY MOSCOW\n\nS E C R E T ALMATY 002218\n\nLIMDIS\n",
		want: []string{"marking changed | C O N F I D E N T I A L | S E C R E T"},
	},
	{
		name: "a portion mark with one slash", old: "2. (C) THE MINISTER SAID THAT", new: "2. (S/NF) THE MINISTER SAID THAT",
		want: []string{"marking changed | (C) | (S/NF)"},
	},
	{
		name: "a reason dropped from an authority line is no misreading", old: "Classified by: Nancy Soderberg\nReason: 1.5 (b), (d)\nDeclassify on: OADR\n", new: "Classified by: Nancy Soderberg\nReason: 1.5 (d)\nDeclassify on: OADR\n",
		want: []string{"marking changed | Reason: 1.5 (b), (d) | Reason: 1.5 (d)"},
	},
	{
		name: "another derivative source is no misreading", old: "Classified By: 0720227\nDerived From: CIA NSCG COL S-06\nReason: 1.4(c)\n", new: "Classified By: 0720227\nDerived From: CIA NSCG MET S-06\nReason: 1.4(c)\n",
		want: []string{"marking changed | Derived From: CIA NSCG COL S-06 | Derived From: CIA NSCG MET S-06"},
	},
	{
		name: "an exemption code as a declassification instruction is no redaction", old: "Reason: 1.4(c)\nDeclassify On: 25X1-human\n\n3. (U) The team", new: "Reason: 1.4(c)\nDeclassify On: 20310317\n\n3. (U) The team",
		want: []string{"marking changed | Declassify On: 25X1-human | Declassify On: 20310317"},
	},
	{
		name: "the JFK Act release line added", old: "CL BY 056781\n\nSECRET\n", new: "CL BY 056781\n\nSECRET\n\nReleased under the John F. Kennedy Assassination Records Collection Act of 1992 (44 USC 2107 Note). Case#:NW 53244 Date: 06-05-2017\n",
		want: []string{"marking added | | Released under the John F. Kennedy Assassination Records Collection Act of 1992 (44 USC 2107 Note). Case#:NW 53244 Date: 06-05-2017"},
	},
	{
		name: "an authority line naming another person changes a name", old: "Cleared: ARA/CEN: DWhitcomb\nClassified by: Harlan P. Maddox, Director, INR\nDeclassify on: GDS 8/20/85\n", new: "Cleared: ARA/CEN: DWhitcomb\nClassified by: Theodore Gaines, Executive Secretary\nDeclassify on: GDS 8/20/85\n",
		want: []string{"marking+name changed | Classified by: Harlan P. Maddox, Director, INR | Classified by: Theodore Gaines, Executive Secretary"},
	},
	{
		name: "a CREST stamp restated by a later release", old: "Sanitized Copy Approved for Release 1998/08/19 : CIA-RDP80R01731R003300190011-6\nTOP SECRET\n", new: "Declassified and Approved For Release 2013/09/10 : CIA-RDP80R01731R003300190011-6\nTOP SECRET\n",
		want: []string{"marking changed | Sanitized Copy Approved for Release 1998/08/19 : CIA-RDP80R01731R003300190011-6 | Declassified and Approved For Release 2013/09/10 : CIA-RDP80R01731R003300190011-6"},
	},
	{
		name: "a stamp of several lines is one marking", old: "SECRET\n\nDECLASSIFIED\nAuthority NND 959000\nBy JW NARA Date 6/12/98\n\nBRIEFING MEMORANDUM", new: "SECRET\n\nDECLASSIFIED\nE.O. 12958, as amended\nAuthority MDR 2008-0123\nBy KBH Date 3/11/08\n\nBRIEFING MEMORANDUM",
		want: []string{"marking changed | DECLASSIFIED\nAuthority NND 959000\nBy JW NARA Date 6/12/98 | DECLASSIFIED\nE.O. 12958, as amended\nAuthority MDR 2008-0123\nBy KBH Date 3/11/08"},
	},
	{
		name: "a library stamp ends with its case number and reviewer", old: "WASHINGTON\n\nDECLASSIFIED\nPER E.O. 12958\n2006-0412-M\n7/11/06 kbh\n\nMEMORANDUM OF CONVERSATION", new: "WASHINGTON\n\nDECLASSIFIED\nPER E.O. 12958, as amended\n2009-0321-M (1.31)\n3/2/10 kbm\n\nMEMORANDUM OF CONVERSATION",
		want: []string{"marking changed | DECLASSIFIED\nPER E.O. 12958\n2006-0412-M\n7/11/06 kbh | DECLASSIFIED\nPER E.O. 12958, as amended\n2009-0321-M (1.31)\n3/2/10 kbm"},
	},
	{
		name: "the codes under a State release stamp belong to it", old: "RELEASED IN PART\nB1, 1.4(D), B6\nCONFIDENTIAL\n\nPAGE 01", new: "RELEASED IN FULL\nCONFIDENTIAL\n\nPAGE 01",
		want: []string{"marking changed | RELEASED IN PART\nB1, 1.4(D), B6 | RELEASED IN FULL"},
	},
	{
		name: "the State reading room header is one stamp", old: "UNCLASSIFIED   U.S. Department of State Case No. F-2003-01947 Doc No. C00412286 Date: 06/30/2004\n\nCONFIDENTIAL", new: "UNCLASSIFIED   U.S. Department of State Case No. M-2015-09911 Doc No. C06112843 Date: 02/19/2016\n\nCONFIDENTIAL",
		want: []string{"marking changed | U.S. Department of State Case No. F-2003-01947 Doc No. C00412286 Date: 06/30/2004 | U.S. Department of State Case No. M-2015-09911 Doc No. C06112843 Date: 02/19/2016"},
	},
	{
		name: "CIA release stamps", old: "Approved For Release 2005/01/12 : CIA-RDP80-00000A000100010001-1\nCopy 4", new: "Approved for Release: 2013/05/14 C06123577\nCopy 4",
		want: []string{"marking changed | Approved For Release 2005/01/12 : CIA-RDP80-00000A000100010001-1 | Approved for Release: 2013/05/14 C06123577"},
	},
	{
		name: "prose is no marking", old: "a secret worry of the SECRETARY", new: "a secret concern of the SECRETARY",
		want: []string{"text replaced | worry | concern"},
	},
	{
		name: "name added", old: "The call was placed today.", new: "The call was placed by Mr. Robert Fulton today.",
		want: []string{"name+text added | | by Mr. Robert Fulton"},
	},
	{
		name: "name removed and changed", old: "Amb. Talbott met Mr. Burns today", new: "Amb. Talbot met today",
		want: []string{"name changed | Talbott | Talbot", "name removed | Mr. Burns |"},
	},
	{
		name: "a title starts the next name", old: "Participants:\n  Amb. Harlan Voss\n  Maj. Tom Bexley\n\nThe talks.", new: "Participants:\n  Amb. Harlan Voss\n\nThe talks.",
		want: []string{"name removed | Maj. Tom Bexley |"},
	},
	{
		name: "a sentence holding a name", old: "3. AMB Rourke left early. Dr. Lena Marsh summarized", new: "3. Dr. Lena Marsh summarized",
		want: []string{"name+text removed | AMB Rourke left early. |"},
	},
	{
		name: "a name misread is a transcription", old: "Mr. Grachcv's deputy asked", new: "Mr. Grachev's deputy asked",
		want: []string{"transcription corrected | Grachcv's | Grachev's"},
	},
	{
		name: "a name respelled", old: "Minister Gratchev asked", new: "Minister Grachev asked",
		want: []string{"name changed | Gratchev | Grachev"},
	},
	{
		name: "a middle initial between two name words", old: "It was found by the staff during the move", new: "It was found by Owen T. Harkavy during the move",
		want: []string{"name+text added | the staff | Owen T. Harkavy"},
	},
	{
		name: "a designator's letter is no middle initial", old: "See Tab A. List of estimates.", new: "See Tab B. List of estimates.",
		want: []string{"text replaced | A. | B."},
	},
	{
		name: "a list of persons", old: "Distribution:\nDepSecDef\nCJCS Gen. Shalikashvili\nWisner\nSlocombe\nNSC: Mr. Lake\n",
		new:  "Distribution:\nDepSecDef\nCJCS\nWisner\nSlocombe\nCarter\nNSC: Mr. Lake\n",
		want: []string{"name removed | Gen. Shalikashvili |", "name added | | Carter"},
	},
	{
		name: "a name after an article is a modifier", old: "Candidate Trump spoke. They expected [Redacted] to help them.", new: "Candidate Trump spoke. They expected a Trump presidency to help them.",
		want: []string{"redaction lifted | [Redacted] | a Trump presidency"},
	},
	{
		name: "a respelling in the place of a name", old: "(S) Grachyov also discussed it. Minister Grachev said", new: "(S) Grachev also discussed it. Minister Grachev said",
		want: []string{"name changed | Grachyov | Grachev"},
	},
	{
		name: "a digit in a name is a misreading", old: "Lee 1. Wigren\nC/SR/CI/R\n", new: "Lee H. Wigren\nC/SR/CI/R\n",
		want: []string{"transcription corrected | Lee 1. Wigren | Lee H. Wigren"},
	},
	{
		name: "an institution named after a person", old: "re Warren Coumission inquiry", new: "re Warren Commission inquiry",
		want: []string{"transcription corrected | Warren Coumission | Warren Commission"},
	},
	{
		name: "role abbreviations are no names", old: "SecDef called MOD Grachev", new: "CJCS called MOD Grachev",
		want: []string{"text replaced | SecDef | CJCS"},
	},
	{
		name: "ocr confusions", old: "c00peration was con rmed in the Ri e Division by Boch sides", new: "cooperation was confirmed in the Rifle Division by Both sides",
		want: []string{"transcription corrected | c00peration | cooperation", "transcription corrected | con rmed | confirmed",
			"transcription corrected | Ri e | Rifle", "transcription corrected | Boch | Both"},
	},
	{
		name: "split joined and case (touching misreadings are one change)", old: "would soon stepdown in EurOpe U S", new: "would soon step down in Europe U.S.",
		want: []string{"transcription corrected | stepdown | step down", "transcription corrected | EurOpe U S | Europe U.S."},
	},
	{
		name: "text inserted", old: "Mr. Robert Fulton (CIA) was there", new: "Mr. Robert Fulton (CIA) was U.S. consular official there",
		want: []string{"text inserted | | U.S. consular official"},
	},
	{
		name: "text deleted", old: "He agreed, after a long pause, to go.", new: "He agreed to go.",
		want: []string{"text deleted | agreed, after a long pause, | agreed"},
	},
	{
		name: "a deleted sentence is cut at its ends", old: "Write to the program office.\nCopies of this memorandum go to the finance office.\n", new: "Write to the program office.\n",
		want: []string{"text deleted | Copies of this memorandum go to the finance office. |"},
	},
	{
		name: "an inserted line is cut at its ends", old: "The talks.\n\nThe weather.\n", new: "The talks.\n\nThe dinner.\n\nThe weather.\n",
		want: []string{"text inserted | | The dinner."},
	},
	{
		name: "numbers differ", old: "200 personnel in 1994", new: "300 personnel in 1994",
		want: []string{"text replaced | 200 | 300"},
	},
	{
		name: "moved paragraph", old: "First point is here.\n\nSecond point made now.\n\nThird.", new: "Second point made now.\n\nFirst point is here.\n\nThird.",
		want: []string{"text moved | First point is here. | First point is here."},
	},
	{
		name: "reflow and hyphenation", old: "the security of\nEurope", new: "the secu-\nrity of Europe", format: true,
		want: []string{"format reflowed | security of\nEurope | secu-\nrity of Europe"},
	},
	{
		name: "layout edits apart", old: "Mutual greetings and pleasantries were\nexchanged. SecDef said that his\nregret was real.\n\n(S) He asked.  Then he\nleft.",
		new: "Mutual greetings\nand pleasantries were ex-\nchanged. SecDef said that his regret was real.\n\n    (S) He asked. Then he left.", format: true,
		want: []string{
			"format reflowed | greetings and | greetings\nand",
			"format reflowed | were\nexchanged. | were ex-\nchanged.",
			"format reflowed | his\nregret | his regret",
			"format reflowed | real.\n\n(S) | real.\n\n    (S)",
			"format reflowed | asked.  Then | asked. Then",
			"format reflowed | he\nleft. | he left.",
		},
	},
	{
		name: "line breaks on both sides of a word are one edit", old: "expressed his regret that", new: "expressed\nhis\nregret that", format: true,
		want: []string{"format reflowed | expressed his regret | expressed\nhis\nregret"},
	},
	{
		name: "a re-wrapped line is one moved line break", old: "one two three four five\nsix seven eight nine ten", new: "one two three\nfour five six seven eight nine ten", format: true,
		want: []string{"format reflowed | three four five\nsix | three\nfour five six"},
	},
	{
		name: "reflow hidden", old: "one two\nthree", new: "one\ntwo three",
		want: nil,
	},
	{
		name: "trailing newline", old: "text", new: "text\n", format: true,
		want: []string{"format reflowed | text | text\n"},
	},
}

// describe writes a change the way testCases do.
func describe(c Change) string {
	cats := make([]string, len(c.Categories))
	for i, x := range c.Categories {
		cats[i] = string(x)
	}
	return fmt.Sprintf("%s %s | %s | %s", strings.Join(cats, "+"), c.Action, c.Old.Text, c.New.Text)
}

// normalizeWant trims the spaces a case adds around its " | " separators.
func normalizeWant(w string) string {
	parts := strings.Split(w, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, " | ")
}

func TestCases(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range testCases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := d.Diff([]byte(tc.old), []byte(tc.new))
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			checkResult(t, tc.old, tc.new, res)
			var got []string
			for _, c := range res.Changes {
				if c.Kind == Format && !tc.format {
					continue
				}
				got = append(got, normalizeWant(describe(c)))
			}
			var want []string
			for _, w := range tc.want {
				want = append(want, normalizeWant(w))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", tc.old, tc.new, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// checkResult checks the invariants of every result: the equal stretches and the change
// spans cover each text exactly once, every span is valid UTF-8 at rune boundaries with
// the right text and line, kinds follow precedence, and the summary counts the changes.
func checkResult(t *testing.T, old, new string, res *Result) {
	t.Helper()
	rebuild := func(name, text string, spans []Span) {
		sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		var b strings.Builder
		at := 0
		for _, s := range spans {
			if s.Start != at && s.Start != s.End {
				t.Fatalf("%s spans: gap or overlap at %d (next span starts %d)", name, at, s.Start)
			}
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("%s span %+v out of range", name, s)
			}
			if s.Text != text[s.Start:s.End] {
				t.Fatalf("%s span %+v: text %q, want %q", name, s, s.Text, text[s.Start:s.End])
			}
			if !utf8.ValidString(s.Text) || (s.Start < len(text) && !utf8.RuneStart(text[s.Start])) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
				t.Fatalf("%s span %+v does not sit on rune boundaries", name, s)
			}
			if want := strings.Count(text[:s.Start], "\n") + 1; s.Line != want {
				t.Fatalf("%s span %+v: line %d, want %d", name, s, s.Line, want)
			}
			b.WriteString(s.Text)
			if s.Start != s.End {
				at = s.End
			}
		}
		if b.String() != text {
			t.Fatalf("%s text does not rebuild from its spans: got %q", name, b.String())
		}
	}
	var olds, news []Span
	for _, e := range res.Equal {
		olds, news = append(olds, e.Old), append(news, e.New)
	}
	for _, c := range res.Changes {
		olds, news = append(olds, c.Old), append(news, c.New)
		if len(c.Categories) == 0 || c.Kind != c.Categories[0] {
			t.Fatalf("change %s: kind is not the first category", describe(c))
		}
		for i := 1; i < len(c.Categories); i++ {
			if precedence(c.Categories[i-1]) >= precedence(c.Categories[i]) {
				t.Fatalf("change %s: categories out of precedence order", describe(c))
			}
		}
	}
	rebuild("old", old, olds)
	rebuild("new", new, news)
	if got, want := res.Summary, Summarize(res.Changes); got != want {
		t.Fatalf("Summary = %+v, want %+v", got, want)
	}
}
