package web

import (
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the pages, one template file each beside layout.tmpl.
var pageNames = []string{"documents", "timeline", "compare", "version", "history", "error"}

// funcs are the helpers the templates call to build links.
var funcs = template.FuncMap{
	"docURL":     docURL,
	"versionURL": versionURL,
	"compareURL": compareURL,
	"ledgerURL":  func(id string) string { return "/doc/" + id + "/-/ledger" },
	"revealURL":  func(id string) string { return "/doc/" + id + "/-/reveal" },
	"blameURL":   func(id, label string) string { return "/doc/" + id + "/-/blame/" + label },
	"kindText":   kindText,
	"short":      func(commit string) string { return commit[:min(7, len(commit))] },
	"add":        func(a, b int) int { return a + b },
	"sub":        func(a, b int) int { return a - b },
}

func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.tmpl", "templates/"+name+".tmpl")
		if err != nil {
			return nil, fmt.Errorf("web: parse templates: %w", err)
		}
		pages[name] = t
	}
	return pages, nil
}

// The viewer's URLs. A document ID is a path of segments that each start with a letter or
// digit, so "/-/" never occurs inside one and separates the ID from what is asked of it.
func docURL(id string) string            { return "/doc/" + id }
func versionURL(id, label string) string { return "/doc/" + id + "/-/v/" + label }
func compareURL(id, old, new string) string {
	return "/doc/" + id + "/-/compare?" + url.Values{"old": {old}, "new": {new}}.Encode()
}

// kindText is a version's kind, with the release a transcription transcribes.
func kindText(v repo.Version) string {
	switch {
	case v.Kind == "":
		return "-"
	case v.Transcribes != "":
		return string(v.Kind) + " of " + v.Transcribes
	}
	return string(v.Kind)
}

// open opens the archive for one request.
func (s *Server) open() (*repo.Archive, error) {
	ar, err := repo.Open(s.opts.Archive)
	if err != nil {
		return nil, fmt.Errorf("open archive: %w", err)
	}
	return ar, nil
}

// documentRow is one line of the document list.
type documentRow struct {
	repo.Document
	Title string
}

// documents lists the archive's documents, filtered by the words of ?q= (each must occur
// in the ID or the title, case-insensitively), a page at a time.
func (s *Server) documents(r *http.Request) (*view, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	pageNo, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pageNo = max(pageNo, 1)
	ar, err := s.open()
	if err != nil {
		return nil, err
	}
	docs, err := ar.Documents()
	if err != nil {
		return nil, err
	}
	words := strings.Fields(strings.ToLower(q))
	var rows []documentRow
	if len(words) == 0 {
		from := min((pageNo-1)*s.opts.PageSize, len(docs))
		to := min(from+s.opts.PageSize, len(docs))
		for _, d := range docs[from:to] {
			rows = append(rows, documentRow{Document: d, Title: s.title(ar, d.Latest)})
		}
	} else {
		var matched []documentRow
		for _, d := range docs {
			row := documentRow{Document: d, Title: s.title(ar, d.Latest)}
			if matches(strings.ToLower(d.ID+" "+row.Title), words) {
				matched = append(matched, row)
			}
		}
		from := min((pageNo-1)*s.opts.PageSize, len(matched))
		rows = matched[from:min(from+s.opts.PageSize, len(matched))]
		docs = make([]repo.Document, len(matched)) // only the count is used below
	}
	data := struct {
		Rows       []documentRow
		Query      string
		Total      int
		Page       int
		Prev, Next string
	}{Rows: rows, Query: q, Total: len(docs), Page: pageNo}
	link := func(p int) string {
		v := url.Values{"page": {strconv.Itoa(p)}}
		if q != "" {
			v.Set("q", q)
		}
		return "/?" + v.Encode()
	}
	if pageNo > 1 {
		data.Prev = link(pageNo - 1)
	}
	if pageNo*s.opts.PageSize < len(docs) {
		data.Next = link(pageNo + 1)
	}
	title := "Documents"
	if q != "" {
		title = "Search: " + q
	}
	return &view{Template: "documents", Title: title, Data: data, Query: q}, nil
}

