package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DefaultMaxRecordSize bounds the block a Reader accepts, so a corrupt
// Content-Length cannot make it read gigabytes into memory.
const DefaultMaxRecordSize = 1 << 30

const maxHeaderBytes = 256 << 10

// CorruptError reports bytes at Offset that are not a readable record. Next
// is where the reader found the next readable record (the file size when
// none follows); Tail is true when nothing readable follows, as after a
// process was killed in the middle of a write.
type CorruptError struct {
	Offset int64
	Next   int64
	Tail   bool
	Err    error
}

func (e *CorruptError) Error() string {
	if e.Tail {
		return fmt.Sprintf("unreadable bytes from offset %d to the end of the file (%d bytes; a torn last write?): %v", e.Offset, e.Next-e.Offset, e.Err)
	}
	return fmt.Sprintf("corrupt record at offset %d (next readable record at %d): %v", e.Offset, e.Next, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Located is a record read from a file with where it was found.
type Located struct {
	*Record
	Offset int64 // of its gzip member (or of "WARC/" for an uncompressed record)
	Length int64 // bytes it occupies in the file
}

// Reader reads the records of one WARC file in order, gzip-per-record or
// uncompressed. After a corrupt record Next returns a *CorruptError and
// then carries on with the next readable record.
type Reader struct {
	ra            io.ReaderAt
	size          int64
	off           int64
	MaxRecordSize int64
}

// NewReader reads the size bytes of ra.
func NewReader(ra io.ReaderAt, size int64) *Reader {
	return &Reader{ra: ra, size: size, MaxRecordSize: DefaultMaxRecordSize}
}

// Next returns the next record, a *CorruptError for unreadable bytes (call
// Next again to go on), or io.EOF at the end.
func (r *Reader) Next() (*Located, error) {
	if r.off >= r.size {
		return nil, io.EOF
	}
	rec, n, err := readAt(r.ra, r.size, r.off, r.MaxRecordSize)
	if err == nil {
		loc := &Located{Record: rec, Offset: r.off, Length: n}
		r.off += n
		return loc, nil
	}
	bad := r.off
	r.off = r.resync(bad + 1)
	return nil, &CorruptError{Offset: bad, Next: r.off, Tail: r.off >= r.size, Err: err}
}

// resync returns the offset of the first readable record at or after from,
// or the file size.
func (r *Reader) resync(from int64) int64 {
	const chunk = 64 << 10
	buf := make([]byte, chunk+8)
	for pos := from; pos < r.size; pos += chunk {
		n, _ := r.ra.ReadAt(buf, pos)
		b := buf[:n]
		for i := 0; i < len(b) && pos+int64(i) < r.size && i < chunk; i++ {
			if !startsRecord(b[i:]) {
				continue
			}
			if _, _, err := readAt(r.ra, r.size, pos+int64(i), r.MaxRecordSize); err == nil {
				return pos + int64(i)
			}
		}
	}
	return r.size
}

func startsRecord(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0x1f, 0x8b, 0x08}) || bytes.HasPrefix(b, []byte("WARC/1."))
}

// ReadAt reads the one record that starts at off.
func ReadAt(ra io.ReaderAt, size, off int64) (*Located, error) {
	rec, n, err := readAt(ra, size, off, DefaultMaxRecordSize)
	if err != nil {
		return nil, &CorruptError{Offset: off, Next: -1, Err: err}
	}
	return &Located{Record: rec, Offset: off, Length: n}, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readAt parses the record at off and returns it with the number of bytes
// it occupies.
func readAt(ra io.ReaderAt, size, off, maxBlock int64) (*Record, int64, error) {
	if off < 0 || off >= size {
		return nil, 0, fmt.Errorf("offset %d is outside the file (%d bytes)", off, size)
	}
	cr := &countingReader{r: io.NewSectionReader(ra, off, size-off)}
	br := bufio.NewReaderSize(cr, 64<<10)
	magic, err := br.Peek(2)
	if err != nil {
		return nil, 0, fmt.Errorf("read record start: %w", unexpected(err))
	}
	var rec *Record
	if magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, 0, fmt.Errorf("gzip member header: %w", unexpected(err))
		}
		zr.Multistream(false)
		in := bufio.NewReaderSize(zr, 64<<10)
		rec, err = parseRecord(in, maxBlock)
		if err != nil {
			return nil, 0, err
		}
		// Reading to the member's end checks its CRC and length.
		extra, err := io.Copy(io.Discard, in)
		if err != nil {
			return nil, 0, fmt.Errorf("gzip member of record %s: %w", rec.ID(), unexpected(err))
		}
		if extra != 0 {
			return nil, 0, fmt.Errorf("gzip member of record %s holds %d more bytes after the record: one record per member is expected", rec.ID(), extra)
		}
	} else {
		rec, err = parseRecord(br, maxBlock)
		if err != nil {
			return nil, 0, err
		}
	}
	return rec, cr.n - int64(br.Buffered()), nil
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// parseRecord reads the version line, the named fields, the block and the
// two CRLFs that end a record.
func parseRecord(br *bufio.Reader, maxBlock int64) (*Record, error) {
	total := 0
	line := func() (string, error) {
		l, err := br.ReadSlice('\n')
		total += len(l)
		if err == bufio.ErrBufferFull || total > maxHeaderBytes {
			return "", errors.New("record header is too long")
		}
		if err != nil {
			return "", fmt.Errorf("record header: %w", unexpected(err))
		}
		return strings.TrimRight(string(l), "\r\n"), nil
	}
	v, err := line()
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(v, "WARC/1.") {
		return nil, fmt.Errorf("record does not start with a WARC version line (found %q)", clip(v))
	}
	rec := &Record{Version: v}
	for {
		l, err := line()
		if err != nil {
			return nil, err
		}
		if l == "" {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && len(rec.Header) > 0 {
			rec.Header[len(rec.Header)-1].Value += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("malformed record header line %q", clip(l))
		}
		rec.Header = append(rec.Header, Field{name, strings.TrimSpace(value)})
	}
	cl := rec.Header.Get("Content-Length")
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("record %s has no valid Content-Length (%q)", rec.ID(), clip(cl))
	}
	if n > maxBlock {
		return nil, fmt.Errorf("record %s claims a %d-byte block, more than the %d-byte limit", rec.ID(), n, maxBlock)
	}
	// Grow as bytes arrive rather than trusting Content-Length to allocate.
	var block bytes.Buffer
	got, err := io.Copy(&block, io.LimitReader(br, n))
	if err != nil {
		return nil, fmt.Errorf("record %s block: %w", rec.ID(), unexpected(err))
	}
	if got != n {
		return nil, fmt.Errorf("record %s block ends after %d of %d bytes: %w", rec.ID(), got, n, io.ErrUnexpectedEOF)
	}
	rec.Block = block.Bytes()
	var end [4]byte
	if _, err := io.ReadFull(br, end[:]); err != nil {
		return nil, fmt.Errorf("record %s end: %w", rec.ID(), unexpected(err))
	}
	if string(end[:]) != "\r\n\r\n" {
		return nil, fmt.Errorf("record %s does not end with CRLF CRLF after its %d-byte block", rec.ID(), n)
	}
	return rec, nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
