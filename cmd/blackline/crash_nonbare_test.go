package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCrashAddIntoClone kills `blackline add` into a git clone with a worktree at every
// named step and at seeded random times, then runs it again: besides what TestCrashAdd
// checks, git status in the clone must be clean — the checked-out file and the index follow
// main even when the kill came between moving main and updating them.
func TestCrashAddIntoClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	bin, crashBin := buildBinary(t), buildCrashBinary(t)
	c := newCLI(t)
	bare := c.archive()
	texts := corpusTexts(t)
	c.ok("--archive", bare, "add", "crash/doc", c.file("base.txt", string(texts[0])))
	clone := filepath.Join(c.dir, "clone")
	if out, err := exec.Command(git, "clone", "-q", bare, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	env := processEnv(c)
	n := 0
	next := func() (crashRun, string, string) {
		n++
		text := fmt.Sprintf("%s\nkill point %d\n", texts[0], n)
		label := fmt.Sprintf("k%d", n)
		file := c.file(label+".txt", text)
		args := []string{"--archive", clone, "add", "crash/doc", file, "--label", label}
		return crashRun{bin: bin, env: env, args: args}, label, text
	}
	tally := crashTally{}
	check := func(r crashRun, label, text string, before archiveState) {
		t.Helper()
		after := checkArchive(t, clone)
		tally[stage(before, after)]++
		r.finish(t)
		st := checkArchive(t, clone)
		if len(st.untagged) > 0 || len(st.locks) > 0 || st.versions != before.versions+1 {
			t.Fatalf("add %s again after a kill: %d versions (want %d), untagged %v, lock files %v", label, st.versions, before.versions+1, st.untagged, st.locks)
		}
		if out, err := exec.Command(git, "-C", clone, "status", "--porcelain").CombinedOutput(); err != nil || len(out) != 0 {
			t.Fatalf("git status in the clone after add %s was killed and run again: %q, %v; want clean", label, out, err)
		}
		if got := c.ok("--archive", clone, "show", "crash/doc@"+label); got != text {
			t.Fatalf("show crash/doc@%s: %d bytes, want the %d added", label, len(got), len(text))
		}
	}
	steps := []string{"blob-written", "objects-written", "ref-locked refs/heads/main", "ref-moved refs/heads/main", "ref-locked refs/tags/crash/doc@%s", "ref-moved refs/tags/crash/doc@%s", "tagged"}
	for _, step := range steps {
		r, label, text := next()
		step = strings.ReplaceAll(step, "%s", label)
		before := checkArchive(t, clone)
		if !(crashRun{bin: crashBin, env: env, args: r.args}).crashedAt(t, step) {
			t.Fatalf("add with BLACKLINE_CRASH_AT=%q was not killed there", step)
		}
		check(r, label, text, before)
	}
	t.Logf("named crash points: %d, %s", len(steps), tally)
	clear(tally)
	twin, _, _ := next()
	total := twin.timed(t)
	for _, d := range killTimes(*crashSeed, *crashPoints, 0, total) {
		r, label, text := next()
		before := checkArchive(t, clone)
		r.killedAt(t, d)
		check(r, label, text, before)
	}
	t.Logf("random kill points: %d (seed %d; one add takes %v): %s", *crashPoints, *crashSeed, total.Round(time.Millisecond), tally)
}