// matches reports whether every word occurs in text.
func matches(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// title returns a document's title as its version v reads: the SUBJECT line of a memo,
// else the first line of four words or more, else the first line; cached by commit.
func (s *Server) title(ar *repo.Archive, v repo.Version) string {
	key := "title " + v.Commit
	if t, ok := s.cache.get(key); ok {
		return t.(string)
	}
	text, err := ar.Text(v)
	if err != nil {
		return ""
	}
	t := titleOf(string(text))
	s.cache.put(key, t)
	return t
}

// titleOf finds a text's title. Cost: O(length of the text).
func titleOf(text string) string {
	var first, long string
	for line := range strings.Lines(text) {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		upper := strings.ToUpper(line)
		for _, p := range []string{"SUBJECT:", "SUBJ:", "RE:", "TITLE:"} {
			if strings.HasPrefix(upper, p) {
				return cut(strings.TrimSpace(line[len(p):]), 120)
			}
		}
		if first == "" {
			first = line
		}
		if long == "" && len(strings.Fields(line)) >= 4 {
			long = line
		}
	}
	if long != "" {
		return cut(long, 120)
	}
	return cut(first, 120)
}

// cut shortens s to at most n characters, marking the cut with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// document answers everything under /doc/: the ID, validated before the archive is
// opened, then what is asked of it after "/-/".
func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	path := r.PathValue("path")
	id, action, _ := strings.Cut(path, "/-/")
	if err := repo.ValidateID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	verb, label, _ := strings.Cut(action, "/")
	if label != "" {
		if err := repo.ValidateLabel(label); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if verb == "compare" {
		for _, key := range []string{"old", "new"} {
			if l := r.URL.Query().Get(key); l != "" {
				if err := repo.ValidateLabel(l); err != nil {
					s.fail(w, r, err)
					return
				}
			}
		}
	}
	var h func(*http.Request, *repo.Archive, string, string) (*view, error)
	switch {
	case action == "":
		h = s.timeline
	case verb == "compare" && label == "":
		h = s.compare
	case verb == "v" && label != "":
		h = s.version
	case action == "ledger":
		h = s.ledgerPage
	case action == "reveal":
		h = s.revealPage
	case verb == "blame" && label != "":
		h = s.blamePage
	default:
		s.fail(w, r, errNotFound)
		return
	}
	ar, err := s.open()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := h(r, ar, id, label)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.write(w, http.StatusOK, v)
}

// step is one version in a document's timeline.
type step struct {
	repo.Version
	N    int
	Prev string // label of the version before, "" for the first
}

// timeline shows a document's versions oldest first, with what each changed, a form to
// compare any two, and the chart of what stayed withheld.
func (s *Server) timeline(_ *http.Request, ar *repo.Archive, id, _ string) (*view, error) {
	vs, err := ar.Versions(id)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s: %w", id, repo.ErrUnknownDocument)
	}
	steps := make([]step, len(vs))
	for i, v := range vs {
		steps[i] = step{Version: v, N: i + 1}
		if i > 0 {
			steps[i].Prev = vs[i-1].Label
		}
	}
	withheldChart, err := s.withheldChart(ar, id, vs)
	if err != nil {
		return nil, err
	}
	latest := vs[len(vs)-1]
	data := struct {
		ID       string
		Title    string
		Steps    []step
		Versions []repo.Version
		Old, New string
		Chart    *chart
	}{ID: id, Title: s.title(ar, latest), Steps: steps, Versions: vs, New: latest.Label, Chart: withheldChart}
	if len(vs) > 1 {
		data.Old = vs[len(vs)-2].Label
	}
	return &view{Template: "timeline", Title: id, Data: data}, nil
}

