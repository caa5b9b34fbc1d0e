package extract

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/outlet"
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/resolve"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Apply extracts the events of a stored document and replaces the
// document's machine-made facts with them (store.ReplaceExtraction): one
// new event and one citation per extracted event, made by "extractor/" +
// Version. Editors' citations are left alone by the store.
//
// Mentions of people are linked to people and reports of an event the
// record holds already are merged into it (package resolve).
//
// Denials are not stored: a denial states that something did not happen,
// and the record holds events; `kamnotra extract` shows them.
// Organisations and places named are put in the store from the gazetteer
// when missing, so the events can refer to them.
func Apply(ctx context.Context, st store.Store, doc *record.Document) error {
	return apply(ctx, st, resolve.NewResolver(st), doc)
}

// apply is Apply with a Resolver that a run keeps between documents.
func apply(ctx context.Context, st store.Store, r *resolve.Resolver, doc *record.Document) error {
	x, err := build(ctx, st, doc)
	if err != nil {
		return err
	}
	// People named are linked to the record's people, and events another
	// report already put in the record become citations of that event.
	if err := r.Resolve(ctx, &x); err != nil {
		return fmt.Errorf("resolve the people and events of document %s: %w", doc.ID, err)
	}
	if err := st.ReplaceExtraction(ctx, x); err != nil {
		return fmt.Errorf("record the extraction of document %s: %w", doc.ID, err)
	}
	return nil
}

// build extracts the events of a stored document as an extraction to be
// resolved and stored.
func build(ctx context.Context, st store.Store, doc *record.Document) (store.Extraction, error) {
	in := Input{Text: doc.Text, Title: doc.Title, Lang: doc.Lang}
	if doc.Published.Precision() == record.PrecisionDay {
		in.Published = doc.Published.Start()
	}
	if doc.OutletID != "" {
		if o, err := st.Outlet(ctx, doc.OutletID); err == nil {
			in.Outlet, in.OutletKind = outletName(o), o.Kind
		} else if o, ok := outlet.Default().ByID(doc.OutletID); ok {
			in.Outlet, in.OutletKind = outletName(o), o.Kind
		}
	}
	now := time.Now().UTC()
	x := store.Extraction{DocumentID: doc.ID, DocumentVersion: doc.Version, ExtractorVersion: Version}
	ens := ensurer{st: st, seen: map[string]bool{}}
	for _, e := range Asserted(Extract(in)) {
		ev := record.Event{
			ID: store.NewID("e"), Type: e.Type, Date: e.Date, Count: e.Count, CountQualifier: e.CountQualifier,
			RoleClass: e.RoleClass, EvidenceGrade: e.Grade, Status: record.StatusExtracted, CreatedAt: now, UpdatedAt: now,
		}
		var err error
		if ev.FromOrgID, err = ens.org(ctx, e.FromOrg); err != nil {
			return x, err
		}
		if ev.ToOrgID, err = ens.org(ctx, e.ToOrg); err != nil {
			return x, err
		}
		if ev.PlaceID, err = ens.place(ctx, e.Place); err != nil {
			return x, err
		}
		for _, p := range e.Persons {
			ev.Participants = append(ev.Participants, record.Participant{Role: record.ParticipantSubject, Mention: p})
		}
		for _, p := range e.PresidedBy {
			ev.Participants = append(ev.Participants, record.Participant{Role: record.ParticipantPresiding, Mention: p})
		}
		if e.Claimant != "" && e.Claimant != in.Outlet {
			ev.Participants = append(ev.Participants, record.Participant{Role: record.ParticipantClaimant, Mention: e.Claimant})
		}
		x.Events = append(x.Events, ev)
		x.Citations = append(x.Citations, record.Citation{
			ID: store.NewID("c"), EventID: ev.ID, DocumentID: doc.ID, DocumentVersion: doc.Version,
			Span: e.Span, Evidence: e.Evidence, ClaimedCount: e.Count, CountQualifier: e.CountQualifier,
			Claimant: e.Claimant, Stance: e.Stance, Confidence: e.Confidence,
			ExtractedBy: "extractor/" + Version, CreatedAt: now,
		})
	}
	return x, nil
}

func outletName(o *record.Outlet) string {
	n, _ := o.Names.Best(record.LangEnglish)
	return n.Value
}

