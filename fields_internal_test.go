package truce

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzFieldsOf: for every body a type's schema accepts, the fields read
// from the schema's decoding (fieldsOf) are those DecodeFields reads from
// the bytes, so that a submission's body is decoded once.
func FuzzFieldsOf(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "body", "*.json"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		typ := strings.SplitN(strings.SplitN(filepath.Base(p), "_", 3)[1], ".", 2)[0]
		f.Add(typ, b)
	}
	f.Add("correction", []byte(`{"target":3,"reason":"r","replacement":{"text":"a\u003cb","count":1e2}}`))
	f.Fuzz(func(t *testing.T, typ string, body []byte) {
		got, err := validateBody(typ, body)
		if err != nil {
			return
		}
		want, err := DecodeFields(body)
		if err != nil {
			t.Fatalf("a body its schema accepts does not decode: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fields of %s\nfrom the schema's decoding: %+v\nfrom the bytes:            %+v", body, got, want)
		}
	})
}
