package capture

import (
	"context"
	"fmt"

	"github.com/kamnotra/kamnotra/internal/document"
	"github.com/kamnotra/kamnotra/internal/outlet"
	"github.com/kamnotra/kamnotra/internal/record"
)

// DefaultParsers reads with package document, attributing documents to the
// outlets of list (outlet.Default() when nil). Feeds, sitemaps and Telegram
// exports are added by the files that adapt those packages.
func DefaultParsers(list *outlet.List) Parsers {
	if list == nil {
		list = outlet.Default()
	}
	p := Parsers{
		Sniff: func(contentType string, body []byte) string {
			return string(document.Sniff(contentType, body))
		},
		Read: func(ctx context.Context, in ReadInput) (*record.Document, error) {
			res, err := document.Read(ctx, document.Input{URL: in.URL, ContentType: in.ContentType, Body: in.Body, FetchedAt: in.FetchedAt, Outlets: list})
			if err != nil {
				return nil, err
			}
			return &record.Document{
				CanonicalURL: res.CanonicalURL,
				OutletID:     res.OutletID,
				Title:        res.Title,
				Byline:       res.Byline,
				Lang:         res.Lang,
				Published:    res.Published,
				PublishedAt:  res.PublishedAt,
				Text:         res.Text,
				SourceKind:   res.SourceKind,
				Flags:        res.Flags,
			}, nil
		},
	}
	for _, add := range parserAdders {
		add(&p)
	}
	return p
}

// parserAdders let the adapters of optional packages (feed, telegram) plug
// themselves in from their own files.
var parserAdders []func(*Parsers)

// OutletPutter is the part of the store that keeps outlets.
type OutletPutter interface {
	PutOutlet(ctx context.Context, o *record.Outlet) error
}

// PutOutlets writes every outlet of list into the store, so that documents
// attributed to them can refer to them. Outlets are replaced by ID, so
// running it before every capture keeps the store in step with the list.
func PutOutlets(ctx context.Context, st OutletPutter, list *outlet.List) error {
	if list == nil {
		list = outlet.Default()
	}
	for _, o := range list.All() {
		if err := st.PutOutlet(ctx, &o); err != nil {
			return fmt.Errorf("store outlet %s: %w", o.ID, err)
		}
	}
	return nil
}
