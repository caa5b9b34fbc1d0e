package khmer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// SegmentLines reads lines of text from r and writes to w one line per
// input line: its words separated by single spaces. Empty lines stay
// empty, a final line without a newline still gets one, CR LF endings are
// read as LF, invalid UTF-8 is replaced with U+FFFD, and lines of any
// length are handled. It stops early when ctx is cancelled.
func SegmentLines(ctx context.Context, seg *Segmenter, r io.Reader, w io.Writer) error {
	br := bufio.NewReaderSize(r, 1<<16)
	bw := bufio.NewWriterSize(w, 1<<16)
	var long []byte // a line longer than the reader's buffer
	var out []byte
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("khmer: reading the text to segment: %w", err)
		}
		line := chunk
		if long != nil {
			long = append(long, chunk...)
			line = long
		}
		if len(line) == 0 && err != nil {
			break // EOF after a final newline
		}
		text := trimEOL(line)
		var s string
		if utf8.Valid(text) {
			s = bytesString(text)
		} else {
			s = strings.ToValidUTF8(string(text), "\uFFFD")
		}
		out = seg.AppendLine(out[:0], s)
		out = append(out, '\n')
		if _, werr := bw.Write(out); werr != nil {
			return fmt.Errorf("khmer: writing segmented text: %w", werr)
		}
		long = nil
		if err != nil {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("khmer: writing segmented text: %w", err)
	}
	return nil
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

// bytesString views b as a string for the duration of one segmentation;
// the Segmenter keeps no reference to its input.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