// bulkAfter is how many documents Reextract reads one at a time, each
// resolved against the store, before it loads the record into a
// resolve.Index and goes on in batches: loading costs about as much as
// resolving a thousand documents against the store, and then saves
// almost all of it for each further document.
var bulkAfter = 1000 // a variable for tests

// Reextract applies the extractor to every stored document that an older
// (or no) version of it read, newest first, calling done after each with
// the events its old extraction cited (gone from the record now, unless
// other citations keep them, and in any case changed: what a search index
// must update besides the events the document cites now). A document
// that fails is reported and skipped; the count of failures is returned
// with the first error.
func Reextract(ctx context.Context, st store.Store, done func(docID string, old []string, err error)) (n, failed int, err error) {
	var firstErr error
	olds := map[string][]string{}
	report := func(docID string, err error) {
		if err != nil {
			failed++
			if firstErr == nil {
				firstErr = err
			}
		}
		n++
		if done != nil {
			done(docID, olds[docID], err)
		}
		delete(olds, docID)
	}
	after := ""
	one := resolve.NewResolver(st) // until there are enough for bulk
	var bulk *bulkWriter
	for {
		if err := ctx.Err(); err != nil {
			return n, failed, err
		}
		docs, err := st.Documents(ctx, store.DocumentFilter{ExtractorVersionNot: Version, After: after, Limit: 100})
		if err != nil {
			return n, failed, fmt.Errorf("list documents to reextract: %w", err)
		}
		if len(docs) == 0 {
			if bulk != nil {
				if err := bulk.flush(ctx, report); err != nil {
					return n, failed, err
				}
			}
			return n, failed, firstErr
		}
		for i := range docs {
			if bulk == nil && n >= bulkAfter {
				if bulk, err = newBulkWriter(ctx, st); err != nil {
					return n, failed, err
				}
			}
			if bulk != nil {
				olds[docs[i].ID] = bulk.r.Index().CitedBy(docs[i].ID)
				if err := bulk.add(ctx, &docs[i], report); err != nil {
					return n, failed, err
				}
				continue
			}
			old, err := machineCited(ctx, st, docs[i].ID)
			if err == nil {
				olds[docs[i].ID] = old
				err = apply(ctx, st, one, &docs[i])
			}
			if err != nil && ctx.Err() != nil {
				return n, failed, ctx.Err()
			}
			report(docs[i].ID, err)
		}
		after = docs[len(docs)-1].ID
	}
}

