package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
)

// memberClient is a server's API used with a member's key: every request
// signed by it.
type memberClient struct {
	c      *client.Client
	signer *truce.Signer
	origin string
}

func newMemberClient(ctx context.Context, server, data, keyFile string) (*memberClient, error) {
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
	signer, err := readSigner(keyFile)
	if err != nil {
		return nil, err
	}
	origin, err := c.Origin(ctx)
	if err != nil {
		return nil, err
	}
	return &memberClient{c: c.As(signer), signer: signer, origin: origin}, nil
}

// queueImports queues each document for review: uploaded for the server
// to draft, or, with --data and no server running, drafted here and
// queued in DIR/drafts. Every file is reported; any failure fails the run.
func queueImports(ctx context.Context, server, data, keyFile string, args []string, stdout io.Writer) error {
	var queue func(name string) (id string, claims int, err error)
	local := false
	if data != "" && server == "" {
		_, running := runningServer(dataDir(data))
		local = !running
	}
	if local {
		dir := dataDir(data)
		if _, err := dir.config(); err != nil {
			return err
		}
		local, err := files.Open(dir.path("drafts"))
		if err != nil {
			return err
		}
		importedBy := "" // the key id of the member who queued it, as the server keeps it
		if keyFile != "" {
			s, err := readSigner(keyFile)
			if err != nil {
				return err
			}
			importedBy = s.KeyID()
		}
		queue = func(name string) (string, int, error) {
			d, err := importOne(name)
			if err != nil {
				return "", 0, err
			}
			return d.Source.SHA256, len(d.Claims), trucehttp.QueueDraft(local, d, importedBy)
		}
	} else {
		m, err := newMemberClient(ctx, server, data, keyFile)
		if err != nil {
			return err
		}
		queue = func(name string) (string, int, error) {
			doc, meta, err := readDocument(name)
			if err != nil {
				return "", 0, err
			}
			d, err := m.c.Import(ctx, name, doc, meta)
			if err != nil {
				return "", 0, err
			}
			return d.ID, len(d.Draft.Claims), nil
		}
	}
	names, listErrs := importFiles(args)
	failed := len(listErrs)
	for _, d := range listErrs {
		fmt.Fprintf(stdout, "%s: error: %s\n", d.File, strings.Join(d.Errors, "; "))
	}
	for _, name := range names {
		id, claims, err := queue(name)
		if err != nil {
			failed++
			fmt.Fprintf(stdout, "%s: error: %v\n", name, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: queued as %s, %d draft claims\n", name, id, claims)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(names)+len(listErrs))
	}
	return nil
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
	m, err := newMemberClient(ctx, *server, *data, *keyFile)
	if err != nil {
		return err
	}
	queue, err := m.c.Drafts(ctx)
	if err != nil {
		return err
	}
	if *reject != "" {
		if err := m.c.DeleteDraft(ctx, *reject, 0); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "draft %s rejected\n", *reject)
		return nil
	}
	if *accept == "" {
		for _, it := range queue {
			s := it.Draft.Source
			fmt.Fprintf(stdout, "%s  %s  (%s, %s)\n", it.ID, it.Draft.File, orUnknown(s.Outlet), orUnknown(s.Published))
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
		chosen := map[int]bool{}
		for _, c := range claims {
			n, err := strconv.Atoi(c)
			if err != nil || n < 1 || n > len(it.Draft.Claims) {
				return usagef("--claim %q: the draft has claims 1 to %d", c, len(it.Draft.Claims))
			}
			chosen[n] = true
		}
		submit := func(typ string, body any) (uint64, error) {
			rec, _ := json.Marshal(map[string]any{"type": typ, "body": body, "visibility": *visibility})
			env, err := envelopeFor(rec, m.signer, func() (string, error) { return m.origin, nil })
			if err != nil {
				return 0, err
			}
			rc, err := m.c.Submit(ctx, env.Canonical())
			return rc.Index, err
		}
		// The source names the text kept of it, and the source of the
		// most similar duplicate already accepted: the same statement.
		body := map[string]any{}
		raw, _ := json.Marshal(it.Draft.Source)
		json.Unmarshal(raw, &body)
		sum := sha256.Sum256([]byte(it.Draft.Text()))
		body["text_sha256"] = hex.EncodeToString(sum[:])
		if *publicText {
			body["text_public"] = true
		}
		if len(it.AcceptedDuplicates) > 0 {
			body["same_statement"] = it.AcceptedDuplicates[0].Source
		}
		src, err := submit("source", body)
		if err != nil {
			return fmt.Errorf("source of %s: %v", it.ID, err)
		}
		fmt.Fprintf(stdout, "source: index %d\n", src)
		if len(it.AcceptedDuplicates) > 0 {
			d := it.AcceptedDuplicates[0]
			fmt.Fprintf(stdout, "same statement as source %d (%s, %s)\n", d.Source, d.File, strings.ReplaceAll(d.Kind, "_", " "))
		}
		for i, c := range it.Draft.Claims {
			if len(chosen) > 0 && !chosen[i+1] {
				continue
			}
			body := c.Body()
			body["source"] = src
			idx, err := submit("claim", body)
			if err != nil {
				return fmt.Errorf("claim %d of %s: %v", i+1, it.ID, err)
			}
			fmt.Fprintf(stdout, "claim %d: index %d\n", i+1, idx)
		}
		// The source just signed shows the server this member accepted it.
		return m.c.DeleteDraft(ctx, it.ID, src)
	}
	return fmt.Errorf("no draft %s in the queue", *accept)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
