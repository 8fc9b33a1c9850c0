package repo

import (
	"reflect"
	"testing"
)

func TestCommitMessage(t *testing.T) {
	tests := []struct {
		name    string
		meta    Meta
		summary string
		want    string
	}{
		{
			name: "required trailers only",
			meta: Meta{Document: "dod/grachev", Label: "v1", Kind: Release},
			want: "dod/grachev: v1 (release)\n\nDocument: dod/grachev\nVersion-Label: v1\nVersion-Kind: release\n",
		},
		{
			name:    "all trailers and a summary",
			meta:    Meta{Document: "dod/grachev", Label: "ocr-2", Kind: Transcription, Date: "2016-05-02", Source: "Clinton Library", Case: "2015-0771-M", Transcribes: "mdr-2016"},
			summary: "\nredaction 2 lifted, marking 1  \n  (b)(6) lifted\t\n\n",
			want: "dod/grachev: ocr-2 (transcription)\n\nredaction 2 lifted, marking 1\n  (b)(6) lifted\n\n" +
				"Document: dod/grachev\nVersion-Label: ocr-2\nVersion-Kind: transcription\nRelease-Date: 2016-05-02\n" +
				"Source: Clinton Library\nCase-Number: 2015-0771-M\nTranscribes: mdr-2016\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := commitMessage(tt.meta, tt.summary); got != tt.want {
				t.Errorf("commitMessage(%+v, %q) = %q, want %q", tt.meta, tt.summary, got, tt.want)
			}
		})
	}
}

func TestParseMessage(t *testing.T) {
	tests := []struct {
		name     string
		msg      string
		subject  string
		body     string
		trailers []trailer
	}{
		{
			name:     "blackline message",
			msg:      commitMessage(Meta{Document: "a/b", Label: "x", Kind: Release, Case: "NW 64937"}, "marking 1\nname 2"),
			subject:  "a/b: x (release)",
			body:     "marking 1\nname 2",
			trailers: []trailer{{"Document", "a/b"}, {"Version-Label", "x"}, {"Version-Kind", "release"}, {"Case-Number", "NW 64937"}},
		},
		{
			name:    "subject only",
			msg:     "Add the memo\n",
			subject: "Add the memo",
		},
		{
			name:    "body that is not trailers",
			msg:     "Add the memo\n\nFrom the 2016 release.\nSee: the finding aid\n",
			subject: "Add the memo",
			body:    "From the 2016 release.\nSee: the finding aid",
		},
		{
			name:     "folded trailer and CRLF",
			msg:      "s\r\n\r\nbody\r\n\r\nSource: National Archives,\r\n  College Park\r\nDocument: d\r\n",
			subject:  "s",
			body:     "body",
			trailers: []trailer{{"Source", "National Archives, College Park"}, {"Document", "d"}},
		},
		{
			name:    "a lone subject that looks like a trailer",
			msg:     "Document: x\n",
			subject: "Document: x",
		},
		{name: "empty", msg: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subject, body, trailers := parseMessage(tt.msg)
			if subject != tt.subject || body != tt.body || !reflect.DeepEqual(trailers, tt.trailers) {
				t.Errorf("parseMessage(%q) = %q, %q, %q, want %q, %q, %q", tt.msg, subject, body, trailers, tt.subject, tt.body, tt.trailers)
			}
		})
	}
}

func TestMetaFromTrailers(t *testing.T) {
	m := Meta{Document: "dod/x", Label: "l", Kind: Transcription, Date: "1994-01-05", Source: "s", Case: "c", Transcribes: "r"}
	_, _, trailers := parseMessage(commitMessage(m, ""))
	if got := metaFromTrailers(trailers); got != m {
		t.Errorf("metaFromTrailers(parseMessage(commitMessage(%+v))) = %+v", m, got)
	}
	got := metaFromTrailers([]trailer{{"version-label", "first"}, {"Version-Label", "second"}})
	if got.Label != "first" {
		t.Errorf("metaFromTrailers(two labels).Label = %q, want %q (keys case-insensitive, first wins)", got.Label, "first")
	}
}
