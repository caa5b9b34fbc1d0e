package resolve

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// AmbiguousError says that a name matches several people or organisations;
// the caller should ask for an ID.
type AmbiguousError struct {
	Query   string
	Matches []Match
}

// Match is one of several people or organisations a query matched.
type Match struct {
	ID    string
	Names record.Names
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d match %q; give one of their IDs:", len(e.Matches), e.Query)
	for _, m := range e.Matches {
		fmt.Fprintf(&b, "\n  %s  %s", m.ID, namesLine(m.Names))
	}
	return b.String()
}

func namesLine(ns record.Names) string {
	vs := make([]string, 0, len(ns))
	for _, n := range ns {
		vs = append(vs, n.Value)
	}
	return strings.Join(vs, " / ")
}

// FindPerson finds a person by ID, exact name, or name key (any script,
// spelling or order of the parts), in that order. A person merged away
// leads to the person it was merged into; via is then the ID asked for.
// Several matches are an *AmbiguousError.
func FindPerson(ctx context.Context, st store.Store, q string) (p *record.Person, via string, err error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, "", record.Errorf(record.EInvalid, "name a person: an ID or a name")
	}
	p, err = st.Person(ctx, q)
	if err == nil {
		// A chain of merges ends at a person not merged away; the bound
		// guards against a cycle the store should never hold.
		for i := 0; p.MergedInto != "" && i < 100; i++ {
			via = q
			if p, err = st.Person(ctx, p.MergedInto); err != nil {
				return nil, "", err
			}
		}
		return p, via, nil
	}
	if !record.IsNotFound(err) {
		return nil, "", err
	}
	for _, find := range []func(context.Context, string) ([]record.Person, error){st.PeopleByName, st.PeopleByNameKey} {
		ps, err := find(ctx, q)
		if err != nil {
			return nil, "", err
		}
		var live []record.Person
		for _, p := range ps {
			if p.MergedInto == "" {
				live = append(live, p)
			}
		}
		switch len(live) {
		case 0:
			continue
		case 1:
			return &live[0], "", nil
		}
		amb := &AmbiguousError{Query: q}
		for _, p := range live {
			amb.Matches = append(amb.Matches, Match{ID: p.ID, Names: p.Names})
		}
		return nil, "", amb
	}
	return nil, "", record.Errorf(record.ENotFound, "no person with ID or name %q", q)
}

// FindOrg finds an organisation by ID or name key.
func FindOrg(ctx context.Context, st store.Store, q string) (*record.Organisation, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, record.Errorf(record.EInvalid, "name an organisation: an ID or a name")
	}
	o, err := st.Organisation(ctx, q)
	if err == nil || !record.IsNotFound(err) {
		return o, err
	}
	os, err := st.OrganisationsByNameKey(ctx, q)
	if err != nil {
		return nil, err
	}
	switch len(os) {
	case 0:
		return nil, record.Errorf(record.ENotFound, "no organisation with ID or name %q", q)
	case 1:
		return &os[0], nil
	}
	amb := &AmbiguousError{Query: q}
	for _, o := range os {
		amb.Matches = append(amb.Matches, Match{ID: o.ID, Names: o.Names})
	}
	return nil, amb
}

// CitationRef is a citation as a reader checks it: who said it, when, and
// the sentence that says so.
type CitationRef struct {
	ID             string                `json:"id"`
	DocumentID     string                `json:"document_id"`
	URL            string                `json:"url,omitempty"`
	Outlet         string                `json:"outlet,omitempty"`
	Date           string                `json:"date,omitempty"`
	Evidence       string                `json:"evidence"`
	ClaimedCount   *int64                `json:"claimed_count,omitempty"`
	CountQualifier record.CountQualifier `json:"count_qualifier,omitempty"`
	Claimant       string                `json:"claimant,omitempty"`
	Stance         record.Stance         `json:"stance"`
}

// EventRef is an event with its citations.
type EventRef struct {
	ID             string                `json:"id"`
	Type           record.EventType      `json:"type"`
	Date           string                `json:"date,omitempty"`
	Role           string                `json:"role,omitempty"`       // the person's role in it
	Confidence     float64               `json:"confidence,omitempty"` // of the person's link to it
	From           string                `json:"from,omitempty"`       // organisation names
	To             string                `json:"to,omitempty"`
	Count          *int64                `json:"count,omitempty"`
	CountQualifier record.CountQualifier `json:"count_qualifier,omitempty"`
	Status         record.Status         `json:"status"`
	Citations      []CitationRef         `json:"citations"`
}

