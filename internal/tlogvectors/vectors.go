// Package tlogvectors generates the verifier test vectors under
// testdata/tlog (docs/FORMAT.md §11): a small tlog-tiles log, checkpoints,
// cosignatures, tiles, proofs and records that a verifier of a truce log
// must accept (good_*) or refuse (fail_*, with the reason in NAME.err).
//
// Everything is derived from fixed seeds, and Ed25519 is deterministic,
// so Generate returns the same bytes on every run: the committed vectors
// are checked against it, and -update rewrites them.
package tlogvectors

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/tessera/api"
	"github.com/transparency-dev/tessera/api/layout"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"
)

// Origin is the vectors' log origin, the test mechanism's.
const Origin = "truce.test/pakistan-afghanistan"

// Size is the size of the vectors' log: past one full tile, so that
// proofs cross tiles, use a level-1 tile and end in partial tiles.
const Size = 300

// OldSize is the size of the earlier checkpoint the log extends.
const OldSize = 260

// CosignTime is the time every cosignature carries (2025-12-01T00:00:00Z).
const CosignTime = 1764547200

// Reasons are the failure reasons a verifier names, one per fail_* vector
// (its .err file).
var Reasons = []string{"malformed", "origin", "signature", "rollback", "fork", "cosignature", "quorum", "tile", "inclusion", "consistency", "dsse", "record"}

// Vector is one test vector, NAME.json. Kind says which check it is for;
// the fields that check needs are set.
type Vector struct {
	Kind string `json:"kind"` // checkpoint, cosignature, entry, inclusion, consistency, record
	What string `json:"what"`

	LogKey     string `json:"log_key,omitempty"`    // the log's vkey: its name is the origin
	Checkpoint string `json:"checkpoint,omitempty"` // the checkpoint served at /checkpoint, as signed
	Previous   string `json:"previous,omitempty"`   // a checkpoint seen before, trusted

	WitnessKeys  []string `json:"witness_keys,omitempty"` // trusted witnesses' cosignature/v1 vkeys
	MinWitnesses int      `json:"min_witnesses,omitempty"`

	Tiles   string  `json:"tiles,omitempty"`   // the log's tlog-tiles folder, relative to testdata/tlog
	Overlay string  `json:"overlay,omitempty"` // a folder whose files are served instead of Tiles'
	Index   *uint64 `json:"index,omitempty"`

	Size     uint64   `json:"size,omitempty"`
	OldSize  uint64   `json:"old_size,omitempty"`
	LeafHash string   `json:"leaf_hash,omitempty"`
	Root     string   `json:"root,omitempty"`
	OldRoot  string   `json:"old_root,omitempty"`
	Proof    []string `json:"proof,omitempty"`

	Entry      string          `json:"entry,omitempty"`    // a restricted record's log entry (its leaf)
	Envelope   json.RawMessage `json:"envelope,omitempty"` // a record's canonical envelope
	Salt       string          `json:"salt,omitempty"`     // a restricted record's salt, hex
	MemberKeys []string        `json:"member_keys,omitempty"`

	Want *Want `json:"want,omitempty"` // what a good vector yields
}

// Want is what a verifier finds in a good vector.
type Want struct {
	Size      uint64   `json:"size,omitempty"`
	Root      string   `json:"root,omitempty"`
	Cosigners []string `json:"cosigners,omitempty"`
	LeafHash  string   `json:"leaf_hash,omitempty"`
	Signers   []string `json:"signers,omitempty"`
}

// key is an Ed25519 key in signed-note form.
type key struct {
	name       string
	alg        byte // 0x01 Ed25519 note key, 0x04 cosignature/v1
	priv       ed25519.PrivateKey
	vkey, skey string
	hash       uint32
}

