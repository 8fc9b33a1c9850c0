package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blackline/blackline/repo"
)

// The crash tests run the built binary and kill it with SIGKILL, at named steps of a write
// (a binary built with the tag blackline_crashpoints, whose crash points obey
// BLACKLINE_CRASH_AT) and at times drawn from a seed, then check the archive and run the
// command again. By default they kill at the 19 named steps and at 6 random times for each
// of add, add into a clone, import, gc, pull and pull into a clone: 55 kill points. The
// long run, 109 kill points, is
//
//	go test ./cmd/blackline -run Crash -crash.points 15
var (
	crashPoints = flag.Int("crash.points", 6, "kill points at random times per command in the crash tests")
	crashSeed   = flag.Uint64("crash.seed", 1, "seed of the crash tests' kill times")
)

// crashRun is one process run of the crash tests.
type crashRun struct {
	bin  string
	args []string
	env  []string
}

// start starts the run with extra environment variables.
func (r crashRun) start(t *testing.T, extraEnv ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(r.bin, r.args...)
	cmd.Env = append(slices.Clone(r.env), extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// killedAt runs the command and kills it with SIGKILL after d; it reports whether the
// process was killed (false when it had finished first).
func (r crashRun) killedAt(t *testing.T, d time.Duration) bool {
	t.Helper()
	cmd := r.start(t)
	time.Sleep(d)
	cmd.Process.Signal(syscall.SIGKILL) // fails harmlessly when the process has exited
	return killed(cmd.Wait())
}

// crashedAt runs the crash-point build with BLACKLINE_CRASH_AT=point; it reports whether
// the process died there.
func (r crashRun) crashedAt(t *testing.T, point string) bool {
	t.Helper()
	return killed(r.start(t, "BLACKLINE_CRASH_AT="+point).Wait())
}

// killed reports whether a process ended by SIGKILL.
func killed(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// finish runs the command to its end and returns its output; it must succeed.
func (r crashRun) finish(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(r.bin, r.args...)
	cmd.Env = r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		journal, _ := os.ReadFile(filepath.Join(r.args[1], "blackline.lock"))
		t.Fatalf("blackline %s after a kill: %v\n%s\n(writer lock file: %q)", strings.Join(r.args, " "), err, out, journal)
	}
	return string(out)
}

// timed runs the command to its end and returns how long it took.
func (r crashRun) timed(t *testing.T) time.Duration {
	t.Helper()
	begin := time.Now()
	r.finish(t)
	return time.Since(begin)
}

// timedCrash runs the crash-point build until it dies at point, and returns how long that
// took: about when the command starts writing, when point is its first write.
func (r crashRun) timedCrash(t *testing.T, point string) time.Duration {
	t.Helper()
	begin := time.Now()
	if !r.crashedAt(t, point) {
		t.Fatalf("blackline %s with BLACKLINE_CRASH_AT=%q was not killed there", strings.Join(r.args, " "), point)
	}
	return time.Since(begin)
}

// killTimes draws n kill times from the seed: half over the whole run (0 to 1.1 × total),
// half over its writing phase (from the first change of the archive to the end), where
// the interesting kills are.
func killTimes(seed uint64, n int, firstChange, total time.Duration) []time.Duration {
	rng := rand.New(rand.NewPCG(seed, uint64(n)))
	out := make([]time.Duration, n)
	for i := range out {
		if i%2 == 0 {
			out[i] = time.Duration(rng.Float64() * 1.1 * float64(total))
		} else {
			from := min(max(firstChange-2*time.Millisecond, 0), total*3/4)
			out[i] = from + time.Duration(rng.Float64()*float64(total-from))
		}
	}
	return out
}

// processEnv is the environment of the binaries the tests run: a fixed author and empty
// home and config directories.
func processEnv(c *cli) []string {
	env := os.Environ()
	for k, v := range c.env {
		env = append(env, k+"="+v)
	}
	return env
}

// buildCrashBinary compiles blackline with the crash points armed (tag
// blackline_crashpoints).
func buildCrashBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "blackline-crashpoints")
	out, err := exec.Command("go", "build", "-tags", "blackline_crashpoints", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -tags blackline_crashpoints: %v\n%s", err, out)
	}
	return bin
}

