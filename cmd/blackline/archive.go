package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

// openArchive opens the archive selected by --archive, BLACKLINE_ARCHIVE or config.
func (a *app) openArchive() (*repo.Archive, error) {
	return repo.Open(a.archiveDir())
}

// readText reads a version's text from a file, or from standard input when path is "-",
// refusing more than the configured max_bytes and anything that is not text.
func (a *app) readText(path string) ([]byte, error) {
	limit := a.cfg.MaxBytes
	var r io.Reader = a.stdin
	name := "standard input"
	size := int64(0) // expected length: the buffer holds it and one more read without growing
	if path != "-" {
		name = path
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, cleanPathError(err))
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, cleanPathError(err))
		}
		if st.IsDir() {
			return nil, fmt.Errorf("read %s: is a directory, not a file", path)
		}
		if st.Size() > limit {
			return nil, fmt.Errorf("read %s: %d bytes is more than the limit of %d (config max_bytes)", path, st.Size(), limit)
		}
		r, size = f, st.Size()
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(size, limit)+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	b := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, cleanPathError(err))
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("read %s: more than the limit of %d bytes (config max_bytes)", name, limit)
	}
	if err := repo.CheckText(b); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// cleanPathError drops the operation and path an *os.PathError repeats.
func cleanPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// exactArgs accepts exactly n arguments, else explains what the command wants.
func exactArgs(n int, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return fmt.Errorf("%s: want %s, got %d argument%s (usage: %s)", cmd.Name(), want, len(args), plural(len(args)), cmd.UseLine())
		}
		return nil
	}
}

// rangeArgs accepts min to max arguments, else explains what the command wants.
func rangeArgs(min, max int, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || len(args) > max {
			return fmt.Errorf("%s: want %s, got %d argument%s (usage: %s)", cmd.Name(), want, len(args), plural(len(args)), cmd.UseLine())
		}
		return nil
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
