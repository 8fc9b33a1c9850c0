package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// readerCommands are the read-only commands run while writers add versions; each must
// succeed (diff: exit 0 or 1) with nothing on stderr, whatever the writers are doing.
var readerCommands = [][]string{
	{"list"},
	{"log", "shared/a"},
	{"log", "--format", "json"},
	{"show", "shared/a"},
	{"show", "shared/b~1"},
	{"diff", "shared/a~1", "shared/a"},
	{"diff", "--format", "json", "shared/b"},
	{"redactions", "shared/a"},
	{"blame", "shared/b"},
	{"reveal", "shared/a"},
}

// viewerPages are the pages fetched from blackline serve while writers add versions; each
// must answer 200.
var viewerPages = []string{
	"/", "/?q=shared", "/doc/shared/a", "/doc/shared/b/-/compare?old=v1&new=v2",
	"/doc/shared/a/-/v/v1", "/doc/shared/a/-/ledger", "/doc/shared/b/-/blame/v2", "/doc/shared/a/-/reveal",
}

// TestWritersAndReadersAtOnce runs three processes adding versions — new documents, and
// versions of two documents they all write to — and two importing the same 60 versions,
// while two processes run every read-only command in a loop and a third fetches the
// viewer's pages from blackline serve. No version may be lost or written twice, and no
// reader may fail or see a half-written ref, pack, index or cache.
func TestWritersAndReadersAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	c := newCLI(t)
	dir := c.archive()
	texts := corpusTexts(t)
	for k, id := range []string{"shared/a", "shared/b"} {
		for v := 1; v <= 2; v++ {
			c.ok("--archive", dir, "add", id, c.file(fmt.Sprintf("%s-%d.txt", strings.ReplaceAll(id, "/", "-"), v), fmt.Sprintf("%s\nversion %d\n", texts[1+k], v)))
		}
	}
	env := processEnv(c)
	run := func(ctx context.Context, args ...string) (int, string, error) {
		cmd := exec.CommandContext(ctx, bin, append([]string{"--archive", dir}, args...)...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), stderr.String(), nil
		}
		return 0, stderr.String(), err
	}
	serve := exec.Command(bin, "--archive", dir, "serve", "--addr", "127.0.0.1:0")
	serve.Env = env
	serveOut, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	banner, err := bufio.NewReader(serveOut).ReadString('\n')
	base := strings.TrimSuffix(regexp.MustCompile(`http://\S+`).FindString(banner), "/")
	if err != nil || base == "" {
		t.Fatalf("blackline serve printed %q, %v; want its address", banner, err)
	}
	const writers, each = 3, 10
	const importers, docs, versions = 2, 20, 3
	tree := filepath.Join(c.dir, "tree")
	writeImportTree(t, tree, docs, versions)
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for range importers { // both import the same versions: one writes them, the other finds them there
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, stderr, err := run(context.Background(), "import", tree, "--batch-size", "7")
			if err != nil || code != 0 {
				errs <- fmt.Sprintf("import: exit %d, %v: %s", code, err, stderr)
			}
		}()
	}
	for w := 1; w <= writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; i <= each; i++ {
				id, base := fmt.Sprintf("w%d/doc-%d", w, i), texts[i%len(texts)]
				if i%2 == 0 { // a version of a shared document: its text with a line of its own
					id, base = []string{"shared/a", "shared/b"}[i%4/2], texts[1+i%4/2]
				}
				file := c.file(fmt.Sprintf("w%d-%d.txt", w, i), fmt.Sprintf("%s\nwriter %d, version %d (b)(6)\n", base, w, i))
				code, stderr, err := run(context.Background(), "add", id, file, "--label", fmt.Sprintf("w%d-%d", w, i))
				if err != nil || code != 0 {
					errs <- fmt.Sprintf("writer %d: add %s: exit %d, %v: %s", w, id, code, err, stderr)
				}
			}
		}()
	}
	ctx, stop := context.WithCancel(context.Background())
	var readers sync.WaitGroup
	reads := make([]int, 2)
	for r := range reads {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for k := r; ctx.Err() == nil; k++ {
				args := readerCommands[k%len(readerCommands)]
				code, stderr, err := run(ctx, args...)
				if ctx.Err() != nil {
					return // killed by the end of the test, not failed
				}
				reads[r]++
				if err != nil || (code != 0 && !(args[0] == "diff" && code == 1)) || stderr != "" {
					errs <- fmt.Sprintf("reader: blackline %s during writes: exit %d, %v: %q", strings.Join(args, " "), code, err, stderr)
				}
			}
		}()
	}
	fetches := 0
	readers.Add(1)
	go func() {
		defer readers.Done()
		for k := 0; ctx.Err() == nil; k++ {
			page := viewerPages[k%len(viewerPages)]
			resp, err := http.Get(base + page)
			if err != nil {
				errs <- fmt.Sprintf("viewer: GET %s during writes: %v", page, err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fetches++
			if resp.StatusCode != http.StatusOK {
				errs <- fmt.Sprintf("viewer: GET %s during writes: %s: %.200s", page, resp.Status, body)
			}
		}
	}()
	wg.Wait()
	stop()
	readers.Wait()
	serve.Process.Signal(os.Interrupt)
	if err := serve.Wait(); err != nil {
		t.Errorf("blackline serve, interrupted: %v", err)
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	st := checkArchive(t, dir)
	if want := 4 + writers*each + docs*versions; st.versions != want || len(st.untagged) > 0 || len(st.locks) > 0 {
		t.Errorf("after %d concurrent adds and %d imports of %d versions: %d versions (want %d), untagged %v, lock files %v", writers*each, importers, docs*versions, st.versions, want, st.untagged, st.locks)
	}
	t.Logf("%d writers × %d adds and %d imports of %d versions; %d reader commands and %d viewer pages meanwhile", writers, each, importers, docs*versions, reads[0]+reads[1], fetches)
}
