package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/warc"
)

// RefSource lists the store's archive references (store.Store.ArchiveRefs).
type RefSource interface {
	ArchiveRefs(ctx context.Context, fn func(docID string, version int, sha256 string, ref record.ArchiveRef) error) error
}

// Problem is one thing wrong (or worth a warning) in the archive.
type Problem struct {
	File   string
	Offset int64
	What   string
}

func (p Problem) String() string {
	if p.File == "" {
		return p.What
	}
	return fmt.Sprintf("%s@%d: %s", p.File, p.Offset, p.What)
}

// VerifyReport is what Verify found.
type VerifyReport struct {
	Files        int
	Records      int
	Refs         int // store references checked
	Unreferenced int // response and resource records no document version points to
	Errors       []Problem
	Warnings     []Problem
}

// OK reports whether nothing is wrong (warnings allowed).
func (r *VerifyReport) OK() bool { return len(r.Errors) == 0 }

// Print writes the report for a person.
func (r *VerifyReport) Print(w io.Writer) {
	for _, p := range r.Errors {
		fmt.Fprintf(w, "error: %s\n", p)
	}
	for _, p := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", p)
	}
	status := "archive OK"
	if !r.OK() {
		status = fmt.Sprintf("archive has %d problems", len(r.Errors))
	}
	fmt.Fprintf(w, "%s: %d files, %d records, %d store references checked, %d records not referenced by any document, %d warnings\n",
		status, r.Files, r.Records, r.Refs, r.Unreferenced, len(r.Warnings))
}

type indexed struct {
	id     string
	length int64
	sha    string // payload SHA-256, hex
	typ    string
}

