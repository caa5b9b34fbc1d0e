package web

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/warc"
)

// ArchiveReader reads the archived response a document was made from.
type ArchiveReader interface {
	ReadResponse(ctx context.Context, ref record.ArchiveRef) (*ArchivedResponse, error)
}

// ArchivedResponse is a captured response with its payload decoded from
// any content coding, as a reader would have seen it.
type ArchivedResponse struct {
	TargetURI   string
	ContentType string
	Body        []byte
}

// maxArchivedBody bounds what the site decodes and serves of one capture.
const maxArchivedBody = 32 << 20

// WARCDir reads archived responses from the WARC files under a directory
// with internal/warc.
type WARCDir struct{ Dir string }

// ReadResponse reads the record at ref. ref.File cannot name a file outside
// the directory, whatever the database says.
func (a WARCDir) ReadResponse(ctx context.Context, ref record.ArchiveRef) (*ArchivedResponse, error) {
	if ref.File == "" {
		return nil, record.Errorf(record.ENotFound, "this document has no archived copy")
	}
	root, err := os.OpenRoot(a.Dir)
	if err != nil {
		return nil, fmt.Errorf("opening the archive directory %s: %w", a.Dir, err)
	}
	defer root.Close()
	f, err := root.Open(ref.File)
	if err != nil {
		return nil, record.Wrap(record.ENotFound, err, "the archived copy is missing from this server's archive")
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	loc, err := warc.ReadAt(f, fi.Size(), ref.Offset)
	if err != nil {
		return nil, fmt.Errorf("reading WARC record %s at %s:%d: %w", ref.RecordID, ref.File, ref.Offset, err)
	}
	if ref.RecordID != "" && loc.ID() != ref.RecordID {
		return nil, fmt.Errorf("WARC record at %s:%d is %s, the store expected %s", ref.File, ref.Offset, loc.ID(), ref.RecordID)
	}
	out := &ArchivedResponse{TargetURI: loc.TargetURI()}
	ct := strings.ToLower(loc.Header.Get("Content-Type"))
	if strings.HasPrefix(strings.ReplaceAll(ct, " ", ""), "application/http") && loc.Type() == warc.TypeResponse {
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(loc.Block)), nil)
		if err != nil {
			return nil, fmt.Errorf("parsing the HTTP response archived in %s: %w", ref.RecordID, err)
		}
		defer resp.Body.Close()
		out.ContentType = resp.Header.Get("Content-Type")
		body, err := decodeBody(resp.Body, resp.Header.Get("Content-Encoding"))
		if err != nil {
			return nil, fmt.Errorf("decoding the archived response %s: %w", ref.RecordID, err)
		}
		out.Body = body
		return out, nil
	}
	// A resource record (a file, a feed item) is its own payload.
	out.ContentType = loc.Header.Get("Content-Type")
	out.Body = loc.Block
	if len(out.Body) > maxArchivedBody {
		out.Body = out.Body[:maxArchivedBody]
	}
	return out, nil
}

// decodeBody undoes the content coding the origin server applied, which
// WARC keeps. A body cut short yields what came.
func decodeBody(body io.Reader, coding string) ([]byte, error) {
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(coding)) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	case "deflate":
		r = flate.NewReader(body)
	default:
		return nil, fmt.Errorf("content coding %q is not supported", coding)
	}
	b, err := io.ReadAll(io.LimitReader(r, maxArchivedBody))
	if err != nil && len(b) == 0 {
		return nil, err
	}
	return b, nil
}
