package client_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/internal/tlogvectors"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// goReasons maps the Go verifier's errors to the vectors' reasons
// (docs/FORMAT.md §11), first match first: its messages name the problem in
// words, the vectors in one word.
var goReasons = []struct {
	reason string
	re     *regexp.Regexp
}{
	{"origin", regexp.MustCompile(`^checkpoint origin is `)},
	{"malformed", regexp.MustCompile(`: malformed note$`)},
	{"signature", regexp.MustCompile(`^checkpoint is not signed by log key `)},
	{"rollback", regexp.MustCompile(`^rollback: `)},
	{"fork", regexp.MustCompile(`^fork: `)},
	{"cosignature", regexp.MustCompile(`^checkpoint cosignatures: invalid signature for key `)},
	{"quorum", regexp.MustCompile(`^checkpoint is cosigned by \d+ of the \d+ witnesses given; \d+ required$`)},
	{"tile", regexp.MustCompile(`^entry \d+: (inclusion proof: fetching tiles|failed to parse|.*entry bundle)`)},
	{"inclusion", regexp.MustCompile(`^entry \d+: not (included in the tree|in the log's tree) of size \d+`)},
	{"consistency", regexp.MustCompile(`^consistency: `)},
	{"record", regexp.MustCompile(`^the log's entry is not this record$`)},
	{"dsse", regexp.MustCompile(`^(signatures\[\d+\]\.sig: signature by key \S+ \(.*\) does not verify|no member key \S+)`)},
}

func goReason(err error) string {
	for _, r := range goReasons {
		if r.re.MatchString(err.Error()) {
			return r.reason
		}
	}
	return "unclassified"
}

// TestTlogVectors runs every verifier vector of testdata/tlog through the
// Go verifier: the client reads each vector's checkpoint and tiles from a
// server that serves them as a log would, and must accept every good_*
// vector with what it wants, and refuse every fail_* vector for the reason
// in its .err file.
func TestTlogVectors(t *testing.T) {
	dir := trucetest.Testdata("tlog")
	vecs, err := tlogvectors.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) < 35 {
		t.Fatalf("%d vectors, want at least 35", len(vecs))
	}
	reasons := map[string]bool{}
	for _, v := range vecs {
		t.Run(v.Name, func(t *testing.T) {
			srv := httptest.NewServer(tlogvectors.Handler(dir, v.Vector))
			defer srv.Close()
			c, err := client.New(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			got, err := runVector(context.Background(), c, v.Vector)
			if v.Reason == "" {
				if err != nil {
					t.Fatalf("refused a good vector: %v", err)
				}
				if v.Want != nil && (got == nil || !reflect.DeepEqual(*got, *v.Want)) {
					t.Errorf("got %+v, want %+v", got, v.Want)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted; want refusal for %q", v.Reason)
			}
			reasons[v.Reason] = true
			t.Logf("%s: %v", v.Name, err)
			if r := goReason(err); r != v.Reason {
				t.Errorf("refused for %q (%v), want %q", r, err, v.Reason)
			}
		})
	}
	for _, r := range tlogvectors.Reasons {
		if !reasons[r] {
			t.Errorf("no fail_* vector for the reason %q", r)
		}
	}
}

// runVector checks v with the Go verifier and returns what it found.
func runVector(ctx context.Context, c *client.Client, v *tlogvectors.Vector) (*tlogvectors.Want, error) {
	switch v.Kind {
	case "inclusion":
		leaf, root, p := unhex(v.LeafHash), unhex(v.Root), unhexes(v.Proof)
		if err := proof.VerifyInclusion(rfc6962.DefaultHasher, *v.Index, v.Size, leaf, p, root); err != nil {
			return nil, fmt.Errorf("entry %d: not included in the tree of size %d: %v", *v.Index, v.Size, err)
		}
		return nil, nil
	case "consistency":
		if err := proof.VerifyConsistency(rfc6962.DefaultHasher, v.OldSize, v.Size, unhexes(v.Proof), unhex(v.OldRoot), unhex(v.Root)); err != nil {
			return nil, fmt.Errorf("consistency: %v", err)
		}
		return nil, nil
	case "record":
		return verifyRecord(v)
	}
	lv, err := note.NewVerifier(v.LogKey)
	if err != nil {
		return nil, err
	}
	cp, err := c.Checkpoint(ctx, lv)
	if err != nil {
		return nil, err
	}
	want := &tlogvectors.Want{Size: cp.Size, Root: hex.EncodeToString(cp.Hash)}
	switch v.Kind {
	case "checkpoint":
		if v.Previous != "" {
			prev, err := tlog.OpenCheckpoint([]byte(v.Previous), lv)
			if err != nil {
				return nil, fmt.Errorf("the previous checkpoint: %v", err)
			}
			if err := c.VerifyExtends(ctx, prev, cp); err != nil {
				return nil, err
			}
		}
		return want, nil
	case "cosignature":
		if _, err := client.Cosigned(cp, lv, v.WitnessKeys, v.MinWitnesses); err != nil {
			return nil, err
		}
		// Which witnesses cosigned: each trusted key alone.
		for _, k := range v.WitnessKeys {
			if _, err := client.Cosigned(cp, lv, []string{k}, 1); err == nil {
				name, _, _ := strings.Cut(k, "+")
				want.Cosigners = append(want.Cosigners, name)
			}
		}
		return want, nil
	case "entry":
		entry, err := c.VerifyEntry(ctx, cp, *v.Index)
		if err != nil {
			return nil, err
		}
		return &tlogvectors.Want{LeafHash: hex.EncodeToString(rfc6962.DefaultHasher.HashLeaf(entry))}, nil
	}
	return nil, fmt.Errorf("unknown kind %q", v.Kind)
}

// verifyRecord checks that the vector's entry, if any, is the leaf of
// its record (a restricted one's, with its salt: as `truce verify --record`
// does), then every DSSE signature of the envelope by the member keys
// given: each must be by one of them, and verify.
func verifyRecord(v *tlogvectors.Vector) (*tlogvectors.Want, error) {
	answer, err := json.Marshal(map[string]any{"envelope": v.Envelope, "salt": v.Salt})
	if err != nil {
		return nil, err
	}
	r, err := client.ParseRecord(answer)
	if err != nil {
		return nil, err
	}
	if v.Entry != "" {
		leaf, err := r.Leaf()
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(leaf, []byte(v.Entry)) {
			return nil, errors.New("the log's entry is not this record")
		}
	}
	env := r.Envelope
	var members []*truce.Verifier
	for _, k := range v.MemberKeys {
		m, err := truce.ParseVerifier(k)
		if err != nil {
			return nil, err
		}
		members = append(members, m)
	}
	want := &tlogvectors.Want{}
	for _, id := range env.KeyIDs() {
		i := slices.IndexFunc(members, func(m *truce.Verifier) bool { return m.KeyID() == id })
		if i < 0 {
			return nil, fmt.Errorf("no member key %s among the %d given", id, len(members))
		}
		if err := env.Verify(members[i]); err != nil {
			return nil, err
		}
		want.Signers = append(want.Signers, members[i].Name())
	}
	return want, nil
}

func unhex(s string) []byte {
	b, _ := hex.DecodeString(s)
	return b
}

func unhexes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = unhex(s)
	}
	return out
}
