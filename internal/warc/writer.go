package warc

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// DefaultMaxFileSize is the size after which the writer starts a new file.
const DefaultMaxFileSize = 1 << 30

// Ref locates one record: the file (its base name, relative to the archive
// directory), the offset of its gzip member and the member's length.
type Ref struct {
	File     string
	Offset   int64
	Length   int64
	RecordID string
}

// WriterOptions configure a Writer.
type WriterOptions struct {
	MaxFileSize int64  // rotate after this many bytes; DefaultMaxFileSize when 0
	Prefix      string // file name prefix; "kamnotra" when empty
	Software    string // warcinfo "software" field
	// Info holds further warcinfo fields (operator, description…).
	Info []Field
	// Now returns the current time; tests fix it. time.Now when nil.
	Now func() time.Time
	// Create makes a new archive file; nil creates it with os.OpenFile.
	// Tests use it to simulate a full disk.
	Create func(path string) (File, error)
}

// File is what a Writer needs of an archive file; *os.File is one.
type File interface {
	io.WriteSeeker
	Truncate(size int64) error
	Sync() error
	Close() error
}

// Writer appends gzip-per-record WARC files to a directory. It is safe for
// concurrent use; records are written in the order Write is called.
//
// A Writer never appends to a file it did not create: every Writer starts a
// new file, so a torn last record left by a killed process in an older file
// is never built upon (verify reports it as a warning). Write does not
// fsync; call Sync before anything refers to the records returned.
type Writer struct {
	dir  string
	opts WriterOptions

	mu     sync.Mutex
	f      File
	name   string
	size   int64
	serial int
	run    string
	buf    bytes.Buffer
	err    error // sticky: set when a failed write could not be undone
}

// NewWriter returns a writer into dir, creating it if needed. The first file
// is created with the first record.
func NewWriter(dir string, opts WriterOptions) (*Writer, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Prefix == "" {
		opts.Prefix = "kamnotra"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Create == nil {
		opts.Create = func(path string) (File, error) {
			return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create archive directory: %w", err)
	}
	var r [3]byte
	rand.Read(r[:])
	w := &Writer{dir: dir, opts: opts, run: hex.EncodeToString(r[:])}
	return w, nil
}

// Dir returns the archive directory.
func (w *Writer) Dir() string { return w.dir }

// Member is one record compressed as a gzip member, ready to append.
type Member struct {
	RecordID string
	Data     []byte
}

var gzPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
	return zw
}}

// Encode fills in a missing WARC-Record-ID, WARC-Date (now) and
// WARC-Block-Digest and compresses rec as one gzip member. It is safe to
// call from many goroutines, which is how a capture spreads the cost of
// compression over its workers while one writer appends.
func Encode(rec *Record) (Member, error) {
	if rec.ID() == "" {
		rec.Header.Set("WARC-Record-ID", NewRecordID())
	}
	if rec.Header.Get("WARC-Date") == "" {
		rec.Header.Set("WARC-Date", FormatDate(time.Now()))
	}
	if rec.Header.Get("WARC-Block-Digest") == "" {
		rec.Header.Set("WARC-Block-Digest", Digest(rec.Block))
	}
	var buf bytes.Buffer
	buf.Grow(len(rec.Block)/2 + 512)
	zw := gzPool.Get().(*gzip.Writer)
	defer gzPool.Put(zw)
	zw.Reset(&buf)
	if err := rec.marshal(zw); err != nil {
		return Member{}, err
	}
	if err := zw.Close(); err != nil {
		return Member{}, err
	}
	return Member{RecordID: rec.ID(), Data: buf.Bytes()}, nil
}

// Write encodes and appends the records (see Encode and WriteMembers).
func (w *Writer) Write(recs ...*Record) ([]Ref, error) {
	ms := make([]Member, len(recs))
	for i, rec := range recs {
		if rec.Header.Get("WARC-Date") == "" {
			rec.Header.Set("WARC-Date", FormatDate(w.opts.Now()))
		}
		m, err := Encode(rec)
		if err != nil {
			return nil, err
		}
		ms[i] = m
	}
	return w.WriteMembers(ms...)
}

// WriteMembers appends encoded records and returns where each landed. All
// the members of one call go to the same file, contiguously; if the write
// fails the file is truncated back to where it was, so a failed write
// leaves no partial record behind.
func (w *Writer) WriteMembers(ms ...Member) ([]Ref, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return nil, w.err
	}
	if w.f == nil || w.size >= w.opts.MaxFileSize {
		if err := w.rotate(); err != nil {
			return nil, err
		}
	}
	w.buf.Reset()
	refs := make([]Ref, len(ms))
	for i, m := range ms {
		refs[i] = Ref{File: w.name, Offset: w.size + int64(w.buf.Len()), Length: int64(len(m.Data)), RecordID: m.RecordID}
		w.buf.Write(m.Data)
	}
	if err := w.append(w.buf.Bytes()); err != nil {
		return nil, err
	}
	return refs, nil
}

// append writes b at the end of the current file; on failure it truncates
// the file back so no torn record stays.
func (w *Writer) append(b []byte) error {
	n, err := w.f.Write(b)
	if err == nil {
		w.size += int64(n)
		return nil
	}
	werr := fmt.Errorf("write archive file %s: %w (is the disk full?)", w.name, err)
	if terr := w.f.Truncate(w.size); terr != nil {
		w.err = errors.Join(werr, fmt.Errorf("and could not truncate it back to %d bytes: %w", w.size, terr))
		return w.err
	}
	if _, serr := w.f.Seek(w.size, 0); serr != nil {
		w.err = errors.Join(werr, serr)
		return w.err
	}
	return werr
}

// rotate closes the current file and starts the next one with a warcinfo
// record.
func (w *Writer) rotate() error {
	if w.f != nil {
		if err := w.closeFile(); err != nil {
			return err
		}
	}
	w.serial++
	now := w.opts.Now().UTC()
	name := fmt.Sprintf("%s-%s-%s-%05d.warc.gz", w.opts.Prefix, now.Format("20060102150405"), w.run, w.serial)
	f, err := w.opts.Create(filepath.Join(w.dir, name))
	if err != nil {
		return fmt.Errorf("create archive file: %w", err)
	}
	w.f, w.name, w.size = f, name, 0
	var info bytes.Buffer
	fmt.Fprintf(&info, "software: %s\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n", w.opts.Software)
	for _, f := range w.opts.Info {
		fmt.Fprintf(&info, "%s: %s\r\n", f.Name, f.Value)
	}
	rec := &Record{Header: Header{
		{"WARC-Type", TypeWarcinfo},
		{"WARC-Record-ID", NewRecordID()},
		{"WARC-Date", FormatDate(now)},
		{"WARC-Filename", name},
		{"Content-Type", "application/warc-fields"},
	}, Block: info.Bytes()}
	rec.Header.Set("WARC-Block-Digest", Digest(rec.Block))
	m, err := Encode(rec)
	if err != nil {
		return err
	}
	if err := w.append(m.Data); err != nil {
		return err
	}
	// Make the new name durable, so a synced record is never in a file
	// that a crash makes disappear.
	if d, err := os.Open(w.dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Sync flushes the current file to stable storage.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("sync archive file %s: %w", w.name, err)
	}
	return nil
}

func (w *Writer) closeFile() error {
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.f = nil
	if err != nil {
		return fmt.Errorf("close archive file %s: %w", w.name, err)
	}
	return nil
}

// Close syncs and closes the current file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	return w.closeFile()
}
