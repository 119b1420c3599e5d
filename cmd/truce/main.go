// Command truce runs and checks a ceasefire monitoring and verification
// mechanism: a server, a witness and the tools to submit and verify records.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"k8s.io/klog/v2"
)

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"demo", "serve a fresh mechanism loaded with the seed scenario", runDemo},
	{"init", "create a new mechanism: log key, admin key, config", runInit},
	{"serve", "serve a mechanism's API and log", runServe},
	{"keygen", "create an Ed25519 key pair", runKeygen},
	{"submit", "sign a record and append it to the log", runSubmit},
	{"sign", "add a signature to an envelope, or sign a record into one", runSign},
	{"witness", "run a C2SP tlog-witness for one or more logs", runWitness},
	{"get", "read records, or download an evidence file, as a member or anonymously", runGet},
	{"token", "print a short-lived read token signed by a member's key", runToken},
	{"verify", "verify a log's checkpoint, consistency and entries", runVerify},
	{"reindex", "rebuild the projection from the log alone", runReindex},
	{"audit", "re-check every signature and rule, and the projection against a rebuild", runAudit},
	{"import", "ingest articles and statements into draft claims", runImport},
	{"review", "list the queued drafts, or accept one by signing its records", runReview},
}

// usageError marks a mistake in how a command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	// Tessera logs through klog; its routine notices are not the operator's
	// business, its warnings and errors are.
	klog.SetSlogLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		out := stdout
		if len(args) == 0 {
			out = stderr
		}
		fmt.Fprintln(out, "usage: truce COMMAND [flags]\n\ncommands:")
		for _, c := range commands {
			fmt.Fprintf(out, "  %-8s %s\n", c.name, c.summary)
		}
		fmt.Fprintln(out, "\nRun 'truce COMMAND --help' for a command's flags.")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "truce %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(stderr, "truce %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "truce: unknown command %q (run 'truce --help')\n", args[0])
	return 2
}

// newFlags returns a flag set whose parse errors are usage errors and whose
// --help prints the usage line and the flags to stdout.
func newFlags(name, usage string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fs.SetOutput(stdout)
		fmt.Fprintf(stdout, "usage: truce %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, printing usage for --help and turning other errors
// into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return fmt.Sprint(*s) }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
