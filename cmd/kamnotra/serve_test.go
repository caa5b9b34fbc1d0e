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

	"github.com/kamnotra/kamnotra/internal/pgtest"
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store/postgres"
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

// On PostgreSQL the site keeps pages too, and a change committed by
// another connection (a capture run, an editor) shows on the next
// request.
func TestServePostgresPagesFollowTheRecord(t *testing.T) {
	url := pgtest.URL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := &record.Person{ID: "p-follow", Status: record.StatusPublished, Names: record.Names{{Lang: "en", Value: "Sok Pheap"}}}
	if err := st.PutPerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"--data", t.TempDir(), "--db", url, "serve", "--addr", "127.0.0.1:0", "--lang", "en"},
			strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	}()
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && base == ""; time.Sleep(20 * time.Millisecond) {
		base = urlRE.FindString(stdout.String())
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d: %s", c, stderr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve printed no URL: %q", stderr.String())
	}
	get := func() string {
		t.Helper()
		res, err := http.Get(base + "/people/p-follow?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("person page: %d %.300s", res.StatusCode, body)
		}
		return string(body)
	}
	for range 2 { // built, then kept
		if body := get(); !strings.Contains(body, "Sok Pheap") {
			t.Fatalf("person page lacks the name:\n%.500s", body)
		}
	}
	p.Names = record.Names{{Lang: "en", Value: "Sok Pheakdey"}}
	if err := st.PutPerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	if body := get(); !strings.Contains(body, "Sok Pheakdey") {
		t.Errorf("the page kept the old name after the record changed:\n%.500s", body)
	}
	cancel()
	<-code
}
