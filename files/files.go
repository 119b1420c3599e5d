// Package files keeps content that must not enter the log, such as the
// bodies of restricted records, as one file per name in a directory,
// written atomically and durably.
package files

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/truce-dev/truce"
)

// Dir is a directory of named files.
type Dir struct{ path string }

var namePattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Open opens the directory at path, creating it if needed.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, err
	}
	return &Dir{path: path}, nil
}

func (d *Dir) file(name string) (string, error) {
	if !namePattern.MatchString(name) {
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
	tmp, err := os.CreateTemp(d.path, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return err
	}
	dir, err := os.Open(d.path)
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// ErrNotFound is returned for a name with no file: never written, or
// deleted.
var ErrNotFound = truce.ErrPurged

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
