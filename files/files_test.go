package files_test

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/truce-dev/truce/files"
)

func TestDir(t *testing.T) {
	d, err := files.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("ab", 32)
	if err := d.Put(name, []byte("body")); err != nil {
		t.Fatal(err)
	}
	if b, err := d.Get(name); err != nil || string(b) != "body" {
		t.Fatalf("Get: %q, %v", b, err)
	}
	if _, err := d.Get(strings.Repeat("cd", 32)); !errors.Is(err, files.ErrNotFound) {
		t.Errorf("Get of a missing file: %v", err)
	}
	for _, bad := range []string{"../x", "AB" + strings.Repeat("0", 62), "", strings.Repeat("a", 63)} {
		if err := d.Put(bad, nil); err == nil {
			t.Errorf("Put(%q) accepted a name that is not a hex SHA-256", bad)
		}
	}
	data := bytes.Repeat([]byte("evidence "), 1000)
	got, size, head, err := d.PutStream(bytes.NewReader(data), int64(len(data)))
	sum := sha256.Sum256(data)
	if err != nil || got != hex.EncodeToString(sum[:]) || size != int64(len(data)) || len(head) != 512 {
		t.Fatalf("PutStream: %s %d %d %v", got, size, len(head), err)
	}
	if n, err := d.Size(got); err != nil || n != size {
		t.Errorf("Size: %d %v", n, err)
	}
	if _, _, _, err := d.PutStream(bytes.NewReader(append(data, 'x')), int64(len(data))); !errors.Is(err, files.ErrTooLarge) {
		t.Errorf("PutStream over the limit: %v", err)
	}
	if err := d.Delete(got); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Size(got); !errors.Is(err, files.ErrNotFound) {
		t.Errorf("Size after Delete: %v", err)
	}
	if err := d.Delete(got); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	p, _ := d.Path(name)
	entries, _ := os.ReadDir(strings.TrimSuffix(p, name))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// TestPutStreamChunks streams files of several chunk sizes, read in odd
// pieces, and one whose reader fails half-way: each name is the SHA-256 of
// exactly the bytes given, and a failed stream leaves nothing behind.
func TestPutStreamChunks(t *testing.T) {
	dir := t.TempDir()
	d, err := files.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 1 << 20, 1<<20 + 1, 3<<20 + 12345} {
		data := make([]byte, n)
		rand.Read(data)
		got, size, _, err := d.PutStream(iotest.HalfReader(bytes.NewReader(data)), 4<<20)
		sum := sha256.Sum256(data)
		if err != nil || got != hex.EncodeToString(sum[:]) || size != int64(n) {
			t.Fatalf("%d bytes: %s %d %v", n, got, size, err)
		}
		if back, err := d.Get(got); err != nil || !bytes.Equal(back, data) {
			t.Fatalf("%d bytes: read back %d bytes, %v", n, len(back), err)
		}
	}
	before, _ := os.ReadDir(dir)
	broken := io.MultiReader(bytes.NewReader(make([]byte, 2<<20)), iotest.ErrReader(errors.New("connection reset")))
	if _, _, _, err := d.PutStream(broken, 4<<20); err == nil || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("a failing stream: %v", err)
	}
	// An HTTP request body whose client hung up early ends so.
	cut := io.MultiReader(bytes.NewReader(make([]byte, 3<<19)), iotest.ErrReader(io.ErrUnexpectedEOF))
	if _, _, _, err := d.PutStream(cut, 4<<20); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a stream cut short: %v", err)
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("failed streams left %d files, there were %d", len(after), len(before))
	}
}
