package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/internal/server"
)

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestRunAndMirror serves a data directory (the API's paths by the API,
// the others by the web pages), mirrors it, and stops both, the running
// server's URL kept in DATA/serve.url only while it runs.
func TestRunAndMirror(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := datadir.Dir(filepath.Join(t.TempDir(), "data"))
	if err := datadir.Init(ctx, dir, "truce.test/server", 1, nil); err != nil {
		t.Fatal(err)
	}
	o := server.Options{Addr: "127.0.0.1:0", CheckpointInterval: 100 * time.Millisecond}
	urls, done := make(chan string, 2), make(chan error, 2)
	go func() { done <- server.Run(ctx, dir, o, func(u string) { urls <- u }) }()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatal(err)
	}
	if u, running := datadir.RunningServer(dir); !running || u != url {
		t.Errorf("serve.url: %q, %v; want %q", u, running, url)
	}
	code, cp := get(t, url+"/checkpoint")
	if code != 200 || !bytes.HasPrefix(cp, []byte("truce.test/server\n1\n")) {
		t.Errorf("/checkpoint: %d %q", code, cp)
	}
	if code, page := get(t, url+"/"); code != 200 || !strings.Contains(string(page), "<html") {
		t.Errorf("/: %d %.200s", code, page)
	}
	if code, body := get(t, url+"/api/v1/records/0"); code != 200 || !strings.Contains(string(body), `"envelope"`) {
		t.Errorf("/api/v1/records/0: %d %.200s", code, body)
	}

	c, err := client.New(url)
	if err != nil {
		t.Fatal(err)
	}
	v, err := datadir.ReadLogVerifier(dir.Key("log.vkey"))
	if err != nil {
		t.Fatal(err)
	}
	mirrorDir := datadir.Dir(t.TempDir())
	go func() { done <- server.Mirror(ctx, mirrorDir, c.Fetcher(), v, url, o, func(u string) { urls <- u }) }()
	var mirror string
	select {
	case mirror = <-urls:
	case err := <-done:
		t.Fatal(err)
	}
	if code, got := get(t, mirror+"/checkpoint"); code != 200 || !bytes.Equal(got, cp) {
		t.Errorf("the mirror's /checkpoint: %d %q, want %q", code, got, cp)
	}
	if code, _ := get(t, mirror+"/api/v1/records/0"); code != 404 {
		t.Errorf("the mirror serves the API: %d", code)
	}

	cancel()
	for range 2 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(dir.ServeURLPath()); !os.IsNotExist(err) {
		t.Errorf("serve.url after the server stopped: %v", err)
	}
}

// TestMirrorRefusesAnotherKey: a log whose checkpoint is not signed by the
// key given is not mirrored, and no port opens.
func TestMirrorRefusesAnotherKey(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := datadir.Dir(filepath.Join(t.TempDir(), "a"))
	b := datadir.Dir(filepath.Join(t.TempDir(), "b"))
	for _, d := range []datadir.Dir{a, b} {
		if err := datadir.Init(ctx, d, "truce.test/"+filepath.Base(string(d)), 1, nil); err != nil {
			t.Fatal(err)
		}
	}
	urls, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- server.Run(ctx, a, server.Options{Addr: "127.0.0.1:0", CheckpointInterval: time.Second}, func(u string) { urls <- u })
	}()
	url := <-urls
	c, _ := client.New(url)
	wrongKey, err := datadir.ReadLogVerifier(b.Key("log.vkey"))
	if err != nil {
		t.Fatal(err)
	}
	opened := false
	err = server.Mirror(ctx, datadir.Dir(t.TempDir()), c.Fetcher(), wrongKey, url, server.Options{Addr: "127.0.0.1:0", CheckpointInterval: time.Second}, func(string) { opened = true })
	if err == nil || !strings.Contains(err.Error(), "mirroring "+url) || opened {
		t.Errorf("mirror under another key: %v (port opened: %v)", err, opened)
	}
	cancel()
	<-done
}