// compare draws two versions side by side: ?old=LABEL&new=LABEL (default: the latest
// version and the one before), ?only=CATEGORIES and ?all=1 as for blackline diff.
func (s *Server) compare(r *http.Request, ar *repo.Archive, id, _ string) (*view, error) {
	q := r.URL.Query()
	oldLabel, newLabel := q.Get("old"), q.Get("new") // validated by document
	only, err := diff.ParseCategories(q.Get("only"))
	if err != nil {
		return nil, &httpError{http.StatusBadRequest, err.Error()}
	}
	all := q.Get("all") == "1"
	vs, err := ar.Versions(id)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s: %w", id, repo.ErrUnknownDocument)
	}
	find := func(label string) (int, error) {
		for i, v := range vs {
			if v.Label == label {
				return i, nil
			}
		}
		return 0, fmt.Errorf("%s@%s: %w", id, label, repo.ErrUnknownVersion)
	}
	ni := len(vs) - 1
	if newLabel != "" {
		if ni, err = find(newLabel); err != nil {
			return nil, err
		}
	}
	oi := max(ni-1, 0)
	if oldLabel != "" {
		if oi, err = find(oldLabel); err != nil {
			return nil, err
		}
	}
	oldV, newV := vs[oi], vs[ni]
	oldText, err := ar.Text(oldV)
	if err != nil {
		return nil, err
	}
	newText, err := ar.Text(newV)
	if err != nil {
		return nil, err
	}
	res, err := s.opts.Differ.Diff(oldText, newText)
	if err != nil {
		return nil, fmt.Errorf("compare %s and %s: %w", oldV.Ref(), newV.Ref(), err)
	}
	body, err := render.SideBySide(render.HTMLInput{
		Old: render.Source{Ref: oldV.Ref(), Commit: oldV.Commit}, New: render.Source{Ref: newV.Ref(), Commit: newV.Commit},
		OldText: oldText, NewText: newText, Result: res,
		OldRedactions: s.opts.Differ.Redactions(oldText), NewRedactions: s.opts.Differ.Redactions(newText),
		Only: only, All: all,
	})
	if err != nil {
		return nil, err
	}
	data := struct {
		ID         string
		Old, New   repo.Version
		Versions   []repo.Version
		Body       template.HTML
		Prev, Next string // the neighbouring steps of the timeline
		All        bool
		Only       string
	}{ID: id, Old: oldV, New: newV, Versions: vs, Body: body, All: all, Only: q.Get("only")}
	if ni == oi+1 && oi > 0 {
		data.Prev = compareURL(id, vs[oi-1].Label, oldV.Label)
	}
	if ni == oi+1 && ni+1 < len(vs) {
		data.Next = compareURL(id, newV.Label, vs[ni+1].Label)
	}
	return &view{Template: "compare", Title: oldV.Label + " → " + newV.Label + " · " + id, Data: data}, nil
}

// version shows one version's text with its redactions drawn as black bars.
func (s *Server) version(_ *http.Request, ar *repo.Archive, id, label string) (*view, error) {
	v, err := ar.Resolve(id + "@" + label)
	if err != nil {
		return nil, err
	}
	text, err := ar.Text(v)
	if err != nil {
		return nil, err
	}
	body, err := render.VersionText(text, s.opts.Differ.Redactions(text))
	if err != nil {
		return nil, err
	}
	vs, err := ar.Versions(id)
	if err != nil {
		return nil, err
	}
	data := struct {
		V          repo.Version
		Body       template.HTML
		Prev, Next string // labels of the versions around it
		Redactions int
	}{V: v, Body: body, Redactions: len(s.opts.Differ.Redactions(text))}
	for i, x := range vs {
		if x.Commit == v.Commit {
			if i > 0 {
				data.Prev = vs[i-1].Label
			}
			if i+1 < len(vs) {
				data.Next = vs[i+1].Label
			}
		}
	}
	return &view{Template: "version", Title: v.Ref(), Data: data}, nil
}
