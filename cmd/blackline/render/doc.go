// Package render writes the result of comparing two versions for people (Text) and for
// programs (JSON). It reads diff.Result values and never computes a diff itself; an HTML
// renderer can draw both versions side by side from the same values (the changes' spans
// plus Result.Equal cover each version exactly once).
package render
