package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/blackline/blackline/cmd/blackline/samples"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// The memo of the escaping rule: its text holds markup that must show as text.
const (
	scriptMemo1 = "SECRET\n(S) The agent <script>alert(1)</script> met (b)(6) in Vienna.\n<img src=x onerror=alert(2)>\n"
	scriptMemo2 = "DECLASSIFIED\n(U) The agent <script>alert(1)</script> met John Doe in Vienna.\n<img src=x onerror=alert(2)>\n"
)

// sampleID is the embedded sample memo's document ID.
const sampleID = "dod/secdef-grachev-1994-01-05"

// testArchive creates an archive with the sample memo's five versions and a two-version
// memo whose text holds <script>, and returns its directory.
func testArchive(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive.git")
	ar, err := repo.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	versions, err := samples.Versions()
	if err != nil {
		t.Fatal(err)
	}
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	add := func(m repo.Meta, text string) {
		t.Helper()
		sig := repo.Signature{Name: "Ada Archivist", Email: "ada@example.org", When: when}
		summarize := func(previous []byte) (string, error) {
			if previous == nil {
				return "", nil
			}
			res, err := d.Diff(previous, []byte(text))
			if err != nil {
				return "", err
			}
			return res.Summary.String(), nil
		}
		if _, err := ar.Add(repo.AddRequest{Meta: m, Text: []byte(text), Author: sig, Summarize: summarize}); err != nil {
			t.Fatalf("Add(%s@%s): %v", m.Document, m.Label, err)
		}
	}
	for _, v := range versions {
		add(repo.Meta{Document: v.Document, Label: v.Label, Kind: repo.Kind(v.Kind), Date: v.Date, Source: v.Source, Case: v.Case, Transcribes: v.Transcribes}, string(v.Text))
	}
	add(repo.Meta{Document: "ops/vienna", Label: "rel-1", Kind: repo.Release, Source: `Agency <b>"X"</b>`}, scriptMemo1)
	add(repo.Meta{Document: "ops/vienna", Label: "rel-2", Kind: repo.Release, Date: "2020-01-02"}, scriptMemo2)
	return dir
}

// newTestServer serves the archive at dir on a loopback httptest server.
func newTestServer(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Archive: dir, Differ: d})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// get fetches path from ts with method and returns the status and body.
func get(t testing.TB, ts *httptest.Server, method, path string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Send the path as written: no cleaning of "..", no re-encoding of %2e.
	req.URL.Opaque = path
	if i := strings.IndexByte(path, '?'); i >= 0 {
		req.URL.Opaque, req.URL.RawQuery = path[:i], path[i+1:]
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// links returns the targets of a page's href and src attributes on this server (fragments
// dropped), and fails the test when the page does not parse as HTML.
func links(t testing.TB, base, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("page %s does not parse: %v", base, err)
	}
	bu, _ := url.Parse(base)
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if a.Key != "href" && a.Key != "src" {
				continue
			}
			u, err := bu.Parse(a.Val)
			if err != nil {
				t.Errorf("page %s links to %q: %v", base, a.Val, err)
				continue
			}
			if u.Host != bu.Host || u.Scheme != bu.Scheme {
				t.Errorf("page %s links outside the viewer: %q", base, a.Val)
				continue
			}
			u.Fragment = ""
			out = append(out, u.RequestURI())
		}
	}
	return out
}

// crawl visits every page reachable from / and returns them by path.
func crawl(t testing.TB, ts *httptest.Server, limit int) map[string]string {
	t.Helper()
	pages := map[string]string{}
	queue := []string{"/"}
	for len(queue) > 0 && len(pages) < limit {
		p := queue[0]
		queue = queue[1:]
		if _, seen := pages[p]; seen {
			continue
		}
		status, body, h := get(t, ts, http.MethodGet, p)
		if status != http.StatusOK {
			t.Errorf("GET %s = %d, want 200: %.300s", p, status, body)
		}
		pages[p] = body
		if strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			queue = append(queue, links(t, ts.URL+p, body)...)
		}
	}
	return pages
}

