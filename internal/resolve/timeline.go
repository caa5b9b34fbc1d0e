package resolve

import (
	"sort"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Timeline derives a person's party memberships and posts from the events
// they are the subject of, Popolo-style: a defection ends one membership
// and starts another, a join starts one, a resignation ends a membership
// or a post, an appointment starts a post. Each start and end cites the
// event that caused it. Editor-made memberships are kept as they are and
// derived ones that duplicate them are dropped.
func Timeline(personID string, events []record.Event, orgKind func(id string) record.OrgKind, stored []record.Membership) []record.Membership {
	evs := make([]record.Event, 0, len(events))
	for _, e := range events {
		if e.Status == record.StatusRejected {
			continue
		}
		for _, p := range e.Participants {
			if p.PersonID == personID && p.Role == record.ParticipantSubject {
				evs = append(evs, e)
				break
			}
		}
	}
	// Oldest first; undated events cannot be placed in time and are left
	// to the end, where they can still close what they name.
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].Date, evs[j].Date
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.Start().Before(b.Start())
	})
	var out []record.Membership
	open := map[string]int{} // org ID + post flag → index in out
	key := func(org string, post bool) string {
		if post {
			return "post:" + org
		}
		return "member:" + org
	}
	start := func(e record.Event, org string, post bool) {
		if org == "" {
			return
		}
		if _, ok := open[key(org, post)]; ok {
			return // already a member: a second report of joining
		}
		role := "member"
		if post {
			role = "post"
		}
		out = append(out, record.Membership{PersonID: personID, OrgID: org, Role: role, Post: post, Start: e.Date, StartEventID: e.ID})
		open[key(org, post)] = len(out) - 1
	}
	end := func(e record.Event, org string, post bool) {
		if org == "" {
			return
		}
		if i, ok := open[key(org, post)]; ok {
			out[i].End, out[i].EndEventID = e.Date, e.ID
			delete(open, key(org, post))
			return
		}
		// Leaving something the record never saw them join: the end is
		// still a fact, with an unknown start.
		role := "member"
		if post {
			role = "post"
		}
		out = append(out, record.Membership{PersonID: personID, OrgID: org, Role: role, Post: post, End: e.Date, EndEventID: e.ID})
	}
	for _, e := range evs {
		switch e.Type {
		case record.EventDefection:
			end(e, e.FromOrgID, false)
			start(e, e.ToOrgID, false)
		case record.EventPartyJoin:
			start(e, e.ToOrgID, false)
		case record.EventResignation:
			// From a party, a membership ends; from anything else, a post.
			end(e, e.FromOrgID, orgKind(e.FromOrgID) != record.OrgParty)
		case record.EventAppointment:
			if e.FromOrgID != "" && e.FromOrgID != e.ToOrgID {
				end(e, e.FromOrgID, true)
			}
			start(e, e.ToOrgID, true)
		}
	}
	// Stored (editor-made) memberships win over derived ones for the
	// same organisation and kind.
	have := map[string]bool{}
	for _, m := range stored {
		have[key(m.OrgID, m.Post)] = true
	}
	merged := append([]record.Membership(nil), stored...)
	for _, m := range out {
		if !have[key(m.OrgID, m.Post)] {
			merged = append(merged, m)
		}
	}
	sort.SliceStable(merged, func(i, j int) bool {
		a, b := merged[i].Start, merged[j].Start
		if a.IsZero() {
			a = merged[i].End
		}
		if b.IsZero() {
			b = merged[j].End
		}
		return a.Start().Before(b.Start())
	})
	return merged
}
