package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"time"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// submitter is where truce submit sends an envelope: a server's API, or a
// data directory opened in this process when no server holds it.
type submitter interface {
	origin(ctx context.Context) (string, error)
	submit(ctx context.Context, env []byte) (truce.Receipt, error)
	// checkpoint waits for a published checkpoint covering index.
	checkpoint(ctx context.Context, index uint64) ([]byte, error)
	inclusionProof(ctx context.Context, index, size uint64) ([][]byte, error)
	uploadEvidence(ctx context.Context, s *truce.Signer, file string) (*client.Evidence, error)
	// recorded fetches the envelope recorded at index and, for a
	// restricted record, its salt, as a member of its audience (s).
	recorded(ctx context.Context, s *truce.Signer, index uint64) (*truce.Envelope, []byte, error)
	close() error
}

// withVisibility sets a record's visibility and audience where the record
// does not.
func withVisibility(input []byte, visibility string, audience []string) ([]byte, error) {
	if visibility == "" && len(audience) == 0 {
		return input, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(input, &fields); err != nil {
		return nil, fmt.Errorf("input is not a JSON object: %v", err)
	}
	if _, ok := fields["payloadType"]; ok {
		return nil, usagef("--visibility and --audience are for records, not prepared envelopes")
	}
	if _, ok := fields["visibility"]; !ok && visibility != "" {
		fields["visibility"], _ = json.Marshal(visibility)
	}
	if _, ok := fields["audience"]; !ok && len(audience) > 0 {
		fields["audience"], _ = json.Marshal(audience)
	}
	return json.Marshal(fields)
}

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
		if signer, err = readSigner(*keyFile); err != nil {
			return err
		}
	}
	if *data != "" {
		if _, err := dataDir(*data).config(); err != nil {
			return err
		}
	}
	if *logKey == "" && *data != "" {
		*logKey = dataDir(*data).key("log.vkey")
	}
	var logVerifier note.Verifier
	if *logKey != "" {
		if logVerifier, err = readLogVerifier(*logKey); err != nil {
			return err
		}
	}

	var sub submitter
	if *server == "" {
		if url, ok := runningServer(dataDir(*data)); ok {
			*server = url
		}
	}
	if *server != "" {
		c, err := newClient(*server)
		if err != nil {
			return err
		}
		sub = httpSubmitter{c}
	} else {
		m, err := openMechanism(ctx, dataDir(*data), tlog.Options{})
		if err != nil {
			return err
		}
		sub = localSubmitter{m}
	}
	defer sub.close()

	var input []byte
	if *evidence != "" {
		if signer == nil {
			return usagef("--evidence needs --key FILE")
		}
		if *visibility == "" {
			*visibility = truce.Mediators // evidence is restricted unless said otherwise
		}
		up, err := sub.uploadEvidence(ctx, signer, *evidence)
		if err != nil {
			return fmt.Errorf("uploading %s: %v", *evidence, err)
		}
		input, _ = json.Marshal(map[string]any{"type": "evidence",
			"body": map[string]any{"sha256": up.SHA256, "media_type": up.MediaType, "size": up.Size, "description": *description}})
	} else if input, err = readInput(fs.Arg(0)); err != nil {
		return err
	}
	input, err = withVisibility(input, *visibility, audience)
	if err != nil {
		return err
	}
	env, err := envelopeFor(input, signer, func() (string, error) { return sub.origin(ctx) })
	if err != nil {
		return err
	}
	rec, err := truce.ParseRecord(env.Payload())
	if err != nil {
		return err
	}
	rc, err := sub.submit(ctx, env.Canonical())
	if err != nil {
		return err
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "index %d\n", rc.Index)
	}

	wctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	cpRaw, err := sub.checkpoint(wctx, rc.Index)
	if err != nil {
		return fmt.Errorf("record %d was accepted, but waiting for its checkpoint failed: %v", rc.Index, err)
	}
	cp, err := checkpointFor(cpRaw, logVerifier)
	if err != nil {
		return err
	}
	hashes, err := sub.inclusionProof(wctx, rc.Index, cp.Size)
	if err != nil {
		return fmt.Errorf("record %d: fetching its inclusion proof: %v", rc.Index, err)
	}
	// The log holds the envelope first recorded: for a repeated payload,
	// one with other signatures than ours; for a restricted record, a salt
	// only the server and the audience know.
	leaf := truce.PublicLeaf(env)
	if rc.Duplicate == truce.DuplicatePayload || rec.Visibility != truce.Public {
		if rec.Visibility != truce.Public && signer == nil {
			return fmt.Errorf("record %d is restricted: give --key to fetch its salt and check its inclusion", rc.Index)
		}
		recEnv, salt, err := sub.recorded(ctx, signer, rc.Index)
		if err != nil {
			return fmt.Errorf("record %d: fetching it: %v", rc.Index, err)
		}
		if !bytes.Equal(recEnv.Payload(), env.Payload()) {
			return fmt.Errorf("the server says log entry %d records this payload, but it records another", rc.Index)
		}
		if rec.Visibility == truce.Public {
			leaf = truce.PublicLeaf(recEnv)
		} else if leaf, err = truce.NewRestrictedLeaf(recEnv, rec, salt); err != nil {
			return err
		}
	}
	leafHash := rfc6962.DefaultHasher.HashLeaf(leaf)
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, rc.Index, cp.Size, leafHash, hashes, cp.Hash); err != nil {
		return fmt.Errorf("record %d: the log's inclusion proof does not verify: %v", rc.Index, err)
	}

	if *asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{
			"index": rc.Index, "duplicate": rc.Duplicate,
			"leaf_hash":  base64.StdEncoding.EncodeToString(leafHash),
			"checkpoint": string(cpRaw), "inclusion_proof": hashes,
			"checkpoint_verified": logVerifier != nil,
		})
	}
	switch rc.Duplicate {
	case truce.DuplicateEnvelope:
		fmt.Fprintln(stdout, "duplicate: this envelope was already in the log at this index")
	case truce.DuplicatePayload:
		fmt.Fprintln(stdout, "duplicate: this payload was already in the log at this index, signed by these signers and maybe more; the proof is of that envelope")
	}
	fmt.Fprintf(stdout, "leaf hash %s\ninclusion proof in tree of size %d (%d hashes, verified):\n", base64.StdEncoding.EncodeToString(leafHash), cp.Size, len(hashes))
	for _, h := range hashes {
		fmt.Fprintf(stdout, "  %s\n", base64.StdEncoding.EncodeToString(h))
	}
	if logVerifier == nil {
		fmt.Fprintln(stdout, "checkpoint (signature not checked: no --log-key):")
	} else {
		fmt.Fprintln(stdout, "checkpoint (signature verified):")
	}
	stdout.Write(cpRaw)
	return nil
}

