// Package extract turns the text of a report into the events it reports —
// or claims to report — each with the exact span of text that says so.
//
// The text is split into sentences once (Khmer sentences end at ។ or ៕,
// English ones at . ! ? and line breaks), each tagged with its language, and
// each language's rules (en.go, km.go) read the sentences of their language
// with the document around them as context. Shared post-processing resolves
// dates against the publication date, merges duplicates inside the document
// and maps organisations and places to canonical names.
package extract

import (
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Version is recorded on every fact the extractor makes. Bump it whenever
// a change would alter output, so reextract knows what to redo.
const Version = "0.1.0"

// Input is one document to read.
type Input struct {
	Text       string
	Title      string
	Lang       string    // km, en, mul or "" (detected per sentence anyway)
	Published  time.Time // zero when unknown: relative dates stay unresolved
	Outlet     string    // outlet name, the default claimant
	OutletKind record.OutletKind
}

// Place is where an event happened, by canonical English gazetteer names.
type Place struct {
	Province string `json:"province,omitempty"`
	District string `json:"district,omitempty"`
	Commune  string `json:"commune,omitempty"`
}

// Event is one event found in a document, in the shape of the shared
// corpus format plus the extractor's own fields.
type Event struct {
	Type           record.EventType      `json:"type"`
	Persons        []string              `json:"persons"`
	Count          *int64                `json:"count"`
	CountQualifier record.CountQualifier `json:"count_qualifier,omitempty"`
	FromOrg        string                `json:"from_org,omitempty"` // canonical English name
	ToOrg          string                `json:"to_org,omitempty"`
	Place          Place                 `json:"place"`
	Date           record.Date           `json:"date,omitzero"`
	PresidedBy     []string              `json:"presided_by"`
	Evidence       string                `json:"evidence"` // Input.Text[Span.Start:Span.End]
	Span           record.Span           `json:"span"`

	Claimant   string               `json:"claimant,omitempty"`
	Stance     record.Stance        `json:"stance"`
	RoleClass  record.RoleClass     `json:"role_class,omitempty"`
	Grade      record.EvidenceGrade `json:"evidence_grade,omitempty"`
	Confidence float64              `json:"confidence"`
}

// Sentence is one sentence of the input with its byte span and language.
type Sentence struct {
	Text string
	Span record.Span
	Lang string // km or en, by majority of letters
}

// Doc is a document prepared for the language rules.
type Doc struct {
	In        Input
	Sentences []Sentence
}
