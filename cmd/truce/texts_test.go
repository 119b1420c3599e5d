package main_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce/ingest"
)

// TestReviewKeepsTexts: truce review signs a source naming its draft's
// extracted text, public only with --public-text, and the server keeps
// the text; a re-publication queued with it and accepted later names the
// first's source as the same statement.
func TestReviewKeepsTexts(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/texts").must(t, 0)
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	admin := filepath.Join(data, "keys", "admin.key")
	seeds := filepath.Join("..", "..", "testdata", "ingest")
	first, repub := filepath.Join(seeds, "torkham.txt"), filepath.Join(seeds, "torkham-repub.html")
	textOf := func(name string) (id, sum string) {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var meta *ingest.Meta
		if b, err := os.ReadFile(name + ".meta.json"); err == nil {
			meta, _ = ingest.ParseMeta(b)
		}
		d, err := ingest.Import(filepath.Base(name), raw, meta)
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256([]byte(d.Text()))
		return d.Source.SHA256, hex.EncodeToString(s[:])
	}
	id1, text1 := textOf(first)
	id2, text2 := textOf(repub)
	truce(t, "", "import", "--server", url, "--key", admin, first, repub).must(t, 0, "queued as "+id1, "queued as "+id2)

	truce(t, "", "review", "--server", url, "--key", admin, "--accept", id1).must(t, 0, "source: index 1")
	if _, err := os.Stat(filepath.Join(data, "texts", "members", text1)); err != nil {
		t.Errorf("the accepted source's text is not kept for members: %v", err)
	}
	if resp, err := http.Get(url + "/api/v1/texts/" + text1); err != nil || resp.StatusCode != 404 {
		t.Errorf("a members-only text read anonymously: %v %v", resp, err)
	}
	// The queue names the accepted duplicate once the projection has it.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if strings.Contains(string(get(t, url+"/api/v1/lookup/"+id1)), "[1]") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the source was never projected")
		}
	}
	r := truce(t, "", "review", "--server", url, "--key", admin, "--accept", id2, "--public-text").must(t, 0, "source: index", "same statement as source 1 ("+first+", republication)")
	if !strings.Contains(string(get(t, url+"/api/v1/texts/"+text2)), "Torkham") {
		t.Errorf("the public text is not served to anyone (review said %s)", r.stdout)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(string(get(t, url+"/api/v1/sources")), `"same_statement":1`); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("sources: %s", get(t, url+"/api/v1/sources"))
		}
	}
}
