package truce_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestAuditFirstFaultAcrossChunks: signatures are checked behind the
// rules, yet the first fault in the log is the one reported, a bad
// signature or a broken rule, however many chunks lie between them.
func TestAuditFirstFaultAcrossChunks(t *testing.T) {
	truce.SetReplayChunk(t, 2)
	for _, tc := range []struct {
		forgedFirst bool
		between     int
	}{{true, 0}, {true, 7}, {false, 0}, {false, 7}} {
		forgedFirst := tc.forgedFirst
		t.Run(fmt.Sprintf("forged signature first %v, %d entries between", forgedFirst, tc.between), func(t *testing.T) {
			f := newFixture(t)
			c := f.Setup()
			com := f.Submit(sign(t, record("commitment", body{"obligor": "afghanistan", "text": "Act", "category": "ceasefire", "criteria": "c"}), c.Qatar)).Index
			forged := sign(t, record("claim", trucetest.Claim("forged")), c.PakistanFO)
			forged = bytes.Replace(forged, []byte(`"sig":"`), []byte(`"sig":"AAAA`), 1)
			broken := sign(t, record("finding", body{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{com}, "decision": "d"}), c.Qatar)
			first, second := forged, broken
			if !forgedFirst {
				first, second = broken, forged
			}
			at := f.appendBehind(first)
			for i := range tc.between {
				f.appendBehind(sign(t, record("claim", trucetest.Claim(fmt.Sprintf("honest %d", i))), c.PakistanFO))
			}
			f.appendBehind(second)
			err := truce.Audit(t.Context(), f.Config(), f.Log)
			want := fmt.Sprintf("log entry %d breaks a rule: signatures[0].sig: signature by key", at)
			if !forgedFirst {
				want = fmt.Sprintf("log entry %d breaks a rule: body.basis[0]: log index %d is a commitment", at, com)
			}
			if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("audit: %v\nwant one fault: %s…", err, want)
			}
		})
	}
}

// failingReads is a log whose leaves cannot be read from failFrom on.
type failingReads struct {
	truce.Log
	failFrom uint64
}

func (l failingReads) ReadLeaves(ctx context.Context, from, to uint64, fn func(uint64, []byte) error) error {
	if from >= l.failFrom {
		return errors.New("disk read failed")
	}
	return l.Log.ReadLeaves(ctx, from, to, fn)
}

// TestAuditForgedBeforeUnreadable: a forged signature in a chunk already
// judged is the first fault, even when a later chunk cannot be read while
// its signatures are still being checked.
func TestAuditForgedBeforeUnreadable(t *testing.T) {
	truce.SetReplayChunk(t, 2)
	f := newFixture(t)
	c := f.Setup()
	forged := sign(t, record("claim", trucetest.Claim("forged")), c.PakistanFO)
	forged = bytes.Replace(forged, []byte(`"sig":"`), []byte(`"sig":"AAAA`), 1)
	at := f.appendBehind(forged)
	for i := range 6 {
		f.appendBehind(sign(t, record("claim", trucetest.Claim(fmt.Sprintf("honest %d", i))), c.PakistanFO))
	}
	err := truce.Audit(t.Context(), f.Config(), failingReads{f.Log, at/2*2 + 4})
	if want := fmt.Sprintf("log entry %d breaks a rule: signatures[0].sig:", at); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("audit: %v\nwant: %s…", err, want)
	}
}
