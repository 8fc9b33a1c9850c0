package repo

import (
	"context"
	"errors"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTTPRemote pushes, clones and pulls over http, with basic authentication, through a
// server made of git-http-backend (skipped where git is not installed). blackline itself
// runs with PATH emptied.
func TestHTTPRemote(t *testing.T) {
	g := needGit(t)
	backend := filepath.Join(strings.TrimSpace(g.run("", "--exec-path")), "git-http-backend")
	if _, err := os.Stat(backend); err != nil {
		t.Skip("git-http-backend not installed")
	}
	root := t.TempDir()
	g.run(root, "init", "-q", "--bare", "remote.git")
	g.run(filepath.Join(root, "remote.git"), "config", "http.receivepack", "true")
	cgiHandler := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1", "PATH=" + os.Getenv("PATH")}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if user, pass, ok := r.BasicAuth(); !ok || user != "ada" || pass != "s3cret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="archive"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		cgiHandler.ServeHTTP(w, r)
	}))
	defer srv.Close()
	noGitBinary(t)
	ctx := context.Background()
	url := srv.URL + "/remote.git"
	withPassword := strings.Replace(url, "http://", "http://ada:s3cret@", 1)

	a, _ := sampleArchive(t)
	if _, err := a.Push(ctx, url, RemoteOptions{}); !errors.Is(err, ErrAuth) {
		t.Errorf("Push without credentials = %v, want ErrAuth", err)
	}
	if _, err := a.Push(ctx, url, RemoteOptions{Credentials: Credentials{Username: "ada", Password: "wrong"}}); !errors.Is(err, ErrAuth) {
		t.Errorf("Push with a wrong password = %v, want ErrAuth", err)
	}
	pushed, err := a.Push(ctx, withPassword, RemoteOptions{})
	if err != nil {
		t.Fatalf("Push with credentials in the URL: %v", err)
	}
	if len(pushed.Versions) != 5 || len(pushed.Tags) != 5 {
		t.Errorf("Push() = %d versions, %d tags, want 5 and 5", len(pushed.Versions), len(pushed.Tags))
	}
	creds := RemoteOptions{Credentials: Credentials{Username: "ada", Password: "s3cret"}}
	c, err := Clone(ctx, url, filepath.Join(t.TempDir(), "clone.git"), CloneOptions{RemoteOptions: creds})
	if err != nil {
		t.Fatalf("Clone over http: %v", err)
	}
	if got, want := tagNames(t, c), tagNames(t, a); got != want {
		t.Errorf("tags of the http clone = %q, want %q", got, want)
	}
	mustAdd(t, a, Meta{Document: "dod/grachev", Label: "nara-2025"}, "UNCLASSIFIED\n")
	if _, err := a.Push(ctx, url, creds); err != nil {
		t.Fatalf("second Push: %v", err)
	}
	res, err := c.Pull(ctx, "", testAuthor, creds)
	if err != nil || !res.FastForward() || refsOf(res.Versions) != "dod/grachev@nara-2025" {
		t.Fatalf("Pull over http = %+v, %v, want dod/grachev@nara-2025", res, err)
	}
	if v, err := c.Resolve("dod/grachev"); err != nil || mustText(t, c, v) != "UNCLASSIFIED\n" {
		t.Errorf("pulled text = %+v, %v", v, err)
	}
	checkConnected(t, c)
	g.run(filepath.Join(root, "remote.git"), "fsck", "--strict", "--no-dangling")
	if again, err := a.Push(ctx, url, creds); err != nil || !again.UpToDate() {
		t.Errorf("Push again = %+v, %v, want up to date", again, err)
	}
}
