package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/simulate"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newSimulateCmd) }

type simulateFlags struct {
	output, auth, client, user, passwordFile, mppe, link, traffic, format, lang, outDir string
	stateful, mppc, ipv6, outerIPv6, listFaults                                         bool
	sessions, exercises                                                                 int
	overlap                                                                             time.Duration
	seed                                                                                uint64
	faults                                                                              []string
}

func newSimulateCmd() *cobra.Command {
	var f simulateFlags
	c := &cobra.Command{
		Use:     "simulate -w FILE [options]",
		Short:   tr("cli.simulate.short"),
		Long:    tr("cli.simulate.long"),
		Example: tr("cli.simulate.example"),
		Args:    usageArgs(cobra.NoArgs),
		RunE:    func(cmd *cobra.Command, _ []string) error { return f.run(cmd) },
	}
	fl := c.Flags()
	fl.StringVarP(&f.output, "write", "w", "", tr("cli.simulate.flag.write"))
	fl.StringVar(&f.auth, "auth", "mschapv2", tr("cli.simulate.flag.auth"))
	fl.StringVar(&f.client, "client", "pppd", tr("cli.simulate.flag.client"))
	fl.StringVar(&f.user, "user", "student", tr("cli.simulate.flag.user"))
	fl.StringVar(&f.passwordFile, "password-file", "", tr("cli.simulate.flag.password-file"))
	fl.StringVar(&f.mppe, "mppe", "", tr("cli.simulate.flag.mppe"))
	fl.BoolVar(&f.stateful, "stateful", false, tr("cli.simulate.flag.stateful"))
	fl.BoolVar(&f.mppc, "mppc", false, tr("cli.simulate.flag.mppc"))
	fl.BoolVar(&f.ipv6, "ipv6", false, tr("cli.simulate.flag.ipv6"))
	fl.BoolVar(&f.outerIPv6, "outer-ipv6", false, tr("cli.simulate.flag.outer-ipv6"))
	fl.StringVar(&f.link, "link", "ether", tr("cli.simulate.flag.link"))
	fl.StringVar(&f.traffic, "traffic", "ping,dns,http", tr("cli.simulate.flag.traffic"))
	fl.IntVar(&f.sessions, "sessions", 1, tr("cli.simulate.flag.sessions"))
	fl.DurationVar(&f.overlap, "overlap", 0, tr("cli.simulate.flag.overlap"))
	fl.Uint64Var(&f.seed, "seed", 1, tr("cli.simulate.flag.seed"))
	fl.StringArrayVar(&f.faults, "fault", nil, tr("cli.simulate.flag.fault"))
	fl.BoolVar(&f.listFaults, "list-faults", false, tr("cli.simulate.flag.list-faults"))
	fl.StringVar(&f.format, "format", "", tr("cli.simulate.flag.format"))
	fl.StringVar(&f.lang, "lang", "", tr("cli.simulate.flag.lang"))
	fl.IntVar(&f.exercises, "exercises", 0, tr("cli.simulate.flag.exercises"))
	fl.StringVarP(&f.outDir, "output", "o", "", tr("cli.simulate.flag.output"))
	return c
}

func (f *simulateFlags) run(cmd *cobra.Command) error {
	lang := f.lang
	if lang == "" {
		lang = render.LangFromEnv()
	}
	if !contains(render.Languages, lang) {
		return usageError{textErr("cli.err.unknown-value", "--lang", strconv.Quote(lang), orList(render.Languages))}
	}
	f.lang = lang
	if f.listFaults {
		return render.WriteFaultList(cmd.OutOrStdout(), lang, faultRows())
	}
	if f.sessions < 1 {
		return usageError{textErr("cli.err.sessions")}
	}
	o, err := f.options(cmd)
	if err != nil {
		return err
	}
	if f.exercises > 0 {
		return f.writeExercises(cmd, o)
	}
	if f.exercises < 0 {
		return usageError{textErr("cli.err.exercises")}
	}
	if f.output == "" {
		return usageError{textErr("cli.err.simulate-no-output")}
	}
	switch f.format {
	case "pcap":
	case "pcapng":
		o.PCAPNG = true
	case "":
		o.PCAPNG = strings.HasSuffix(strings.ToLower(f.output), ".pcapng")
	default:
		return usageError{textErr("cli.err.unknown-value", "--format", strconv.Quote(f.format), orList{"pcap", "pcapng"})}
	}
	o.Defaults()
	if err := o.Validate(); err != nil {
		return simErr(err)
	}
	var w io.Writer = cmd.OutOrStdout()
	var file *os.File
	if f.output != "-" {
		if file, err = os.Create(f.output); err != nil {
			return outputError{textErr("cli.err.write-capture", err)}
		}
		w = file
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	err = simulate.Write(bw, o)
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	return simErr(err)
}

// simErr maps the simulator's option errors to the usage exit status; any
// other error of simulate.Write (which checks the options before it writes
// anything) is the output's.
func simErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, simulate.ErrOption):
		return usageError{err}
	}
	return outputError{err}
}

