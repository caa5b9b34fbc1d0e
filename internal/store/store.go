// Package store defines how the record is kept: the Store interface, its
// conformance suite (package storetest) and two implementations named after
// their technology, store/sqlite (the embedded default: one data directory)
// and store/postgres (the server deployment). Commands open one with
// storeopen.Open(ctx, dataDir, dbURL), which picks PostgreSQL when dbURL is
// set and <dataDir>/kamnotra.db otherwise.
//
// Rules every implementation keeps: context first; a missing row is a
// record.Error with code ENotFound, never (nil, nil); a duplicate is
// EConflict and input the database refuses (a reference to a missing row,
// text that is not UTF-8) is EInvalid; exported methods own their
// transaction; IDs are strings made without sequences so that the two
// databases agree and data moves between them (DocumentID, NewID). Times
// come back in UTC, to the microsecond.
package store

import (
	"context"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// SaveOutcome says what SaveCapture did with a captured document.
type SaveOutcome string

const (
	SavedNew        SaveOutcome = "new"         // first version of a new document
	SavedNewVersion SaveOutcome = "new_version" // the source changed: version N+1
	SavedUnchanged  SaveOutcome = "unchanged"   // these bytes are stored already: nothing added
)

// Capture is one item of SaveCapturesWithStates: a captured document and
// the capture-ledger entry of the source it came from, saved together so
// that a process killed between the two cannot leave a stored document
// whose ledger still says to fetch it again. Either may be nil: a feed is
// archived and recorded in the ledger but is no document.
type Capture struct {
	Doc   *record.Document
	State *record.SourceState
}

// DocumentFilter selects documents; zero fields do not filter.
type DocumentFilter struct {
	OutletID string
	Lang     string
	// From (inclusive) and To (exclusive) bound the publication time:
	// PublishedAt, else the first day of Published, else FetchedAt.
	From, To time.Time
	// ExtractorVersionNot selects documents whose extractor version differs
	// from this one (including never extracted), for reextraction.
	ExtractorVersionNot string
	// Documents come newest first (by the time above, then ID). After
	// continues a listing after the document with this ID (keyset
	// pagination: pass the last ID of the previous page).
	After string
	Limit int // 0 means a default of 100; at most 1000
}

// EventFilter selects events; zero fields do not filter. Events come by
// date, latest first (undated last), then by ID; After and Limit page as in
// DocumentFilter.
type EventFilter struct {
	Types []record.EventType
	// From and To select events whose date may fall in [From.Start(),
	// To.End()]: an event "in June 2023" is found by a filter from
	// 2023-06-15. Undated events are left out when either is set.
	From, To   record.Date
	PersonID   string
	OrgID      string // as from_org, to_org or participant
	PlaceID    string // the place or any place inside it
	DocumentID string // events cited by this document
	OutletID   string // events cited by a document of this outlet
	Statuses   []record.Status
	After      string
	Limit      int
}

// Extraction is the machine-made facts of one document version, replaced
// as a whole when the extractor runs again.
type Extraction struct {
	DocumentID       string
	DocumentVersion  int
	ExtractorVersion string
	// People the extraction introduces, or whose names it adds to, are
	// saved as PutPerson does, in the same transaction and before the
	// events that name them: a document's people and facts land together.
	People    []record.Person
	Events    []record.Event    // new events (IDs set by the caller)
	Citations []record.Citation // citations of these or of existing events
}

// Store keeps the record. Both implementations pass storetest.Run.
type Store interface {
	// Close releases the database.
	Close() error

	// Outlets.
	PutOutlet(ctx context.Context, o *record.Outlet) error // insert or replace by ID
	Outlet(ctx context.Context, id string) (*record.Outlet, error)
	Outlets(ctx context.Context) ([]record.Outlet, error)

	// SaveCapture stores a captured document idempotently: the same
	// canonical URL with the same SHA-256 adds nothing; a different SHA-256
	// becomes version N+1 of the same document. doc.ID is set from the
	// canonical URL when empty; doc.Version is set on return.
	// A version differs when its SHA-256 differs from the latest version's,
	// so a page that changes back gets a new version recording the revert.
	// doc.FetchedAt is set to now when zero.
	SaveCapture(ctx context.Context, doc *record.Document) (SaveOutcome, error)
	// A new version clears the document's ExtractorVersion, so that
	// reextraction (DocumentFilter.ExtractorVersionNot) finds it.
	//
	// SaveCaptures saves several documents as SaveCapture does, in one
	// transaction: all are saved or none, and the outcomes come in the
	// order of docs. One commit for many documents is what makes it faster
	// (BenchmarkSaveCapture in store/sqlite and store/postgres).
	SaveCaptures(ctx context.Context, docs []*record.Document) ([]SaveOutcome, error)
	// SaveCapturesWithStates saves documents as SaveCaptures does and the
	// ledger entries as PutSourceState does, all in one transaction: all
	// are saved or none. Outcomes come in the order of cs; an item without
	// a document has the outcome "".
	SaveCapturesWithStates(ctx context.Context, cs []Capture) ([]SaveOutcome, error)
	Document(ctx context.Context, id string) (*record.Document, error)
	DocumentByURL(ctx context.Context, canonicalURL string) (*record.Document, error)
	DocumentVersions(ctx context.Context, id string) ([]record.DocumentVersion, error)
	Documents(ctx context.Context, f DocumentFilter) ([]record.Document, error)
	// ArchiveRefs calls fn for every archive reference the store holds
	// (one per document version), for archive verification.
	ArchiveRefs(ctx context.Context, fn func(docID string, version int, sha256 string, ref record.ArchiveRef) error) error

	// Capture ledger.
	SourceState(ctx context.Context, url string) (*record.SourceState, error)
	PutSourceState(ctx context.Context, s *record.SourceState) error
	// SourceStates reads the ledger entries of several URLs at once; URLs
	// never fetched are absent from the map.
	SourceStates(ctx context.Context, urls []string) (map[string]*record.SourceState, error)

	// People, organisations and places. Every Put… inserts or replaces by
	// ID, gives an empty ID a NewID, and sets CreatedAt (kept from the first
	// insert) and UpdatedAt (now) on the value passed where it has them.
	// Names, participants and other lists are replaced whole and come back
	// in the order given.
	PutPerson(ctx context.Context, p *record.Person) error
	Person(ctx context.Context, id string) (*record.Person, error)
	// PeopleByName finds people with exactly this name value in any script.
	PeopleByName(ctx context.Context, value string) ([]record.Person, error)
	// PeopleByNameKey finds people one of whose names has the same
	// PersonNameKey as name: script, romanisation, spacing, case, titles and
	// the order of the parts do not matter.
	PeopleByNameKey(ctx context.Context, name string) ([]record.Person, error)
	PutOrganisation(ctx context.Context, o *record.Organisation) error
	Organisation(ctx context.Context, id string) (*record.Organisation, error)
	Organisations(ctx context.Context) ([]record.Organisation, error)
	// OrganisationsByNameKey finds organisations one of whose names has the
	// same NameKey as name.
	OrganisationsByNameKey(ctx context.Context, name string) ([]record.Organisation, error)
	PutPlace(ctx context.Context, p *record.Place) error
	Place(ctx context.Context, id string) (*record.Place, error)
	Places(ctx context.Context, level record.PlaceLevel) ([]record.Place, error) // level "" lists all

	// Events and citations.
	PutEvent(ctx context.Context, e *record.Event) error
	Event(ctx context.Context, id string) (*record.Event, error)
	Events(ctx context.Context, f EventFilter) ([]record.Event, error)
	PutCitation(ctx context.Context, c *record.Citation) error
	Citations(ctx context.Context, eventID string) ([]record.Citation, error)
	DocumentCitations(ctx context.Context, documentID string) ([]record.Citation, error)
	// CitationLinks calls fn with the event, document and maker of every
	// citation, in ID order, a page at a time: what loading the record
	// into memory for a bulk run (resolve.Index) needs, without the text.
	CitationLinks(ctx context.Context, fn func(eventID, documentID string, machine bool) error) error
	// ReplaceExtraction deletes the machine-made citations of the document
	// (those whose ExtractedBy starts with "extractor/"), deletes events
	// left with no citation that no editor touched, then inserts x and
	// records x.ExtractorVersion on the document, all in one transaction.
	// An editor's citations and events are never removed.
	ReplaceExtraction(ctx context.Context, x Extraction) error
	// ReplaceExtractions does what ReplaceExtraction does for each of xs
	// in turn, in one transaction: all or none. A later extraction may
	// cite an event an earlier one adds. Loading many documents this way
	// saves a commit, and on a server its round trips, per document.
	ReplaceExtractions(ctx context.Context, xs []Extraction) error

	// Memberships and posts.
	PutMembership(ctx context.Context, m *record.Membership) error
	// Memberships lists the memberships of personID in orgID; an empty
	// argument does not filter.
	Memberships(ctx context.Context, personID, orgID string) ([]record.Membership, error)

	// People lists people by ID, after the given ID (keyset pagination;
	// limit as in DocumentFilter), merged-away people included.
	People(ctx context.Context, after string, limit int) ([]record.Person, error)
	// MergePeople makes otherID one person with keepID, in one
	// transaction: otherID's names, title hints, event participations,
	// candidacies and memberships move to keepID, and otherID is kept with
	// MergedInto set. What moved is recorded in a PersonMerge whose ID is
	// returned. by is "editor/ACCOUNT". Either person being merged away
	// already, or the two being one, is EConflict.
	MergePeople(ctx context.Context, keepID, otherID, by string) (mergeID string, err error)
	// UnmergePeople undoes a merge: what it moved goes back, in one
	// transaction, except what has changed since (a participation an
	// editor pointed elsewhere stays). Undoing a merge twice, or while the
	// kept person is itself merged away, is EConflict.
	UnmergePeople(ctx context.Context, mergeID, by string) error
	// PersonMerge reads one merge; PersonMerges lists the merges a person
	// took part in (kept or merged), oldest first: the person's history.
	PersonMerge(ctx context.Context, mergeID string) (*record.PersonMerge, error)
	PersonMerges(ctx context.Context, personID string) ([]record.PersonMerge, error)
	// CandidateEvents lists the events, latest first, one of whose
	// mentions has personID among its candidates.
	CandidateEvents(ctx context.Context, personID string, limit int) ([]record.Event, error)
}
