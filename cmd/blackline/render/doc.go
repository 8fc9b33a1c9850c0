// Package render writes the result of comparing two versions for people (Text, and HTML:
// one self-contained page with both versions side by side) and for programs (JSON), and
// the analyses over many versions (Ledger, Blame, Reveal as text; LedgerHTML as a page;
// LedgerFragment, BlameFragment and RevealFragment for the web viewer). It reads the
// differ's values and never computes a diff itself: the HTML views draw both versions whole
// from the changes' spans plus Result.Equal, which cover each version exactly once, with
// redaction markers as black bars labelled with their exemption codes. SideBySide,
// VersionText, Stylesheet and Script give the web viewer the same drawing.
package render
