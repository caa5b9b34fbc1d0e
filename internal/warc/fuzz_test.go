package warc

import (
	"bytes"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader: it must never panic,
// must always make progress, and every record it returns must lie inside
// the input and read back the same by ReadAt.
func FuzzReader(f *testing.F) {
	dir := f.TempDir()
	w, _ := NewWriter(dir, WriterOptions{})
	w.Write(responseRecord("https://example.com/", "<p>seed</p>", true))
	w.Close()
	for _, p := range files(f, dir) {
		b, _ := os.ReadFile(p)
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte("WARC/1.1\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: resource\r\n continued\r\nContent-Length: 0\r\n\r\n\r\n\r\nWARC/1.1\r\n"))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), int64(len(data)))
		r.MaxRecordSize = 1 << 20
		last := int64(-1)
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatal("reader does not make progress")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var ce *CorruptError
			if errors.As(err, &ce) {
				if ce.Offset <= last || ce.Next <= ce.Offset {
					t.Fatalf("corruption report goes backwards: %+v after %d", ce, last)
				}
				last = ce.Offset
				continue
			}
			if err != nil {
				t.Fatalf("Next returned %v, neither a record, a CorruptError nor EOF", err)
			}
			if rec.Offset <= last || rec.Length <= 0 || rec.Offset+rec.Length > int64(len(data)) {
				t.Fatalf("record at %d+%d outside input of %d (last %d)", rec.Offset, rec.Length, len(data), last)
			}
			last = rec.Offset
			again, err := ReadAt(bytes.NewReader(data), int64(len(data)), rec.Offset)
			if err != nil || again.ID() != rec.ID() || !bytes.Equal(again.Block, rec.Block) {
				t.Fatalf("ReadAt(%d) disagrees with Next: %v", rec.Offset, err)
			}
			rec.CheckDigests()
			rec.Payload()
		}
	})
}

// FuzzParseDigest: whatever ParseDigest accepts is a 64-digit lower-case
// hex SHA-256, and the base32 form of it parses back to the same.
func FuzzParseDigest(f *testing.F) {
	for _, s := range []string{Digest([]byte("x")), "sha256:" + DigestHex(nil), "sha1:ABC", "sha256:", "SHA-256:zz", ":"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseDigest(s)
		if err != nil {
			return
		}
		if len(h) != 64 || strings.ToLower(h) != h {
			t.Fatalf("ParseDigest(%q) = %q", s, h)
		}
		raw, _ := hex.DecodeString(h)
		if again, err := ParseDigest("sha256:" + base32.StdEncoding.EncodeToString(raw)); err != nil || again != h {
			t.Fatalf("round trip of %q: %q %v", h, again, err)
		}
	})
}

// FuzzHTTPPayload: any block yields a payload no longer than the block
// (chunk framing and headers only ever shrink it) and never panics.
func FuzzHTTPPayload(f *testing.F) {
	f.Add(httpResponse("<p>body</p>", false), true)
	f.Add(httpResponse("<p>chunked body</p>", true), true)
	f.Add([]byte("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"), false)
	f.Add([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nab"), true)
	f.Fuzz(func(t *testing.T, block []byte, response bool) {
		p, err := HTTPPayload(block, response)
		if err == nil && len(p) > len(block) {
			t.Fatalf("payload of %d bytes from a %d-byte block", len(p), len(block))
		}
	})
}
