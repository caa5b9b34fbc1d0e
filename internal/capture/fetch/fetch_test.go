package fetch

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/warc"
)

func loopbackOpts() Options {
	return Options{AllowPrivate: true, PerHostDelay: 0, ReadTimeout: 2 * time.Second, TotalTimeout: 10 * time.Second}
}

func TestFetchScenarios(t *testing.T) {
	var hits atomic.Int32
	big := strings.Repeat("ក", 3000) // 9000 bytes
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Feb 2026 10:00:00 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Mon, 02 Feb 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<html><title>ព័ត៌មាន</title></html>")
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		for i := range 3 {
			fmt.Fprintf(w, "<p>part %d</p>", i)
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, big) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		// Promise 100 bytes, send 10, hang up.
		hj, _ := w.(http.Hijacker)
		c, buf, _ := hj.Hijack()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
		buf.Flush()
		c.Close()
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/chain/"))
		http.Redirect(w, r, "/chain/"+strconv.Itoa(n+1), http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "finally")
	})
	mux.HandleFunc("/closed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7200")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name    string
		req     Request
		opts    func(*Options)
		status  int
		body    string
		wantErr string
		check   func(t *testing.T, r *Response)
	}{
		{name: "plain page", req: Request{URL: "/page"}, status: 200, body: "<html><title>ព័ត៌មាន</title></html>", check: func(t *testing.T, r *Response) {
			if !bytes.HasPrefix(r.RawResponse, []byte("HTTP/1.1 200 OK\r\n")) || !bytes.HasSuffix(r.RawResponse, r.Body) {
				t.Errorf("raw response is not status line … body: %q", r.RawResponse)
			}
			if !bytes.Contains(r.RawRequest, []byte("User-Agent: Kamnotra/")) || !bytes.HasPrefix(r.RawRequest, []byte("GET /page HTTP/1.1\r\n")) {
				t.Errorf("raw request: %q", r.RawRequest)
			}
			if r.IP != "127.0.0.1" || r.Header.Get("ETag") != `"v1"` {
				t.Errorf("ip %q etag %q", r.IP, r.Header.Get("ETag"))
			}
		}},
		{name: "etag 304", req: Request{URL: "/page", ETag: `"v1"`}, status: 304},
		{name: "last-modified 304", req: Request{URL: "/page", LastModified: "Mon, 02 Feb 2026 10:00:00 GMT"}, status: 304},
		{name: "stale etag", req: Request{URL: "/page", ETag: `"v0"`}, status: 200},
		{name: "chunked kept raw", req: Request{URL: "/chunked"}, status: 200, body: "<p>part 0</p><p>part 1</p><p>part 2</p>", check: func(t *testing.T, r *Response) {
			if !bytes.Contains(r.RawResponse, []byte("Transfer-Encoding: chunked")) {
				t.Errorf("chunked response lost its transfer coding: %q", r.RawResponse)
			}
			p, _ := warc.HTTPPayload(r.RawResponse, true)
			if !bytes.Equal(p, r.Body) {
				t.Errorf("payload of raw %q != body %q", p, r.Body)
			}
		}},
		{name: "oversized is cut and marked", req: Request{URL: "/big"}, opts: func(o *Options) { o.MaxBodySize = 1000 }, status: 200, check: func(t *testing.T, r *Response) {
			if !r.Truncated || len(r.Body) > 1001 || len(r.Body) < 1000 {
				t.Errorf("truncated=%v len=%d", r.Truncated, len(r.Body))
			}
			if len(r.RawResponse) > 1400 {
				t.Errorf("raw response of %d bytes kept past the limit", len(r.RawResponse))
			}
		}},
		{name: "within limit", req: Request{URL: "/big"}, opts: func(o *Options) { o.MaxBodySize = 9000 }, status: 200, body: big},
		{name: "slow server", req: Request{URL: "/slow"}, opts: func(o *Options) { o.ReadTimeout = 200 * time.Millisecond }, wantErr: "slow or stuck"},
		{name: "whole exchange too long", req: Request{URL: "/slow"}, opts: func(o *Options) { o.TotalTimeout = 300 * time.Millisecond }, wantErr: "took longer"},
		{name: "short body", req: Request{URL: "/short"}, wantErr: "closed the connection early"},
		{name: "redirect loop", req: Request{URL: "/loop/a"}, wantErr: "redirect loop"},
		{name: "redirect chain", req: Request{URL: "/chain/0"}, opts: func(o *Options) { o.MaxRedirects = 3 }, wantErr: "more than 3 redirects"},
		{name: "redirect followed, validators dropped", req: Request{URL: "/moved", ETag: `"v1"`}, status: 200, check: func(t *testing.T, r *Response) {
			if len(r.Redirects) != 1 || r.Redirects[0].Status != 301 || !strings.HasSuffix(r.URL, "/page") {
				t.Errorf("redirects %d final %s", len(r.Redirects), r.URL)
			}
		}},
		{name: "429 then retried after Retry-After", req: Request{URL: "/busy"}, status: 200, body: "finally", check: func(t *testing.T, r *Response) {
			if hits.Load() != 2 {
				t.Errorf("%d requests, want 2", hits.Load())
			}
		}},
		{name: "429 with a long Retry-After is returned", req: Request{URL: "/closed"}, status: 429, check: func(t *testing.T, r *Response) {
			if r.RetryAfter != 2*time.Hour {
				t.Errorf("RetryAfter %v", r.RetryAfter)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := loopbackOpts()
			if tt.opts != nil {
				tt.opts(&o)
			}
			f := New(o)
			req := tt.req
			req.URL = srv.URL + req.URL
			r, err := f.Fetch(context.Background(), req)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("want error with %q, got %v", tt.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tt.status {
				t.Fatalf("status %d, want %d", r.Status, tt.status)
			}
			if tt.body != "" && string(r.Body) != tt.body {
				t.Errorf("body %q, want %q", r.Body, tt.body)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func TestFetchTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secure") }))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	o := loopbackOpts()
	o.TLSConfig = &tls.Config{RootCAs: pool}
	// The test certificate is for example.com; resolve that to the server.
	o.LookupIP = func(ctx context.Context, host string) ([]netip.Addr, error) {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	r, err := New(o).Fetch(context.Background(), Request{URL: "https://example.com:" + port + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Body) != "secure" || !bytes.HasPrefix(r.RawResponse, []byte("HTTP/1.1 200")) {
		t.Fatalf("body %q raw %q", r.Body, r.RawResponse)
	}
}

func TestPerHostDelay(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	o := loopbackOpts()
	o.PerHostDelay = 150 * time.Millisecond
	f := New(o)
	// The starts of three requests to one host are spaced by the delay,
	// so the three cannot finish sooner than two delays after the first
	// began: a lower bound that a busy machine can only lengthen, where
	// server-side arrival times could bunch up under load.
	begin := time.Now()
	for range 3 {
		if _, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/"}); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(begin); took < 2*o.PerHostDelay {
		t.Errorf("three requests to one host took %v, less than two delays of %v", took, o.PerHostDelay)
	}
}

// TestGuard proves that without AllowPrivate nothing reaches loopback,
// private or link-local addresses: not by literal, not through DNS, not
// through a redirect from an allowed host.
func TestGuard(t *testing.T) {
	var reached atomic.Int32
	// The "public" server listens on 127.0.0.2, which the test's address
	// check treats as public; everything else keeps the real rules.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skip("cannot listen on 127.0.0.2:", err)
	}
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		fmt.Fprint(w, "secret")
	}))
	defer internal.Close()
	_, intPort, _ := net.SplitHostPort(internal.Listener.Addr().String())
	public := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-literal":
			http.Redirect(w, r, internal.URL+"/", http.StatusFound)
		case "/to-name":
			http.Redirect(w, r, "http://intranet.example.org:"+intPort+"/", http.StatusFound)
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-mapped":
			http.Redirect(w, r, "http://[::ffff:127.0.0.1]:"+intPort+"/", http.StatusFound)
		case "/to-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			fmt.Fprint(w, "public page")
		}
	}))
	public.Listener.Close()
	public.Listener = ln
	public.Start()
	defer public.Close()
	_, pubPort, _ := net.SplitHostPort(ln.Addr().String())

	o := Options{ReadTimeout: 2 * time.Second, LookupIP: func(ctx context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "news.example.com":
			return []netip.Addr{netip.MustParseAddr("127.0.0.2")}, nil
		case "intranet.example.org":
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		case "rebind.example.net":
			return []netip.Addr{netip.MustParseAddr("10.0.0.7"), netip.MustParseAddr("169.254.1.1")}, nil
		}
		return nil, fmt.Errorf("no such host %s", host)
	}}
	f := New(o)
	f.checkAddr = func(a netip.Addr) error {
		if a == netip.MustParseAddr("127.0.0.2") {
			return nil
		}
		return CheckAddr(a)
	}
	pub := "http://news.example.com:" + pubPort
	tests := []struct {
		url, want string
	}{
		{pub + "/", ""},
		{internal.URL + "/", "loopback"},
		{"http://intranet.example.org:" + intPort + "/", "resolves to"},
		{"http://rebind.example.net/", "private network"},
		{pub + "/to-literal", "loopback"},
		{pub + "/to-name", "intranet.example.org resolves to"},
		{pub + "/to-metadata", "link-local"},
		{pub + "/to-mapped", "loopback"},
		{pub + "/to-file", "scheme \"file\""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			r, err := f.Fetch(context.Background(), Request{URL: tt.url})
			if tt.want == "" {
				if err != nil || string(r.Body) != "public page" {
					t.Fatalf("public fetch failed: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want refusal with %q, got %v", tt.want, err)
			}
			if record.ErrorCode(err) != record.EInvalid {
				t.Errorf("refusal has code %q, want invalid", record.ErrorCode(err))
			}
		})
	}
	if n := reached.Load(); n != 0 {
		t.Fatalf("the internal server was reached %d times", n)
	}
}