// machineCited lists the events the document's machine citations cite.
func machineCited(ctx context.Context, st store.Store, docID string) ([]string, error) {
	cs, err := st.DocumentCitations(ctx, docID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, c := range cs {
		if c.MachineExtracted() && !slices.Contains(ids, c.EventID) {
			ids = append(ids, c.EventID)
		}
	}
	return ids, nil
}

// bulkWriter resolves documents against an Index and writes them
// resolve.BulkBatch at a time.
type bulkWriter struct {
	st      store.Store
	r       *resolve.Resolver
	pending []store.Extraction
}

func newBulkWriter(ctx context.Context, st store.Store) (*bulkWriter, error) {
	idx, err := resolve.LoadIndex(ctx, st, resolve.IndexConfig{})
	if err != nil {
		return nil, err
	}
	return &bulkWriter{st: st, r: resolve.NewBulkResolver(st, idx)}, nil
}

func (b *bulkWriter) add(ctx context.Context, doc *record.Document, report func(string, error)) error {
	x, err := build(ctx, b.st, doc)
	if err == nil {
		err = b.r.Resolve(ctx, &x)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// Nothing of it reached the Index: Resolve adds only on success.
		report(doc.ID, fmt.Errorf("extract and resolve document %s: %w", doc.ID, err))
		return nil
	}
	b.pending = append(b.pending, x)
	if len(b.pending) < resolve.BulkBatch {
		return nil
	}
	return b.flush(ctx, report)
}

// flush writes the pending extractions in one transaction. When that
// fails, each is written on its own so that one bad document costs only
// itself, and the Index, which counted them all, is loaded again.
func (b *bulkWriter) flush(ctx context.Context, report func(string, error)) error {
	if len(b.pending) == 0 {
		return nil
	}
	defer func() { b.pending = b.pending[:0] }()
	if err := b.st.ReplaceExtractions(ctx, b.pending); err == nil {
		for _, x := range b.pending {
			report(x.DocumentID, nil)
		}
		return nil
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	reload := false
	for _, x := range b.pending {
		err := b.st.ReplaceExtraction(ctx, x)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			reload = true
			err = fmt.Errorf("record the extraction of document %s: %w", x.DocumentID, err)
		}
		report(x.DocumentID, err)
	}
	if reload {
		idx, err := resolve.LoadIndex(ctx, b.st, resolve.IndexConfig{})
		if err != nil {
			return err
		}
		b.r = resolve.NewBulkResolver(b.st, idx)
	}
	return nil
}

// ensurer puts the gazetteer's organisations and places in the store the
// first time an event refers to them.
type ensurer struct {
	st   store.Store
	seen map[string]bool
}

func (en *ensurer) org(ctx context.Context, canon string) (string, error) {
	if canon == "" {
		return "", nil
	}
	o := &record.Organisation{Status: record.StatusPublished}
	if g, ok := gaz().Org(canon); ok {
		o.ID, o.Names, o.Kind, o.Dissolved = g.ID, g.Names, g.Kind, g.Dissolved
	} else {
		// A party or body the gazetteer lacks ("Cambodia National Heart
		// Party"): named as the report names it, under a derived ID.
		o.ID = "x-" + slug(canon)
		o.Names = record.Names{{Lang: record.LangEnglish, Script: record.ScriptLatin, Value: canon, Kind: record.NameOfficial}}
		o.Kind = orgKindOf(canon)
	}
	if en.seen[o.ID] {
		return o.ID, nil
	}
	if _, err := en.st.Organisation(ctx, o.ID); err == nil {
		en.seen[o.ID] = true
		return o.ID, nil
	} else if !record.IsNotFound(err) {
		return "", err
	}
	now := time.Now().UTC()
	o.CreatedAt, o.UpdatedAt = now, now
	if err := en.st.PutOrganisation(ctx, o); err != nil {
		return "", fmt.Errorf("add organisation %s: %w", o.ID, err)
	}
	en.seen[o.ID] = true
	return o.ID, nil
}

func orgKindOf(name string) record.OrgKind {
	switch l := strings.ToLower(name); {
	case strings.HasSuffix(l, "party") || strings.HasSuffix(l, "front") || strings.HasSuffix(l, "movement"):
		return record.OrgParty
	case strings.HasSuffix(l, "court"):
		return record.OrgCourt
	case strings.HasPrefix(l, "ministry"):
		return record.OrgMinistry
	}
	return record.OrgBody
}

// place returns the ID of the most precise gazetteer place of p (district,
// else province); communes have no gazetteer ID and stand under their
// district.
func (en *ensurer) place(ctx context.Context, p Place) (string, error) {
	if p.Province == "" {
		return "", nil
	}
	prov, ok := gaz().Province(p.Province)
	if !ok {
		return "", nil
	}
	pp := &record.Place{ID: prov.ID, Code: prov.Code, Level: record.PlaceProvince, Names: record.Names{
		{Lang: record.LangEnglish, Script: record.ScriptLatin, Value: prov.English, Kind: record.NameOfficial},
		{Lang: record.LangKhmer, Script: record.ScriptKhmer, Value: prov.Khmer, Kind: record.NameOfficial},
	}}
	if err := en.putPlace(ctx, pp); err != nil {
		return "", err
	}
	if p.District == "" {
		return pp.ID, nil
	}
	for _, d := range prov.Districts {
		if d.English != p.District {
			continue
		}
		dp := &record.Place{ID: d.ID, Level: record.PlaceDistrict, ParentID: prov.ID, Names: record.Names{
			{Lang: record.LangEnglish, Script: record.ScriptLatin, Value: d.English, Kind: record.NameOfficial},
			{Lang: record.LangKhmer, Script: record.ScriptKhmer, Value: d.Khmer, Kind: record.NameOfficial},
		}}
		if err := en.putPlace(ctx, dp); err != nil {
			return "", err
		}
		return dp.ID, nil
	}
	return pp.ID, nil
}

func (en *ensurer) putPlace(ctx context.Context, p *record.Place) error {
	if en.seen["place:"+p.ID] {
		return nil
	}
	if _, err := en.st.Place(ctx, p.ID); err == nil {
		en.seen["place:"+p.ID] = true
		return nil
	} else if !record.IsNotFound(err) {
		return err
	}
	if err := en.st.PutPlace(ctx, p); err != nil {
		return fmt.Errorf("add place %s: %w", p.ID, err)
	}
	en.seen["place:"+p.ID] = true
	return nil
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