// TestCrawl follows every link from / and checks that each page answers 200, parses, and
// that the crawl reaches each kind of page.
func TestCrawl(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	pages := crawl(t, ts, 500)
	for _, want := range []string{
		"/",
		"/doc/" + sampleID,
		"/doc/" + sampleID + "/-/v/foia-1998",
		"/doc/" + sampleID + "/-/v/nara-2025",
		"/doc/" + sampleID + "/-/compare?new=mdr-2016&old=foia-1998",
		"/doc/" + sampleID + "/-/compare?new=corrected-2016&old=mdr-2016",
		"/doc/ops/vienna",
		"/doc/ops/vienna/-/compare?new=rel-2&old=rel-1",
		"/doc/" + sampleID + "/-/ledger",
		"/doc/" + sampleID + "/-/reveal",
		"/doc/" + sampleID + "/-/blame/nara-2025",
		"/doc/" + sampleID + "/-/blame/ocr-2016",
		"/doc/ops/vienna/-/ledger",
		"/static/blackline.css",
		"/static/blackline.js",
	} {
		if _, ok := pages[want]; !ok {
			t.Errorf("crawl from / does not reach %s", want)
		}
	}
	if len(pages) < 15 {
		t.Errorf("crawl from / reaches %d pages, want at least 15: %v", len(pages), keys(pages))
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestEscaping checks that document text and metadata holding markup reach every page as
// text: no page carries the memo's <script> or <img> as elements.
func TestEscaping(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	pages := crawl(t, ts, 500)
	shown := false
	for p, body := range pages {
		for _, bad := range []string{"<script>alert", "<img src=x", `<b>"X"</b>`} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s holds %q unescaped", p, bad)
			}
		}
		if strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			shown = true
		}
	}
	if !shown {
		t.Error("no page shows the memo's text with <script> escaped")
	}
	status, body, _ := get(t, ts, http.MethodGet, "/doc/ops/vienna/-/v/rel-1")
	if status != http.StatusOK || !strings.Contains(body, "Agency &lt;b&gt;&#34;X&#34;&lt;/b&gt;") {
		t.Errorf("GET /doc/ops/vienna/-/v/rel-1 = %d, want the source shown escaped: %s", status, body)
	}
}

