// Package search finds documents, people, organisations and events by the
// words in them, in Khmer, English or both.
//
// No engine's own analyzer touches Khmer text (Bleve drops it, FTS5's
// unicode61 shreds it at combining marks), so every backend indexes the
// tokens made by one Analyzer in Go and evaluates queries as AND of phrase
// groups over those tokens. Each backend (search/sqlite: FTS5; search/postgres:
// tsvector + GIN) passes the same conformance suite, searchtest.Run.
package search

import (
	"context"
	"time"
)

// Kinds of things indexed.
const (
	KindDocument     = "document"
	KindPerson       = "person"
	KindOrganisation = "organisation"
	KindEvent        = "event"
)

// Facet names a Doc can carry. Values are stable IDs or enum strings.
const (
	FacetType       = "type"        // event type
	FacetOutlet     = "outlet"      // outlet ID
	FacetOutletKind = "outlet_kind" // official, pro-government, …
	FacetParty      = "party"       // organisation ID of a party involved
	FacetProvince   = "province"    // place ID of a province
	FacetLang       = "lang"
)

// Doc is one thing to index. Title and Text are display text; the index
// keeps them to build snippets.
type Doc struct {
	ID     string
	Kind   string
	Title  string
	Text   string
	Date   time.Time // publication or event date; zero when unknown
	Facets map[string][]string
	// Names are indexed by their romanisation keys, so that any Latin
	// spelling finds a name held in Khmer script and the other way round.
	Names []string
}

// Query is what a reader asked.
type Query struct {
	Text   string
	Kinds  []string            // empty: every kind
	Facets map[string][]string // AND across facet names, OR within one
	From   time.Time           // inclusive, on Doc.Date
	To     time.Time           // inclusive
	Limit  int                 // 0: 20; at most 100
	Offset int
	// WithFacets asks for facet counts over the newest MaxFacetRows
	// matches (all of them when there are no more).
	WithFacets bool
}

// Hit is one result.
type Hit struct {
	ID      string
	Kind    string
	Title   string
	Snippet []Fragment // text around the matches, with the matches marked
	Date    time.Time
}

// Fragment is a piece of a snippet; Match marks text that matched.
type Fragment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// Result is a page of hits.
type Result struct {
	Hits  []Hit
	Total int // all matches, or where counting stopped when TotalCapped
	// TotalCapped says counting stopped at the backend's cap (at most
	// MaxTotal; both backends stop at 1,000): there are more matches than
	// Total (show "1,000+").
	TotalCapped bool
	Facets      map[string]map[string]int // facet → value → count, when asked
}

// MaxTotal bounds the count of matches; the SQLite and PostgreSQL
// backends both stop earlier, at 1,000. Counting every match of a term in
// most documents walks its whole posting list, which at a million
// documents costs more than finding the page itself; nobody reads past
// the thousandth result of a query they can narrow.
const MaxTotal = 10000

// MaxFacetRows bounds facet counting: counts are over the newest
// MaxFacetRows matches. Reading every match's facets costs about 10 µs a
// match (on the measuring machine, 20,000 took over a second under load),
// so exact counts over a common term's matches would dominate the page;
// for narrower queries, the ones filters are for, the counts are exact.
const MaxFacetRows = 2000

// Index is a search backend.
type Index interface {
	// Put adds or replaces docs by ID.
	Put(ctx context.Context, docs ...Doc) error
	Delete(ctx context.Context, ids ...string) error
	Search(ctx context.Context, q Query) (*Result, error)
	Close() error
}

// Field is the stream a term is indexed in. Khmer has no spaces, so a
// Khmer word is matched as a phrase of character clusters (FieldTerms) or,
// more selectively, of cluster pairs (FieldPairs); the two streams need
// their own positions.
type Field uint8

const (
	FieldTerms Field = iota // the match stream: Khmer cluster bigrams, numbers, English stems, then clusters
	FieldPairs              // reserved for a separate bigram stream
	FieldNames              // name keys of people's and organisations' names
)

// Token is one index term and where it came from in the display text.
type Token struct {
	Field      Field
	Term       string // ASCII-safe: no ASCII space or punctuation
	Pos        int    // position in its field, for phrase matching
	Start, End int    // byte span in the text
}

// Analyzer turns text into index terms and a query into phrase groups. The
// same analyzer must be used at index and query time.
type Analyzer interface {
	// Tokens returns the terms of text in order of position.
	Tokens(text string) []Token
	// NameTerms returns the FieldNames terms of a name.
	NameTerms(name string) []string
	// Query returns the query as clauses: a document matches when every
	// clause matches, and a clause matches when any of its phrases occurs
	// (a phrase: its terms at consecutive positions).
	Query(q string) []Clause
}

// Clause is a set of alternative phrases, e.g. a word and its name key.
type Clause []Phrase

// Phrase is terms at consecutive positions of one field.
type Phrase struct {
	Field Field
	Terms []string
}
