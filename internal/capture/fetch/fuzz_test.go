package fetch

import (
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// FuzzCheckURL: whatever CheckURL accepts is http(s), has a host, no user
// information, a sane port and — without allowPrivate — no literal address
// that CheckAddr refuses.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{
		"https://www.freshnewsasia.com/index.php/en/", "http://127.0.0.1/", "http://[::ffff:7f00:1]/",
		"http://user@example.com/", "http://example.com:65536/", "HTTP://EXAMPLE.COM", "http://0x7f.1/",
		"http://[fe80::1%25eth0]/", "http://example.com:22", "https://ខ្មែរ.example/ទំព័រ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := CheckURL(raw, false)
		if err != nil {
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("accepted scheme %q in %q", u.Scheme, raw)
		}
		if u.User != nil || u.Hostname() == "" || len(raw) > MaxURLLength {
			t.Fatalf("accepted %q (user %v host %q)", raw, u.User, u.Hostname())
		}
		if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil {
			if CheckAddr(ip) != nil {
				t.Fatalf("accepted private literal %q", raw)
			}
		}
	})
}

// FuzzRetryAfter: any header value gives a wait that is never negative.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "-1", "Wed, 21 Oct 2026 07:28:00 GMT", "soon", "99999999999999999999", ""} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{}
		h.Set("Retry-After", v)
		if d := RetryAfter(h, now); d < 0 {
			t.Fatalf("RetryAfter(%q) = %v", v, d)
		}
	})
}
