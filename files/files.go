// Package files keeps content that must not enter the log, such as the
// bodies of restricted records, as one file per name in a directory,
// written atomically and durably.
package files

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Dir is a directory of named files.
type Dir struct{ path string }

// Open opens the directory at path, creating it if needed.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, err
	}
	return &Dir{path: path}, nil
}

func (d *Dir) file(name string) (string, error) {
	if !isHexSHA256(name) {
		return "", fmt.Errorf("file name %q is not a hex SHA-256", name)
	}
	return filepath.Join(d.path, name), nil
}

// Put writes data under name and syncs it before returning, so that what
// a caller acknowledges afterwards is on disk.
func (d *Dir) Put(name string, data []byte) error {
	p, err := d.file(name)
	if err != nil {
		return err
	}
	return WriteAtomic(p, data, 0o600)
}

// WriteAtomic replaces path with data, synced, file and directory, so that
// a crash leaves the old content or the new, never a mix or nothing.
func WriteAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// ErrNotFound is returned for a name with no file: never written, or
// deleted.
var ErrNotFound = fs.ErrNotExist

// Get reads the file under name.
func (d *Dir) Get(name string) ([]byte, error) {
	p, err := d.file(name)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotFound
	}
	return b, err
}

// PutStream writes what r yields, up to max bytes, under its SHA-256, and
// returns the hex digest, the size and the first 512 bytes (enough to
// sniff a media type). Nothing is kept if r yields more than max bytes.
func (d *Dir) PutStream(r io.Reader, max int64) (name string, size int64, head []byte, err error) {
	tmp, err := os.CreateTemp(d.path, ".tmp-*")
	if err != nil {
		return "", 0, nil, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	hw := &headWriter{}
	n, err := copyHashing(io.MultiWriter(&writingBack{f: tmp}, hw), io.LimitReader(r, max+1), h)
	if err != nil {
		return "", 0, nil, err
	}
	if n > max {
		return "", n, nil, ErrTooLarge
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, nil, err
	}
	name = hex.EncodeToString(h.Sum(nil))
	p, _ := d.file(name)
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", 0, nil, err
	}
	return name, n, hw.b, nil
}

// copyHashing copies r to w and hashes what it copies on another
// goroutine, so that hashing a chunk overlaps reading and writing the next:
// the upload's one pass over its bytes costs the slower of the two rather
// than their sum. Chunks are large because evidence files are megabytes
// and each write is a system call.
func copyHashing(w io.Writer, r io.Reader, h hash.Hash) (n int64, err error) {
	const chunk, chunks = 1 << 20, 3
	free := make(chan []byte, chunks)
	for range chunks {
		free <- make([]byte, chunk)
	}
	toHash := make(chan []byte, chunks)
	hashed := make(chan struct{})
	go func() {
		for b := range toHash {
			h.Write(b)
			free <- b[:cap(b)]
		}
		close(hashed)
	}()
	defer func() {
		close(toHash)
		<-hashed
	}()
	for {
		b := <-free
		k, rerr := fill(r, b)
		if k > 0 {
			if _, err := w.Write(b[:k]); err != nil {
				return n, err
			}
			n += int64(k)
			toHash <- b[:k]
		}
		switch {
		case rerr == io.EOF:
			return n, nil
		case rerr != nil:
			return n, rerr
		}
	}
}