// newKey derives a key from a fixed seed: the SHA-256 of a label.
func newKey(name, label string, alg byte) *key {
	seed := sha256.Sum256([]byte("truce tlog test vectors: " + label))
	priv := ed25519.NewKeyFromSeed(seed[:])
	pub := append([]byte{alg}, priv.Public().(ed25519.PublicKey)...)
	h := sha256.Sum256(append([]byte(name+"\n"), pub...))
	k := &key{name: name, alg: alg, priv: priv, hash: binary.BigEndian.Uint32(h[:4])}
	k.vkey = fmt.Sprintf("%s+%08x+%s", name, k.hash, base64.StdEncoding.EncodeToString(pub))
	k.skey = fmt.Sprintf("PRIVATE+KEY+%s+%08x+%s", name, k.hash, base64.StdEncoding.EncodeToString(append([]byte{alg}, seed[:]...)))
	return k
}

// sigLine is a signed-note signature line by k over sig.
func (k *key) sigLine(sig []byte) string {
	var h [4]byte
	binary.BigEndian.PutUint32(h[:], k.hash)
	return "— " + k.name + " " + base64.StdEncoding.EncodeToString(append(h[:], sig...)) + "\n"
}

// sign signs a note body with the log key, through x/mod's note package.
func (k *key) sign(body string) string {
	s, err := note.NewSigner(k.skey)
	if err != nil {
		panic(err)
	}
	msg, err := note.Sign(&note.Note{Text: body}, s)
	if err != nil {
		panic(err)
	}
	return string(msg)
}

// cosign returns k's C2SP tlog-cosignature/v1 signature line for a
// checkpoint body with timestamp t, written here because formats' signer
// stamps the current time and the vectors need a fixed one; the Go
// verifier (formats' cosignature verifier) checks this encoding.
func (k *key) cosign(body string, t uint64) string {
	return k.cosignMsg(fmt.Sprintf("cosignature/v1\ntime %d\n%s", t, body), t, 8)
}

// cosignMsg signs msg and writes the timestamp t in tsLen bytes.
func (k *key) cosignMsg(msg string, t uint64, tsLen int) string {
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], t)
	return k.sigLine(append(ts[8-tsLen:], ed25519.Sign(k.priv, []byte(msg))...))
}

// tree is a log: its entries and the hashes of every level.
type tree struct {
	entries [][]byte
	levels  [][][]byte // levels[h][i]: the root of the complete subtree of 2^h leaves at i
}

func newTree(entries [][]byte) *tree {
	t := &tree{entries: entries}
	var level [][]byte
	for _, e := range entries {
		level = append(level, rfc6962.DefaultHasher.HashLeaf(e))
	}
	for len(level) > 0 {
		t.levels = append(t.levels, level)
		var next [][]byte
		for i := 0; i+1 < len(level); i += 2 {
			next = append(next, rfc6962.DefaultHasher.HashChildren(level[i], level[i+1]))
		}
		level = next
	}
	return t
}

// root is the RFC 6962 root of the tree's first n entries.
func (t *tree) root(n uint64) []byte {
	r := (&compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}).NewEmptyRange(0)
	for _, h := range t.levels[0][:n] {
		if err := r.Append(h, nil); err != nil {
			panic(err)
		}
	}
	root, err := r.GetRootHash(nil)
	if err != nil {
		panic(err)
	}
	return root
}

// files are the tree's tlog-tiles resources (without the checkpoint),
// by path.
func (t *tree) files() map[string][]byte {
	out := map[string][]byte{}
	size := uint64(len(t.entries))
	for b := uint64(0); b*layout.EntryBundleWidth < size; b++ {
		var buf bytes.Buffer
		for _, e := range t.entries[b*layout.EntryBundleWidth : min(size, (b+1)*layout.EntryBundleWidth)] {
			binary.Write(&buf, binary.BigEndian, uint16(len(e)))
			buf.Write(e)
		}
		out[layout.EntriesPath(b, layout.PartialTileSize(0, b, size))] = buf.Bytes()
	}
	for tl := 0; 8*tl < len(t.levels); tl++ {
		level := t.levels[8*tl]
		for n := uint64(0); n*layout.TileWidth < uint64(len(level)); n++ {
			nodes := level[n*layout.TileWidth : min(uint64(len(level)), (n+1)*layout.TileWidth)]
			raw, err := api.HashTile{Nodes: nodes}.MarshalText()
			if err != nil {
				panic(err)
			}
			out[layout.TilePath(uint64(tl), n, uint8(len(nodes)%layout.TileWidth))] = raw
		}
	}
	return out
}