func (f *simulateFlags) options(cmd *cobra.Command) (simulate.Options, error) {
	o := simulate.Options{Auth: simulate.Auth(f.auth), Client: simulate.Client(f.client), User: f.user, Stateful: f.stateful, MPPC: f.mppc,
		IPv6: f.ipv6, OuterIPv6: f.outerIPv6, Link: simulate.Link(f.link), Sessions: f.sessions,
		Overlap: f.overlap, Seed: f.seed}
	switch f.mppe {
	case "":
		if o.Auth.KeysMPPE() {
			o.MPPE = 128
		}
	case "none", "0":
	default:
		n, err := strconv.Atoi(f.mppe)
		if err != nil {
			return o, usageError{textErr("cli.err.mppe", strconv.Quote(f.mppe))}
		}
		o.MPPE = n
	}
	t, err := simulate.ParseTraffic(f.traffic)
	if err != nil {
		return o, simErr(err)
	}
	o.Traffic = t
	for _, s := range f.faults {
		for _, one := range strings.Split(s, ",") {
			ft, err := simulate.ParseFault(one)
			if err != nil {
				return o, simErr(err)
			}
			o.Faults = append(o.Faults, ft)
		}
	}
	switch {
	case f.passwordFile != "":
		if o.Password, err = readPasswordFile(f.passwordFile); err != nil {
			return o, err
		}
	case os.Getenv(passwordEnv) != "":
		o.Password = os.Getenv(passwordEnv)
	default:
		return o, usageError{textErr("cli.err.simulate-no-password", passwordEnv)}
	}
	return o, nil
}

func faultRows() []render.FaultRow {
	var rows []render.FaultRow
	for _, fi := range simulate.FaultInfos {
		name := fi.Name
		if fi.Arg != "" {
			name += "=" + fi.Arg
		}
		rows = append(rows, render.FaultRow{Name: name, Finding: fi.Finding, Key: fi.Key})
	}
	return rows
}

// writeExercises writes the exercise captures, the questions and the
// answer key in every language.
func (f *simulateFlags) writeExercises(cmd *cobra.Command, base simulate.Options) error {
	if f.outDir == "" {
		return usageError{textErr("cli.err.exercises-dir")}
	}
	if len(base.Faults) > 0 {
		return usageError{textErr("cli.err.exercises-fault")}
	}
	plan, err := simulate.PlanExercises(base, f.exercises)
	if err != nil {
		return simErr(err)
	}
	if err := os.MkdirAll(f.outDir, 0o755); err != nil {
		return outputError{textErr("cli.err.write-exercises", err)}
	}
	var rows []render.Exercise
	for _, ex := range plan {
		path := filepath.Join(f.outDir, ex.File)
		file, err := os.Create(path)
		if err != nil {
			return outputError{textErr("cli.err.write-exercises", err)}
		}
		bw := bufio.NewWriterSize(file, 1<<16)
		err = simulate.Write(bw, ex.Options)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return simErr(err)
		}
		rows = append(rows, exerciseRow(ex))
	}
	for _, lang := range render.Languages {
		for _, kind := range []string{"questions", "answers"} {
			path := filepath.Join(f.outDir, kind+"."+lang+".md")
			file, err := os.Create(path)
			if err != nil {
				return outputError{textErr("cli.err.write-exercises", err)}
			}
			err = render.WriteExercises(file, lang, kind == "answers", rows)
			if cerr := file.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
	fmt.Fprintln(cmd.OutOrStdout(), render.T(f.lang, "simulate.exercises.written", len(rows), f.outDir))
	return nil
}

func exerciseRow(ex simulate.Exercise) render.Exercise {
	r := render.Exercise{File: ex.File, Client: string(ex.Options.Client), Auth: string(ex.Options.Auth), MPPE: ex.Options.MPPE, Stateful: ex.Options.Stateful}
	for _, ft := range ex.Options.Faults {
		fi := ft.Info()
		r.Faults = append(r.Faults, render.FaultRow{Name: ft.String(), Finding: fi.Finding, Key: fi.Key})
	}
	return r
}
