package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func httpResponse(body string, chunked bool) []byte {
	if chunked {
		var b strings.Builder
		b.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n")
		for len(body) > 0 {
			n := min(7, len(body))
			b.WriteString(strings.ToUpper(strconvHex(n)) + "\r\n" + body[:n] + "\r\n")
			body = body[n:]
		}
		b.WriteString("0\r\n\r\n")
		return []byte(b.String())
	}
	return []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + itoa(len(body)) + "\r\n\r\n" + body)
}

func strconvHex(n int) string { return strings.ToLower(string("0123456789abcdef"[n])) }
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

func responseRecord(uri, body string, chunked bool) *Record {
	block := httpResponse(body, chunked)
	p, _ := HTTPPayload(block, true)
	return &Record{Header: Header{
		{"WARC-Type", TypeResponse},
		{"WARC-Target-URI", uri},
		{"Content-Type", ContentTypeHTTPResponse},
		{"WARC-Payload-Digest", Digest(p)},
	}, Block: block}
}

func readAll(t *testing.T, path string) ([]*Located, []*CorruptError) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	r := NewReader(f, st.Size())
	var recs []*Located
	var bad []*CorruptError
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		var ce *CorruptError
		if errors.As(err, &ce) {
			bad = append(bad, ce)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	return recs, bad
}

func files(t testing.TB, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	return m
}

func TestWriteRead(t *testing.T) {
	dir := t.TempDir()
	w, err := NewWriter(dir, WriterOptions{Software: "Kamnotra/test"})
	if err != nil {
		t.Fatal(err)
	}
	bodies := []struct {
		body    string
		chunked bool
	}{
		{"<html><title>សួស្តី</title><p>ព័ត៌មាន</p></html>", false},
		{"<html><p>chunked body that spans several chunks</p></html>", true},
		{"", false},
	}
	var refs []Ref
	for i, b := range bodies {
		rs, err := w.Write(responseRecord("https://example.com/"+itoa(i), b.body, b.chunked))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, rs...)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	fs := files(t, dir)
	if len(fs) != 1 {
		t.Fatalf("want 1 file, got %v", fs)
	}
	recs, bad := readAll(t, fs[0])
	if len(bad) != 0 {
		t.Fatalf("corruption in a fresh file: %v", bad[0])
	}
	if len(recs) != 1+len(bodies) || recs[0].Type() != TypeWarcinfo {
		t.Fatalf("want warcinfo + %d records, got %d (first %q)", len(bodies), len(recs), recs[0].Type())
	}
	for i, b := range bodies {
		rec := recs[i+1]
		if rec.Offset != refs[i].Offset || rec.Length != refs[i].Length || rec.ID() != refs[i].RecordID {
			t.Errorf("record %d at %d+%d %s, ref says %+v", i, rec.Offset, rec.Length, rec.ID(), refs[i])
		}
		if err := rec.CheckDigests(); err != nil {
			t.Errorf("record %d: %v", i, err)
		}
		p, err := rec.Payload()
		if err != nil || string(p) != b.body {
			t.Errorf("record %d payload %q, %v; want %q", i, p, err, b.body)
		}
		if rec.Header.Get("WARC-Date") == "" || !strings.HasPrefix(rec.ID(), "<urn:uuid:") {
			t.Errorf("record %d lacks date or id: %v", i, rec.Header)
		}
		// Each record is a gzip member of its own: decompressing just its
		// bytes gives one whole record.
		f, _ := os.Open(fs[0])
		one := make([]byte, rec.Length)
		f.ReadAt(one, rec.Offset)
		f.Close()
		zr, err := gzip.NewReader(bytes.NewReader(one))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !bytes.HasPrefix(plain, []byte("WARC/1.1\r\n")) || !bytes.HasSuffix(plain, []byte("\r\n\r\n")) {
			t.Errorf("record %d member is not one record: %q %v", i, clip(string(plain)), err)
		}
	}
	if gz, err := exec.LookPath("gzip"); err == nil {
		if out, err := exec.Command(gz, "-t", fs[0]).CombinedOutput(); err != nil {
			t.Errorf("gzip -t rejects the file: %v %s", err, out)
		}
	}
}

func TestDigestTampering(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *Record)
		want   string
	}{
		{"intact", func(r *Record) {}, ""},
		{"block changed", func(r *Record) { r.Block[len(r.Block)-1] ^= 1 }, "block digest"},
		{"payload digest wrong", func(r *Record) {
			r.Header.Set("WARC-Payload-Digest", Digest([]byte("other")))
		}, "payload digest"},
		{"hex digest accepted", func(r *Record) {
			p, _ := r.Payload()
			r.Header.Set("WARC-Payload-Digest", "sha256:"+DigestHex(p))
		}, ""},
		{"unknown algorithm", func(r *Record) { r.Header.Set("WARC-Block-Digest", "md5:abc") }, "not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := responseRecord("https://example.com/", "<p>text</p>", false)
			r.Header.Set("WARC-Block-Digest", Digest(r.Block))
			tt.mutate(r)
			err := r.CheckDigests()
			if tt.want == "" && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("want error with %q, got %v", tt.want, err)
			}
		})
	}
}

