package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newDecryptCmd) }

func newDecryptCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var wl wordlistFlags
	var output string
	var maxSessions int
	var force bool
	var lang langFlag
	var quiet bool
	var sf selectFlags
	c := &cobra.Command{
		Use:   "decrypt [CAPTURE] -w FILE",
		Short: tr("cli.decrypt.short"),
		Long: tr("cli.decrypt.long", tr("cli.help.select"), render.MaxHeldRecords, tr("cli.help.credentials"),
			tr("cli.help.wordlist")),
		Example: tr("cli.decrypt.example"),
		Args:    usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError{textErr("cli.err.decrypt-no-output")}
			}
			if err := lang.check(); err != nil {
				return err
			}
			if _, err := sf.selection(); err != nil {
				return err
			}
			find, err := wl.finder(cmd)
			if err != nil {
				return err
			}
			cr, err := creds.load(cmd, find == nil)
			if err != nil {
				return err
			}
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			var w io.Writer
			report := cmd.OutOrStdout()
			var file *os.File
			if output == "-" {
				if err := refuseTerminal(cmd.OutOrStdout(), force, "cli.terminal.pcap", "cli.terminal.pcap.instead"); err != nil {
					return err
				}
				w, report = cmd.OutOrStdout(), cmd.ErrOrStderr()
			} else {
				if file, err = os.Create(output); err != nil {
					return outputError{err}
				}
				defer file.Close()
				w = file
			}
			ng := output != "-" && strings.HasSuffix(strings.ToLower(output), ".pcapng")
			iw, err := capture.NewInnerWriter(w, ng, "pptpscope "+versionString())
			if err != nil {
				return outputError{err}
			}
			iw.Label, _, _ = frameLabels(src)
			out := render.NewDecryptOutput(outputPackets{iw}, report, output, ng, lang.text(), func() error {
				if err := iw.Flush(); err != nil {
					return outputError{err}
				}
				return nil
			})
			out.Quiet = quiet
			selected, err := sf.wrap(out, report)
			if err != nil {
				return err
			}
			var seen usersSeen // every session, selected or not
			sink := session.Sinks{selected, &seen}
			_, scanErr := runLoop(src, pipeline.Streamed(maxSessions, true), cr, sink, find)
			if isMismatch(scanErr) {
				if file != nil {
					file.Close()
					os.Remove(output)
				}
				return scanErr
			}
			if file != nil {
				if err := file.Close(); err != nil && scanErr == nil {
					scanErr = outputError{fmt.Errorf("%s: %w", output, err)}
				}
			}
			if scanErr == nil {
				scanErr = seen.check(cr)
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	wl.register(c)
	c.Flags().StringVarP(&output, "write", "w", "", tr("cli.decrypt.flag.write"))
	registerMaxSessions(c, &maxSessions)
	c.Flags().BoolVar(&force, "force", false, tr("cli.decrypt.flag.force"))
	lang.register(c)
	sf.register(c, &in)
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, tr("cli.decrypt.flag.quiet"))
	return c
}

// outputPackets marks the inner writer's errors as output errors (exit
// status 10), not input ones.
type outputPackets struct{ *capture.InnerWriter }

func (o outputPackets) WritePacket(t time.Time, frame int, data []byte) error {
	if err := o.InnerWriter.WritePacket(t, frame, data); err != nil {
		return outputError{err}
	}
	return nil
}
