package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) truce.Store {
		db, err := sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
