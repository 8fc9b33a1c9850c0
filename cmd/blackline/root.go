package main

import (
	"github.com/spf13/cobra"
)

// newRootCmd builds the command tree. Every subcommand is created by a newXxxCmd function
// in its own file.
func (a *app) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "blackline",
		Short: "Keep every release and transcription of a declassified memo, and see what changed",
		Long: `blackline keeps every version of a declassified document (each official release and each
transcription of a release) as commits in an ordinary git repository, and compares versions
with a differ that flags classification markings, redacted spans and personal names apart
from OCR slips and reflowed lines.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return a.loadConfig(cmd) },
	}
	root.PersistentFlags().String("archive", "", "archive directory (default: $BLACKLINE_ARCHIVE, config 'archive', else the current directory)")
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "config file (default: blackline.yaml at the archive root, else the user config dir)")
	root.PersistentFlags().String("color", "auto", "color output: auto, always or never (NO_COLOR is respected)")
	root.AddCommand(a.commands()...)
	return root
}

// commands lists the subcommands, one per file.
func (a *app) commands() []*cobra.Command {
	return []*cobra.Command{
		a.newInitCmd(),
		a.newAddCmd(),
		a.newListCmd(),
		a.newLogCmd(),
		a.newShowCmd(),
		a.newDemoCmd(),
		a.newDiffCmd(),
		a.newRedactionsCmd(),
		a.newBlameCmd(),
		a.newRevealCmd(),
		a.newServeCmd(),
		a.newImportCmd(),
		a.newGCCmd(),
		a.newCloneCmd(),
		a.newPushCmd(),
		a.newPullCmd(),
		a.newRemoteCmd(),
		a.newGitDiffCmd(),
		a.newGitSetupCmd(),
	}
}