// TestTraversal checks that no URL reaches outside the archive, and that IDs and labels
// are refused before the archive is opened: a server over a missing archive answers 400
// (not 500) for each malformed one.
func TestTraversal(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	missing := newTestServer(t, filepath.Join(t.TempDir(), "no-archive"))
	tests := []struct {
		path string
		want []int // acceptable statuses
	}{
		{"/../../../../etc/passwd", []int{301, 307, 404}},
		{"/%2e%2e/%2e%2e/%2e%2e/etc/passwd", []int{301, 307, 404}},
		{"/doc/..%2f..%2f..%2fetc%2fpasswd", []int{301, 307, 400}},
		{"/doc/ops/../../../etc/passwd", []int{301, 307, 404}},
		{"/static/../../../../etc/passwd", []int{301, 307, 404}},
		{"/static/..%2f..%2fetc%2fpasswd", []int{301, 307, 404}},
		{"/doc/%2e%2e", []int{301, 307, 400}},
		{"/doc/ops%2f..%2f..%2fetc", []int{301, 307, 400}},
		{"/doc/ops/vienna/-/v/..%2f..%2fpasswd", []int{301, 307, 400}},
		{"/doc/ops/vienna/-/v/.hidden", []int{400}},
		{"/doc/ops/vienna/-/compare?old=..%2f..%2fpasswd", []int{400}},
		{"/doc/ops/vienna/-/compare?new=a%00b", []int{400}},
		{"/doc/-/v/x", []int{400}},
		{"/doc/ops//vienna", []int{301, 307, 400}},
		{"/doc/.git/config", []int{400}},
		{"/doc/ops/vienna.lock", []int{400}},
		{"/doc/" + strings.Repeat("a", 201), []int{400}},
		{"/doc/ops/vienna%00", []int{400}},
		{"/doc/%3Cscript%3E", []int{400}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			for _, srv := range []*httptest.Server{ts, missing} {
				status, body, _ := get(t, srv, http.MethodGet, tt.path)
				if strings.Contains(body, "root:") || strings.Contains(body, "[core]") {
					t.Fatalf("GET %s leaks a file outside the archive: %.200s", tt.path, body)
				}
				if !slices.Contains(tt.want, status) {
					t.Errorf("GET %s = %d, want one of %v: %.200s", tt.path, status, tt.want, body)
				}
				if strings.Contains(body, "<script>") && !strings.Contains(body, `<script src="/static/blackline.js">`) {
					t.Errorf("GET %s echoes markup: %.300s", tt.path, body)
				}
			}
		})
	}
	for _, p := range []string{"/doc/ops/vienna", "/doc/nothing/here", "/doc/ops/vienna/-/v/rel-9"} {
		if status, _, _ := get(t, missing, http.MethodGet, p); status != http.StatusInternalServerError {
			t.Errorf("GET %s over a missing archive = %d, want 500 (the archive was opened)", p, status)
		}
	}
	for _, p := range []string{"/doc/nothing/here", "/doc/ops/vienna/-/v/rel-9", "/doc/ops/vienna/-/compare?old=rel-9", "/doc/ops/vienna/-/nothing", "/nothing"} {
		if status, _, _ := get(t, ts, http.MethodGet, p); status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, status)
		}
	}
}

// TestMethods checks that only GET and HEAD are answered.
func TestMethods(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	for _, path := range []string{"/", "/doc/ops/vienna", "/doc/ops/vienna/-/compare", "/static/blackline.css", "/nothing"} {
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions, "PROPFIND"} {
			status, _, h := get(t, ts, m, path)
			if status != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s = %d, Allow %q; want 405, Allow \"GET, HEAD\"", m, path, status, h.Get("Allow"))
			}
		}
	}
	status, body, h := get(t, ts, http.MethodHead, "/doc/ops/vienna")
	if status != http.StatusOK || body != "" || h.Get("Content-Length") == "" {
		t.Errorf("HEAD /doc/ops/vienna = %d with %d bytes, Content-Length %q; want 200, no body, a length", status, len(body), h.Get("Content-Length"))
	}
	_, _, h = get(t, ts, http.MethodGet, "/")
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if h.Get(k) == "" {
			t.Errorf("GET / has no %s header", k)
		}
	}
	if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy = %q, want default-src 'none' and nothing inline", csp)
	}
}

// TestHosts checks the DNS-rebinding rule: a loopback viewer answers only to loopback
// names.
func TestHosts(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	for host, want := range map[string]int{
		"localhost:7878": 200, "127.0.0.1": 200, "[::1]:80": 200, "app.localhost": 200,
		"attacker.example": 403, "127.0.0.1.attacker.example:7878": 403, "10.0.0.1": 403,
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET / with Host %q = %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:7878": true, "localhost:80": true, "[::1]:7878": true, "127.5.5.5:1": true,
		":7878": false, "0.0.0.0:7878": false, "[::]:7878": false, "192.168.1.2:80": false, "example.org:80": false, "127.0.0.1": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestServerLimits checks the timeouts and header limit NewHTTPServer sets.
func TestServerLimits(t *testing.T) {
	srv := NewHTTPServer(http.NotFoundHandler())
	for name, got := range map[string]time.Duration{
		"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout,
	} {
		if got <= 0 || got > 5*time.Minute {
			t.Errorf("NewHTTPServer: %s = %v, want a bound", name, got)
		}
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("NewHTTPServer: MaxHeaderBytes = %d, want a bound below http.DefaultMaxHeaderBytes", srv.MaxHeaderBytes)
	}
}

// TestServeShutdown checks that Serve answers until its context ends, then returns nil.
func TestServeShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "up") }))
	}()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel = %v, want nil", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

