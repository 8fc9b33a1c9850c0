// Package web is blackline's read-only viewer: a small web server over an archive that
// lists its documents (with search by ID and title words), shows a document's timeline of
// versions, any two versions side by side with redactions drawn as black bars and lifted
// text highlighted, each version's text, the redaction ledger, blame, reveal, and a chart
// of how much stayed withheld release after release (inline SVG drawn on the server).
//
// URLs: / (documents, ?q= search, ?page=), /doc/ID (timeline and chart), and below it,
// after "/-/" (which no document ID contains): compare?old=L&new=L (&only=, &all=1),
// v/LABEL (a version's text), ledger, blame/LABEL, reveal; /static/ holds the stylesheet
// and the script.
//
// It uses only the standard library's net/http and html/template, with its templates and
// stylesheet embedded. Every page works without JavaScript; a small script adds keyboard
// navigation between changes.
//
// Safety: every document text and metadata value is escaped by html/template; document IDs
// and labels in URLs are checked with repo.ValidateID and repo.ValidateLabel before the
// archive is touched, so no URL names anything outside it; only GET and HEAD are answered
// (anything else is 405); responses carry a strict Content-Security-Policy; on a loopback
// address, requests naming another host are refused (DNS rebinding); NewHTTPServer sets
// header, read, write and idle timeouts and a header size limit. The archive is opened
// per request, so versions added by another process meanwhile show on the next request;
// what is computed from a document's versions (titles, ledger, reveal, chart) is cached by
// their commit hashes, which never go stale.
package web
