package main

import (
	"context"
	"os"
	"runtime/debug"
	"time"
)

// gcHeapLimit is the heap size below which a blackline process leaves garbage uncollected
// (unless GOGC or GOMEMLIMIT say otherwise): a command runs for a moment and exits, so
// collecting along the way mostly costs time; comparing two versions of a million words
// stays well under it.
const gcHeapLimit = 256 << 20

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(gcHeapLimit)
	}
	a := &app{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		now:    time.Now,
	}
	os.Exit(a.run(context.Background(), os.Args[1:]))
}
