package main_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDemoSite checks that truce demo serves the web pages beside the API
// from one port: its first page is the overview, the API's paths are the
// API's, and the seed statements' texts are public, their claims marked.
func TestDemoSite(t *testing.T) {
	url := startServer(t, "demo", "--data", filepath.Join(t.TempDir(), "demo"), "--addr", "127.0.0.1:0")
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Fatalf("GET /: %d %v", resp.StatusCode, resp.Header)
	}
	// The footer names the witnesses once a cosigned checkpoint is out
	// (publication does not wait for them).
	var page string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		page = string(get(t, url+"/"))
		if strings.Contains(page, "qatar-witness") || time.Now().After(deadline) {
			break
		}
	}
	for _, want := range []string{"<h1>Overview</h1>", "Doha talks (first round)", "Observe the immediate ceasefire agreed in Doha.", "Afghanistan (Taliban authorities)", "qatar-witness", "turkiye-witness"} {
		if !strings.Contains(page, want) {
			t.Errorf("the overview lacks %q", want)
		}
	}
	// The handover demand is restricted: not on the overview.
	if strings.Contains(page, "Hand over Pakistani nationals") {
		t.Error("the overview shows the restricted handover demand")
	}
	for _, p := range []string{"/api/v1/incidents", "/openapi.yaml", "/healthz", "/checkpoint"} {
		get(t, url+p)
	}
	var sources struct {
		Items []struct{ Index uint64 } `json:"items"`
	}
	if err := json.Unmarshal(get(t, url+"/api/v1/sources"), &sources); err != nil || len(sources.Items) != 2 {
		t.Fatalf("sources: %v %+v", err, sources)
	}
	for _, s := range sources.Items {
		if body := string(get(t, fmt.Sprintf("%s/sources/%d", url, s.Index))); !strings.Contains(body, "<mark data-claim=") {
			t.Errorf("source %d: no claim marked in its text", s.Index)
		}
	}
	if body := string(get(t, url+"/incidents?lang=ur")); !strings.Contains(body, `<html lang="ur" dir="rtl">`) {
		t.Error("/incidents?lang=ur is not an Urdu page")
	}
}
