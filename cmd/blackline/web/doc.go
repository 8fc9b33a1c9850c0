// Package web is blackline's read-only viewer: a small web server over an archive that
// lists its documents (with search by ID and title words), shows a document's timeline of
// versions, any two versions side by side with redactions drawn as black bars and lifted
// text highlighted, each version's text, and a chart of how much stayed withheld release
// after release (inline SVG drawn on the server).
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
// per request, so versions added by another process meanwhile show on the next request.
package web