// Stint is one membership or post with the events that began and ended it.
type Stint struct {
	OrgID  string    `json:"org_id"`
	Org    string    `json:"org"`
	Role   string    `json:"role,omitempty"`
	Post   bool      `json:"post"`
	Start  string    `json:"start,omitempty"`
	End    string    `json:"end,omitempty"`
	Stored bool      `json:"stored"` // an editor's membership rather than derived
	Began  *EventRef `json:"began,omitempty"`
	Ended  *EventRef `json:"ended,omitempty"`
}

// CandidateMention is a mention that may be the person, not linked.
type CandidateMention struct {
	Event      EventRef `json:"event"`
	Ord        int      `json:"ord"` // the participant's position, for confirming
	Mention    string   `json:"mention"`
	Confidence float64  `json:"confidence"`
	Others     []string `json:"others,omitempty"` // the other candidates' IDs
}

// PersonReport is what `kamnotra person` shows.
type PersonReport struct {
	ID         string               `json:"id"`
	AskedFor   string               `json:"asked_for,omitempty"` // a merged-away ID that led here
	Names      record.Names         `json:"names"`
	TitleHints []string             `json:"title_hints,omitempty"`
	Status     record.Status        `json:"status"`
	Timeline   []Stint              `json:"timeline"`
	Events     []EventRef           `json:"events"` // the rest of the person's events, latest first
	Candidate  []CandidateMention   `json:"candidate_mentions,omitempty"`
	Merges     []record.PersonMerge `json:"merges,omitempty"`
}

// reporter caches what citations and organisations need.
type reporter struct {
	st     store.Store
	person string // whose report, for the confidence of their links
	lk     *store.Lookup
}

func newReporter(st store.Store) *reporter {
	return &reporter{st: st, lk: store.NewLookup(st)}
}

func (r *reporter) orgName(ctx context.Context, id string) string {
	return r.lk.OrgName(ctx, id, record.LangEnglish)
}

func (r *reporter) orgKind(ctx context.Context, id string) record.OrgKind {
	if o := r.lk.Organisation(ctx, id); o != nil {
		return o.Kind
	}
	return record.OrgUnknown
}

func (r *reporter) citation(ctx context.Context, c record.Citation) (CitationRef, error) {
	ref := CitationRef{ID: c.ID, DocumentID: c.DocumentID, Evidence: c.Evidence, ClaimedCount: c.ClaimedCount,
		CountQualifier: c.CountQualifier, Claimant: c.Claimant, Stance: c.Stance}
	d := r.lk.Document(ctx, c.DocumentID)
	if d == nil {
		return ref, nil
	}
	ref.URL = d.URL
	switch {
	case !d.Published.IsZero():
		ref.Date = d.Published.String()
	case !d.PublishedAt.IsZero():
		ref.Date = record.DateOf(d.PublishedAt).String()
	}
	if d.OutletID != "" {
		ref.Outlet = d.OutletID
		if o := r.lk.Outlet(ctx, d.OutletID); o != nil {
			if n, _ := o.Names.Best(record.LangEnglish); n.Value != "" {
				ref.Outlet = n.Value
			}
		}
	}
	return ref, nil
}

func (r *reporter) event(ctx context.Context, e record.Event, role string) (EventRef, error) {
	ref := EventRef{ID: e.ID, Type: e.Type, Date: e.Date.String(), Role: role, Count: e.Count, CountQualifier: e.CountQualifier, Status: e.Status}
	if r.person != "" {
		for _, p := range e.Participants {
			if p.PersonID == r.person {
				ref.Confidence = p.Confidence
				break
			}
		}
	}
	if e.FromOrgID != "" {
		ref.From = r.orgName(ctx, e.FromOrgID)
	}
	if e.ToOrgID != "" {
		ref.To = r.orgName(ctx, e.ToOrgID)
	}
	cs, err := r.st.Citations(ctx, e.ID)
	if err != nil {
		return ref, err
	}
	ref.Citations = make([]CitationRef, 0, len(cs))
	for _, c := range cs {
		cr, err := r.citation(ctx, c)
		if err != nil {
			return ref, err
		}
		ref.Citations = append(ref.Citations, cr)
	}
	return ref, nil
}

// allEvents pages through every event the filter selects.
func allEvents(ctx context.Context, st store.Store, f store.EventFilter) ([]record.Event, error) {
	var out []record.Event
	f.Limit = 1000
	for {
		evs, err := st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
		if len(evs) < f.Limit {
			return out, nil
		}
		f.After = evs[len(evs)-1].ID
	}
}