// TestConcurrentAdd crawls the viewer while versions are added to the archive through
// another handle on it: no page may fail meanwhile.
func TestConcurrentAdd(t *testing.T) {
	dir := testArchive(t)
	ts := newTestServer(t, dir)
	writer, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var addErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 40; i++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("ops/concurrent-%d", i%3)
			text := fmt.Sprintf("SECRET\nVersion %d met (b)(6) in Vienna.\n", i)
			if i%2 == 1 {
				text = fmt.Sprintf("UNCLASSIFIED\nVersion %d met John Doe in Vienna.\n", i)
			}
			sig := repo.Signature{Name: "Writer", Email: "w@example.org", When: time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC)}
			if _, err := writer.Add(repo.AddRequest{Meta: repo.Meta{Document: id, Label: fmt.Sprintf("v%d", i)}, Text: []byte(text), Author: sig}); err != nil && !errors.Is(err, repo.ErrUnchanged) {
				addErr = err
				return
			}
		}
	}()
	for range 3 {
		for p := range crawl(t, ts, 80) {
			_ = p
		}
	}
	close(stop)
	wg.Wait()
	if addErr != nil {
		t.Fatalf("Add while serving: %v", addErr)
	}
	status, body, _ := get(t, ts, http.MethodGet, "/?q=concurrent")
	if status != http.StatusOK || !strings.Contains(body, "ops/concurrent-0") {
		t.Errorf("GET /?q=concurrent = %d, want the documents added meanwhile: %.500s", status, body)
	}
}

// TestSearch checks the document list's search by ID and title words.
func TestSearch(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	tests := []struct {
		q        string
		want     []string
		excluded []string
	}{
		{"", []string{sampleID, "ops/vienna"}, nil},
		{"vienna", []string{"ops/vienna"}, []string{sampleID}},
		{"Grachev memcon", []string{sampleID}, []string{"ops/vienna"}},
		{"DOD/SECDEF", []string{sampleID}, []string{"ops/vienna"}},
		{"grachev vienna-nowhere", nil, []string{sampleID, "ops/vienna"}},
	}
	for _, tt := range tests {
		status, body, _ := get(t, ts, http.MethodGet, "/?q="+url.QueryEscape(tt.q))
		if status != http.StatusOK {
			t.Errorf("GET /?q=%s = %d", tt.q, status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, `href="/doc/`+w+`"`) {
				t.Errorf("search %q does not list %s", tt.q, w)
			}
		}
		for _, w := range tt.excluded {
			if strings.Contains(body, `href="/doc/`+w+`"`) {
				t.Errorf("search %q lists %s", tt.q, w)
			}
		}
	}
}

