package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/ingest"
	"github.com/truce-dev/truce/internal/datadir"
)

// newMemberClient is a server's API used with a member's key: every
// request signed by it.
func newMemberClient(ctx context.Context, server, data, keyFile string) (*client.Client, error) {
	if (server == "") == (data == "") {
		return nil, usagef("give exactly one of --server URL and --data DIR")
	}
	if keyFile == "" {
		return nil, usagef("--key FILE is required: drafts are queued and accepted by members only")
	}
	c, err := serverClient(server, data)
	if err != nil {
		return nil, err
	}
	signer, err := datadir.ReadSigner(keyFile)
	if err != nil {
		return nil, err
	}
	if _, err := c.Origin(ctx); err != nil {
		return nil, err
	}
	return c.As(signer), nil
}

// queueImports queues each document for review: uploaded for the server
// to draft, or, with --data and no server running, drafted here and
// queued in DIR/drafts. Every file is reported; any failure fails the run.
func queueImports(ctx context.Context, server, data, keyFile string, args []string, stdout io.Writer) error {
	local := false
	if data != "" && server == "" {
		_, running := datadir.RunningServer(datadir.Dir(data))
		local = !running
	}
	if !local {
		c, err := newMemberClient(ctx, server, data, keyFile)
		if err != nil {
			return err
		}
		return client.QueueFiles(ctx, c, args, stdout)
	}
	dir := datadir.Dir(data)
	if _, err := dir.Config(); err != nil {
		return err
	}
	drafts, err := files.Open(dir.Path("drafts"))
	if err != nil {
		return err
	}
	q := localQueue{drafts: drafts}
	if keyFile != "" {
		s, err := datadir.ReadSigner(keyFile)
		if err != nil {
			return err
		}
		q.importedBy = s.KeyID()
	}
	return client.QueueFiles(ctx, q, args, stdout)
}

// localQueue drafts documents here and queues them in a data directory's
// drafts, as imported by the member whose key id is importedBy ("" when
// unknown), as the server keeps it.
type localQueue struct {
	drafts     *files.Dir
	importedBy string
}

var _ client.Queue = localQueue{}

func (q localQueue) Queue(_ context.Context, name string) (string, int, error) {
	d, err := ingest.ImportFile(name)
	if err != nil {
		return "", 0, err
	}
	return d.Source.SHA256, len(d.Claims), trucehttp.QueueDraft(q.drafts, d, q.importedBy)
}

func runReview(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("review", "--server URL|--data DIR --key FILE [--accept ID [--claim N]... [--visibility V] [--public-text]] [--reject ID]", stdout)
	server := fs.String("server", "", "the mechanism's server URL")
	data := fs.String("data", "", "the data directory of a running server")
	keyFile := fs.String("key", "", "the member key that signs what is accepted")
	accept := fs.String("accept", "", "accept the draft with this id: sign and submit its source and claims, then take it off the queue")
	reject := fs.String("reject", "", "take the draft with this id off the queue without submitting anything")
	visibility := fs.String("visibility", truce.Public, "the visibility of the records accepted")
	publicText := fs.Bool("public-text", false, "with --accept: say in the source that its text may be shown to anyone (a public source's text is kept for members only otherwise)")
	var claims stringList
	fs.Var(&claims, "claim", "with --accept: the number of a claim to accept (repeatable; default: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*accept != "" && *reject != "") {
		return usagef("give at most one of --accept and --reject, and no arguments")
	}
	c, err := newMemberClient(ctx, *server, *data, *keyFile)
	if err != nil {
		return err
	}
	queue, err := c.Drafts(ctx)
	if err != nil {
		return err
	}
	if *reject != "" {
		if err := c.DeleteDraft(ctx, *reject, 0); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "draft %s rejected\n", *reject)
		return nil
	}
	if *accept == "" {
		for _, it := range queue {
			s := it.Draft.Source
			fmt.Fprintf(stdout, "%s  %s  (%s, %s)\n", it.ID, it.Draft.File, ingest.OrUnknown(s.Outlet), ingest.OrUnknown(s.Published))
			for i, c := range it.Draft.Claims {
				fmt.Fprintf(stdout, "  %d. %s: %s\n", i+1, c.Speaker, c.Text)
			}
		}
		fmt.Fprintf(stdout, "%d drafts waiting for review\n", len(queue))
		return nil
	}
	for _, it := range queue {
		if it.ID != *accept {
			continue
		}
		a := client.Acceptance{Claims: map[int]bool{}, Visibility: *visibility, PublicText: *publicText}
		for _, c := range claims {
			n, err := strconv.Atoi(c)
			if err != nil || n < 1 || n > len(it.Draft.Claims) {
				return usagef("--claim %q: the draft has claims 1 to %d", c, len(it.Draft.Claims))
			}
			a.Claims[n] = true
		}
		done, err := c.Accept(ctx, it, a)
		if done.Source != 0 {
			fmt.Fprintf(stdout, "source: index %d\n", done.Source)
			if len(it.AcceptedDuplicates) > 0 {
				d := it.AcceptedDuplicates[0]
				fmt.Fprintf(stdout, "same statement as source %d (%s, %s)\n", d.Source, d.File, strings.ReplaceAll(d.Kind, "_", " "))
			}
		}
		for _, cl := range done.Claims {
			fmt.Fprintf(stdout, "claim %d: index %d\n", cl.Number, cl.Index)
		}
		return err
	}
	return fmt.Errorf("no draft %s in the queue", *accept)
}
