package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// historyTexts reads the texts of a document's versions for the analyses over many
// versions.
func historyTexts(ar *repo.Archive, vs []repo.Version) ([]diff.VersionText, error) {
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

// historyKey names a document's versions in the cache: their commits change whenever a
// version is added.
func historyKey(what string, vs []repo.Version) string {
	commits := make([]string, len(vs))
	for i, v := range vs {
		commits[i] = v.Commit
	}
	return what + " " + strings.Join(commits, " ")
}

// ledger returns the redaction ledger of document id, whose versions are vs.
func (s *Server) ledger(ar *repo.Archive, id string, vs []repo.Version) (*diff.Ledger, error) {
	key := historyKey("ledger", vs)
	if l, ok := s.cache.get(key); ok {
		return l.(*diff.Ledger), nil
	}
	texts, err := historyTexts(ar, vs)
	if err != nil {
		return nil, err
	}
	l, err := s.opts.Differ.Ledger(id, texts)
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", id, err)
	}
	s.cache.put(key, l)
	return l, nil
}

// versions reads a document's versions; a document without any is unknown.
func versions(ar *repo.Archive, id string) ([]repo.Version, error) {
	vs, err := ar.Versions(id)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s: %w", id, repo.ErrUnknownDocument)
	}
	return vs, nil
}

// historyPage is what the ledger, blame and reveal pages show.
type historyPage struct {
	ID      string
	Heading string
	Label   string // blame: the version blamed
	Body    template.HTML
}

// ledgerPage shows the redaction ledger: each withheld passage across the releases.
func (s *Server) ledgerPage(_ *http.Request, ar *repo.Archive, id, _ string) (*view, error) {
	vs, err := versions(ar, id)
	if err != nil {
		return nil, err
	}
	l, err := s.ledger(ar, id, vs)
	if err != nil {
		return nil, err
	}
	body, err := render.LedgerFragment(render.LedgerInput{
		Ledger: l, Redactor: s.opts.Differ,
		LineURL: func(label string, line int) string { return versionURL(id, label) + "#L" + strconv.Itoa(line) },
	})
	if err != nil {
		return nil, err
	}
	return &view{Template: "history", Title: "Redaction ledger · " + id, Data: historyPage{ID: id, Heading: "Redaction ledger", Body: body}}, nil
}

// blamePage dates each line of version label by the release that first showed it.
func (s *Server) blamePage(_ *http.Request, ar *repo.Archive, id, label string) (*view, error) {
	vs, err := versions(ar, id)
	if err != nil {
		return nil, err
	}
	found := false
	for _, v := range vs {
		found = found || v.Label == label
	}
	if !found {
		return nil, fmt.Errorf("%s@%s: %w", id, label, repo.ErrUnknownVersion)
	}
	texts, err := historyTexts(ar, vs)
	if err != nil {
		return nil, err
	}
	b, err := s.opts.Differ.Blame(id, texts, label)
	if err != nil {
		return nil, fmt.Errorf("blame %s@%s: %w", id, label, err)
	}
	body, err := render.BlameFragment(render.BlameInput{Blame: b, Redactor: s.opts.Differ, VersionURL: func(l string) string { return versionURL(id, l) }})
	if err != nil {
		return nil, err
	}
	return &view{Template: "history", Title: "Blame " + label + " · " + id, Data: historyPage{ID: id, Heading: "Blame", Label: label, Body: body}}, nil
}

// revealPage shows the fullest text the releases give together.
func (s *Server) revealPage(_ *http.Request, ar *repo.Archive, id, _ string) (*view, error) {
	vs, err := versions(ar, id)
	if err != nil {
		return nil, err
	}
	key := historyKey("reveal", vs)
	var r *diff.Reveal
	if c, ok := s.cache.get(key); ok {
		r = c.(*diff.Reveal)
	} else {
		texts, err := historyTexts(ar, vs)
		if err != nil {
			return nil, err
		}
		if r, err = s.opts.Differ.Reveal(id, texts, nil); err != nil {
			return nil, fmt.Errorf("reveal %s: %w", id, err)
		}
		s.cache.put(key, r)
	}
	body, err := render.RevealFragment(render.RevealInput{Reveal: r, Redactor: s.opts.Differ, VersionURL: func(l string) string { return versionURL(id, l) }})
	if err != nil {
		return nil, err
	}
	return &view{Template: "history", Title: "Reveal · " + id, Data: historyPage{ID: id, Heading: "Reveal: the fullest text", Body: body}}, nil
}
