package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"golang.org/x/term"

	"github.com/blackline/blackline/config"
)

// Exit statuses.
const (
	exitOK          = 0
	exitDifferences = 1
	exitError       = 2
)

// errDifferences is returned by a command whose answer is "the versions differ": exit
// status 1 with nothing on stderr.
var errDifferences = errors.New("differences found")

// app carries what every command needs: the process's streams, environment and clock
// (injected so tests can capture them), the one viper instance, and the loaded Config.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time

	// shortCommand, when set, is called before a command that runs for a moment and
	// exits (every command not annotated longRunning); main sets the process's garbage
	// collection policy there. Tests leave it nil.
	shortCommand func()

	v          *viper.Viper
	cfg        config.Config
	configFile string // --config
}

// run executes one command line and returns the process exit status.
func (a *app) run(ctx context.Context, args []string) int {
	a.v = viper.New()
	config.Prepare(a.v)
	root := a.newRootCmd()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errDifferences):
		return exitDifferences
	default:
		fmt.Fprintf(a.stderr, "blackline: %s\n", oneLine(err.Error()))
		return exitError
	}
}

// longRunning is the cobra annotation of commands that run long and make garbage all
// along (serve, import, push, pull, clone, gc): they keep Go's default collection policy.
const longRunning = "blackline.long-running"

// markLongRunning annotates cmd as long-running and returns it.
func markLongRunning(cmd *cobra.Command) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[longRunning] = "true"
	return cmd
}

// beforeCommand applies the short-command policy unless cmd is annotated long-running.
func (a *app) beforeCommand(cmd *cobra.Command) {
	if a.shortCommand != nil && cmd.Annotations[longRunning] == "" {
		a.shortCommand()
	}
}

// oneLine folds a multi-line message so every error is one line on stderr, and escapes
// what a terminal would act on rather than show — control characters (an ID or a file
// name given on the command line may hold escape sequences), bidirectional-text controls
// and bytes that are not UTF-8 — the way Go quotes them (\x1b, \u202e, \xff).
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unprintable(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unprintable reports a control character or a bidirectional-text control.
func unprintable(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// loadConfig applies the precedence flags > env > config file > defaults and validates the
// result. The config file is --config when given; otherwise the user's config file, with
// blackline.yaml at the archive root merged over it.
func (a *app) loadConfig(cmd *cobra.Command) error {
	if err := a.v.BindPFlag("archive", cmd.Flags().Lookup("archive")); err != nil {
		return fmt.Errorf("bind flag archive: %w", err)
	}
	if f := cmd.Flags().Lookup("color"); f != nil {
		if err := a.v.BindPFlag("color", f); err != nil {
			return fmt.Errorf("bind flag color: %w", err)
		}
	}
	if a.configFile != "" {
		if err := config.ReadFile(a.v, a.configFile); err != nil {
			return err
		}
	} else {
		userDir, _ := os.UserConfigDir()
		if a.getenv("XDG_CONFIG_HOME") != "" {
			userDir = a.getenv("XDG_CONFIG_HOME")
		}
		if f := config.FindFile("", "", userDir); f != "" {
			if err := config.ReadFile(a.v, f); err != nil {
				return err
			}
		}
		root := a.v.GetString("archive")
		if root == "" {
			root = "."
		}
		if f := config.FindFile("", root, ""); f != "" {
			if err := config.ReadFile(a.v, f); err != nil {
				return err
			}
		}
	}
	cfg, err := config.Load(a.v)
	if err != nil {
		return err
	}
	a.cfg = cfg
	return nil
}

// archiveDir is the archive selected by --archive, BLACKLINE_ARCHIVE or config, else ".".
func (a *app) archiveDir() string {
	if a.cfg.Archive != "" {
		return a.cfg.Archive
	}
	return "."
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// useColor decides whether output to w is colored: --color/config always or never win;
// auto colors a terminal unless NO_COLOR is set.
func (a *app) useColor(w io.Writer) bool {
	switch a.cfg.Color {
	case "always":
		return true
	case "never":
		return false
	}
	return a.getenv("NO_COLOR") == "" && isTerminal(w)
}
