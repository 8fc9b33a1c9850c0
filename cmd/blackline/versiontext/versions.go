// Package versiontext hands an archive's versions to the analyses and words them for people:
// the one place where the command line and the web viewer turn repo.Version values into
// diff.VersionText inputs and into the "transcription of mdr-2016" kind column.
package versiontext

import (
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// Texts reads the texts of versions vs from ar, in order, as inputs to the analyses over
// many versions (diff.Differ's Ledger, Blame and Reveal). It reads each blob once.
func Texts(ar *repo.Archive, vs []repo.Version) ([]diff.VersionText, error) {
	out := make([]diff.VersionText, len(vs))
	for i, v := range vs {
		text, err := ar.Text(v)
		if err != nil {
			return nil, err
		}
		out[i] = diff.VersionText{Label: v.Label, Kind: string(v.Kind), Transcribes: v.Transcribes, Text: text}
	}
	return out, nil
}

// Kind words a version's kind, with the release a transcription transcribes
// ("transcription of mdr-2016"); "-" for a commit made without blackline.
func Kind(v repo.Version) string {
	switch {
	case v.Kind == "":
		return "-"
	case v.Transcribes != "":
		return string(v.Kind) + " of " + v.Transcribes
	}
	return string(v.Kind)
}
