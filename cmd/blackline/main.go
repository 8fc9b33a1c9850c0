package main

import (
	"context"
	"os"
	"runtime/debug"
	"time"
)

// gcHeapLimit is the heap size below which a short command leaves garbage uncollected
// (unless GOGC or GOMEMLIMIT say otherwise): it runs for a moment and exits, so collecting
// along the way mostly costs time; comparing two versions of a million words stays well
// under it.
const gcHeapLimit = 256 << 20

// deferGC is the process's collection policy for a short command: nothing collected until
// the heap nears gcHeapLimit. Long-running commands (serve, import, the remote commands,
// gc) keep Go's default policy. GOGC or GOMEMLIMIT in the environment win over both.
func deferGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(gcHeapLimit)
	}
}

func main() {
	a := &app{
		stdin:        os.Stdin,
		stdout:       os.Stdout,
		stderr:       os.Stderr,
		getenv:       os.Getenv,
		now:          time.Now,
		shortCommand: deferGC,
	}
	os.Exit(a.run(context.Background(), os.Args[1:]))
}
