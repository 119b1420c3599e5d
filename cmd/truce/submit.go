package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

func runSubmit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("submit", "--data DIR|--server URL --key FILE [--json] RECORD.json|-", stdout)
	data := fs.String("data", "", "the mechanism's data directory (its running server is used if there is one)")
	server := fs.String("server", "", "the mechanism's server URL")
	keyFile := fs.String("key", "", "the member's private key file that signs the record")
	logKey := fs.String("log-key", "", "the log's public key, to check the checkpoint's signature (default with --data: DIR/keys/log.vkey)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	evidence := fs.String("evidence", "", "upload FILE as evidence and submit the evidence record describing it (instead of RECORD.json)")
	description := fs.String("description", "", "with --evidence: what the file shows")
	visibility := fs.String("visibility", "", "the record's visibility when it does not say (with --evidence: mediators)")
	var audience stringList
	fs.Var(&audience, "audience", "a party id of the audience, for visibility addressed (repeatable)")
	timeout := fs.Duration("timeout", 30*time.Second, "how long to wait for the record to be integrated")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*data == "") == (*server == "") {
		return usagef("give exactly one of --data DIR and --server URL")
	}
	if (fs.NArg() != 1) == (*evidence == "") {
		return usagef("give one RECORD.json, or - for standard input, or --evidence FILE")
	}
	if *evidence != "" && *description == "" {
		return usagef("--evidence needs --description")
	}
	var signer *truce.Signer
	var err error
	if *keyFile != "" {
		if signer, err = datadir.ReadSigner(*keyFile); err != nil {
			return err
		}
	}
	dir := datadir.Dir(*data)
	if *data != "" {
		if _, err := dir.Config(); err != nil {
			return err
		}
	}
	if *logKey == "" && *data != "" {
		*logKey = dir.Key("log.vkey")
	}
	var logVerifier note.Verifier
	if *logKey != "" {
		if logVerifier, err = datadir.ReadLogVerifier(*logKey); err != nil {
			return err
		}
	}

	var sub client.Submitter
	if *server == "" {
		if url, ok := datadir.RunningServer(dir); ok {
			*server = url
		}
	}
	if *server != "" {
		if sub, err = newClient(*server); err != nil {
			return err
		}
	} else {
		m, err := datadir.Open(ctx, dir, tlog.Options{})
		if err != nil {
			return err
		}
		defer m.Close()
		sub = client.NewLocal(m.Config.Origin, m.Mech, m.Log, m.Evidence, trucehttp.MaxEvidenceSize)
	}

	var input []byte
	if *evidence != "" {
		if signer == nil {
			return usagef("--evidence needs --key FILE")
		}
		if *visibility == "" {
			*visibility = truce.Mediators // evidence is restricted unless said otherwise
		}
		up, err := sub.KeepEvidence(ctx, signer, *evidence)
		if err != nil {
			return fmt.Errorf("uploading %s: %v", *evidence, err)
		}
		input, _ = json.Marshal(map[string]any{"type": "evidence",
			"body": map[string]any{"sha256": up.SHA256, "media_type": up.MediaType, "size": up.Size, "description": *description}})
	} else if input, err = readInput(fs.Arg(0)); err != nil {
		return err
	}
	input, err = client.WithVisibility(input, *visibility, audience)
	if errors.Is(err, client.ErrPrepared) {
		return usagef("--visibility and --audience are for records, not prepared envelopes")
	} else if err != nil {
		return err
	}
	env, err := envelopeFor(input, signer, func() (string, error) { return sub.Origin(ctx) })
	if err != nil {
		return err
	}
	var rc truce.Receipt
	p, err := client.SubmitAndProve(ctx, sub, env, signer, logVerifier, *timeout, func(r truce.Receipt) {
		if rc = r; !*asJSON {
			fmt.Fprintf(stdout, "index %d\n", rc.Index)
		}
	})
	if errors.Is(err, client.ErrNoReader) && signer == nil {
		return fmt.Errorf("record %d is restricted: give --key to fetch its salt and check its inclusion", rc.Index)
	} else if err != nil {
		return err
	}

	leafHash := base64.StdEncoding.EncodeToString(p.LeafHash)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{
			"index": rc.Index, "duplicate": rc.Duplicate, "leaf_hash": leafHash,
			"checkpoint": string(p.Checkpoint.Raw), "inclusion_proof": p.Hashes,
			"checkpoint_verified": logVerifier != nil,
		})
	}
	switch rc.Duplicate {
	case truce.DuplicateEnvelope:
		fmt.Fprintln(stdout, "duplicate: this envelope was already in the log at this index")
	case truce.DuplicatePayload:
		fmt.Fprintln(stdout, "duplicate: this payload was already in the log at this index, signed by these signers and maybe more; the proof is of that envelope")
	}
	fmt.Fprintf(stdout, "leaf hash %s\ninclusion proof in tree of size %d (%d hashes, verified):\n", leafHash, p.Checkpoint.Size, len(p.Hashes))
	for _, h := range p.Hashes {
		fmt.Fprintf(stdout, "  %s\n", base64.StdEncoding.EncodeToString(h))
	}
	if logVerifier == nil {
		fmt.Fprintln(stdout, "checkpoint (signature not checked: no --log-key):")
	} else {
		fmt.Fprintln(stdout, "checkpoint (signature verified):")
	}
	stdout.Write(p.Checkpoint.Raw)
	return nil
}

// envelopeFor is client.EnvelopeFor, a record without --key a usage error.
func envelopeFor(input []byte, signer *truce.Signer, origin func() (string, error)) (*truce.Envelope, error) {
	env, err := client.EnvelopeFor(input, signer, origin)
	if errors.Is(err, client.ErrNoSigner) {
		return nil, usagef("--key FILE is required to sign a record")
	}
	return env, err
}

func readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(os.Stdin, 4<<20))
	}
	return os.ReadFile(name)
}
