package web

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateLimiter is a token bucket per client IP. It trusts only the TCP peer
// address: behind a reverse proxy every reader shares the proxy's bucket,
// which errs on the side of the site staying up.
type rateLimiter struct {
	rate  float64 // tokens per second
	burst float64
	h     *handler
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(rate float64, burst int, h *handler) *rateLimiter {
	return &rateLimiter{rate: rate, burst: float64(burst), h: h, now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes a token from ip's bucket; when there is none it returns how
// long until there is.
func (rl *rateLimiter) allow(ip string) (bool, time.Duration) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	now := rl.now()
	rl.sweep(now)
	b := rl.buckets[ip]
	if b == nil {
		b = &bucket{tokens: rl.burst, last: now}
		rl.buckets[ip] = b
	}
	b.tokens = min(rl.burst, b.tokens+now.Sub(b.last).Seconds()*rl.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / rl.rate * float64(time.Second))
	return false, wait
}

// sweep forgets buckets that have refilled, so memory stays bounded by the
// clients of the last minute or so.
func (rl *rateLimiter) sweep(now time.Time) {
	if now.Sub(rl.swept) < time.Minute {
		return
	}
	rl.swept = now
	full := time.Duration(rl.burst / rl.rate * float64(time.Second))
	for ip, b := range rl.buckets {
		if now.Sub(b.last) > full {
			delete(rl.buckets, ip)
		}
	}
}

func (rl *rateLimiter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		ok, wait := rl.allow(ip)
		if !ok {
			secs := int(wait/time.Second) + 1
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			rl.h.fail(w, r, statusError(http.StatusTooManyRequests, "error.rate"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
