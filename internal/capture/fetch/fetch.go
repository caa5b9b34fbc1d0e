// Package fetch is Kamnotra's polite HTTP fetcher. It speaks HTTP/1.1
// itself over a connection it dials, so that it keeps the exact bytes it
// sent and received for the WARC archive, and so that the address it
// connects to is the address it checked (no DNS rebinding between check and
// connect).
package fetch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// ProjectURL is named in the User-Agent so that site operators can find out
// who is fetching their pages and why.
const ProjectURL = "https://github.com/kamnotra/kamnotra"

// UserAgent returns the User-Agent for version.
func UserAgent(version string) string {
	return "Kamnotra/" + version + " (+" + ProjectURL + "; public-record archiver)"
}

// Options configure a Fetcher. Zero values take the defaults noted.
type Options struct {
	UserAgent      string        // UserAgent("dev")
	ConnectTimeout time.Duration // 10s, for DNS, TCP and TLS
	ReadTimeout    time.Duration // 30s without a byte from the server
	TotalTimeout   time.Duration // 2m for one whole exchange
	MaxBodySize    int64         // 32 MiB; bigger bodies are cut and marked Truncated
	MaxRedirects   int           // 5
	// PerHostConcurrency bounds parallel requests to one host (1); PerHostDelay
	// spaces the starts of requests to one host (none when 0; the capture
	// command defaults to 1s).
	PerHostConcurrency int
	PerHostDelay       time.Duration
	// AllowPrivate permits loopback, private and link-local addresses.
	AllowPrivate bool
	// Retries after 429 or 503 within one Fetch (1; -1 for none), when the server's
	// Retry-After is at most MaxRetryWait (30s); longer waits are left to
	// the caller's back-off.
	Retries      int
	MaxRetryWait time.Duration
	// LookupIP resolves a host name; net.DefaultResolver when nil. Tests
	// use it to make a public-looking name resolve to a private address.
	LookupIP func(ctx context.Context, host string) ([]netip.Addr, error)
	// TLSConfig is cloned for every connection (tests add their CA).
	TLSConfig *tls.Config
}

func (o *Options) defaults() {
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("dev")
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = 30 * time.Second
	}
	if o.TotalTimeout <= 0 {
		o.TotalTimeout = 2 * time.Minute
	}
	if o.MaxBodySize <= 0 {
		o.MaxBodySize = 32 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.PerHostConcurrency <= 0 {
		o.PerHostConcurrency = 1
	}
	if o.PerHostDelay < 0 {
		o.PerHostDelay = 0
	}
	switch {
	case o.Retries == 0:
		o.Retries = 1
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.MaxRetryWait <= 0 {
		o.MaxRetryWait = 30 * time.Second
	}
	if o.LookupIP == nil {
		o.LookupIP = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
}

// Fetcher fetches URLs politely. It is safe for concurrent use.
type Fetcher struct {
	opts  Options
	hosts hostLimiter
	// checkAddr judges a resolved address; CheckAddr, except in tests that
	// need a loopback address to pass for a public one.
	checkAddr func(netip.Addr) error
}

// New returns a Fetcher.
func New(opts Options) *Fetcher {
	opts.defaults()
	return &Fetcher{opts: opts, hosts: hostLimiter{conc: opts.PerHostConcurrency, delay: opts.PerHostDelay}, checkAddr: CheckAddr}
}

// Request is what to fetch, with the validators of the last capture for a
// conditional GET.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Exchange is one HTTP request and its response as they went over the wire.
type Exchange struct {
	URL         string // the URL requested in this exchange
	IP          string // the address connected to
	Started     time.Time
	RawRequest  []byte // request line and headers as sent
	RawResponse []byte // status line, headers and body as received (body cut at the size limit)
	Status      int
	Header      http.Header
	// Body is the entity: transfer coding removed, content coding kept.
	Body      []byte
	Truncated bool // the body went on past MaxBodySize
}

// Response is the final exchange of a fetch with the redirects before it.
type Response struct {
	*Exchange
	Redirects  []*Exchange
	RetryAfter time.Duration // from a 429 or 503 answer, 0 otherwise
}

// Fetch fetches req.URL, following redirects. It returns a Response for
// every HTTP answer, whatever its status (304 included), and an error when
// no answer came: refused URL or address, DNS or connection failure,
// timeout, redirect loop or too many redirects.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Response, error) {
	u, err := CheckURL(req.URL, f.opts.AllowPrivate)
	if err != nil {
		return nil, err
	}
	resp := &Response{}
	seen := map[string]bool{}
	conditional := true
	for hop := 0; ; hop++ {
		seen[u.String()] = true
		var ex *Exchange
		for try := 0; ; try++ {
			r := req
			if !conditional {
				r.ETag, r.LastModified = "", ""
			}
			ex, err = f.exchange(ctx, u, r)
			if err != nil {
				return nil, err
			}
			if (ex.Status == http.StatusTooManyRequests || ex.Status == http.StatusServiceUnavailable) && try < f.opts.Retries {
				wait := RetryAfter(ex.Header, time.Now())
				if wait > 0 && wait <= f.opts.MaxRetryWait {
					t := time.NewTimer(wait)
					select {
					case <-ctx.Done():
						t.Stop()
						return nil, ctx.Err()
					case <-t.C:
					}
					continue
				}
			}
			break
		}
		if !isRedirect(ex.Status) {
			resp.Exchange = ex
			if ex.Status == http.StatusTooManyRequests || ex.Status == http.StatusServiceUnavailable {
				resp.RetryAfter = RetryAfter(ex.Header, time.Now())
			}
			return resp, nil
		}
		resp.Redirects = append(resp.Redirects, ex)
		loc := ex.Header.Get("Location")
		if loc == "" {
			resp.Exchange = resp.Redirects[len(resp.Redirects)-1]
			resp.Redirects = resp.Redirects[:len(resp.Redirects)-1]
			return resp, nil
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, record.Errorf(record.EInvalid, "redirect from %s to an unparseable Location %q", u, clipURL(loc))
		}
		next.Fragment = ""
		if hop+1 > f.opts.MaxRedirects {
			return nil, record.Errorf(record.EInvalid, "more than %d redirects from %s: giving up", f.opts.MaxRedirects, clipURL(req.URL))
		}
		if seen[next.String()] {
			return nil, record.Errorf(record.EInvalid, "redirect loop: %s leads back to %s", clipURL(u.String()), clipURL(next.String()))
		}
		if u, err = CheckURL(next.String(), f.opts.AllowPrivate); err != nil {
			return nil, fmt.Errorf("redirect from %s: %w", clipURL(ex.URL), err)
		}
		// Validators belong to the URL they were stored for.
		conditional = false
	}
}

func isRedirect(status int) bool {
	switch status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

const maxRetryAfter = 365 * 24 * 3600

// RetryAfter parses a Retry-After header (seconds or an HTTP date), 0 when
// absent or unparseable.
func RetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		// A year is longer than any server means; more would overflow.
		return time.Duration(min(n, maxRetryAfter)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter*time.Second)
	}
	return 0
}

