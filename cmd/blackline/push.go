package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

type pushOptions struct {
	remote string
}

func (a *app) newPushCmd() *cobra.Command {
	var o pushOptions
	return &cobra.Command{
		Use:   "push [REMOTE]",
		Short: "Send the archive's new versions and tags to a remote",
		Long: `Send main and every version tag to REMOTE: a remote's name (default origin), a URL or a
path. Only what the remote lacks travels. When the remote holds versions this archive lacks,
nothing is sent: pull first. Works with no git binary installed.

Credentials: ssh uses the ssh agent (SSH_AUTH_SOCK), else BLACKLINE_SSH_KEY (with
BLACKLINE_SSH_PASSPHRASE) or ~/.ssh/id_ed25519, id_ecdsa, id_rsa, and checks the host in
known_hosts; http(s) uses the user and password in the URL, else BLACKLINE_HTTP_USER and
BLACKLINE_HTTP_PASSWORD (a password or an access token).`,
		Args: rangeArgs(0, 1, "at most one remote"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.remote = args[0]
			}
			return a.runPush(cmd.Context(), o)
		},
	}
}

func (a *app) runPush(ctx context.Context, o pushOptions) error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	res, err := ar.Push(ctx, o.remote, a.remoteOptions())
	if err != nil {
		return explainAuth(err)
	}
	to := res.Remote
	if to == "" {
		to = res.URL
	}
	if res.UpToDate() {
		fmt.Fprintf(a.stdout, "%s is already up to date\n", to)
		return nil
	}
	fmt.Fprintf(a.stdout, "pushed %d version%s of %d document%s and %d tag%s to %s (main %s..%s)\n",
		len(res.Versions), plural(len(res.Versions)), countDocuments(res.Versions), plural(countDocuments(res.Versions)),
		len(res.Tags), plural(len(res.Tags)), to, orNone(shortCommit(res.Old)), shortCommit(res.New))
	return a.versionsByDocument(res.Versions)
}

// orNone shows a missing commit as "(none)".
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
