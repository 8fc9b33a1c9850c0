package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/blackline/blackline/cmd/blackline/render"
	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// Timeouts and limits of the HTTP server NewHTTPServer builds.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 60 * time.Second // a large comparison is computed per request
	IdleTimeout       = 2 * time.Minute
	MaxHeaderBytes    = 16 << 10
	ShutdownTimeout   = 5 * time.Second
)

// Options configure a Server.
type Options struct {
	// Archive is the archive's directory, opened anew for every request.
	Archive string
	// Differ compares versions; it is shared by all requests.
	Differ *diff.Differ
	// AnyHost accepts requests naming any host. Without it, requests whose Host header
	// is not a loopback name or address are refused, so that a web page elsewhere cannot
	// reach a loopback viewer through DNS rebinding. Set it when serving on another address.
	AnyHost bool
	// PageSize is the number of documents listed per page; 0 means 100.
	PageSize int
}

// Server answers the viewer's pages. It holds no archive state between requests except
// caches keyed by commit hashes, which never go stale.
type Server struct {
	opts  Options
	pages map[string]*template.Template
	cache *cache
}

// New returns a Server for the archive opts.Archive.
func New(opts Options) (*Server, error) {
	if opts.Differ == nil {
		return nil, errors.New("web: no differ")
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 100
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	return &Server{opts: opts, pages: pages, cache: newCache(512)}, nil
}

// Handler returns the viewer's HTTP handler: routing, the method and host rules, and the
// security headers of every response.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page(s.documents))
	mux.HandleFunc("GET /doc/{path...}", s.document)
	mux.HandleFunc("GET /static/{name}", s.static)
	mux.HandleFunc("GET /", s.page(func(*http.Request) (*view, error) {
		return nil, errNotFound
	}))
	return s.guard(mux)
}

// guard enforces the rules every request meets before routing: GET and HEAD only (others
// 405), a host this viewer answers for, no request body, and security headers.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed: this viewer is read-only", http.StatusMethodNotAllowed)
			return
		}
		if !s.opts.AnyHost && !loopbackHost(r.Host) {
			http.Error(w, "403 forbidden: this viewer answers only to localhost", http.StatusForbidden)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 0)
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine: localhost or a
// loopback address, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopback reports whether addr (host:port as given to --addr) listens only on this
// machine. An empty host ("":7878) listens on every interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	return loopbackHost(host)
}

// NewHTTPServer wraps h in an http.Server with the package's timeouts and header limit.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

// Serve answers requests on ln until ctx is done, then shuts down gracefully: requests
// under way get ShutdownTimeout to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := NewHTTPServer(h)
	srv.BaseContext = func(net.Listener) context.Context { return ctx }
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down %s: %w", ln.Addr(), err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}

// static serves the stylesheet and the script.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	var body, ctype string
	switch r.PathValue("name") {
	case "blackline.css":
		body, ctype = render.Stylesheet(), "text/css; charset=utf-8"
	case "blackline.js":
		body, ctype = render.Script(), "text/javascript; charset=utf-8"
	default:
		s.fail(w, r, errNotFound)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, r.PathValue("name"), time.Time{}, strings.NewReader(body))
}

// view is what a page handler returns: the template to draw and its data.
type view struct {
	Template string
	Title    string
	Data     any
	// Query is the search box's value.
	Query string
}

// httpError is an error with the status it answers.
type httpError struct {
	Status int
	Msg    string
}

func (e *httpError) Error() string { return e.Msg }

var errNotFound = &httpError{http.StatusNotFound, "no such page"}

// page turns a handler returning a view into an http.HandlerFunc. The page is drawn into
// a buffer first, so an error answers with its own status and never half a page.
func (s *Server) page(h func(*http.Request) (*view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := h(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.write(w, http.StatusOK, v)
	}
}

func (s *Server) write(w http.ResponseWriter, status int, v *view) {
	var buf bytes.Buffer
	t, ok := s.pages[v.Template]
	if !ok {
		http.Error(w, "500 internal error: no template "+v.Template, http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		http.Error(w, "500 internal error: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(buf.Len()))
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	io.Copy(w, &buf)
}

// fail answers an error page: 400 for a malformed ID or label, 404 for what the archive
// does not hold, 500 otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	var he *httpError
	switch {
	case errors.As(err, &he):
		status = he.Status
	case errors.Is(err, repo.ErrInvalidID), errors.Is(err, repo.ErrInvalidLabel):
		status = http.StatusBadRequest
	case errors.Is(err, repo.ErrUnknownDocument), errors.Is(err, repo.ErrUnknownVersion):
		status = http.StatusNotFound
	}
	s.write(w, status, &view{Template: "error", Title: http.StatusText(status), Data: struct {
		Status int
		Text   string
		Msg    string
	}{status, http.StatusText(status), err.Error()}})
}

// cache keeps values computed from immutable archive objects (keyed by commit hashes),
// at most max of them; when full it is emptied. Safe for concurrent use.
type cache struct {
	mu  sync.Mutex
	max int
	m   map[string]any
}

func newCache(max int) *cache { return &cache{max: max, m: map[string]any{}} }

func (c *cache) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *cache) put(key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = v
}
