package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestShortCommandPolicy checks that the short-command hook (main's garbage collection
// policy) runs before short commands and never before long-running ones.
func TestShortCommandPolicy(t *testing.T) {
	c := newCLI(t)
	archive := c.archive()
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"--archive", archive, "log"}, true},
		{[]string{"--archive", archive, "list"}, true},
		{[]string{"diff", c.file("a.txt", "SECRET\n"), c.file("b.txt", "UNCLASSIFIED\n")}, true},
		{[]string{"--archive", archive, "gc"}, false},
		{[]string{"--archive", archive, "import", c.file("empty.csv", "id,label,kind,date,source,case,file\n")}, false},
		{[]string{"--archive", archive, "push", "nowhere"}, false},
		{[]string{"--archive", archive, "pull", "nowhere"}, false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[len(tt.args)-2:], " "), func(t *testing.T) {
			called := false
			var stdout, stderr bytes.Buffer
			a := &app{
				stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv:       func(k string) string { return c.env[k] },
				now:          func() time.Time { return testNow },
				shortCommand: func() { called = true },
			}
			a.run(context.Background(), tt.args)
			if called != tt.want {
				t.Errorf("run(%q) called the short-command hook = %v, want %v (stderr %q)", tt.args, called, tt.want, stderr.String())
			}
		})
	}
}
