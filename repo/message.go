package repo

import (
	"strings"
)

// Trailer keys of a version's commit message, in the order they are written.
const (
	trailerDocument    = "Document"
	trailerLabel       = "Version-Label"
	trailerKind        = "Version-Kind"
	trailerDate        = "Release-Date"
	trailerSource      = "Source"
	trailerCase        = "Case-Number"
	trailerTranscribes = "Transcribes"
)

// trailer is one "Key: value" line of a message's trailer block.
type trailer struct {
	key, value string
}

// commitMessage writes a version's message: the subject "<ID>: <LABEL> (<KIND>)", the
// summary paragraph when there is one, and the trailer block, which git interpret-trailers
// reads. Optional trailers appear only when set.
func commitMessage(m Meta, summary string) string {
	var b strings.Builder
	b.WriteString(m.Document + ": " + m.Label + " (" + string(m.Kind) + ")\n\n")
	if s := cleanSummary(summary); s != "" {
		b.WriteString(s + "\n\n")
	}
	for _, t := range metaTrailers(m) {
		b.WriteString(t.key + ": " + t.value + "\n")
	}
	return b.String()
}

// metaTrailers lists the trailers recording m.
func metaTrailers(m Meta) []trailer {
	ts := []trailer{{trailerDocument, m.Document}, {trailerLabel, m.Label}, {trailerKind, string(m.Kind)}}
	for _, t := range []trailer{{trailerDate, m.Date}, {trailerSource, m.Source}, {trailerCase, m.Case}, {trailerTranscribes, m.Transcribes}} {
		if t.value != "" {
			ts = append(ts, t)
		}
	}
	return ts
}

// cleanSummary trims trailing spaces from each line and blank lines around the text.
func cleanSummary(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// parseMessage splits a commit message into its subject (first paragraph), its body
// paragraphs before the trailer block, and the trailers of the last paragraph — when that
// paragraph is made only of "Key: value" lines (and indented continuation lines), as
// git interpret-trailers reads it. O(len(msg)).
func parseMessage(msg string) (subject, body string, trailers []trailer) {
	var paragraphs [][]string
	var cur []string
	for _, line := range strings.Split(strings.ReplaceAll(msg, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				paragraphs = append(paragraphs, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if cur != nil {
		paragraphs = append(paragraphs, cur)
	}
	if len(paragraphs) == 0 {
		return "", "", nil
	}
	subject = strings.Join(paragraphs[0], " ")
	rest := paragraphs[1:]
	if n := len(rest); n > 0 {
		if ts, ok := parseTrailerBlock(rest[n-1]); ok {
			trailers = ts
			rest = rest[:n-1]
		}
	}
	parts := make([]string, len(rest))
	for i, p := range rest {
		parts[i] = strings.Join(p, "\n")
	}
	return subject, strings.Join(parts, "\n\n"), trailers
}

// parseTrailerBlock reads lines as trailers; ok is false when a line is neither a trailer
// nor the continuation of one.
func parseTrailerBlock(lines []string) (ts []trailer, ok bool) {
	for _, line := range lines {
		if (line[0] == ' ' || line[0] == '\t') && len(ts) > 0 {
			ts[len(ts)-1].value += " " + strings.TrimSpace(line)
			continue
		}
		key, value, found := strings.Cut(line, ":")
		if !found || !isTrailerKey(key) {
			return nil, false
		}
		ts = append(ts, trailer{key: key, value: strings.TrimSpace(value)})
	}
	return ts, len(ts) > 0
}

// isTrailerKey accepts the tokens git accepts before a trailer's colon.
func isTrailerKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// metaFromTrailers reads a version's metadata from its trailers; keys compare
// case-insensitively and the first occurrence wins.
func metaFromTrailers(ts []trailer) Meta {
	var m Meta
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	for _, t := range ts {
		switch strings.ToLower(t.key) {
		case strings.ToLower(trailerDocument):
			set(&m.Document, t.value)
		case strings.ToLower(trailerLabel):
			set(&m.Label, t.value)
		case strings.ToLower(trailerKind):
			if m.Kind == "" {
				m.Kind = Kind(t.value)
			}
		case strings.ToLower(trailerDate):
			set(&m.Date, t.value)
		case strings.ToLower(trailerSource):
			set(&m.Source, t.value)
		case strings.ToLower(trailerCase):
			set(&m.Case, t.value)
		case strings.ToLower(trailerTranscribes):
			set(&m.Transcribes, t.value)
		}
	}
	return m
}