// checkpointFor opens a checkpoint, checking its signature when the log key
// is known.
func checkpointFor(raw []byte, v note.Verifier) (*tlog.Checkpoint, error) {
	if v != nil {
		return tlog.OpenCheckpoint(raw, v)
	}
	// Without the log key only the note's text can be read; its signature
	// stays unchecked, and the caller says so.
	text, _, ok := bytes.Cut(raw, []byte("\n\n"))
	if !ok {
		return nil, fmt.Errorf("checkpoint is not a signed note")
	}
	cp := &tlog.Checkpoint{Raw: raw}
	if _, err := cp.Unmarshal(append(text, '\n')); err != nil {
		return nil, fmt.Errorf("checkpoint: %v", err)
	}
	return cp, nil
}

func readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(os.Stdin, 4<<20))
	}
	return os.ReadFile(name)
}

// The two places truce submit sends a record to.
var (
	_ submitter = httpSubmitter{}
	_ submitter = localSubmitter{}
)

type httpSubmitter struct{ c *client.Client }

func (s httpSubmitter) origin(ctx context.Context) (string, error) { return s.c.Origin(ctx) }
func (s httpSubmitter) submit(ctx context.Context, env []byte) (truce.Receipt, error) {
	return s.c.Submit(ctx, env)
}
func (s httpSubmitter) checkpoint(ctx context.Context, index uint64) ([]byte, error) {
	return s.c.AwaitCheckpoint(ctx, index)
}
func (s httpSubmitter) inclusionProof(ctx context.Context, index, size uint64) ([][]byte, error) {
	return s.c.InclusionProof(ctx, index, size)
}
func (s httpSubmitter) close() error { return nil }

func (s httpSubmitter) uploadEvidence(ctx context.Context, signer *truce.Signer, file string) (*client.Evidence, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return s.c.As(signer).UploadEvidence(ctx, data)
}

func (s httpSubmitter) recorded(ctx context.Context, signer *truce.Signer, index uint64) (*truce.Envelope, []byte, error) {
	c := s.c
	if signer != nil {
		c = c.As(signer)
	}
	raw, err := c.Get(ctx, index)
	if err != nil {
		return nil, nil, err
	}
	r, err := client.ParseRecord(raw)
	if err != nil {
		return nil, nil, err
	}
	return r.Envelope, r.Salt, nil
}

type localSubmitter struct{ m *mechanism }

func (s localSubmitter) origin(context.Context) (string, error) { return s.m.cfg.Origin, nil }
func (s localSubmitter) submit(ctx context.Context, env []byte) (truce.Receipt, error) {
	return s.m.mech.Submit(ctx, env)
}
func (s localSubmitter) checkpoint(ctx context.Context, index uint64) ([]byte, error) {
	return s.m.log.AwaitCheckpoint(ctx, index)
}
func (s localSubmitter) inclusionProof(ctx context.Context, index, size uint64) ([][]byte, error) {
	return s.m.log.InclusionProof(ctx, index, size)
}
func (s localSubmitter) close() error { return s.m.close() }

func (s localSubmitter) uploadEvidence(ctx context.Context, signer *truce.Signer, file string) (*client.Evidence, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	name, size, head, err := s.m.evidence.PutStream(f, trucehttp.MaxEvidenceSize)
	if err != nil {
		return nil, err
	}
	if err := s.m.evidence.MarkUploaded(name, signer.KeyID()); err != nil {
		return nil, err
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(head))
	return &client.Evidence{SHA256: name, Size: size, MediaType: mt}, nil
}

func (s localSubmitter) recorded(ctx context.Context, signer *truce.Signer, index uint64) (*truce.Envelope, []byte, error) {
	data, err := s.m.log.Leaf(ctx, index)
	if err != nil {
		return nil, nil, err
	}
	leaf, err := truce.ParseLeaf(data)
	if err != nil {
		return nil, nil, err
	}
	if leaf.Envelope != nil {
		return leaf.Envelope, nil, nil
	}
	body, ok, err := s.m.mech.ReadRestricted(signer.KeyID(), leaf.Restricted)
	if !ok {
		return nil, nil, fmt.Errorf("your key may not read log entry %d", index)
	}
	if err != nil {
		return nil, nil, err
	}
	return body.Envelope, body.Salt, nil
}
