package warc

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// TestReadableByGowarc reads what Writer writes with an independent WARC
// library in its strictest mode: every record must parse without a
// finding, and its digests must check out.
func TestReadableByGowarc(t *testing.T) {
	dir := t.TempDir()
	w, err := NewWriter(dir, WriterOptions{Software: "Kamnotra/test", Info: Fields("description", "interop test")})
	if err != nil {
		t.Fatal(err)
	}
	resp := responseRecord("https://example.com/km/1", "<html><title>ព័ត៌មាន</title></html>", false)
	req := &Record{Header: Fields(
		"WARC-Type", TypeRequest,
		"WARC-Target-URI", "https://example.com/km/1",
		"Content-Type", ContentTypeHTTPRequest,
	), Block: []byte("GET /km/1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Kamnotra/test\r\n\r\n")}
	truncated := responseRecord("https://example.com/big", strings.Repeat("ក", 500), false)
	truncated.Block = truncated.Block[:len(truncated.Block)-100]
	p, _ := HTTPPayload(truncated.Block, true)
	truncated.Header.Set("WARC-Payload-Digest", Digest(p))
	truncated.Header.Set("WARC-Truncated", "length")
	resource := &Record{Header: Fields(
		"WARC-Type", TypeResource,
		"WARC-Target-URI", "file:///srv/sources/statement.txt",
		"Content-Type", "text/plain",
		"WARC-Payload-Digest", Digest([]byte("Statement of the party.\n")),
	), Block: []byte("Statement of the party.\n")}
	// A chunked response is left out: WARC/1.1 §6.3.2 defines the payload
	// with the transfer coding removed, which is what this package digests
	// (as Heritrix and wget-lua now do), while gowarc v3.1.0 digests the
	// chunked bytes and so reports a mismatch. TestWriteRead covers it.
	for _, recs := range [][]*Record{{resp, req}, {truncated}, {resource}} {
		if _, err := w.Write(recs...); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()

	f, err := gowarc.NewWarcFileReader(files(t, dir)[0], 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	types := map[string]int{}
	for {
		rec, err := f.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("gowarc cannot read the file: %v", err)
		}
		types[rec.WarcRecord.Type().String()]++
		for _, v := range rec.Validation {
			t.Errorf("gowarc finding at offset %d: %v", rec.Offset, v)
		}
		if v, err := rec.WarcRecord.ValidateDigest(); err != nil || len(v) > 0 {
			t.Errorf("gowarc digest check at offset %d: %v %v", rec.Offset, err, v)
		}
		rec.Close()
	}
	want := map[string]int{"warcinfo": 1, "response": 2, "request": 1, "resource": 1}
	for k, n := range want {
		if types[k] != n {
			t.Errorf("gowarc read %d %s records, want %d (all: %v)", types[k], k, n, types)
		}
	}
}

// TestReadsGowarcFiles reads a file another writer made.
func TestReadsGowarcFiles(t *testing.T) {
	dir := t.TempDir()
	gw := gowarc.NewWarcFileWriter(gowarc.WithCompression(true),
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: "other-"}))
	var want []string
	for _, body := range []string{"first resource", "ទីពីរ"} {
		rb := gowarc.NewRecordBuilder(gowarc.Resource, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingRecordId(true))
		rb.AddWarcHeader(gowarc.WarcTargetURI, "file:///x/"+body)
		rb.AddWarcHeader(gowarc.ContentType, "text/plain")
		rb.AddWarcHeaderTime(gowarc.WarcDate, timeFixed())
		rb.WriteString(body)
		rec, _, err := rb.Build()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range gw.Write(rec) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
		want = append(want, body)
	}
	if err := gw.Close(); err != nil {
		t.Fatal(err)
	}
	m, _ := filepath.Glob(filepath.Join(dir, "other-*"))
	if len(m) != 1 {
		t.Fatalf("gowarc files: %v", m)
	}
	fh, _ := os.Open(m[0])
	defer fh.Close()
	st, _ := fh.Stat()
	r := NewReader(fh, st.Size())
	var got []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("cannot read gowarc's file: %v", err)
		}
		if err := rec.CheckDigests(); err != nil {
			t.Errorf("record %s: %v", rec.ID(), err)
		}
		if rec.Type() == TypeResource {
			got = append(got, string(rec.Block))
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("read %q, want %q", got, want)
	}
}

func timeFixed() time.Time { return time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC) }
