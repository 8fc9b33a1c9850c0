package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/blackline/blackline/cmd/blackline/review"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// topConfusions is how many OCR confusions diff --stats names.
const topConfusions = 8

// writeStats adds the transcription review to diff's output: in text, a closing section;
// in JSON, a "stats" member appended to the comparison document doc.
func writeStats(w io.Writer, format string, doc []byte, st review.Stats) error {
	if format == "json" {
		body := bytes.TrimRight(doc, "\n")
		if !bytes.HasSuffix(body, []byte("}")) {
			return fmt.Errorf("write json: comparison document does not end an object")
		}
		b, err := json.MarshalIndent(st, "  ", "  ")
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		body = bytes.TrimRight(body[:len(body)-1], "\n")
		_, err = fmt.Fprintf(w, "%s,\n  \"stats\": %s\n}\n", body, b)
		return err
	}
	_, err := fmt.Fprintf(w, "\nTranscription review (A read against B as the reference)\n  %s\n", statsLine(st))
	if err == nil && len(st.Confusions) > 0 {
		_, err = fmt.Fprintf(w, "  OCR confusions: %s\n", st.Top(topConfusions))
	}
	return err
}

// statsLine is "CER 3.70% (1 of 27 characters) · WER 25.00% (1 of 4 words)".
func statsLine(st review.Stats) string {
	s := fmt.Sprintf("CER %.2f%% (%d of %d characters) · WER %.2f%% (%d of %d words)",
		100*st.CER, st.CharEdits, st.Chars, 100*st.WER, st.WordEdits, st.Words)
	if st.Approximate {
		s += " (approximate: a block was too large to compare exactly)"
	}
	return s
}

// transcriptionCER is a transcription's character error rate against the reading before
// it.
type transcriptionCER struct {
	cer     float64
	against string // label of the version it was measured against
}

// String is "CER 2.10% vs mdr-2016".
func (c transcriptionCER) String() string {
	return fmt.Sprintf("CER %.2f%% vs %s", 100*c.cer, c.against)
}

// transcriptionCERs measures every transcription in histories against the previous
// transcription of the same release, or the release itself when it is the first: the
// earlier reading is the hypothesis, the transcription the reference. Keyed by commit.
// One comparison a transcription; versions of other kinds are not read.
func (a *app) transcriptionCERs(ar *repo.Archive, histories [][]repo.Version) (map[string]transcriptionCER, error) {
	out := map[string]transcriptionCER{}
	var d *diff.Differ
	for _, vs := range histories {
		latest := map[string]repo.Version{} // release label → its latest reading so far
		for _, v := range vs {
			if v.Kind != repo.Transcription || v.Transcribes == "" {
				latest[v.Label] = v
				continue
			}
			prev, ok := latest[v.Transcribes]
			latest[v.Transcribes] = v
			if !ok {
				continue
			}
			if d == nil {
				var err error
				if d, err = diff.New(a.diffOptions()); err != nil {
					return nil, err
				}
			}
			texts, err := readTexts(ar, []repo.Version{prev, v})
			if err != nil {
				return nil, err
			}
			res, err := d.Diff(texts[0].Text, texts[1].Text)
			if err != nil {
				return nil, fmt.Errorf("compare %s with %s: %w", v.Ref(), prev.Ref(), err)
			}
			out[v.Commit] = transcriptionCER{cer: review.Compare(texts[0].Text, texts[1].Text, res).CER, against: prev.Label}
		}
	}
	return out, nil
}
