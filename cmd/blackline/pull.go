package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

type pullOptions struct {
	remote string
}

func (a *app) newPullCmd() *cobra.Command {
	var o pullOptions
	return &cobra.Command{
		Use:   "pull [REMOTE]",
		Short: "Bring in the versions and tags added on a remote",
		Long: `Fetch main and the version tags of REMOTE (a remote's name, default origin, a URL or a
path) and bring main up to date. When only the remote has new versions, main moves forward
to them. When both sides added versions since they parted, and of different documents, pull
writes a merge commit. When both added versions of the same document, pull stops and
changes nothing, naming the document and both versions' labels; so does a tag that names
another version here. In a git clone with a worktree, the changed files follow, and
uncommitted changes to them are refused first. Works with no git binary installed.

Credentials: as for push (blackline push --help).`,
		Args: rangeArgs(0, 1, "at most one remote"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.remote = args[0]
			}
			return a.runPull(cmd.Context(), o)
		},
	}
}

func (a *app) runPull(ctx context.Context, o pullOptions) error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	// A merge commit needs a committer; a fast-forward does not.
	_, committer, sigErr := a.signatures(ar)
	res, err := ar.Pull(ctx, o.remote, committer, a.remoteOptions())
	if err != nil {
		if sigErr != nil && errors.Is(err, repo.ErrInvalidMeta) {
			return fmt.Errorf("pull: both sides have new versions, and writing their merge needs a committer: %w", sigErr)
		}
		return explainAuth(err)
	}
	from := res.Remote
	if from == "" {
		from = res.URL
	}
	if res.UpToDate() {
		fmt.Fprintf(a.stdout, "already up to date with %s\n", from)
		return nil
	}
	how := "no change to main"
	switch {
	case res.Merge != "":
		how = fmt.Sprintf("merged as %s", shortCommit(res.Merge))
	case res.FastForward():
		how = fmt.Sprintf("main %s..%s", orNone(shortCommit(res.Old)), shortCommit(res.New))
	}
	fmt.Fprintf(a.stdout, "pulled %d version%s of %d document%s and %d tag%s from %s (%s)\n",
		len(res.Versions), plural(len(res.Versions)), countDocuments(res.Versions), plural(countDocuments(res.Versions)),
		len(res.Tags), plural(len(res.Tags)), from, how)
	return a.versionsByDocument(res.Versions)
}