func TestCheckURL(t *testing.T) {
	tests := []struct {
		url    string
		ok     bool
		reason string
	}{
		{"https://www.freshnewsasia.com/index.php/en/", true, ""},
		{"http://example.com:8080/a?b=c", true, ""},
		{"HTTPS://Example.com/", true, ""},
		{"ftp://example.com/", false, "scheme"},
		{"javascript:alert(1)", false, "scheme"},
		{"file:///etc/passwd", false, "scheme"},
		{"//example.com/", false, "no scheme"},
		{"http://user:pw@example.com/", false, "user name"},
		{"http://example.com:0/", false, "port"},
		{"http://example.com:70000/", false, "port"},
		{"http://example.com:22/", false, "another protocol"},
		{"http://example.com:/", false, "empty port"},
		{"http://example.com/" + strings.Repeat("a", MaxURLLength), false, "bytes long"},
		{"http://exa mple.com/", false, "white space"},
		{"http:///path", false, "no host"},
		{"http://127.0.0.1/", false, "loopback"},
		{"http://[::1]/", false, "loopback"},
		{"http://10.1.2.3/", false, "private"},
		{"http://192.168.1.1/", false, "private"},
		{"http://172.16.0.1/", false, "private"},
		{"http://169.254.169.254/", false, "link-local"},
		{"http://[fe80::1]/", false, "link-local"},
		{"http://[fd00::1]/", false, "private"},
		{"http://0.0.0.0/", false, "unspecified"},
		{"http://100.64.0.1/", false, "special-purpose"},
		{"http://[64:ff9b::7f00:1]/", false, "loopback"},
		{"http://[::ffff:10.0.0.1]/", false, "private"},
		{"http://8.8.8.8/", true, ""},
	}
	for _, tt := range tests {
		_, err := CheckURL(tt.url, false)
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), tt.reason)) {
			t.Errorf("CheckURL(%q) = %v; want ok=%v reason %q", clipURL(tt.url), err, tt.ok, tt.reason)
		}
	}
	if _, err := CheckURL("http://127.0.0.1:8080/", true); err != nil {
		t.Errorf("allowPrivate still refuses loopback: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"120", 2 * time.Minute}, {"-5", 0}, {"soon", 0},
		{"Tue, 03 Feb 2026 10:01:00 GMT", time.Minute},
		{"Tue, 03 Feb 2026 09:00:00 GMT", 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		if got := RetryAfter(h, now); got != tt.want {
			t.Errorf("RetryAfter(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
