// Package samples holds the sample memo versions that `blackline demo` adds to a temporary
// archive: five versions of one real document, the memorandum for the record of the
// Secretary of Defense's telephone call to Russian Minister of Defense Pavel Grachev on
// 5 January 1994 (document ID dod/secdef-grachev-1994-01-05).
//
// The versions, in the order they are added:
//
//   - foia-1998, a release: SECRET banners, portion marks, five passages withheld under
//     (b)(1), the preparer's name and telephone withheld under (b)(6), a "RELEASED IN PART"
//     stamp with the FOIA case number;
//   - mdr-2016, a mandatory declassification review release: most passages shown, the
//     preparer's name restored, a "DECLASSIFIED PER E.O. 13526" stamp, the Clinton Library's
//     photocopy stamps, one sentence still withheld with a changed code (b)(1) 1.4(d);
//   - ocr-2016, a transcription of mdr-2016: the OCR of the scan, with its real damage
//     (portion marks read SJ, Sk, OS, CS; lost ligatures "con rmed"; 0/o slips "c00peration");
//   - corrected-2016, a transcription of mdr-2016: the corrected reading, re-wrapped;
//   - nara-2025, a later release: the 2016 withheld sentence shown, another passage
//     withheld again (b)(1) 1.4(g), the telephone number withheld, a portion mark
//     downgraded and a new declassification stamp.
//
// The memo's words are those of the declassified copy in the Clinton Library (a U.S.
// Government work, in the public domain), read from the OCR kept in the repository's
// testdata/corpus. The release apparatus is invented for the demonstration: which passages
// each release withholds, the exemption codes, stamps, case numbers and dates. README.md
// beside this file lists every invention.
//
// The texts and their metadata live in the embedded folder memos/: a CSV manifest
// (memos/manifest.csv, the format `blackline import` reads, with an extra trailing
// column transcribes) and one text file per version, laid out ID/LABEL.txt.
package samples