// readTile serves the tree's hash tiles to Tessera's proof builder, which
// builds the proofs of the proof vectors: so the tiles are checked too.
func (t *tree) readTile(files map[string][]byte) client.TileFetcherFunc {
	return func(_ context.Context, level, index uint64, p uint8) ([]byte, error) {
		raw, ok := files[layout.TilePath(level, index, p)]
		if !ok {
			return nil, fmt.Errorf("no tile %s", layout.TilePath(level, index, p))
		}
		return raw, nil
	}
}

func checkpointBody(origin string, size uint64, root []byte) string {
	return string(log.Checkpoint{Origin: origin, Size: size, Hash: root}.Marshal())
}

func hexes(hs [][]byte) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = hex.EncodeToString(h)
	}
	return out
}

func index(i uint64) *uint64 { return &i }

// flip returns a copy of b with the byte at i inverted.
func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0xff
	return c
}

// flipSig flips a byte of the signature (not the key hash) of the
// signature line that starts with "— name ".
func flipSig(signed, name string) string {
	lines := strings.SplitAfter(signed, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "— "+name+" "); ok {
			raw, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(rest, "\n"))
			if err != nil {
				panic(err)
			}
			lines[i] = "— " + name + " " + base64.StdEncoding.EncodeToString(flip(raw, 20)) + "\n"
		}
	}
	return strings.Join(lines, "")
}

// logEntries are the vectors' log: four truce leaves of testdata, then
// small filler entries (a verifier of inclusion never reads an entry's
// contents).
func logEntries(testdata string) ([][]byte, error) {
	var entries [][]byte
	for _, n := range []string{"good_member", "good_claim", "good_multisig", "good_restricted_request"} {
		b, err := os.ReadFile(filepath.Join(testdata, n+".leaf.json"))
		if err != nil {
			return nil, err
		}
		entries = append(entries, b)
	}
	for i := len(entries); i < Size; i++ {
		entries = append(entries, fmt.Appendf(nil, `{"filler":%d}`, i))
	}
	return entries, nil
}

