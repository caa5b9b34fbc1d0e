package record

import "time"

// Person is a natural person in the record.
type Person struct {
	ID    string `json:"id"`
	Names Names  `json:"names"`
	// TitleHints are titles seen with the name (ឯកឧត្តម, Oknha, Gen.),
	// kept as role hints.
	TitleHints []string `json:"title_hints,omitempty"`
	// Private persons (not public figures) are never shown beyond what a
	// published citation says; their details stay out of exports.
	Private bool `json:"-"`
	// MergedInto is the ID of the person an editor merged this one into:
	// the record is kept, without names or events, so that its ID still
	// leads somewhere and the merge can be undone. Set only by the store's
	// MergePeople and UnmergePeople; PutPerson leaves it as it is.
	MergedInto string    `json:"merged_into,omitempty"`
	Status     Status    `json:"status"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// OrgKind classifies organisations.
type OrgKind string

const (
	OrgParty    OrgKind = "party"
	OrgMinistry OrgKind = "ministry"
	OrgCourt    OrgKind = "court"
	OrgProvince OrgKind = "province_administration"
	OrgNGO      OrgKind = "ngo"
	OrgCompany  OrgKind = "company"
	OrgBody     OrgKind = "body" // NEC, National Assembly, police, UNHCR…
	OrgForeign  OrgKind = "foreign_authority"
	OrgMedia    OrgKind = "media"
	OrgUnknown  OrgKind = "unknown"
)

// Organisation is a party, ministry, court or other body.
type Organisation struct {
	ID    string  `json:"id"` // stable slug for known bodies, e.g. "cpp"
	Names Names   `json:"names"`
	Kind  OrgKind `json:"kind"`
	// Dissolved is when a party was dissolved or a body abolished.
	Dissolved Date      `json:"dissolved,omitzero"`
	Status    Status    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Membership is a person's membership of or post in an organisation over a
// time, Popolo-style. Start and End each cite the event that caused them.
type Membership struct {
	ID           string `json:"id"`
	PersonID     string `json:"person_id"`
	OrgID        string `json:"org_id"`
	Role         string `json:"role,omitempty"` // "member", "advisor", "commune councillor"…
	Post         bool   `json:"post"`           // a post (appointment) rather than membership
	Start        Date   `json:"start,omitzero"`
	End          Date   `json:"end,omitzero"`
	StartEventID string `json:"start_event_id,omitempty"`
	EndEventID   string `json:"end_event_id,omitempty"`
}

// PlaceLevel is the administrative level of a place.
type PlaceLevel string

const (
	PlaceCountry  PlaceLevel = "country"
	PlaceProvince PlaceLevel = "province" // including Phnom Penh capital
	PlaceDistrict PlaceLevel = "district" // srok, khan, krong
	PlaceCommune  PlaceLevel = "commune"  // khum, sangkat
)

// Place is an administrative area from the gazetteer.
type Place struct {
	ID       string     `json:"id"`   // e.g. "kh-12" or "kh-12-03"
	Code     string     `json:"code"` // official code when known
	Level    PlaceLevel `json:"level"`
	Names    Names      `json:"names"`
	ParentID string     `json:"parent_id,omitempty"`
	Lat      float64    `json:"lat,omitempty"`
	Lon      float64    `json:"lon,omitempty"`
}
