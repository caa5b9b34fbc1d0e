package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer lets the test read what the command prints while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServe(t *testing.T) {
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"--data", data, "serve", "--addr", "127.0.0.1:0", "--lang", "en"},
			strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	}()
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if base = urlRE.FindString(stdout.String()); base != "" {
			break
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d: %s", c, stderr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve printed no URL: %q %q", stdout.String(), stderr.String())
	}
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(body, []byte(`<html lang="en">`)) {
		t.Errorf("GET /: %d\n%.300s", res.StatusCode, body)
	}
	res, err = http.Post(base+"/events", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", res.StatusCode)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d after interrupt: %s", c, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{{"serve", "extra"}, {"serve", "--lang", "fr"}} {
		var out, errb bytes.Buffer
		if c := Main(context.Background(), args, strings.NewReader(""), &out, &errb, func(string) string { return "" }); c != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, c, errb.String())
		}
	}
}