// Verify re-reads every record of every WARC file in dir, checks its
// digests, and checks every store reference against what is on disk: the
// file exists, a record starts at the offset with the same length and ID,
// and its payload's SHA-256 is the one the store holds. Unreadable bytes at
// the end of a file that no reference points into (a write torn by a kill)
// are a warning; any other corruption is an error.
func Verify(ctx context.Context, dir string, refs RefSource) (*VerifyReport, error) {
	rep := &VerifyReport{}
	names, err := archiveFiles(dir)
	if err != nil {
		return nil, err
	}
	index := map[string]map[int64]indexed{}
	tails := map[string]*warc.CorruptError{}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rep.Files++
		idx := map[int64]indexed{}
		index[name] = idx
		if err := scanFile(filepath.Join(dir, name), func(loc *warc.Located, cerr *warc.CorruptError) {
			if cerr != nil {
				if cerr.Tail {
					tails[name] = cerr
				} else {
					rep.Errors = append(rep.Errors, Problem{name, cerr.Offset, cerr.Error()})
				}
				return
			}
			rep.Records++
			if err := loc.CheckDigests(); err != nil {
				rep.Errors = append(rep.Errors, Problem{name, loc.Offset, fmt.Sprintf("record %s: %v", loc.ID(), err)})
			}
			p, _ := loc.Payload()
			idx[loc.Offset] = indexed{id: loc.ID(), length: loc.Length, sha: warc.DigestHex(p), typ: loc.Type()}
		}); err != nil {
			rep.Errors = append(rep.Errors, Problem{name, 0, err.Error()})
		}
	}
	referenced := map[string]map[int64]bool{}
	refTail := map[string]bool{}
	if refs != nil {
		err := refs.ArchiveRefs(ctx, func(docID string, version int, sha string, ref record.ArchiveRef) error {
			rep.Refs++
			who := fmt.Sprintf("document %s version %d", docID, version)
			if ref.File == "" || ref.File != filepath.Base(ref.File) || strings.HasPrefix(ref.File, ".") {
				rep.Errors = append(rep.Errors, Problem{"", 0, fmt.Sprintf("%s refers to archive file %q, which is not a file name in the archive directory", who, ref.File)})
				return nil
			}
			idx, ok := index[ref.File]
			if !ok {
				rep.Errors = append(rep.Errors, Problem{ref.File, ref.Offset, who + " refers to a file that does not exist"})
				return nil
			}
			if referenced[ref.File] == nil {
				referenced[ref.File] = map[int64]bool{}
			}
			referenced[ref.File][ref.Offset] = true
			if t := tails[ref.File]; t != nil && ref.Offset >= t.Offset {
				refTail[ref.File] = true
				rep.Errors = append(rep.Errors, Problem{ref.File, ref.Offset, who + " refers into unreadable bytes at the end of the file: the archived copy is lost"})
				return nil
			}
			got, ok := idx[ref.Offset]
			switch {
			case !ok:
				rep.Errors = append(rep.Errors, Problem{ref.File, ref.Offset, who + " refers to an offset where no readable record starts"})
			case got.id != ref.RecordID:
				rep.Errors = append(rep.Errors, Problem{ref.File, ref.Offset, fmt.Sprintf("%s expects record %s, the file has %s there", who, ref.RecordID, got.id)})
			case ref.Length != 0 && got.length != ref.Length:
				rep.Errors = append(rep.Errors, Problem{ref.File, ref.Offset, fmt.Sprintf("%s expects a %d-byte record, the file's is %d bytes", who, ref.Length, got.length)})
			case !strings.EqualFold(got.sha, sha):
				rep.Errors = append(rep.Errors, Problem{ref.File, ref.Offset, fmt.Sprintf("%s has SHA-256 %s in the store, the archived payload hashes to %s", who, sha, got.sha)})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list the store's archive references: %w", err)
		}
	}
	for _, name := range names {
		if t := tails[name]; t != nil && !refTail[name] {
			rep.Warnings = append(rep.Warnings, Problem{name, t.Offset, fmt.Sprintf("%d unreadable bytes at the end of the file, referenced by no document (a capture killed mid-write; harmless)", t.Next-t.Offset)})
		}
		for off, ix := range index[name] {
			if (ix.typ == warc.TypeResponse || ix.typ == warc.TypeResource) && !referenced[name][off] {
				rep.Unreferenced++
			}
		}
	}
	sort.SliceStable(rep.Errors, func(i, j int) bool {
		a, b := rep.Errors[i], rep.Errors[j]
		return a.File < b.File || (a.File == b.File && a.Offset < b.Offset)
	})
	return rep, nil
}

func archiveFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read archive directory: %w", err)
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if e.Type().IsRegular() && (strings.HasSuffix(n, ".warc.gz") || strings.HasSuffix(n, ".warc")) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

func scanFile(path string, fn func(*warc.Located, *warc.CorruptError)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	r := warc.NewReader(f, st.Size())
	for {
		loc, err := r.Next()
		if err == io.EOF {
			return nil
		}
		var ce *warc.CorruptError
		if errors.As(err, &ce) {
			fn(nil, ce)
			continue
		}
		if err != nil {
			return err
		}
		fn(loc, nil)
	}
}

// Open reads the record ref points to and checks that it is the one the
// store expects.
func Open(dir string, ref record.ArchiveRef) (*warc.Located, error) {
	if ref.File == "" || ref.File != filepath.Base(ref.File) {
		return nil, record.Errorf(record.EInvalid, "archive file name %q is not a file in the archive", ref.File)
	}
	f, err := os.Open(filepath.Join(dir, ref.File))
	if err != nil {
		return nil, record.Wrap(record.ENotFound, err, "archive file %s is missing", ref.File)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	loc, err := warc.ReadAt(f, st.Size(), ref.Offset)
	if err != nil {
		return nil, fmt.Errorf("archive file %s: %w", ref.File, err)
	}
	if loc.ID() != ref.RecordID {
		return nil, fmt.Errorf("archive file %s has record %s at offset %d, not %s: run kamnotra archive verify", ref.File, loc.ID(), ref.Offset, ref.RecordID)
	}
	return loc, nil
}
