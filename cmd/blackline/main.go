package main

import (
	"context"
	"os"
	"time"
)

func main() {
	a := &app{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		now:    time.Now,
	}
	os.Exit(a.run(context.Background(), os.Args[1:]))
}
