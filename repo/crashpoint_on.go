//go:build blackline_crashpoints && unix

package repo

import (
	"os"
	"syscall"
)

// crashEnv names the environment variable read by crash-test builds (tag
// blackline_crashpoints): "STEP" kills the process with SIGKILL at the first crash point
// of that step, "STEP DETAIL" at the one whose detail matches too (a ref name). Normal
// builds never read it: their crash points do nothing.
const crashEnv = "BLACKLINE_CRASH_AT"

// crashPoint kills the process with SIGKILL when BLACKLINE_CRASH_AT names this step (and
// detail): the crash tests' fault injection, built only with the tag blackline_crashpoints.
func crashPoint(step, detail string) {
	at := os.Getenv(crashEnv)
	if at == step || at == step+" "+detail {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
}
