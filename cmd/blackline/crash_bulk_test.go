package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copyDir copies the archive at src to dst, byte for byte.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeImportTree lays out docs documents of versions versions each as ID/LABEL.txt under
// root, from the corpus texts: each document a stretch of one text, each later version
// with fewer words withheld, as re-releases go.
func writeImportTree(t *testing.T, root string, docs, versions int) {
	t.Helper()
	texts := corpusTexts(t)
	for d := range docs {
		words := strings.Fields(string(texts[d%len(texts)]))
		start := (d * 37) % max(len(words)-300, 1)
		words = words[start:min(start+300, len(words))]
		for v := range versions {
			var b strings.Builder
			for i, w := range words {
				if (i+d)%(7+3*v) == 0 {
					w = "(b)(1)"
				}
				b.WriteString(w)
				if i%12 == 11 {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
			fmt.Fprintf(&b, "\nrelease %d of document %d\n", v+1, d)
			p := filepath.Join(root, fmt.Sprintf("coll%d", d%5), fmt.Sprintf("memo-%03d", d), fmt.Sprintf("r%d.txt", 1998+v))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// killScenario kills one command, run on fresh copies of an archive, at named crash points
// and at seeded random times, and checks each copy after the kill (checkArchive) and after
// running the command again (done).
type killScenario struct {
	name     string
	template string                                          // the archive each kill point starts from
	args     func(dir string) []string                       // the command, on the archive at dir
	named    []string                                        // crash points (BLACKLINE_CRASH_AT) to kill at
	stage    func(before, after archiveState) string         // how far a killed run got
	done     func(t *testing.T, dir string, st archiveState) // what the completed command left
}

// run kills the scenario's command at every named point and at *crashPoints random times.
func (s killScenario) run(t *testing.T, c *cli, bin, crashBin string) {
	t.Helper()
	env := processEnv(c)
	before := checkArchive(t, s.template)
	k := 0
	fresh := func() string {
		k++
		dir := filepath.Join(c.dir, fmt.Sprintf("%s-%d.git", s.name, k))
		copyDir(t, s.template, dir)
		return dir
	}
	cmd := func(bin, dir string) crashRun { return crashRun{bin: bin, env: env, args: s.args(dir)} }
	tally := crashTally{}
	after := func(dir string) {
		t.Helper()
		tally[s.stage(before, checkArchive(t, dir))]++
		cmd(bin, dir).finish(t)
		st := checkArchive(t, dir)
		if len(st.untagged) > 0 || len(st.locks) > 0 {
			t.Fatalf("%s again after a kill left untagged versions %v and lock files %v", s.name, st.untagged, st.locks)
		}
		s.done(t, dir, st)
		os.RemoveAll(dir)
	}
	for _, point := range s.named {
		dir := fresh()
		if !cmd(crashBin, dir).crashedAt(t, point) {
			t.Fatalf("%s with BLACKLINE_CRASH_AT=%q was not killed there", s.name, point)
		}
		after(dir)
	}
	total := cmd(bin, fresh()).timed(t)
	for _, d := range killTimes(*crashSeed, *crashPoints, 0, total) {
		dir := fresh()
		cmd(bin, dir).killedAt(t, d)
		after(dir)
	}
	t.Logf("%s: %d named and %d random kill points (seed %d; one run takes %v): %s", s.name, len(s.named), *crashPoints, *crashSeed, total.Round(time.Millisecond), tally)
}

// bulkStage names how far a killed import or pull had got towards want versions.
func bulkStage(want int) func(before, after archiveState) string {
	return func(before, after archiveState) string {
		switch {
		case after.versions == want && len(after.untagged) == 0:
			return "complete"
		case after.versions == want:
			return "all versions, tags missing"
		case after.versions > before.versions:
			return "some versions"
		case after.objects != before.objects:
			return "objects written, main not moved"
		}
		return "nothing written"
	}
}

// wantVersions checks that the archive holds n versions.
func wantVersions(n int) func(t *testing.T, dir string, st archiveState) {
	return func(t *testing.T, dir string, st archiveState) {
		t.Helper()
		if st.versions != n {
			t.Fatalf("archive %s holds %d versions after the command completed, want %d", dir, st.versions, n)
		}
	}
}

// TestCrashImportGCPull kills `blackline import` (in batches of ten versions), `blackline
// gc` and `blackline pull` (into a bare archive, and into a git clone with a worktree) at
// seeded random times (and import and pull at named steps), each on a fresh copy of an
// archive, then checks the archive and runs the command again: it must complete, with
// every version tagged, no lock file left, and a clean git status in the clone.
func TestCrashImportGCPull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin, crashBin := buildBinary(t), buildCrashBinary(t)
	c := newCLI(t)
	const docs, versions = 40, 3
	tree := filepath.Join(c.dir, "tree")
	writeImportTree(t, tree, docs, versions)

	empty := filepath.Join(c.dir, "empty.git")
	c.ok("init", empty)
	// An archive of loose objects and tags for gc: versions added one by one.
	loose := filepath.Join(c.dir, "loose.git")
	c.ok("init", loose)
	texts := corpusTexts(t)
	for i := range 60 {
		text := fmt.Sprintf("%s\nversion %d\n", texts[i%3], i)
		c.ok("--archive", loose, "add", fmt.Sprintf("gc/doc-%d", i%3), c.file(fmt.Sprintf("gc-%d.txt", i), text), "--label", fmt.Sprintf("v%d", i))
	}
	// A remote with all the versions, and a clone of it taken when it held the first.
	firstOnly := filepath.Join(c.dir, "first")
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "r1998.txt" {
			return err
		}
		rel, _ := filepath.Rel(tree, p)
		b, err := os.ReadFile(p)
		if err == nil {
			err = os.MkdirAll(filepath.Join(firstOnly, filepath.Dir(rel)), 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(firstOnly, rel), b, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	remote, behind := filepath.Join(c.dir, "remote.git"), filepath.Join(c.dir, "behind.git")
	c.ok("init", remote)
	c.ok("--archive", remote, "import", firstOnly)
	c.ok("clone", remote, behind)
	git, gitErr := exec.LookPath("git")
	behindWork := filepath.Join(c.dir, "behind-work")
	if gitErr == nil { // a clone with a worktree, whose files must follow main
		if out, err := exec.Command(git, "clone", "-q", remote, behindWork).CombinedOutput(); err != nil {
			t.Fatalf("git clone: %v\n%s", err, out)
		}
	}
	c.ok("--archive", remote, "import", tree)

	scenarios := []killScenario{
		{
			name: "import", template: empty,
			args:  func(dir string) []string { return []string{"--archive", dir, "import", tree, "--batch-size", "10"} },
			named: []string{"ref-locked refs/heads/main", "ref-moved refs/heads/main"},
			stage: bulkStage(docs * versions), done: wantVersions(docs * versions),
		},
		{
			name: "gc", template: loose,
			args: func(dir string) []string { return []string{"--archive", dir, "gc"} },
			stage: func(before, after archiveState) string {
				if after.objects != before.objects {
					return "objects moved"
				}
				return "nothing moved"
			},
			done: func(t *testing.T, dir string, st archiveState) {
				t.Helper()
				wantVersions(60)(t, dir, st)
				if out := c.ok("--archive", dir, "gc"); !strings.HasPrefix(out, "packed 0 loose objects and 0 loose tags") {
					t.Fatalf("gc after a completed gc: %q, want nothing left to pack", out)
				}
			},
		},
		{
			name: "pull", template: behind,
			args:  func(dir string) []string { return []string{"--archive", dir, "pull"} },
			named: []string{"ref-locked refs/heads/main", "ref-moved refs/heads/main"},
			stage: bulkStage(docs * versions),
			done: func(t *testing.T, dir string, st archiveState) {
				t.Helper()
				wantVersions(docs*versions)(t, dir, st)
				if got, want := mainCommit(t, dir), mainCommit(t, remote); got != want {
					t.Fatalf("main after pull = %s, want the remote's %s", got, want)
				}
			},
		},
	}
	if gitErr == nil {
		scenarios = append(scenarios, killScenario{
			name: "pull-into-clone", template: behindWork,
			args:  func(dir string) []string { return []string{"--archive", dir, "pull"} },
			named: []string{"ref-moved refs/heads/main"},
			stage: bulkStage(docs * versions),
			done: func(t *testing.T, dir string, st archiveState) {
				t.Helper()
				wantVersions(docs*versions)(t, dir, st)
				if out, err := exec.Command(git, "-C", dir, "status", "--porcelain").CombinedOutput(); err != nil || len(out) != 0 {
					t.Fatalf("git status after pull was killed and run again: %.300q, %v; want clean", out, err)
				}
			},
		})
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) { s.run(t, c, bin, crashBin) })
	}
}
