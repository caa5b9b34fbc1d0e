// Package warc writes and reads WARC/1.1 files (ISO 28500:2017) the way
// Kamnotra keeps its archive: every record in its own gzip member, so that a
// record can be located by (file, offset, length) and decompressed alone;
// a warcinfo record at the start of every file; files rotated by size.
//
// Digests are written as "sha256:" followed by the RFC 4648 base32 encoding
// (upper case, with padding) of the SHA-256 sum, as warcio and pywb do for
// every algorithm. The reader also accepts hex (base16) values, which some
// tools write for SHA-256.
package warc

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Record types used by Kamnotra.
const (
	TypeWarcinfo = "warcinfo"
	TypeRequest  = "request"
	TypeResponse = "response"
	TypeResource = "resource"
	TypeRevisit  = "revisit"
	TypeMetadata = "metadata"
)

// Content types of HTTP records.
const (
	ContentTypeHTTPRequest  = "application/http;msgtype=request"
	ContentTypeHTTPResponse = "application/http;msgtype=response"
)

// Field is one WARC named field.
type Field struct{ Name, Value string }

// Header is the ordered list of a record's named fields.
type Header []Field

// Get returns the value of the first field called name (case-insensitive).
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Set replaces the value of the field called name, or appends it.
func (h *Header) Set(name, value string) {
	for i, f := range *h {
		if strings.EqualFold(f.Name, name) {
			(*h)[i].Value = value
			return
		}
	}
	*h = append(*h, Field{name, value})
}

// Record is one WARC record with its whole block in memory: Kamnotra's
// captures are bounded by the fetcher's size limit, so streaming buys
// nothing and costs clarity.
type Record struct {
	Version string // "WARC/1.1" when empty
	Header  Header
	Block   []byte
}

// Type returns WARC-Type.
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// ID returns WARC-Record-ID, "<urn:uuid:…>".
func (r *Record) ID() string { return r.Header.Get("WARC-Record-ID") }

// TargetURI returns WARC-Target-URI.
func (r *Record) TargetURI() string { return r.Header.Get("WARC-Target-URI") }

// NewRecordID returns a fresh "<urn:uuid:…>" (random, version 4).
func NewRecordID() string {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		panic("warc: no randomness: " + err.Error()) // crypto/rand does not fail on Linux
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// FormatDate formats t as WARC-Date wants it: UTC, to the second when the
// fraction is zero, else to the microsecond (WARC/1.1 allows a fraction).
func FormatDate(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

var b32 = base32.StdEncoding

// Digest returns "sha256:BASE32" of b.
func Digest(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + b32.EncodeToString(s[:])
}

// Digests returns both forms of b's SHA-256, Digest's and DigestHex's,
// hashing b once.
func Digests(b []byte) (digest, hexSum string) {
	s := sha256.Sum256(b)
	return "sha256:" + b32.EncodeToString(s[:]), hex.EncodeToString(s[:])
}

// DigestHex returns the hex SHA-256 of b, the form the store keeps.
func DigestHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ParseDigest decodes a "sha256:…" value in base32 (with or without
// padding, any case) or hex, and returns the sum as lower-case hex. Other
// algorithms are reported as unsupported.
func ParseDigest(v string) (string, error) {
	alg, val, ok := strings.Cut(strings.TrimSpace(v), ":")
	if !ok {
		return "", fmt.Errorf("digest %q has no algorithm label", v)
	}
	if !strings.EqualFold(alg, "sha256") && !strings.EqualFold(alg, "sha-256") {
		return "", fmt.Errorf("digest algorithm %q is not supported (only sha256)", alg)
	}
	if len(val) == 64 {
		if b, err := hex.DecodeString(val); err == nil {
			return hex.EncodeToString(b), nil
		}
	}
	s := strings.ToUpper(strings.TrimRight(val, "="))
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	if err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("digest %q is neither base32 nor hex SHA-256", v)
	}
	return hex.EncodeToString(b), nil
}

// HTTPPayload returns the payload of an application/http block: the entity
// body with any chunked transfer coding removed (content codings such as
// gzip are kept, as WARC/1.1 §5.9 says). A block cut short (WARC-Truncated)
// yields what is there.
func HTTPPayload(block []byte, response bool) ([]byte, error) {
	br := bufio.NewReader(bytes.NewReader(block))
	var body io.ReadCloser
	if response {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			return nil, fmt.Errorf("parse HTTP response in block: %w", err)
		}
		body = resp.Body
	} else {
		req, err := http.ReadRequest(br)
		if err != nil {
			return nil, fmt.Errorf("parse HTTP request in block: %w", err)
		}
		body = req.Body
	}
	defer body.Close()
	// A truncated body ends early (unexpected EOF, a malformed last chunk):
	// the payload is what came, so the error is not interesting here.
	p, _ := io.ReadAll(body)
	return p, nil
}

// Payload returns the record's payload: the HTTP entity for request and
// response records with an application/http block, the whole block for
// every other record.
func (r *Record) Payload() ([]byte, error) {
	ct := strings.ToLower(strings.ReplaceAll(r.Header.Get("Content-Type"), " ", ""))
	if strings.HasPrefix(ct, "application/http") {
		switch r.Type() {
		case TypeResponse:
			return HTTPPayload(r.Block, true)
		case TypeRequest:
			return HTTPPayload(r.Block, false)
		}
	}
	return r.Block, nil
}

// CheckDigests recomputes WARC-Block-Digest and WARC-Payload-Digest when
// present and returns an error naming the first that does not match.
func (r *Record) CheckDigests() error {
	if v := r.Header.Get("WARC-Block-Digest"); v != "" {
		want, err := ParseDigest(v)
		if err != nil {
			return fmt.Errorf("WARC-Block-Digest: %w", err)
		}
		if got := DigestHex(r.Block); got != want {
			return fmt.Errorf("block digest mismatch: header says %s, block hashes to sha256 %s", v, got)
		}
	}
	if v := r.Header.Get("WARC-Payload-Digest"); v != "" && r.Type() != TypeRevisit {
		want, err := ParseDigest(v)
		if err != nil {
			return fmt.Errorf("WARC-Payload-Digest: %w", err)
		}
		p, err := r.Payload()
		if err != nil {
			return err
		}
		if got := DigestHex(p); got != want {
			return fmt.Errorf("payload digest mismatch: header says %s, payload hashes to sha256 %s", v, got)
		}
	}
	return nil
}

// marshal writes the record in WARC syntax, setting Content-Length from the
// block.
func (r *Record) marshal(w io.Writer) error {
	var b bytes.Buffer
	v := r.Version
	if v == "" {
		v = "WARC/1.1"
	}
	b.WriteString(v)
	b.WriteString("\r\n")
	for _, f := range r.Header {
		if strings.EqualFold(f.Name, "Content-Length") {
			continue
		}
		if strings.ContainsAny(f.Name, "\r\n:") || strings.ContainsAny(f.Value, "\r\n") {
			return fmt.Errorf("warc: field %q has a line break or colon in it", f.Name)
		}
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Value)
		b.WriteString("\r\n")
	}
	b.WriteString("Content-Length: ")
	b.WriteString(strconv.Itoa(len(r.Block)))
	b.WriteString("\r\n\r\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return err
	}
	if _, err := w.Write(r.Block); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\r\n\r\n")
	return err
}

// Fields makes a Header from name, value pairs.
func Fields(kv ...string) Header {
	if len(kv)%2 != 0 {
		panic("warc.Fields: odd number of arguments")
	}
	h := make(Header, 0, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		h = append(h, Field{Name: kv[i], Value: kv[i+1]})
	}
	return h
}
