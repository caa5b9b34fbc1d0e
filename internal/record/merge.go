package record

import "time"

// PersonMerge is an editor's decision that two person records are one
// person: Merged's names, event participations, candidacies and
// memberships moved to Kept. It records exactly what moved, so that undoing
// it (unmerging) puts back those things and nothing else. Merges are never
// deleted: an undone merge keeps its row with UndoneAt set, so the list of
// a person's merges is its history.
type PersonMerge struct {
	ID       string    `json:"id"`
	KeptID   string    `json:"kept_id"`
	MergedID string    `json:"merged_id"`
	Moved    MergeMove `json:"moved"`
	By       string    `json:"by"` // "editor/ACCOUNT"
	At       time.Time `json:"at"`
	UndoneBy string    `json:"undone_by,omitempty"`
	UndoneAt time.Time `json:"undone_at,omitzero"`
}

// Undone reports whether the merge has been undone.
func (m PersonMerge) Undone() bool { return !m.UndoneAt.IsZero() }

// MergeMove is what a merge moved from the merged person to the kept one.
type MergeMove struct {
	// Names are the merged person's names as they were; AddedNames are
	// those of them appended to the kept person (the others it had).
	Names      Names    `json:"names,omitempty"`
	AddedNames []string `json:"added_names,omitempty"`
	TitleHints []string `json:"title_hints,omitempty"` // the merged person's
	AddedHints []string `json:"added_hints,omitempty"`
	// Participations are the event participant slots that named the
	// merged person.
	Participations []ParticipantRef `json:"participations,omitempty"`
	// Candidacies moved: candidate entries of the merged person, now the
	// kept one's; DroppedCandidacies were dropped because the kept person
	// was a candidate of the same mention already.
	Candidacies        []ParticipantRef `json:"candidacies,omitempty"`
	DroppedCandidacies []CandidateRef   `json:"dropped_candidacies,omitempty"`
	Memberships        []string         `json:"memberships,omitempty"` // IDs
	Status             Status           `json:"status,omitempty"`      // the merged person's status before
}

// ParticipantRef names one participant slot of an event.
type ParticipantRef struct {
	EventID string `json:"event_id"`
	Ord     int    `json:"ord"`
}

// CandidateRef is a candidate entry of a participant slot.
type CandidateRef struct {
	ParticipantRef
	Rank       int     `json:"rank"`
	Confidence float64 `json:"confidence"`
}