// exchange makes one request on a fresh connection.
func (f *Fetcher) exchange(ctx context.Context, u *url.URL, req Request) (*Exchange, error) {
	release, err := f.hosts.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, err
	}
	defer release()

	ctx, cancel := context.WithTimeout(ctx, f.opts.TotalTimeout)
	defer cancel()
	ex := &Exchange{URL: u.String(), Started: time.Now().UTC()}
	conn, err := f.dial(ctx, u)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ex.IP = conn.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(ex.IP); err == nil {
		ex.IP = host
	}
	deadline, _ := ctx.Deadline()
	dc := &deadlineConn{Conn: conn, idle: f.opts.ReadTimeout, end: deadline}
	// Closing the connection is how a cancelled context interrupts a read.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, record.Wrap(record.EInvalid, err, "cannot make a request for %s", clipURL(u.String()))
	}
	hr.Header.Set("User-Agent", f.opts.UserAgent)
	hr.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.9,*/*;q=0.8")
	hr.Header.Set("Accept-Language", "km,en;q=0.8")
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	hr.Close = true
	var sent bytes.Buffer
	if err := hr.Write(&sent); err != nil {
		return nil, fmt.Errorf("write request to %s: %w", u.Host, err)
	}
	ex.RawRequest = sent.Bytes()
	if _, err := dc.Write(ex.RawRequest); err != nil {
		return nil, f.netErr(ctx, u, "send request", err)
	}

	var got bytes.Buffer
	br := bufio.NewReaderSize(io.TeeReader(dc, &got), 32<<10)
	resp, err := http.ReadResponse(br, hr)
	if err != nil {
		return nil, f.netErr(ctx, u, "read response header", err)
	}
	defer resp.Body.Close()
	ex.Status, ex.Header = resp.StatusCode, resp.Header
	if resp.TransferEncoding != nil {
		// Go moves Transfer-Encoding out of Header; keep it visible.
		ex.Header = ex.Header.Clone()
		ex.Header["Transfer-Encoding"] = resp.TransferEncoding
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBodySize+1))
	if err != nil {
		return nil, f.netErr(ctx, u, fmt.Sprintf("read body (after %d bytes)", len(body)), err)
	}
	if int64(len(body)) > f.opts.MaxBodySize {
		ex.Truncated = true
	}
	ex.Body = body
	// What the HTTP parser consumed is the response as received; read-ahead
	// past it is not part of it.
	ex.RawResponse = got.Bytes()[:got.Len()-br.Buffered()]
	return ex, nil
}

// netErr turns a transport error into one that says what happened.
func (f *Fetcher) netErr(ctx context.Context, u *url.URL, what string, err error) error {
	var ne net.Error
	dl, hasDL := ctx.Deadline()
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || (hasDL && !time.Now().Before(dl)):
		return fmt.Errorf("%s from %s: the exchange took longer than %s: %w", what, u.Host, f.opts.TotalTimeout, context.DeadlineExceeded)
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%s from %s: no data for %s (slow or stuck server): %w", what, u.Host, f.opts.ReadTimeout, err)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s from %s: the server closed the connection early (truncated response): %w", what, u.Host, err)
	}
	return fmt.Errorf("%s from %s: %w", what, u.Host, err)
}

// dial resolves u's host, connects to the first address that passes the
// guard and, for https, completes the TLS handshake.
func (f *Fetcher) dial(ctx context.Context, u *url.URL) (net.Conn, error) {
	dctx, cancel := context.WithTimeout(ctx, f.opts.ConnectTimeout)
	defer cancel()
	host := u.Hostname()
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else {
		addrs, err = f.opts.LookupIP(dctx, host)
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", host, err)
		}
		if len(addrs) == 0 {
			return nil, fmt.Errorf("look up %s: no addresses", host)
		}
	}
	d := net.Dialer{Control: f.control}
	var errs []error
	var conn net.Conn
	for _, ip := range addrs {
		c, err := d.DialContext(dctx, "tcp", net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			conn = c
			break
		}
		errs = append(errs, err)
	}
	if conn == nil {
		err := errors.Join(errs...)
		var re *RefusedError
		if errors.As(err, &re) {
			return nil, record.Wrap(record.EInvalid, &RefusedError{URL: u.String(), Reason: fmt.Sprintf("%s resolves to %s", host, re.Reason)}, "hostile or unfetchable URL")
		}
		if dctx.Err() != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("connect to %s: no connection within %s: %w", u.Host, f.opts.ConnectTimeout, err)
		}
		return nil, fmt.Errorf("connect to %s: %w", u.Host, err)
	}
	if u.Scheme != "https" {
		return conn, nil
	}
	cfg := &tls.Config{}
	if f.opts.TLSConfig != nil {
		cfg = f.opts.TLSConfig.Clone()
	}
	cfg.ServerName = host
	cfg.NextProtos = []string{"http/1.1"}
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(dctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("TLS handshake with %s: %w", u.Host, err)
	}
	return tc, nil
}

// control runs after DNS resolution, right before connect(2), on the very
// address being connected to.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	if f.opts.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &RefusedError{URL: address, Reason: "unparseable address " + address}
	}
	if err := f.checkAddr(ap.Addr()); err != nil {
		return &RefusedError{URL: address, Reason: err.Error()}
	}
	return nil
}

// deadlineConn sets a fresh deadline before every read and write: ReadTimeout
// of silence ends the exchange, and so does the overall deadline.
type deadlineConn struct {
	net.Conn
	idle time.Duration
	end  time.Time
}

func (c *deadlineConn) next() time.Time {
	d := time.Now().Add(c.idle)
	if !c.end.IsZero() && c.end.Before(d) {
		d = c.end
	}
	return d
}

func (c *deadlineConn) Read(p []byte) (int, error) {
	c.Conn.SetReadDeadline(c.next())
	return c.Conn.Read(p)
}

func (c *deadlineConn) Write(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(c.next())
	return c.Conn.Write(p)
}

// hostLimiter bounds concurrent requests per host and spaces their starts.
type hostLimiter struct {
	conc  int
	delay time.Duration
	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time
}

func (l *hostLimiter) acquire(ctx context.Context, host string) (func(), error) {
	l.mu.Lock()
	if l.hosts == nil {
		l.hosts = map[string]*hostSlot{}
	}
	s := l.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, l.conc)}
		l.hosts[host] = s
	}
	l.mu.Unlock()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	now := time.Now()
	wait := s.next.Sub(now)
	if wait < 0 {
		wait = 0
	}
	s.next = now.Add(wait + l.delay)
	s.mu.Unlock()
	if wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-s.sem
			return nil, ctx.Err()
		}
	}
	return func() { <-s.sem }, nil
}