// fill reads into b until it is full or r fails. Unlike io.ReadFull it
// passes r's own errors through untouched: an HTTP body cut short says
// io.ErrUnexpectedEOF, and that must fail the upload, not end it.
func fill(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k, err := r.Read(b[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// writingBack writes to a file and starts writing each chunk back to disk
// at once.
type writingBack struct {
	f   *os.File
	off int64
}

func (w *writingBack) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	startWriteback(w.f, w.off, int64(n))
	w.off += int64(n)
	return n, err
}

// ErrTooLarge is returned by PutStream for content over its limit.
var ErrTooLarge = errors.New("too large")

type headWriter struct{ b []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	if room := 512 - len(w.b); room > 0 {
		w.b = append(w.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// Path is the file a name is kept in, for serving it.
func (d *Dir) Path(name string) (string, error) { return d.file(name) }

// Size is the size of the file under name.
func (d *Dir) Size(name string) (int64, error) {
	p, err := d.file(name)
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, os.ErrNotExist) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// Delete removes the file under name; a missing file is not an error.
func (d *Dir) Delete(name string) error {
	p, err := d.file(name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// List returns the names of the files kept, in order.
func (d *Dir) List() ([]string, error) {
	entries, err := os.ReadDir(d.path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if isHexSHA256(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// MarkUploaded notes, durably, that the member whose key is keyID
// uploaded the file under name: the first record describing a file needs
// its uploader's signature.
func (d *Dir) MarkUploaded(name, keyID string) error {
	p, err := d.uploader(name, keyID)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	return WriteAtomic(p, nil, 0o600)
}

// Uploaded reports whether MarkUploaded noted keyID as an uploader of name.
func (d *Dir) Uploaded(name, keyID string) (bool, error) {
	p, err := d.uploader(name, keyID)
	if err != nil {
		return false, err
	}
	_, err = os.Stat(p)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

func (d *Dir) uploader(name, keyID string) (string, error) {
	if !isHexSHA256(name) || !isHexSHA256(keyID) {
		return "", fmt.Errorf("uploader of %q: %q is not a key id", name, keyID)
	}
	return filepath.Join(d.path, "uploaders", name+"-"+keyID), nil
}

// isHexSHA256 reports whether s names a file: 64 lowercase hex digits.
// The root package has the same check; files imports nothing of it, so
// that the witness, which keeps its state here, does not either.
func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// File is one file whose content is replaced whole and atomically: a
// mechanism's saved state (truce.States).
type File struct{ path string }

// NewFile is the file at path; it need not exist yet.
func NewFile(path string) *File { return &File{path: path} }

// LoadState reads the file; a missing one is an error wrapping
// fs.ErrNotExist.
func (f *File) LoadState() ([]byte, error) { return os.ReadFile(f.path) }

// SaveState replaces the file's content, durably.
func (f *File) SaveState(data []byte) error { return WriteAtomic(f.path, data, 0o600) }

// Texts keeps the texts of accepted sources, each under its SHA-256:
// public ones in the directory itself, which the web pages read, and the
// others under members/, each with the log indices of the source records
// it was kept for (who may read one of them may read it).
type Texts struct {
	public, members *Dir
}

// OpenTexts opens the texts kept at path, creating the directory if needed.
func OpenTexts(path string) (*Texts, error) {
	pub, err := Open(path)
	if err != nil {
		return nil, err
	}
	mem, err := Open(filepath.Join(path, "members"))
	if err != nil {
		return nil, err
	}
	return &Texts{public: pub, members: mem}, nil
}

// Keep keeps text, for the source record at index, public or for members
// only. A text once public stays public: it is the same text, and a signer
// said anyone may read it.
func (t *Texts) Keep(text []byte, public bool, source uint64) (name string, err error) {
	sum := sha256.Sum256(text)
	name = hex.EncodeToString(sum[:])
	if _, err := t.public.Size(name); err == nil {
		return name, nil
	}
	if public {
		if err := t.public.Put(name, text); err != nil {
			return "", err
		}
		return name, t.members.Delete(name)
	}
	p := filepath.Join(t.members.path, "sources", fmt.Sprintf("%s-%d", name, source))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", err
	}
	// The source first: a text is never kept without a source that lets
	// someone read it.
	if err := WriteAtomic(p, nil, 0o600); err != nil {
		return "", err
	}
	if _, err := t.members.Size(name); err == nil {
		return name, nil
	}
	return name, t.members.Put(name, text)
}

// Forget drops what is kept for the source record at index (a purge): a
// text kept for members for no other source is deleted. A public text
// stays: a signer made it public, and no purge of a restricted record
// reaches it.
func (t *Texts) Forget(index uint64) error {
	suffix := "-" + strconv.FormatUint(index, 10)
	marks, err := filepath.Glob(filepath.Join(t.members.path, "sources", "*"+suffix))
	if err != nil {
		return err
	}
	for _, m := range marks {
		name := strings.TrimSuffix(filepath.Base(m), suffix)
		if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		others, err := filepath.Glob(filepath.Join(t.members.path, "sources", name+"-*"))
		if err != nil {
			return err
		}
		if len(others) == 0 {
			if err := t.members.Delete(name); err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
		}
	}
	return nil
}

// Text reads the text kept under name: whether it is public, and, if
// not, the sources it was kept for. A text never kept is ErrNotFound.
func (t *Texts) Text(name string) (text []byte, public bool, sources []uint64, err error) {
	if b, err := t.public.Get(name); err == nil || !errors.Is(err, ErrNotFound) {
		return b, err == nil, nil, err
	}
	b, err := t.members.Get(name)
	if err != nil {
		return nil, false, nil, err
	}
	// name is a hex SHA-256 (Get checked it): nothing in it is a pattern.
	marks, err := filepath.Glob(filepath.Join(t.members.path, "sources", name+"-*"))
	if err != nil {
		return nil, false, nil, err
	}
	for _, m := range marks {
		if i, err := strconv.ParseUint(strings.TrimPrefix(filepath.Base(m), name+"-"), 10, 64); err == nil {
			sources = append(sources, i)
		}
	}
	slices.Sort(sources)
	return b, false, sources, nil
}