// Generate returns every file of testdata/tlog, by path relative to it,
// reading the truce leaves of testdata (the directory given) that open
// the vectors' log.
func Generate(testdata string) (map[string][]byte, error) {
	out := map[string][]byte{}
	logKey := newKey(Origin, "log", 0x01)
	otherLog := newKey("truce.test/another-log", "another log", 0x01)
	sameName := newKey(Origin, "an impostor log key with the log's name", 0x01)
	w1 := newKey("w1.witness.test", "witness 1", 0x04)
	w2 := newKey("w2.witness.test", "witness 2", 0x04)
	w3 := newKey("w3.witness.test", "witness 3, whom no verifier trusts", 0x04)
	out["keys/log.vkey"] = []byte(logKey.vkey + "\n")
	for _, w := range []*key{w1, w2, w3} {
		out["keys/"+strings.SplitN(w.name, ".", 2)[0]+".vkey"] = []byte(w.vkey + "\n")
	}

	entries, err := logEntries(testdata)
	if err != nil {
		return nil, err
	}
	tr := newTree(entries)
	files := tr.files()
	for p, b := range files {
		out["log/"+p] = b
	}
	root, oldRoot := tr.root(Size), tr.root(OldSize)
	body := checkpointBody(Origin, Size, root)
	cp := logKey.sign(body)
	oldCP := logKey.sign(checkpointBody(Origin, OldSize, oldRoot))
	out["log/checkpoint"] = []byte(cp)

	// Another history: entry 5 differs.
	forkEntries := append([][]byte(nil), entries...)
	forkEntries[5] = []byte(`{"filler":"rewritten"}`)
	forkTree := newTree(forkEntries)
	forkSame := logKey.sign(checkpointBody(Origin, Size, forkTree.root(Size)))
	forkOld := logKey.sign(checkpointBody(Origin, OldSize, forkTree.root(OldSize)))

	vecs := map[string]*Vector{}
	errs := map[string]string{}
	fail := func(name, reason string, v *Vector) {
		vecs["fail_"+name] = v
		errs["fail_"+name] = reason
	}
	rootHex := hex.EncodeToString(root)

	// Checkpoints.
	vecs["good_checkpoint"] = &Vector{Kind: "checkpoint", What: "the log's checkpoint, signed by the log key", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log",
		Want: &Want{Size: Size, Root: rootHex}}
	vecs["good_checkpoint_extends"] = &Vector{Kind: "checkpoint", What: "a checkpoint that extends the one seen before (size 260 to 300, proved from the tiles)", LogKey: logKey.vkey, Checkpoint: cp, Previous: oldCP, Tiles: "log",
		Want: &Want{Size: Size, Root: rootHex}}
	vecs["good_checkpoint_same"] = &Vector{Kind: "checkpoint", What: "the same checkpoint as the one seen before", LogKey: logKey.vkey, Checkpoint: cp, Previous: cp, Tiles: "log",
		Want: &Want{Size: Size, Root: rootHex}}
	fail("checkpoint_origin", "origin", &Vector{Kind: "checkpoint", What: "a checkpoint of another log (another origin, signed by that log's key)", LogKey: logKey.vkey,
		Checkpoint: otherLog.sign(checkpointBody(otherLog.name, Size, root)), Tiles: "log"})
	fail("checkpoint_signature", "signature", &Vector{Kind: "checkpoint", What: "the log's checkpoint with one byte of its signature changed", LogKey: logKey.vkey,
		Checkpoint: flipSig(cp, Origin), Tiles: "log"})
	fail("checkpoint_size_changed", "signature", &Vector{Kind: "checkpoint", What: "the log's checkpoint with its size changed after signing", LogKey: logKey.vkey,
		Checkpoint: strings.Replace(cp, "\n300\n", "\n301\n", 1), Tiles: "log"})
	fail("checkpoint_other_key", "signature", &Vector{Kind: "checkpoint", What: "a checkpoint with the log's origin signed by another key of the same name", LogKey: logKey.vkey,
		Checkpoint: sameName.sign(body), Tiles: "log"})
	fail("checkpoint_malformed", "malformed", &Vector{Kind: "checkpoint", What: "a checkpoint with no signature block", LogKey: logKey.vkey,
		Checkpoint: body, Tiles: "log"})
	fail("checkpoint_rollback", "rollback", &Vector{Kind: "checkpoint", What: "a checkpoint of size 260 after one of size 300 was seen (both signed by the log key)", LogKey: logKey.vkey,
		Checkpoint: oldCP, Previous: cp, Tiles: "log"})
	fail("checkpoint_fork", "fork", &Vector{Kind: "checkpoint", What: "a checkpoint of size 300 with another root than the one of size 300 seen before (both signed)", LogKey: logKey.vkey,
		Checkpoint: forkSame, Previous: cp, Tiles: "log"})
	fail("checkpoint_inconsistent", "fork", &Vector{Kind: "checkpoint", What: "a checkpoint of size 300 whose tiles do not extend the one of size 260 seen before, from another history", LogKey: logKey.vkey,
		Checkpoint: cp, Previous: forkOld, Tiles: "log"})

	// Cosignatures.
	cosigned := cp + w1.cosign(body, CosignTime) + w2.cosign(body, CosignTime)
	ws := []string{w1.vkey, w2.vkey}
	vecs["good_cosignature"] = &Vector{Kind: "cosignature", What: "the checkpoint cosigned by both trusted witnesses (tlog-cosignature/v1)", LogKey: logKey.vkey, Checkpoint: cosigned,
		WitnessKeys: ws, MinWitnesses: 2, Want: &Want{Size: Size, Root: rootHex, Cosigners: []string{w1.name, w2.name}}}
	vecs["good_cosignature_quorum"] = &Vector{Kind: "cosignature", What: "cosigned by one of two trusted witnesses and by one unknown, one required", LogKey: logKey.vkey,
		Checkpoint: cp + w3.cosign(body, CosignTime) + w2.cosign(body, CosignTime), WitnessKeys: ws, MinWitnesses: 1,
		Want: &Want{Size: Size, Root: rootHex, Cosigners: []string{w2.name}}}
	fail("cosignature_bad", "cosignature", &Vector{Kind: "cosignature", What: "witness w1's cosignature with one byte changed", LogKey: logKey.vkey,
		Checkpoint: flipSig(cosigned, w1.name), WitnessKeys: ws, MinWitnesses: 1})
	fail("cosignature_unknown_witness", "quorum", &Vector{Kind: "cosignature", What: "cosigned only by w3, a witness the verifier does not trust", LogKey: logKey.vkey,
		Checkpoint: cp + w3.cosign(body, CosignTime), WitnessKeys: ws, MinWitnesses: 1})
	fail("cosignature_quorum", "quorum", &Vector{Kind: "cosignature", What: "cosigned by w1 only, both trusted witnesses required", LogKey: logKey.vkey,
		Checkpoint: cp + w1.cosign(body, CosignTime), WitnessKeys: ws, MinWitnesses: 2})
	fail("cosignature_timestamp_text", "cosignature", &Vector{Kind: "cosignature", What: "w1 signed its time as RFC 3339 text, not decimal seconds", LogKey: logKey.vkey,
		Checkpoint: cp + w1.cosignMsg("cosignature/v1\ntime "+time.Unix(CosignTime, 0).UTC().Format(time.RFC3339)+"\n"+body, CosignTime, 8), WitnessKeys: ws, MinWitnesses: 1})
	fail("cosignature_timestamp_short", "cosignature", &Vector{Kind: "cosignature", What: "w1's timestamp in 4 bytes, not 8", LogKey: logKey.vkey,
		Checkpoint: cp + w1.cosignMsg(fmt.Sprintf("cosignature/v1\ntime %d\n%s", CosignTime, body), CosignTime, 4), WitnessKeys: ws, MinWitnesses: 1})
	fail("cosignature_other_checkpoint", "cosignature", &Vector{Kind: "cosignature", What: "w1's cosignature of the checkpoint of size 260 attached to the one of size 300", LogKey: logKey.vkey,
		Checkpoint: cp + w1.cosign(checkpointBody(Origin, OldSize, oldRoot), CosignTime), WitnessKeys: ws, MinWitnesses: 1})

	// Entries proved from tiles.
	for _, i := range []uint64{1, 299} {
		vecs[fmt.Sprintf("good_entry_%d", i)] = &Vector{Kind: "entry", What: fmt.Sprintf("entry %d proved from the tiles", i), LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(i),
			Want: &Want{LeafHash: hex.EncodeToString(tr.levels[0][i])}}
	}
	overlay := func(name string, files map[string][]byte) string {
		for p, b := range files {
			out[name+".tiles/"+p] = b
		}
		return name + ".tiles"
	}
	tile0 := files[layout.TilePath(0, 0, 0)]
	bundle0 := files[layout.EntriesPath(0, 0)]
	fail("tile_hash_flip", "inclusion", &Vector{Kind: "entry", What: "hash 0 of tile/0/000 (entry 1's sibling) with one byte changed", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(1),
		Overlay: overlay("fail_tile_hash_flip", map[string][]byte{layout.TilePath(0, 0, 0): flip(tile0, 7)})})
	fail("tile_level1_flip", "inclusion", &Vector{Kind: "entry", What: "the level-1 tile's only hash with one byte changed", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(299),
		Overlay: overlay("fail_tile_level1_flip", map[string][]byte{layout.TilePath(1, 0, 1): flip(files[layout.TilePath(1, 0, 1)], 0)})})
	// Entry 1 starts after entry 0 and its length: offset 2+len(e0)+2.
	fail("tile_entry_flip", "inclusion", &Vector{Kind: "entry", What: "one byte of entry 1 changed in entry bundle 000", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(1),
		Overlay: overlay("fail_tile_entry_flip", map[string][]byte{layout.EntriesPath(0, 0): flip(bundle0, 2+len(entries[0])+2+40)})})
	fail("tile_short", "tile", &Vector{Kind: "entry", What: "tile/0/000 cut short in its last hash", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(1),
		Overlay: overlay("fail_tile_short", map[string][]byte{layout.TilePath(0, 0, 0): tile0[:len(tile0)-5]})})
	fail("tile_short_bundle", "tile", &Vector{Kind: "entry", What: "entry bundle 000 cut short inside entry 1", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(1),
		Overlay: overlay("fail_tile_short_bundle", map[string][]byte{layout.EntriesPath(0, 0): bundle0[:2+len(entries[0])+2+40]})})
	fail("tile_entry_beyond", "inclusion", &Vector{Kind: "entry", What: "entry 300, beyond the checkpoint's tree", LogKey: logKey.vkey, Checkpoint: cp, Tiles: "log", Index: index(Size)})

	// Proofs given, not built.
	ctx := context.Background()
	pb, err := client.NewProofBuilder(ctx, Size, tr.readTile(files))
	if err != nil {
		return nil, err
	}
	incl, err := pb.InclusionProof(ctx, 257)
	if err != nil {
		return nil, err
	}
	cons, err := pb.ConsistencyProof(ctx, OldSize, Size)
	if err != nil {
		return nil, err
	}
	leaf := hex.EncodeToString(tr.levels[0][257])
	oldRootHex := hex.EncodeToString(oldRoot)
	vecs["good_inclusion_proof"] = &Vector{Kind: "inclusion", What: "the RFC 6962 inclusion proof of entry 257 in the tree of size 300", Index: index(257), Size: Size, LeafHash: leaf, Root: rootHex, Proof: hexes(incl)}
	badIncl := hexes(incl)
	badIncl[2] = hex.EncodeToString(flip(incl[2], 0))
	fail("inclusion_proof", "inclusion", &Vector{Kind: "inclusion", What: "the inclusion proof of entry 257 with one byte of its third hash changed", Index: index(257), Size: Size, LeafHash: leaf, Root: rootHex, Proof: badIncl})
	fail("inclusion_proof_index", "inclusion", &Vector{Kind: "inclusion", What: "the inclusion proof of entry 257, given for entry 258", Index: index(258), Size: Size, LeafHash: leaf, Root: rootHex, Proof: hexes(incl)})
	fail("inclusion_proof_long", "inclusion", &Vector{Kind: "inclusion", What: "the inclusion proof of entry 257 with an extra hash", Index: index(257), Size: Size, LeafHash: leaf, Root: rootHex, Proof: append(hexes(incl), rootHex)})
	vecs["good_consistency_proof"] = &Vector{Kind: "consistency", What: "the RFC 6962 consistency proof from size 260 to 300", OldSize: OldSize, Size: Size, OldRoot: oldRootHex, Root: rootHex, Proof: hexes(cons)}
	badCons := hexes(cons)
	badCons[0] = hex.EncodeToString(flip(cons[0], 31))
	fail("consistency_proof", "consistency", &Vector{Kind: "consistency", What: "the consistency proof from 260 to 300 with one byte of its first hash changed", OldSize: OldSize, Size: Size, OldRoot: oldRootHex, Root: rootHex, Proof: badCons})
	fail("consistency_proof_root", "consistency", &Vector{Kind: "consistency", What: "the consistency proof from 260 to 300 for another old root (another history)", OldSize: OldSize, Size: Size,
		OldRoot: hex.EncodeToString(forkTree.root(OldSize)), Root: rootHex, Proof: hexes(cons)})

	// Records: the multi-signature record's DSSE signatures.
	var multisig struct {
		Envelope json.RawMessage `json:"envelope"`
	}
	if err := json.Unmarshal(entries[2], &multisig); err != nil {
		return nil, err
	}
	members := []string{}
	for _, n := range []string{"admin", "mediator-qatar", "pakistan-fo"} {
		b, err := os.ReadFile(filepath.Join(testdata, "keys", n+".vkey"))
		if err != nil {
			return nil, err
		}
		members = append(members, strings.TrimSpace(string(b)))
	}
	vecs["good_record"] = &Vector{Kind: "record", What: "entry 2's envelope, signed by the admin and a mediator", Envelope: multisig.Envelope, MemberKeys: members,
		Want: &Want{Signers: []string{"admin", "mediator-qatar"}}}
	var env struct {
		Payload     string `json:"payload"`
		PayloadType string `json:"payloadType"`
		Signatures  []struct {
			KeyID string `json:"keyid"`
			Sig   string `json:"sig"`
		} `json:"signatures"`
	}
	if err := json.Unmarshal(multisig.Envelope, &env); err != nil {
		return nil, err
	}
	sig, _ := base64.StdEncoding.DecodeString(env.Signatures[1].Sig)
	env.Signatures[1].Sig = base64.StdEncoding.EncodeToString(flip(sig, 10))
	badSig, _ := json.Marshal(env)
	fail("record_signature", "dsse", &Vector{Kind: "record", What: "entry 2's envelope with one byte of its second signature changed", Envelope: badSig, MemberKeys: members})
	fail("record_unknown_signer", "dsse", &Vector{Kind: "record", What: "entry 2's envelope, but the mediator is not among the member keys", Envelope: multisig.Envelope, MemberKeys: []string{members[0], members[2]}})

	// A restricted record as its audience reads it: the entry must be its
	// leaf (salted digest and routing metadata), and the envelope signed.
	restrictedEnv, err := os.ReadFile(filepath.Join(testdata, "good_restricted_request.envelope.json"))
	if err != nil {
		return nil, err
	}
	saltRaw, err := os.ReadFile(filepath.Join(testdata, "good_restricted_request.salt"))
	if err != nil {
		return nil, err
	}
	salt := strings.TrimSpace(string(saltRaw))
	restricted := string(entries[3])
	vecs["good_record_restricted"] = &Vector{Kind: "record", What: "entry 3, a restricted request, with the envelope and salt its audience reads", Entry: restricted,
		Envelope: bytes.TrimSpace(restrictedEnv), Salt: salt, MemberKeys: members, Want: &Want{Signers: []string{"admin"}}}
	fail("record_restricted_salt", "record", &Vector{Kind: "record", What: "entry 3 with another salt: the digest differs", Entry: restricted,
		Envelope: bytes.TrimSpace(restrictedEnv), Salt: "ff" + salt[2:], MemberKeys: members})
	fail("record_restricted_audience", "record", &Vector{Kind: "record", What: "entry 3 with the audience the record names replaced: the routing metadata is not the record's", Entry: strings.Replace(restricted, `"audience":["afghanistan"]`, `"audience":["pakistan"]`, 1),
		Envelope: bytes.TrimSpace(restrictedEnv), Salt: salt, MemberKeys: members})

	for name, v := range vecs {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, err
		}
		out[name+".json"] = append(b, '\n')
	}
	for name, reason := range errs {
		out[name+".err"] = []byte(reason + "\n")
	}
	return out, nil
}
