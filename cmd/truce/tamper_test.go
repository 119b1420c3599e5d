package main_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/truce-dev/truce/internal/trucetest"
	"golang.org/x/mod/sumdb/note"
	sumdb "golang.org/x/mod/sumdb/tlog"
)

// submitClaims appends n distinct claims concurrently.
func submitClaims(t *testing.T, m *trucetest.Mechanism, prefix string, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Submit(trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim(fmt.Sprintf("%s %d", prefix, i))), m.Admin))
		}()
	}
	wg.Wait()
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// TestTamperEvidence builds an honest log, then serves altered copies of it
// as a dishonest operator or mirror would (static tlog-tiles files), and
// checks that truce verify fails on each, naming the reason, and that an
// independent verifier (golang.org/x/mod/sumdb/tlog) agrees with it on
// every case.
func TestTamperEvidence(t *testing.T) {
	tmp := t.TempDir()
	skey, vkey, err := note.GenerateKey(rand.Reader, trucetest.Origin)
	if err != nil {
		t.Fatal(err)
	}
	logKey := writeFile(t, filepath.Join(tmp, "log.vkey"), vkey+"\n")
	honest, fork := filepath.Join(tmp, "honest"), filepath.Join(tmp, "fork")

	m := trucetest.OpenMechanism(t, honest, skey, vkey)
	m.Genesis()
	submitClaims(t, m, "first", 149)
	m.Close() // publishes the checkpoint of size 150
	oldCheckpoint := must(os.ReadFile(filepath.Join(honest, "checkpoint")))
	copyDir(t, honest, fork)
	m = trucetest.OpenMechanism(t, honest, skey, vkey)
	submitClaims(t, m, "honest", 150)
	m.Close()
	// The fork is signed with the real log key and shares the first 150
	// entries: a split view, internally consistent.
	f := trucetest.OpenMechanism(t, fork, skey, vkey)
	submitClaims(t, f, "forked", 170)
	f.Close()
	state := must(os.ReadFile(filepath.Join(honest, "checkpoint")))
	if !strings.Contains(string(state), "\n300\n") {
		t.Fatalf("honest checkpoint %q is not of size 300", state)
	}

	t.Run("gossip", func(t *testing.T) {
		honestSrv := httptest.NewServer(http.FileServer(http.Dir(honest)))
		defer honestSrv.Close()
		mirror := filepath.Join(t.TempDir(), "mirror")
		copyDir(t, honest, mirror)
		mirrorSrv := httptest.NewServer(http.FileServer(http.Dir(mirror)))
		defer mirrorSrv.Close()
		forkSrv := httptest.NewServer(http.FileServer(http.Dir(fork)))
		defer forkSrv.Close()
		proofFile := filepath.Join(t.TempDir(), "split.txt")
		truce(t, "", "verify", "--server", honestSrv.URL, "--log-key", logKey, "--compare", mirrorSrv.URL, "--proof-out", proofFile).
			must(t, 0, "consistent", "OK")
		truce(t, "", "verify", "--server", honestSrv.URL, "--log-key", logKey, "--compare", mirrorSrv.URL, "--compare", forkSrv.URL, "--proof-out", proofFile).
			must(t, 1, "split view", proofFile)
		saved := string(must(os.ReadFile(proofFile)))
		if !strings.Contains(saved, string(state)) || !strings.Contains(saved, "\n320\n") {
			t.Errorf("the proof of misbehaviour does not hold both signed checkpoints: %s", saved)
		}
	})

	flip := func(file string, offset int) func(dir string) {
		return func(dir string) {
			p := filepath.Join(dir, file)
			b := must(os.ReadFile(p))
			b[offset] ^= 0x01
			os.WriteFile(p, b, 0o644)
		}
	}
	for _, tc := range []struct {
		name   string
		dir    string
		tamper func(dir string)
		want   string // "" for a log that verifies
	}{
		{"honest", honest, nil, ""},
		{"hash tile byte", honest, flip("tile/0/001.p/44", 100), "hash tile tile/0/001.p/44: hash 3 differs"},
		{"entry bundle byte", honest, flip("tile/entries/000", 700), "an entry was changed"},
		{"dropped entry", honest, dropEntry("tile/entries/001.p/44", 10), "entry bundle 1 holds 43 entries"},
		{"rollback", honest, func(dir string) { os.WriteFile(filepath.Join(dir, "checkpoint"), oldCheckpoint, 0o644) }, "rollback: the log's checkpoint has size 150, smaller than size 300 seen before"},
		{"split view", fork, nil, "fork: the checkpoint of size 320 does not extend the one of size 300"},
		{"checkpoint signature", honest, func(dir string) {
			p := filepath.Join(dir, "checkpoint")
			b := must(os.ReadFile(p))
			i := bytes.LastIndexByte(b, ' ') + 10
			b[i] = map[bool]byte{true: 'A', false: 'B'}[b[i] != 'A']
			os.WriteFile(p, b, 0o644)
		}, "not signed by log key"},
		{"origin", honest, func(dir string) {
			evilSKey, _, _ := note.GenerateKey(rand.Reader, "evil.example/log")
			s, _ := note.NewSigner(evilSKey)
			text, _, _ := strings.Cut(string(state), "\n\n")
			text = "evil.example/log" + text[strings.IndexByte(text, '\n'):] + "\n"
			signed, _ := note.Sign(&note.Note{Text: text}, s)
			os.WriteFile(filepath.Join(dir, "checkpoint"), signed, 0o644)
		}, `checkpoint origin is "evil.example/log", expected "truce.test/pakistan-afghanistan"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "log")
			copyDir(t, tc.dir, dir)
			if tc.tamper != nil {
				tc.tamper(dir)
			}
			srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
			defer srv.Close()
			stateFile := writeFile(t, filepath.Join(t.TempDir(), "state"), string(state))

			r := truce(t, "", "verify", "--server", srv.URL, "--log-key", logKey, "--state", stateFile, "--all", "--index", "0", "--index", "149")
			if tc.want == "" {
				r.must(t, 0, "all 300 entries and every hash tile match", "OK")
			} else {
				r.must(t, 1, tc.want)
				if !bytes.Equal(must(os.ReadFile(stateFile)), state) {
					t.Error("a failed verification replaced the state")
				}
			}
			theirs := sumdbVerify(srv.URL, vkey, state)
			if (theirs == nil) != (tc.want == "") {
				t.Errorf("sumdb/tlog verifier says %v; truce says %q", theirs, tc.want)
			}
		})
	}
}

// dropEntry rewrites an entry bundle without its i-th entry, keeping its name.
func dropEntry(file string, i int) func(dir string) {
	return func(dir string) {
		p := filepath.Join(dir, file)
		entries := parseBundle(must(os.ReadFile(p)))
		var out []byte
		for j, e := range entries {
			if j != i {
				out = binary.BigEndian.AppendUint16(out, uint16(len(e)))
				out = append(out, e...)
			}
		}
		os.WriteFile(p, out, 0o644)
	}
}

// parseBundle splits a tlog-tiles entry bundle, written here from the
// C2SP spec rather than with Tessera's code.
func parseBundle(b []byte) [][]byte {
	var entries [][]byte
	for len(b) >= 2 {
		n := int(binary.BigEndian.Uint16(b))
		if len(b) < 2+n {
			return append(entries, nil) // truncated: never matches
		}
		entries = append(entries, b[2:2+n])
		b = b[2+n:]
	}
	return entries
}

// sumdbVerify is an independent verifier built on golang.org/x/mod's
// sumdb/note and sumdb/tlog: it checks the checkpoint, rebuilds the root
// from the served hash tiles, checks consistency with state, and proves
// every entry of the served bundles.
func sumdbVerify(url, vkey string, state []byte) error {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return err
	}
	open := func(raw []byte) (sumdb.Tree, error) {
		n, err := note.Open(raw, note.VerifierList(v))
		if err != nil {
			return sumdb.Tree{}, err
		}
		lines := strings.Split(n.Text, "\n")
		if len(lines) < 3 || lines[0] != v.Name() {
			return sumdb.Tree{}, fmt.Errorf("checkpoint origin %q", lines[0])
		}
		size, err := strconv.ParseInt(lines[1], 10, 64)
		if err != nil {
			return sumdb.Tree{}, err
		}
		h, err := base64.StdEncoding.DecodeString(lines[2])
		if err != nil || len(h) != sumdb.HashSize {
			return sumdb.Tree{}, fmt.Errorf("root hash %q", lines[2])
		}
		return sumdb.Tree{N: size, Hash: sumdb.Hash(h)}, nil
	}
	get := func(p string) ([]byte, error) {
		resp, err := http.Get(url + "/" + p)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return nil, fmt.Errorf("%s: HTTP %d", p, resp.StatusCode)
		}
		return io.ReadAll(resp.Body)
	}
	raw, err := get("checkpoint")
	if err != nil {
		return err
	}
	tree, err := open(raw)
	if err != nil {
		return err
	}
	hr := sumdb.TileHashReader(tree, &tileReader{get: get, cache: map[string][]byte{}})
	root, err := sumdb.TreeHash(tree.N, hr)
	if err != nil {
		return err
	}
	if root != tree.Hash {
		return fmt.Errorf("tiles give root %v, checkpoint %v", root, tree.Hash)
	}
	old, err := open(state)
	if err != nil {
		return err
	}
	if old.N > tree.N {
		return fmt.Errorf("rollback from %d to %d", old.N, tree.N)
	}
	p, err := sumdb.ProveTree(tree.N, old.N, hr)
	if err != nil {
		return err
	}
	if err := sumdb.CheckTree(p, tree.N, tree.Hash, old.N, old.Hash); err != nil {
		return err
	}
	for b := int64(0); b*256 < tree.N; b++ {
		w := min(256, tree.N-b*256)
		path := sumdb.Tile{H: 8, L: 0, N: b, W: int(w)}.Path()
		path = strings.Replace(path, "tile/8/0/", "tile/entries/", 1)
		data, err := get(path)
		if err != nil {
			return err
		}
		entries := parseBundle(data)
		if int64(len(entries)) != w {
			return fmt.Errorf("bundle %d has %d entries, want %d", b, len(entries), w)
		}
		for j, e := range entries {
			i := b*256 + int64(j)
			p, err := sumdb.ProveRecord(tree.N, i, hr)
			if err != nil {
				return err
			}
			if err := sumdb.CheckRecord(p, tree.N, tree.Hash, i, sumdb.RecordHash(e)); err != nil {
				return fmt.Errorf("entry %d: %v", i, err)
			}
		}
	}
	return nil
}

// tileReader serves sumdb/tlog's tile reads from tlog-tiles URLs: the same
// tiles of height 8, at paths without the height.
type tileReader struct {
	get   func(string) ([]byte, error)
	cache map[string][]byte
}

func (r *tileReader) Height() int { return 8 }

func (r *tileReader) ReadTiles(tiles []sumdb.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		p := strings.Replace(t.Path(), "tile/8/", "tile/", 1)
		if b, ok := r.cache[p]; ok {
			out[i] = b
			continue
		}
		b, err := r.get(p)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func (r *tileReader) SaveTiles(tiles []sumdb.Tile, data [][]byte) {
	for i, t := range tiles {
		r.cache[strings.Replace(t.Path(), "tile/8/", "tile/", 1)] = data[i]
	}
}