// ReportPerson gathers what the record says of a person: names, the
// timeline of memberships and posts with the events that began and ended
// each and their citations, the person's other events, mentions that may be
// them, and the merges they took part in.
func ReportPerson(ctx context.Context, st store.Store, p *record.Person) (*PersonReport, error) {
	r := newReporter(st)
	r.person = p.ID
	rep := &PersonReport{ID: p.ID, Names: p.Names, TitleHints: p.TitleHints, Status: p.Status, Timeline: []Stint{}, Events: []EventRef{}}
	evs, err := allEvents(ctx, st, store.EventFilter{PersonID: p.ID})
	if err != nil {
		return nil, err
	}
	stored, err := st.Memberships(ctx, p.ID, "")
	if err != nil {
		return nil, err
	}
	byID := map[string]record.Event{}
	for _, e := range evs {
		byID[e.ID] = e
	}
	cited := map[string]bool{}
	refOf := func(id string) (*EventRef, error) {
		if id == "" {
			return nil, nil
		}
		e, ok := byID[id]
		if !ok {
			got, err := st.Event(ctx, id)
			if err != nil {
				if record.IsNotFound(err) {
					return nil, nil
				}
				return nil, err
			}
			e = *got
		}
		cited[id] = true
		ref, err := r.event(ctx, e, roleOf(e, p.ID))
		return &ref, err
	}
	storedIDs := map[string]bool{}
	for _, m := range stored {
		storedIDs[m.ID] = true
	}
	for _, m := range Timeline(p.ID, evs, func(id string) record.OrgKind { return r.orgKind(ctx, id) }, stored) {
		s := Stint{OrgID: m.OrgID, Org: r.orgName(ctx, m.OrgID), Role: m.Role, Post: m.Post, Start: m.Start.String(), End: m.End.String(), Stored: m.ID != "" && storedIDs[m.ID]}
		if s.Began, err = refOf(m.StartEventID); err != nil {
			return nil, err
		}
		if s.Ended, err = refOf(m.EndEventID); err != nil {
			return nil, err
		}
		rep.Timeline = append(rep.Timeline, s)
	}
	for _, e := range evs {
		if cited[e.ID] {
			continue
		}
		ref, err := r.event(ctx, e, roleOf(e, p.ID))
		if err != nil {
			return nil, err
		}
		rep.Events = append(rep.Events, ref)
	}
	cands, err := st.CandidateEvents(ctx, p.ID, 1000)
	if err != nil {
		return nil, err
	}
	for _, e := range cands {
		for i, part := range e.Participants {
			for _, c := range part.Candidates {
				if c.PersonID != p.ID {
					continue
				}
				ref, err := r.event(ctx, e, part.Role)
				if err != nil {
					return nil, err
				}
				cm := CandidateMention{Event: ref, Ord: i, Mention: part.Mention, Confidence: c.Confidence}
				for _, o := range part.Candidates {
					if o.PersonID != p.ID {
						cm.Others = append(cm.Others, o.PersonID)
					}
				}
				rep.Candidate = append(rep.Candidate, cm)
			}
		}
	}
	if rep.Merges, err = st.PersonMerges(ctx, p.ID); err != nil {
		return nil, err
	}
	return rep, nil
}

func roleOf(e record.Event, personID string) string {
	for _, p := range e.Participants {
		if p.PersonID == personID {
			return p.Role
		}
	}
	return ""
}

// OrgChange is one event by which people joined or left an organisation.
type OrgChange struct {
	Direction string   `json:"direction"` // "joined" or "left"
	Event     EventRef `json:"event"`
	People    []string `json:"people,omitempty"` // the named subjects, as the record names them
	// Count is the event's count, else the number of people named.
	Count *int64 `json:"count,omitempty"`
}

// OrgReport is what `kamnotra org` shows.
type OrgReport struct {
	ID      string              `json:"id"`
	Names   record.Names        `json:"names"`
	Kind    record.OrgKind      `json:"kind"`
	Changes []OrgChange         `json:"changes"` // oldest first, undated last
	Joined  int64               `json:"joined"`  // sum of the counts of joining events
	Left    int64               `json:"left"`
	Other   []EventRef          `json:"other_events,omitempty"` // naming the organisation otherwise
	Members []record.Membership `json:"memberships,omitempty"`  // stored by editors
}