// TestPaging checks that a long document list is cut in pages linked to each other.
func TestPaging(t *testing.T) {
	dir := testArchive(t)
	d, _ := diff.New(diff.Options{})
	s, err := New(Options{Archive: dir, Differ: d, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	_, first, _ := get(t, ts, http.MethodGet, "/")
	_, second, _ := get(t, ts, http.MethodGet, "/?page=2")
	if !strings.Contains(first, `href="/doc/`+sampleID+`"`) || strings.Contains(first, `href="/doc/ops/vienna"`) || !strings.Contains(first, `href="/?page=2"`) {
		t.Errorf("page 1 of 1 document each = %s", first)
	}
	if !strings.Contains(second, `href="/doc/ops/vienna"`) || !strings.Contains(second, `href="/?page=1"`) {
		t.Errorf("page 2 of 1 document each = %s", second)
	}
}

// TestPages checks what the main pages show.
func TestPages(t *testing.T) {
	ts := newTestServer(t, testArchive(t))
	tests := []struct {
		path string
		want []string
	}{
		{"/doc/" + sampleID, []string{
			"Memcon of 05 January SecDef Call to Russian MOD Grachev (U)", "foia-1998", "transcription of mdr-2016",
			"William J. Clinton Presidential Library", "redaction 6 (5 lifted, 1 changed)", "<svg", `class="spans"`, "What stayed withheld",
			`<option value="mdr-2016">`, `<option value="nara-2025" selected>`,
		}},
		{"/doc/" + sampleID + "/-/compare?old=mdr-2016&new=nara-2025", []string{
			`withheld again (b)(1) 1.4(g)`, `lifted (b)(1) 1.4(d)`, `SECRET → UNCLASSIFIED (downgrade)`, `<span class="bar"`,
		}},
		{"/doc/" + sampleID + "/-/compare?old=mdr-2016&new=ocr-2016", []string{
			`href="/doc/` + sampleID + `/-/compare?new=mdr-2016&amp;old=foia-1998" rel="prev"`,
			`href="/doc/` + sampleID + `/-/compare?new=corrected-2016&amp;old=ocr-2016" rel="next"`,
		}},
		{"/doc/" + sampleID + "/-/compare", []string{"corrected-2016</span> → <span class=\"mono\">nara-2025"}},
		{"/doc/" + sampleID + "/-/compare?old=ocr-2016&new=corrected-2016&all=1", []string{`class="chg k-format`, `k-transcription`}},
		{"/doc/" + sampleID + "/-/compare?old=foia-1998&new=mdr-2016&only=marking", []string{`<span class="chip cat-redaction zero">`, `class="chg k-marking a-added`}},
		{"/doc/" + sampleID + "/-/compare?old=foia-1998&new=mdr-2016&only=name", []string{`<span class="chip cat-marking zero">`, `class="chg k-redaction a-lifted has-name`}},
		{"/doc/" + sampleID + "/-/v/foia-1998", []string{"98-F-0457", `<span class="bar" title="withheld: (b)(1)">`, "Redacted spans</th><td>6<", `<tr id="L36">`}},
		{"/doc/" + sampleID + "/-/ledger", []string{
			"6</strong> withheld passages across 3 releases", `<span class="status st-re-redacted">2 re-redacted</span>`,
			`<span class="event ev-lifted">lifted</span>`, `<span class="bar" title="withheld: (b)(6)">`, "Maj. D. N. L. Humpert, 307202",
			`href="/doc/` + sampleID + `/-/v/foia-1998#L101"`,
		}},
		{"/doc/" + sampleID + "/-/blame/nara-2025", []string{`<tr id="L1" class="v0 first">`, `href="/doc/` + sampleID + `/-/v/mdr-2016">mdr-2016</a>`, `<span class="bar"`}},
		{"/doc/" + sampleID + "/-/reveal", []string{`mdr-2016</a> (base)`, `<span class="from v2" title="shown by nara-2025">Such positions were based on a bloc`, "307202"}},
	}
	for _, tt := range tests {
		status, body, _ := get(t, ts, http.MethodGet, tt.path)
		if status != http.StatusOK {
			t.Errorf("GET %s = %d: %.300s", tt.path, status, body)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %q", tt.path, w)
			}
		}
	}
	for _, p := range []string{"/doc/" + sampleID + "/-/blame/nope", "/doc/nothing/-/ledger", "/doc/nothing/-/reveal"} {
		if status, _, _ := get(t, ts, http.MethodGet, p); status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, status)
		}
	}
	if status, _, _ := get(t, ts, http.MethodGet, "/doc/"+sampleID+"/-/compare?only=secrets"); status != http.StatusBadRequest {
		t.Errorf("GET compare?only=secrets = %d, want 400", status)
	}
}
