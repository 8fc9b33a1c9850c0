//go:build !blackline_crashpoints || !unix

package repo

// crashPoint marks a step of a write after which a crash must leave the archive
// consistent: step names the step ("objects-written", "ref-locked", …) and detail what it
// concerns (a ref name), so that one occurrence can be singled out. In normal builds it
// does nothing and compiles away; built with the tag blackline_crashpoints (crash tests
// only, see crashpoint_on.go) it can kill the process there.
func crashPoint(step, detail string) {}
