package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// documentHistory reads every version of document id with its text, oldest first, for the
// analyses over many versions: one walk of the history, then one blob a version.
func documentHistory(ar *repo.Archive, id string) ([]repo.Version, []diff.VersionText, error) {
	if err := repo.ValidateID(id); err != nil {
		return nil, nil, err
	}
	vs, err := ar.Versions(id)
	if err != nil {
		return nil, nil, err
	}
	texts, err := readTexts(ar, vs)
	return vs, texts, err
}

// readTexts reads the texts of versions vs.
func readTexts(ar *repo.Archive, vs []repo.Version) ([]diff.VersionText, error) {
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

// resolveInHistory finds the version ref names and reads its document's versions, walking
// the history once for the forms ID, ID@LABEL and ID~N (a commit hash is resolved first).
func resolveInHistory(ar *repo.Archive, ref string) (repo.Version, []repo.Version, []diff.VersionText, error) {
	id, label, back, tilde := ref, "", 0, false
	if at := strings.LastIndex(ref, "@"); at >= 0 {
		id, label = ref[:at], ref[at+1:]
	} else if t := strings.LastIndex(ref, "~"); t >= 0 {
		n, err := strconv.Atoi(ref[t+1:])
		if err != nil || n < 0 {
			return repo.Version{}, nil, nil, fmt.Errorf("resolve %s: %w: ~N needs a number", ref, repo.ErrUnknownVersion)
		}
		id, back, tilde = ref[:t], n, true
	}
	vs, texts, err := documentHistory(ar, id)
	if (errors.Is(err, repo.ErrUnknownDocument) || errors.Is(err, repo.ErrInvalidID)) && label == "" && !tilde {
		v, rerr := ar.Resolve(ref) // a commit hash
		if rerr != nil {
			return repo.Version{}, nil, nil, rerr
		}
		vs, texts, err = documentHistory(ar, v.Document)
	}
	if err != nil {
		return repo.Version{}, nil, nil, err
	}
	switch {
	case label != "":
		for _, v := range vs {
			if v.Label == label {
				return v, vs, texts, nil
			}
		}
		return repo.Version{}, nil, nil, fmt.Errorf("resolve %s: %w: %s has no version labelled %q", ref, repo.ErrUnknownVersion, id, label)
	case back >= len(vs):
		return repo.Version{}, nil, nil, fmt.Errorf("resolve %s: %w: %s has %d version%s", ref, repo.ErrUnknownVersion, id, len(vs), plural(len(vs)))
	case id == ref || tilde:
		return vs[len(vs)-1-back], vs, texts, nil
	}
	for _, v := range vs { // a commit hash
		if strings.HasPrefix(v.Commit, strings.ToLower(ref)) {
			return v, vs, texts, nil
		}
	}
	return repo.Version{}, nil, nil, fmt.Errorf("resolve %s: %w", ref, repo.ErrUnknownVersion)
}

// historyFormat checks a --format value among the ones a command writes.
func historyFormat(command, format string, allowed ...string) error {
	for _, f := range allowed {
		if format == f {
			return nil
		}
	}
	if format == "html" {
		return fmt.Errorf("%s: --format html is not available in this build (use %s)", command, strings.Join(allowed, " or "))
	}
	return fmt.Errorf("%s: invalid --format %q: want %s", command, format, strings.Join(allowed, " or "))
}
