package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/cmd/blackline/web"
	"github.com/blackline/blackline/diff"
)

type serveOptions struct {
	addr string // host:port; "" takes config serve.addr
}

func (a *app) newServeCmd() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:7878]",
		Short: "Browse the archive in a read-only local web viewer",
		Long: `serve starts a read-only web viewer over the archive: the documents (with search by ID
and title words), each document's timeline of versions, any two versions side by side with
redactions drawn as black bars and lifted text highlighted, each version's text, the
redaction ledger, blame, reveal, and a chart of how much stayed withheld release after
release. Pages work without JavaScript; on a comparison, j/k move between changes.

It listens on 127.0.0.1:7878 unless --addr (or config serve.addr) says otherwise; an
address other than loopback lets other machines read the archive, and serve warns about
it. Interrupt (Ctrl-C) stops it.`,
		Example: `  blackline serve
  blackline --archive memos.git serve --addr 127.0.0.1:8080`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("addr") {
				o.addr = a.cfg.Serve.Addr
			}
			return a.runServe(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:7878", "address to listen on (host:port); default from config serve.addr")
	return cmd
}

// runServe opens the archive once to fail early, listens, and serves until ctx is done
// or the process is interrupted.
func (a *app) runServe(ctx context.Context, o serveOptions) error {
	if o.addr == "" {
		o.addr = "127.0.0.1:7878"
	}
	if _, err := a.openArchive(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	d, err := diff.New(a.diffOptions())
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	loopback := web.IsLoopback(o.addr)
	srv, err := web.New(web.Options{Archive: a.archiveDir(), Differ: d, AnyHost: !loopback})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if !loopback {
		fmt.Fprintf(a.stderr, "blackline: warning: %s is not a loopback address: anyone who can reach this machine can read the archive\n", o.addr)
	}
	fmt.Fprintf(a.stdout, "Serving %s read-only on http://%s/ (interrupt to stop)\n", a.archiveDir(), ln.Addr())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return web.Serve(ctx, ln, srv.Handler())
}
