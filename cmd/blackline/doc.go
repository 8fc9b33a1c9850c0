// Command blackline keeps every release and transcription of a declassified memo in a git
// archive and compares versions with a differ that flags redactions, classification
// markings and personal names apart from OCR slips and reflowed lines.
//
// This package is the thin command-line shell: it parses flags into options, loads the
// configuration, calls the repo and diff packages, renders their results and maps errors to
// exit statuses (0 success or no differences, 1 differences found, 2 error). Each command
// lives in its own file.
package main
