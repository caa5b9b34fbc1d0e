package record

import "time"

// EventType is what happened. The list is extensible; these are the types
// the extractor knows and the corpus labels use.
type EventType string

const (
	EventDefection        EventType = "defection"   // leaves one party for another
	EventPartyJoin        EventType = "party_join"  // joins, no previous party stated
	EventResignation      EventType = "resignation" // from a party or a post
	EventAppointment      EventType = "appointment"
	EventArrest           EventType = "arrest"
	EventCharge           EventType = "charge"
	EventConviction       EventType = "conviction"
	EventRelease          EventType = "release"
	EventFlight           EventType = "flight" // leaves the country to escape
	EventAsylum           EventType = "asylum"
	EventDisqualification EventType = "disqualification"
)

// EventTypes lists the known types in display order.
var EventTypes = []EventType{
	EventDefection, EventPartyJoin, EventResignation, EventAppointment,
	EventArrest, EventCharge, EventConviction, EventRelease,
	EventFlight, EventAsylum, EventDisqualification,
}

// CountQualifier qualifies a claimed count.
type CountQualifier string

const (
	CountExact    CountQualifier = "exact"
	CountMoreThan CountQualifier = "more_than"
	CountAbout    CountQualifier = "about"
	CountAtLeast  CountQualifier = "at_least"
)

// RoleClass is who the subjects of an event are, as far as the source says;
// Kamnotra's hand count found reports conflating supporters with members.
type RoleClass string

const (
	RoleLeader          RoleClass = "leader"
	RoleElectedOfficial RoleClass = "elected_official"
	RoleMember          RoleClass = "member"
	RoleActivist        RoleClass = "activist"
	RoleSupporter       RoleClass = "supporter"
	RoleUnclear         RoleClass = "unclear"
)

// EvidenceGrade is how well a claim is supported in its report.
type EvidenceGrade string

const (
	GradeNamed      EvidenceGrade = "named"      // named people with positions
	GradeDocumented EvidenceGrade = "documented" // video, photos, lists
	GradeBareCount  EvidenceGrade = "bare_count" // a number and nothing else
	GradeUnclear    EvidenceGrade = "unclear"
)

// Status of a fact in the editorial workflow. Only published facts are
// shown to the public.
type Status string

const (
	StatusExtracted Status = "extracted" // made by the machine, not reviewed
	StatusReviewed  Status = "reviewed"  // accepted or corrected by an editor
	StatusPublished Status = "published"
	StatusRejected  Status = "rejected"
)

// Stance of a citation towards its event.
type Stance string

const (
	StanceAsserts Stance = "asserts"
	StanceHedged  Stance = "hedged" // allegedly, reportedly, claimed
	StanceDenies  Stance = "denies"
)

// Participant roles in an event.
const (
	ParticipantSubject   = "subject"   // who defected, was arrested…
	ParticipantPresiding = "presiding" // who presided over or received them
	ParticipantClaimant  = "claimant"  // who made the claim
)

// Participant links a person or organisation to an event.
type Participant struct {
	Role     string `json:"role"`
	PersonID string `json:"person_id,omitempty"`
	OrgID    string `json:"org_id,omitempty"`
	// Mention is the name as written in the source, titles stripped.
	Mention string `json:"mention,omitempty"`
	// Confidence is how sure the link of Mention to PersonID is (see
	// package resolve); 0 when unknown.
	Confidence float64 `json:"confidence,omitempty"`
	// Candidates are the people a mention may be when linking found more
	// than one and linked none (PersonID is then empty), for an editor to
	// confirm; best first.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Candidate is a person a mention may refer to, with the confidence of
// that link (below the linking threshold).
type Candidate struct {
	PersonID   string  `json:"person_id"`
	Confidence float64 `json:"confidence"`
}

// Event is one distinct real-world happening, merged from every citation
// that reports it. Counts on the event are the record's best reading; each
// citation keeps its own claimed count.
type Event struct {
	ID             string         `json:"id"`
	Type           EventType      `json:"type"`
	Date           Date           `json:"date,omitzero"`
	PlaceID        string         `json:"place_id,omitempty"`
	Count          *int64         `json:"count,omitempty"`
	CountQualifier CountQualifier `json:"count_qualifier,omitempty"`
	FromOrgID      string         `json:"from_org_id,omitempty"`
	ToOrgID        string         `json:"to_org_id,omitempty"`
	Participants   []Participant  `json:"participants,omitempty"`
	RoleClass      RoleClass      `json:"role_class,omitempty"`
	EvidenceGrade  EvidenceGrade  `json:"evidence_grade,omitempty"`
	Status         Status         `json:"status"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// Span is a half-open byte range [Start, End) into a document version's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Valid reports whether the span lies inside a text of length n.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Citation links an event to a document version that reports it, with the
// exact text that says so.
type Citation struct {
	ID              string         `json:"id"`
	EventID         string         `json:"event_id"`
	DocumentID      string         `json:"document_id"`
	DocumentVersion int            `json:"document_version"`
	Span            Span           `json:"span"`
	Evidence        string         `json:"evidence"` // Text[Span.Start:Span.End]
	ClaimedCount    *int64         `json:"claimed_count,omitempty"`
	CountQualifier  CountQualifier `json:"count_qualifier,omitempty"`
	Claimant        string         `json:"claimant,omitempty"` // outlet, quoted person, "pro-government media"
	ClaimantID      string         `json:"claimant_id,omitempty"`
	Stance          Stance         `json:"stance"`
	Confidence      float64        `json:"confidence"`
	// ExtractedBy is "extractor/VERSION" for machine facts, or
	// "editor/ACCOUNT" for an editor's; reextraction replaces only the first.
	ExtractedBy string    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// MachineExtracted reports whether the citation came from the extractor.
func (c Citation) MachineExtracted() bool {
	return len(c.ExtractedBy) >= 10 && c.ExtractedBy[:10] == "extractor/"
}