// archiveState is what checkArchive found.
type archiveState struct {
	versions int            // versions on main, over all documents
	untagged []string       // versions on main without their ID@LABEL tag
	locks    []string       // lock files left in the git directory
	objects  int            // loose objects and packs
	texts    map[string]int // document → number of versions
}

// stage names how far an interrupted write got, from before and after states.
func stage(before, after archiveState) string {
	switch {
	case after.versions > before.versions && len(after.untagged) == 0:
		return "complete"
	case after.versions > before.versions:
		return "main moved, tag missing"
	case after.objects > before.objects:
		return "objects written, no ref moved"
	}
	return "nothing written"
}

// checkArchive checks what a crash must never break: git fsck --strict accepts the
// repository (where git is installed); every tag ID@LABEL names a version on main whose
// commit, tree and text are readable; every version on main reads back. It returns the
// state found.
func checkArchive(t *testing.T, dir string) archiveState {
	t.Helper()
	gitDir := dir
	if st, err := os.Stat(filepath.Join(dir, ".git")); err == nil && st.IsDir() {
		gitDir = filepath.Join(dir, ".git") // a clone with a worktree
	}
	if git, err := exec.LookPath("git"); err == nil {
		if out, err := exec.Command(git, "--git-dir", gitDir, "fsck", "--strict", "--no-progress").CombinedOutput(); err != nil {
			t.Fatalf("git fsck --strict: %v\n%s", err, out)
		}
	}
	a, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := archiveState{texts: map[string]int{}}
	docs, err := a.Documents()
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	tags := versionTags(t, gitDir)
	onMain, checked := map[string]bool{}, map[string]bool{}
	for _, d := range docs {
		vs, err := a.Versions(d.ID)
		if err != nil {
			t.Fatalf("Versions(%s): %v", d.ID, err)
		}
		st.texts[d.ID] = len(vs)
		st.versions += len(vs)
		for _, v := range vs {
			if _, err := a.Text(v); err != nil {
				t.Fatalf("Text(%s): %v", v.Ref(), err)
			}
			onMain[v.Commit], checked[v.Ref()] = true, true
			if _, found := slices.BinarySearch(tags, v.Ref()); !found {
				st.untagged = append(st.untagged, v.Ref())
			}
		}
	}
	for _, tag := range tags {
		if checked[tag] {
			continue // the tag of a version read above
		}
		v, err := a.Resolve(tag)
		if err != nil {
			t.Fatalf("tag %s: %v", tag, err)
		}
		if _, err := a.Text(v); err != nil {
			t.Fatalf("tag %s: %v", tag, err)
		}
		if !onMain[v.Commit] {
			t.Fatalf("tag %s points at %s, which is no version on main", tag, v.ShortCommit())
		}
	}
	err = filepath.WalkDir(gitDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(gitDir, p)
		switch {
		case strings.HasSuffix(p, ".lock") && d.Name() != "blackline.lock":
			st.locks = append(st.locks, rel)
		case !d.IsDir() && strings.HasPrefix(rel, "objects"+string(filepath.Separator)) && !strings.HasSuffix(p, ".idx"):
			st.objects++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// versionTags lists the tags of the archive, loose and packed, as ID@LABEL, sorted.
func versionTags(t *testing.T, dir string) []string {
	t.Helper()
	var tags []string
	root := filepath.Join(dir, "refs", "tags")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".lock") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		tags = append(tags, filepath.ToSlash(rel))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	packed, err := os.ReadFile(filepath.Join(dir, "packed-refs"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(packed), "\n") {
		if _, name, ok := strings.Cut(line, " refs/tags/"); ok && !strings.HasPrefix(line, "#") {
			tags = append(tags, name)
		}
	}
	sort.Strings(tags)
	return slices.Compact(tags)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// corpusTexts reads the real documents of testdata/corpus, the bodies of the versions the
// crash tests write.
func corpusTexts(t *testing.T) [][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus texts: %v", err)
	}
	var texts [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b)
	}
	return texts
}

// crashTally counts how far the interrupted writes had got.
type crashTally map[string]int

func (c crashTally) String() string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, c[k])
	}
	return strings.Join(parts, ", ")
}

