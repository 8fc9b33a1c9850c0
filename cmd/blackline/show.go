package main

import (
	"github.com/spf13/cobra"
)

type showOptions struct {
	ref string
}

func (a *app) newShowCmd() *cobra.Command {
	var o showOptions
	return &cobra.Command{
		Use:   "show REF",
		Short: "Print a version's text, byte for byte",
		Long: `Print the text of the version REF names, exactly as it was added. REF is ID (the
latest version), ID@LABEL, ID~N (N versions before the latest) or a commit hash.`,
		Args: exactArgs(1, "one version reference"),
		RunE: func(_ *cobra.Command, args []string) error {
			o.ref = args[0]
			return a.runShow(o)
		},
	}
}

func (a *app) runShow(o showOptions) error {
	ar, err := a.openArchive()
	if err != nil {
		return err
	}
	v, err := ar.Resolve(o.ref)
	if err != nil {
		return err
	}
	text, err := ar.Text(v)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(text)
	return err
}