// ReportOrg gathers the people joining and leaving an organisation over
// time, with counts and citations. Counts are the record's reading of each
// event; each citation keeps its own claimed count beside it.
func ReportOrg(ctx context.Context, st store.Store, o *record.Organisation) (*OrgReport, error) {
	r := newReporter(st)
	rep := &OrgReport{ID: o.ID, Names: o.Names, Kind: o.Kind, Changes: []OrgChange{}}
	evs, err := allEvents(ctx, st, store.EventFilter{OrgID: o.ID})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].Date, evs[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		if !a.Start().Equal(b.Start()) {
			return a.Start().Before(b.Start())
		}
		return evs[i].ID < evs[j].ID
	})
	names := map[string]string{}
	for _, e := range evs {
		if e.Status == record.StatusRejected {
			continue
		}
		dir := ""
		switch {
		case e.ToOrgID == o.ID && e.FromOrgID != o.ID && (e.Type == record.EventDefection || e.Type == record.EventPartyJoin || e.Type == record.EventAppointment):
			dir = "joined"
		case e.FromOrgID == o.ID && e.ToOrgID != o.ID && (e.Type == record.EventDefection || e.Type == record.EventResignation || e.Type == record.EventAppointment):
			dir = "left"
		}
		ref, err := r.event(ctx, e, "")
		if err != nil {
			return nil, err
		}
		if dir == "" {
			rep.Other = append(rep.Other, ref)
			continue
		}
		ch := OrgChange{Direction: dir, Event: ref, Count: e.Count}
		for _, p := range e.Participants {
			if p.Role != record.ParticipantSubject {
				continue
			}
			name := p.Mention
			if p.PersonID != "" {
				n, ok := names[p.PersonID]
				if !ok {
					if per, err := st.Person(ctx, p.PersonID); err == nil {
						best, _ := per.Names.Best(record.LangEnglish)
						n = best.Value
					}
					names[p.PersonID] = n
				}
				if n != "" {
					name = n
				}
			}
			if name != "" {
				ch.People = append(ch.People, name)
			}
		}
		if ch.Count == nil && len(ch.People) > 0 {
			n := int64(len(ch.People))
			ch.Count = &n
		}
		if ch.Count != nil {
			if dir == "joined" {
				rep.Joined += *ch.Count
			} else {
				rep.Left += *ch.Count
			}
		}
		rep.Changes = append(rep.Changes, ch)
	}
	if rep.Members, err = st.Memberships(ctx, "", o.ID); err != nil {
		return nil, err
	}
	return rep, nil
}

// Confirm makes an editor's choice among the candidates of a mention:
// participant ord of the event becomes personID, its candidates are
// cleared, and the event is marked reviewed so that reextraction does not
// undo the choice.
func Confirm(ctx context.Context, st store.Store, eventID string, ord int, personID string) error {
	e, err := st.Event(ctx, eventID)
	if err != nil {
		return err
	}
	if ord < 0 || ord >= len(e.Participants) {
		return record.Errorf(record.EInvalid, "event %s has %d participants: %d is not one of them (count from 0)", eventID, len(e.Participants), ord)
	}
	p, err := st.Person(ctx, personID)
	if err != nil {
		return err
	}
	if p.MergedInto != "" {
		return record.Errorf(record.EConflict, "person %s was merged into %s: confirm %s instead", personID, p.MergedInto, p.MergedInto)
	}
	e.Participants[ord].PersonID = personID
	e.Participants[ord].Confidence = ConfidenceExact // an editor's word
	e.Participants[ord].Candidates = nil
	if e.Status == record.StatusExtracted {
		e.Status = record.StatusReviewed
	}
	return st.PutEvent(ctx, e)
}

// MergeToUndo names the merge that `kamnotra person split X` undoes: X
// itself when it is a merge, else the active merge that took person X
// away, else the one active merge into person X. Several active merges
// into X are an *AmbiguousError listing the merged people, by merge ID.
func MergeToUndo(ctx context.Context, st store.Store, x string) (string, error) {
	if m, err := st.PersonMerge(ctx, x); err == nil {
		return m.ID, nil
	} else if !record.IsNotFound(err) {
		return "", err
	}
	if _, err := st.Person(ctx, x); err != nil {
		if record.IsNotFound(err) {
			return "", record.Errorf(record.ENotFound, "%q is neither a merge nor a person", x)
		}
		return "", err
	}
	ms, err := st.PersonMerges(ctx, x)
	if err != nil {
		return "", err
	}
	var into []record.PersonMerge
	for _, m := range ms {
		switch {
		case m.Undone():
		case m.MergedID == x:
			return m.ID, nil
		case m.KeptID == x:
			into = append(into, m)
		}
	}
	switch len(into) {
	case 0:
		return "", record.Errorf(record.ENotFound, "person %s has no merge to undo", x)
	case 1:
		return into[0].ID, nil
	}
	amb := &AmbiguousError{Query: x}
	for _, m := range into {
		amb.Matches = append(amb.Matches, Match{ID: m.ID, Names: m.Moved.Names})
	}
	return "", amb
}
