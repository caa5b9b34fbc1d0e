package main

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/kamnotra/kamnotra/internal/extract"
	"github.com/kamnotra/kamnotra/internal/progress"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchopen"
	"github.com/kamnotra/kamnotra/internal/store"
)

// recordDocuments brings the record up to date with the store's documents:
// it extracts every document the current extractor has not read (new
// captures, or all of them after an extractor upgrade), links and merges
// what it finds, and updates the search index with the documents and
// events that changed. It is re-runnable: after a crash, the next run
// picks up the documents still unread.
func recordDocuments(ctx context.Context, env *Env, st store.Store) error {
	idx, err := searchopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer idx.Close()
	tty := false
	if f, ok := env.Stderr.(*os.File); ok {
		tty = progress.IsTerminal(f)
	}
	m := progress.Start("extract", env.Stderr, tty, env.Logger)
	var done, old []string
	var failures []string
	n, failed, err := extract.Reextract(ctx, st, func(docID string, was []string, err error) {
		m.Add(1)
		old = append(old, was...)
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", docID, err))
			return
		}
		done = append(done, docID)
	})
	m.Stop()
	// Besides what the documents cite now, the events their old
	// extractions cited: gone from the record, or with fewer citations.
	slices.Sort(old)
	if ierr := search.IndexDocuments(ctx, st, idx, done, slices.Compact(old)); ierr != nil {
		return fmt.Errorf("update the search index: %w (run 'kamnotra reindex' to rebuild it)", ierr)
	}
	for _, f := range failures {
		env.Logger.Error("extraction failed", "document", f)
	}
	fmt.Fprintf(env.Stdout, "extracted %d documents (extractor %s), %d failed; search index updated\n", n-failed, extract.Version, failed)
	switch {
	case failed > 0:
		return fmt.Errorf("%d documents could not be extracted (logged above); the others are in the record", failed)
	case err != nil:
		return fmt.Errorf("extraction stopped: %w (run the command again to continue)", err)
	}
	return nil
}
