package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/blackline/blackline/repo"
)

func (a *app) newRemoteCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "remote [add NAME URL | list | remove NAME]",
		Short: "Manage the remotes the archive is pushed to and pulled from",
		Long: `Manage the archive's remotes, recorded in its git config as git records them. A remote is
a file path, a file:// URL, an ssh URL (ssh://host/path or host:path) or an http(s) URL.
Without a subcommand, the remotes are listed.`,
		Args: exactArgs(0, "a subcommand: add, list or remove"),
		RunE: func(*cobra.Command, []string) error { return a.runRemoteList() },
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "add NAME URL",
			Short: "Record a remote",
			Args:  exactArgs(2, "a name and a URL or path"),
			RunE: func(_ *cobra.Command, args []string) error {
				return a.runRemoteAdd(args[0], args[1])
			},
		},
		&cobra.Command{
			Use:   "list",
			Short: "List the remotes with their URLs",
			Args:  exactArgs(0, "no arguments"),
			RunE:  func(*cobra.Command, []string) error { return a.runRemoteList() },
		},
		&cobra.Command{
			Use:     "remove NAME",
			Aliases: []string{"rm"},
			Short:   "Forget a remote and its remote-tracking branch",
			Args:    exactArgs(1, "a remote name"),
			RunE: func(_ *cobra.Command, args []string) error {
				return a.runRemoteRemove(args[0])
			},
		},
	)
	return cmd
}

func (a *app) runRemoteAdd(name, url string) error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	if err := ar.AddRemote(name, url); err != nil {
		return err
	}
	rs, err := ar.Remotes()
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.Name == name {
			fmt.Fprintf(a.stdout, "added remote %s: %s\n", r.Name, r.URL)
		}
	}
	return nil
}

func (a *app) runRemoteList() error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	rs, err := ar.Remotes()
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		dir, _ := filepath.Abs(a.archiveDir())
		fmt.Fprintf(a.stderr, "no remotes in %s; add one with: blackline remote add origin URL\n", dir)
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\n", r.Name, r.URL)
	}
	return tw.Flush()
}

func (a *app) runRemoteRemove(name string) error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	if err := ar.RemoveRemote(name); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "removed remote %s\n", name)
	return nil
}

// remoteOptions reads the credentials for remotes from the environment: BLACKLINE_HTTP_USER
// and BLACKLINE_HTTP_PASSWORD (a password or an access token) for http(s);
// BLACKLINE_SSH_KEY and BLACKLINE_SSH_PASSPHRASE for ssh, else the ssh agent
// (SSH_AUTH_SOCK), else the first of ~/.ssh/id_ed25519, id_ecdsa and id_rsa that exists.
// A user and password written in an http(s) URL are used too.
func (a *app) remoteOptions() repo.RemoteOptions {
	c := repo.Credentials{
		Username:         a.getenv("BLACKLINE_HTTP_USER"),
		Password:         a.getenv("BLACKLINE_HTTP_PASSWORD"),
		SSHKeyFile:       a.getenv("BLACKLINE_SSH_KEY"),
		SSHKeyPassphrase: a.getenv("BLACKLINE_SSH_PASSPHRASE"),
	}
	if c.SSHKeyFile == "" && a.getenv("SSH_AUTH_SOCK") == "" && a.getenv("HOME") != "" {
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			if f := filepath.Join(a.getenv("HOME"), ".ssh", name); isFile(f) {
				c.SSHKeyFile = f
				break
			}
		}
	}
	return repo.RemoteOptions{Credentials: c}
}

// explainAuth adds to an authentication failure where blackline looks for credentials.
func explainAuth(err error) error {
	if errors.Is(err, repo.ErrAuth) {
		return fmt.Errorf("%w (blackline authenticates over ssh with the ssh agent, else BLACKLINE_SSH_KEY and BLACKLINE_SSH_PASSPHRASE, else ~/.ssh/id_ed25519, id_ecdsa or id_rsa; over http(s) with the URL's user:password, else BLACKLINE_HTTP_USER and BLACKLINE_HTTP_PASSWORD)", err)
	}
	return err
}

// versionsByDocument prints the versions, one line per document with its labels.
func (a *app) versionsByDocument(vs []repo.Version) error {
	var ids []string
	labels := map[string][]string{}
	for _, v := range vs {
		if labels[v.Document] == nil {
			ids = append(ids, v.Document)
		}
		labels[v.Document] = append(labels[v.Document], v.Label)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for _, id := range ids {
		fmt.Fprintf(tw, "  %s\t%s\n", id, strings.Join(labels[id], ", "))
	}
	return tw.Flush()
}

// countDocuments returns how many distinct documents the versions belong to.
func countDocuments(vs []repo.Version) int {
	seen := map[string]bool{}
	for _, v := range vs {
		seen[v.Document] = true
	}
	return len(seen)
}

// shortCommit abbreviates a commit hash; "" stays "".
func shortCommit(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}