func TestParseDigest(t *testing.T) {
	sum := DigestHex([]byte("abc"))
	b := Digest([]byte("abc"))
	tests := []struct {
		in, want string
		ok       bool
	}{
		{b, sum, true},
		{strings.TrimRight(b, "="), sum, true},
		{strings.ToLower(b), sum, true},
		{"sha256:" + sum, sum, true},
		{"SHA-256:" + strings.ToUpper(sum), sum, true},
		{"sha1:AAAA", "", false},
		{"sha256:", "", false},
		{"nolabel", "", false},
		{"sha256:" + sum[:10], "", false},
	}
	for _, tt := range tests {
		got, err := ParseDigest(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDigest(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRotation(t *testing.T) {
	dir := t.TempDir()
	w, _ := NewWriter(dir, WriterOptions{MaxFileSize: 600})
	var refs []Ref
	for i := range 10 {
		rs, err := w.Write(responseRecord("https://example.com/"+itoa(i), strings.Repeat("x", 300+i), false))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, rs...)
	}
	w.Close()
	fs := files(t, dir)
	if len(fs) < 3 {
		t.Fatalf("600-byte limit should rotate into several files, got %d", len(fs))
	}
	seen := map[string]bool{}
	for _, f := range fs {
		recs, bad := readAll(t, f)
		if len(bad) > 0 || recs[0].Type() != TypeWarcinfo {
			t.Fatalf("%s: bad %v or no warcinfo first", f, bad)
		}
		if recs[0].Header.Get("WARC-Filename") != filepath.Base(f) {
			t.Errorf("warcinfo names %q, file is %q", recs[0].Header.Get("WARC-Filename"), filepath.Base(f))
		}
		for _, r := range recs[1:] {
			seen[filepath.Base(f)+"|"+r.ID()] = true
		}
	}
	for _, r := range refs {
		if !seen[r.File+"|"+r.RecordID] {
			t.Errorf("ref %+v not found in its file", r)
		}
	}
}

// writeThree writes three records and returns the file and their refs.
func writeThree(t *testing.T) (string, []Ref) {
	dir := t.TempDir()
	w, _ := NewWriter(dir, WriterOptions{})
	var refs []Ref
	for i := range 3 {
		rs, err := w.Write(responseRecord("https://example.com/"+itoa(i), "<p>body "+itoa(i)+"</p>", false))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, rs...)
	}
	w.Close()
	return files(t, dir)[0], refs
}

func TestCorruptionResync(t *testing.T) {
	tests := []struct {
		name     string
		damage   func(b []byte, refs []Ref) []byte
		wantRecs int // readable records after warcinfo
		wantBad  int64
		tail     bool
	}{
		{"torn tail", func(b []byte, refs []Ref) []byte { return b[:refs[2].Offset+refs[2].Length/2] }, 2, 2, true},
		{"flipped byte in the middle record", func(b []byte, refs []Ref) []byte {
			b[refs[1].Offset+refs[1].Length/2] ^= 0xff
			return b
		}, 2, 1, false},
		{"garbage between records", func(b []byte, refs []Ref) []byte {
			out := append([]byte{}, b[:refs[1].Offset]...)
			out = append(out, []byte("garbage from a bad disk")...)
			return append(out, b[refs[1].Offset:]...)
		}, 3, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, refs := writeThree(t)
			b, _ := os.ReadFile(path)
			os.WriteFile(path, tt.damage(b, refs), 0o644)
			recs, bad := readAll(t, path)
			if len(recs)-1 != tt.wantRecs {
				t.Errorf("read %d records after warcinfo, want %d", len(recs)-1, tt.wantRecs)
			}
			if len(bad) != 1 {
				t.Fatalf("want one corruption report, got %v", bad)
			}
			if bad[0].Offset != refs[tt.wantBad].Offset || bad[0].Tail != tt.tail {
				t.Errorf("corruption at %d tail=%v, want at %d tail=%v (%v)", bad[0].Offset, bad[0].Tail, refs[tt.wantBad].Offset, tt.tail, bad[0])
			}
		})
	}
}

func TestWriteFailureTruncates(t *testing.T) {
	dir := t.TempDir()
	w, _ := NewWriter(dir, WriterOptions{})
	if _, err := w.Write(responseRecord("https://example.com/a", "<p>a</p>", false)); err != nil {
		t.Fatal(err)
	}
	good := w.size
	// A field with a line break cannot be written: the call fails before
	// touching the file.
	bad := responseRecord("https://example.com/b", "<p>b</p>", false)
	bad.Header.Set("X-Bad", "line\r\nbreak")
	if _, err := w.Write(bad); err == nil {
		t.Fatal("want an error for a field with a line break")
	}
	// A write to a closed file fails: the writer truncates back.
	w.f.Close()
	ro, _ := os.OpenFile(filepath.Join(dir, w.name), os.O_RDWR, 0)
	w.f = &FullDisk{File: ro, Budget: 10}
	if _, err := w.Write(responseRecord("https://example.com/c", "<p>c</p>", false)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want a disk-full error, got %v", err)
	}
	ro.Close()
	st, _ := os.Stat(filepath.Join(dir, w.name))
	if st.Size() != good {
		t.Fatalf("file is %d bytes after a failed write, want %d", st.Size(), good)
	}
	recs, badRecs := readAll(t, filepath.Join(dir, w.name))
	if len(badRecs) != 0 || len(recs) != 2 {
		t.Fatalf("after failed writes: %d records, %v", len(recs), badRecs)
	}
}

func TestFormatDate(t *testing.T) {
	tm := time.Date(2026, 2, 3, 4, 5, 6, 0, time.FixedZone("ICT", 7*3600))
	if got := FormatDate(tm); got != "2026-02-02T21:05:06Z" {
		t.Errorf("FormatDate = %s", got)
	}
	if got := FormatDate(tm.Add(1500 * time.Microsecond)); got != "2026-02-02T21:05:06.001500Z" {
		t.Errorf("FormatDate with fraction = %s", got)
	}
}
