package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serveRun starts blackline serve in-process and returns the URL it prints, its standard
// error and a function that stops it and returns its exit status.
func serveRun(t *testing.T, c *cli, args ...string) (url string, stderr *bytes.Buffer, stop func() int) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr = &bytes.Buffer{}
	a := &app{
		stdin: strings.NewReader(""), stdout: pw, stderr: stderr,
		getenv: func(k string) string { return c.env[k] },
		now:    func() time.Time { return testNow },
	}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- a.run(ctx, args)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://[^/ ]+/`).FindString(line)
	if m == "" {
		cancel()
		t.Fatalf("blackline %s printed %q (%v), stderr %q; want the URL it serves", strings.Join(args, " "), line, err, stderr)
	}
	return m, stderr, func() int { cancel(); return <-code }
}

func TestServeCommand(t *testing.T) {
	c := newCLI(t)
	dir := c.archive()
	c.ok("--archive", dir, "add", "ops/vienna", c.file("1.txt", "SECRET\nMet (b)(6).\n"), "--label", "rel-1")
	c.ok("--archive", dir, "add", "ops/vienna", c.file("2.txt", "UNCLASSIFIED\nMet John Doe.\n"), "--label", "rel-2")

	url, stderr, stop := serveRun(t, c, "--archive", dir, "serve", "--addr", "127.0.0.1:0")
	resp, err := http.Get(url + "doc/ops/vienna")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "rel-2") {
		t.Errorf("GET %sdoc/ops/vienna = %d, want 200 and the timeline: %.300s", url, resp.StatusCode, body)
	}
	if code := stop(); code != 0 || stderr.Len() > 0 {
		t.Errorf("serve stopped with exit %d, stderr %q; want 0 and nothing", code, stderr)
	}

	t.Run("non-loopback warns", func(t *testing.T) {
		_, stderr, stop := serveRun(t, c, "--archive", dir, "serve", "--addr", "0.0.0.0:0")
		if code := stop(); code != 0 || !strings.Contains(stderr.String(), "warning: 0.0.0.0:0 is not a loopback address") {
			t.Errorf("serve --addr 0.0.0.0:0: exit %d, stderr %q; want 0 and a warning", code, stderr)
		}
	})
	t.Run("config address", func(t *testing.T) {
		cfg := c.file("serve.yaml", "serve:\n  addr: 127.0.0.1:0\n")
		url, _, stop := serveRun(t, c, "--archive", dir, "--config", cfg, "serve")
		stop()
		if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":7878/") {
			t.Errorf("serve with serve.addr 127.0.0.1:0 in the config file serves %s", url)
		}
	})
	t.Run("refusals", func(t *testing.T) {
		for _, tt := range []struct {
			args []string
			want string
		}{
			{[]string{"--archive", c.dir + "/none", "serve", "--addr", "127.0.0.1:0"}, "not an archive"},
			{[]string{"--archive", dir, "serve", "--addr", "nonsense"}, "serve: listen tcp"},
			{[]string{"--archive", dir, "serve", "extra"}, "want no arguments"},
		} {
			r := c.run(tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("blackline %s: exit %d, stderr %q; want 2 and %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.want)
			}
		}
	})
}