// addCase is one add of the crash test: the version it writes.
type addCase struct {
	id, label string
	text      []byte
	file      string
}

// TestCrashAdd kills `blackline add` at every named step of its write and at random
// times, then checks the archive (checkArchive) and runs the same add again: it must
// complete the version, tagged, byte-exact, and leave no lock file behind.
func TestCrashAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin, crashBin := buildBinary(t), buildCrashBinary(t)
	c := newCLI(t)
	dir := c.archive()
	texts := corpusTexts(t)
	for i, text := range texts[:3] {
		c.ok("--archive", dir, "add", fmt.Sprintf("crash/doc-%d", i), c.file(fmt.Sprintf("base-%d.txt", i), string(text)))
	}
	env := processEnv(c)
	n := 0
	newCase := func() addCase {
		n++
		id := fmt.Sprintf("crash/doc-%d", n%4) // doc-3 is new the first time
		// each version repeats its document's text with a line of its own, as re-releases do
		text := append(slices.Clone(texts[n%4]), fmt.Sprintf("\nkill point %d\n", n)...)
		return addCase{id: id, label: fmt.Sprintf("k%d", n), text: text, file: c.file(fmt.Sprintf("k%d.txt", n), string(text))}
	}
	run := func(bin string, ac addCase) crashRun {
		return crashRun{bin: bin, env: env, args: []string{"--archive", dir, "add", ac.id, ac.file, "--label", ac.label, "--source", "crash test"}}
	}
	tally := crashTally{}
	check := func(ac addCase, r crashRun, before archiveState) {
		t.Helper()
		after := checkArchive(t, dir)
		tally[stage(before, after)]++
		r.finish(t)
		done := checkArchive(t, dir)
		if len(done.untagged) > 0 || len(done.locks) > 0 {
			t.Fatalf("add %s@%s again after a kill left untagged versions %v and lock files %v", ac.id, ac.label, done.untagged, done.locks)
		}
		if done.versions != before.versions+1 {
			t.Fatalf("add %s@%s again after a kill: %d versions, want %d", ac.id, ac.label, done.versions, before.versions+1)
		}
		got := c.ok("--archive", dir, "show", ac.id+"@"+ac.label)
		if got != string(ac.text) {
			t.Fatalf("show %s@%s after a kill and a re-run: %d bytes, want the %d added", ac.id, ac.label, len(got), len(ac.text))
		}
	}
	// Named steps, from the crash-point build.
	steps := []string{"blob-written", "objects-written", "ref-locked refs/heads/main", "ref-moved refs/heads/main", "ref-locked refs/tags/%s@%s", "ref-moved refs/tags/%s@%s", "tagged"}
	for _, step := range steps {
		ac := newCase()
		if strings.Contains(step, "%s") {
			step = fmt.Sprintf(step, ac.id, ac.label)
		}
		before := checkArchive(t, dir)
		r := run(crashBin, ac)
		if !r.crashedAt(t, step) {
			t.Fatalf("add with BLACKLINE_CRASH_AT=%q was not killed there", step)
		}
		check(ac, run(bin, ac), before)
	}
	t.Logf("named crash points: %d, %s", len(steps), tally)
	// Random times, drawn from the seed over one run measured on twin adds.
	clear(tally)
	twin := newCase()
	firstChange := run(crashBin, twin).timedCrash(t, "blob-written")
	run(bin, twin).finish(t)
	total := run(bin, newCase()).timed(t)
	for _, d := range killTimes(*crashSeed, *crashPoints, firstChange, total) {
		ac := newCase()
		before := checkArchive(t, dir)
		run(bin, ac).killedAt(t, d)
		check(ac, run(bin, ac), before)
	}
	t.Logf("random kill points: %d (seed %d; one add writes from %v to %v): %s", *crashPoints, *crashSeed, firstChange.Round(time.Millisecond), total.Round(time.Millisecond), tally)
}
