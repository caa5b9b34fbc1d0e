// Package resolve turns the mentions of an extraction into the record:
// names into people, reports of one happening into one event, and events
// into each person's memberships and posts over time.
//
// Linking is deliberately conservative. A mention is linked to a person
// only when every part of the name meets (by romanisation key, whatever
// the script or spelling) and nothing else competes; a one-word mention
// ("Raiya") is linked only to a full name in the same document. Anything
// weaker stays a mention with a candidate, for an editor to confirm:
// a wrong merge puts one person's arrest on another's page.
package resolve

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/khmer"
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Confidence levels of a link.
const (
	ConfidenceExact     = 1.0  // the same name, byte for byte
	ConfidenceKey       = 0.9  // every part meets by romanisation key
	ConfidenceCoref     = 0.8  // a part of a full name in the same document
	ConfidenceCandidate = 0.5  // shares a key with several people: not linked
	Threshold           = 0.75 // at or above: linked; below: a candidate only
)

// People is what linking needs from the record.
type People interface {
	PeopleByNameKey(ctx context.Context, name string) ([]record.Person, error)
	PutPerson(ctx context.Context, p *record.Person) error
}

// Link is the outcome of resolving one mention.
type Link struct {
	PersonID   string
	Confidence float64
	Created    bool     // a new person was added for the mention
	Candidates []string // people it may be, when not linked
}

// nameOf makes the record name of a mention, in its script.
func nameOf(mention string) record.Name {
	if strings.ContainsFunc(mention, func(r rune) bool { return r >= 0x1780 && r <= 0x17FF }) {
		return record.Name{Lang: record.LangKhmer, Script: record.ScriptKhmer, Value: mention, Kind: record.NameOfficial}
	}
	return record.Name{Lang: record.LangEnglish, Script: record.ScriptLatin, Value: mention, Kind: record.NameVariant}
}

// Linker resolves the mentions of one document.
type Linker struct {
	find func(ctx context.Context, name string) ([]record.Person, error)
	put  func(ctx context.Context, p *record.Person) error
	// full names in this document by key, for one-word mentions.
	docFull   map[string]string // part key → person ID
	ambiguous map[string]bool
	// deferred: people added or renamed wait in pending until the
	// document's facts are stored with them (store.Extraction.People),
	// rather than each committing on its own.
	deferred bool
	pending  peopleByName
}

// NewLinker starts resolving a document's mentions, saving each person it
// adds or renames at once.
func NewLinker(st People) *Linker {
	return &Linker{find: st.PeopleByNameKey, put: st.PutPerson, docFull: map[string]string{}, ambiguous: map[string]bool{}}
}

// newDeferredLinker is a Linker that keeps the people it adds or renames
// for Pending instead of saving them.
func newDeferredLinker(find func(ctx context.Context, name string) ([]record.Person, error)) *Linker {
	return &Linker{find: find, deferred: true, docFull: map[string]string{}, ambiguous: map[string]bool{}, pending: newPeopleByName()}
}

// Pending is what a deferred Linker has yet to save, in the order met.
func (l *Linker) Pending() []record.Person { return l.pending.all() }

// save saves p now, or keeps it for Pending.
func (l *Linker) save(ctx context.Context, p *record.Person) error {
	if !l.deferred {
		return l.put(ctx, p)
	}
	if p.ID == "" {
		p.ID = store.NewID("p")
	}
	l.pending.put(*p)
	return nil
}

// lookup finds the people named like name: those stored, as this
// document's pending changes have them, and those it has added.
func (l *Linker) lookup(ctx context.Context, name string) ([]record.Person, error) {
	found, err := l.find(ctx, name)
	if err != nil || !l.deferred {
		return found, err
	}
	for i := range found {
		if p, ok := l.pending.get(found[i].ID); ok {
			found[i] = p
		}
	}
	for _, p := range l.pending.named(name) {
		if !slices.ContainsFunc(found, func(q record.Person) bool { return q.ID == p.ID }) {
			found = append(found, p)
		}
	}
	return found, nil
}

// Link resolves one mention (titles already stripped, or not), adding a
// person for a full name the record does not know yet.
func (l *Linker) Link(ctx context.Context, mention string, now time.Time) (Link, error) {
	bare, titles := khmer.StripTitles(strings.TrimSpace(mention))
	parts := khmer.NameKeys(bare)
	switch len(parts) {
	case 0:
		return Link{}, nil
	case 1:
		// A one-word mention: only the document's own full names.
		if id, ok := l.docFull[parts[0]]; ok && !l.ambiguous[parts[0]] {
			return Link{PersonID: id, Confidence: ConfidenceCoref}, nil
		}
		return Link{Confidence: 0}, nil
	}
	found, err := l.lookup(ctx, bare)
	if err != nil {
		return Link{}, err
	}
	// People merged away are an editor's decision that they are someone
	// else: never link to them (the store moves their names, so they are
	// found only while a merge is under way or data is inconsistent).
	found = slices.DeleteFunc(found, func(p record.Person) bool { return p.MergedInto != "" })
	var link Link
	switch len(found) {
	case 0:
		p := &record.Person{Names: record.Names{nameOf(bare)}, Status: record.StatusExtracted, CreatedAt: now, UpdatedAt: now}
		for _, t := range titles {
			p.TitleHints = append(p.TitleHints, t.Text)
		}
		if p.Names[0].Script == record.ScriptKhmer {
			p.Names = append(p.Names, record.Name{Lang: record.LangEnglish, Script: record.ScriptLatin, Value: khmer.Romanize(bare), Kind: record.NameRomanisation})
		}
		if err := l.save(ctx, p); err != nil {
			return Link{}, err
		}
		link = Link{PersonID: p.ID, Confidence: ConfidenceKey, Created: true}
	case 1:
		link = Link{PersonID: found[0].ID, Confidence: ConfidenceKey}
		if found[0].Names.Has(bare) {
			link.Confidence = ConfidenceExact
		} else if err := l.addSpelling(ctx, &found[0], bare, now); err != nil {
			return Link{}, err
		}
	default:
		link = Link{Confidence: ConfidenceCandidate}
		for _, p := range found {
			link.Candidates = append(link.Candidates, p.ID)
		}
		return link, nil
	}
	for _, k := range parts {
		if prev, ok := l.docFull[k]; ok && prev != link.PersonID {
			l.ambiguous[k] = true
		}
		l.docFull[k] = link.PersonID
	}
	return link, nil
}

// addSpelling keeps a new spelling of a known person's name as a variant.
func (l *Linker) addSpelling(ctx context.Context, p *record.Person, name string, now time.Time) error {
	n := nameOf(name)
	if n.Script == record.ScriptKhmer {
		for _, have := range p.Names {
			if have.Script == record.ScriptKhmer {
				n.Kind = record.NameVariant
			}
		}
	}
	q := *p
	q.Names = append(slices.Clone(p.Names), n)
	q.UpdatedAt = now
	return l.save(ctx, &q)
}
