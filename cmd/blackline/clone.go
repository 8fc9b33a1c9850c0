package main

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

type cloneOptions struct {
	url, dir string
	remote   string
}

func (a *app) newCloneCmd() *cobra.Command {
	var o cloneOptions
	cmd := &cobra.Command{
		Use:   "clone URL [DIR]",
		Short: "Copy an archive from a remote into a new bare archive",
		Long: `Create a bare archive in DIR (default: the URL's last part, with .git) holding the main
branch and the version tags of the remote at URL (a path, file://, ssh://, host:path,
http(s)://), and record URL as the remote origin, so that push and pull need no argument.
Works with no git binary installed. Credentials: as for push (blackline push --help).`,
		Args: rangeArgs(1, 2, "a URL or path, and optionally a directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.url = args[0]
			if len(args) == 2 {
				o.dir = args[1]
			}
			return a.runClone(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.remote, "origin", repo.DefaultRemote, "name of the remote recorded in the clone")
	return cmd
}

func (a *app) runClone(ctx context.Context, o cloneOptions) error {
	if o.dir == "" {
		base := path.Base(strings.TrimRight(filepath.ToSlash(o.url), "/"))
		if i := strings.LastIndex(base, ":"); i >= 0 {
			base = base[i+1:]
		}
		if base == "" || base == "." || base == "/" {
			return fmt.Errorf("clone %s: name a directory to clone into", o.url)
		}
		o.dir = strings.TrimSuffix(base, ".git") + ".git"
	}
	ar, err := repo.Clone(ctx, o.url, o.dir, repo.CloneOptions{RemoteOptions: a.remoteOptions(), Remote: o.remote})
	if err != nil {
		return explainAuth(err)
	}
	docs, err := ar.Documents()
	if err != nil {
		return err
	}
	versions := 0
	for _, d := range docs {
		versions += d.Versions
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		dir = o.dir
	}
	fmt.Fprintf(a.stdout, "cloned %s into %s: %d version%s of %d document%s\n", o.url, dir, versions, plural(versions), len(docs), plural(len(docs)))
	return nil
}
