package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

// postprocess is what every language shares: spans made exact, defaults
// filled in, names made canonical, duplicates within the document dropped.
func postprocess(d *Doc, evs []Event) []Event {
	text := d.In.Text
	out := evs[:0]
	for _, e := range evs {
		s, ok := fixSpan(text, e.Span)
		if !ok || e.Type == "" {
			continue
		}
		e.Span = s
		e.Evidence = text[s.Start:s.End]
		if e.Stance == "" {
			e.Stance = record.StanceAsserts
		}
		if e.Claimant == "" {
			e.Claimant = d.In.Outlet
		}
		e.FromOrg = CanonicalOrg(e.FromOrg)
		e.ToOrg = CanonicalOrg(e.ToOrg)
		if e.FromOrg == e.ToOrg && e.FromOrg != "" && (e.Type == record.EventDefection || e.Type == record.EventPartyJoin) {
			e.FromOrg = ""
		}
		if e.Type == record.EventDefection && e.FromOrg == "" {
			e.FromOrg = OppositionUnspecified
		}
		if e.Count != nil && e.CountQualifier == "" {
			e.CountQualifier = record.CountExact
		}
		if e.Count == nil {
			e.CountQualifier = ""
		}
		if e.Persons == nil {
			e.Persons = []string{}
		}
		if e.PresidedBy == nil {
			e.PresidedBy = []string{}
		}
		if e.RoleClass == "" {
			e.RoleClass = record.RoleUnclear
		}
		if e.Grade == "" {
			e.Grade = gradeOf(e)
		}
		if e.Confidence == 0 {
			e.Confidence = 0.5
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return dedupe(out)
}

// fixSpan clamps a span into text and onto rune boundaries and trims space,
// so Evidence is always an exact, valid substring.
func fixSpan(text string, s record.Span) (record.Span, bool) {
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(text) {
		s.End = len(text)
	}
	if s.Start >= s.End {
		return s, false
	}
	for s.Start < s.End && !utf8.RuneStart(text[s.Start]) {
		s.Start++
	}
	for s.End < len(text) && !utf8.RuneStart(text[s.End]) {
		s.End++
	}
	a, b := trimSpan(text, s.Start, s.End)
	if a >= b {
		return s, false
	}
	return record.Span{Start: a, End: b}, true
}

func gradeOf(e Event) record.EvidenceGrade {
	switch {
	case len(e.Persons) > 0:
		return record.GradeNamed
	case e.Count != nil:
		return record.GradeBareCount
	}
	return record.GradeUnclear
}

// Family is the relaxed type of an event: defection and party_join are one
// family (whether the source names the old party is often a matter of
// wording); every other type is its own family.
func Family(t record.EventType) record.EventType {
	if t == record.EventPartyJoin {
		return record.EventDefection
	}
	return t
}

// dedupe drops events that repeat one already found in the document, and
// hands what the repeat adds (a date, a place, who presided) to the one
// kept:
//   - the same type, persons, count, organisations and place (a sentence
//     restating another, or two rules firing on one clause);
//   - a bare mention (no names, no count) of a type when a fuller one of
//     the same type and compatible organisations exists (a headline, "the
//     defection");
//   - the same named people with the same type;
//   - a group (no names) joining the same party as another group, in
//     another sentence, with a compatible count ("more than 600" then
//     "675") or a part of it ("700 of them"): the exact or larger is kept.
func dedupe(evs []Event) []Event {
	drop := make([]bool, len(evs))
	for i := range evs {
		if drop[i] {
			continue
		}
		for j := i + 1; j < len(evs); j++ {
			if drop[j] || drop[i] {
				continue
			}
			a, b := &evs[i], &evs[j]
			if (a.Stance == record.StanceDenies) != (b.Stance == record.StanceDenies) {
				continue
			}
			switch k := repeats(a, b); {
			case k > 0:
				mergeInto(a, b)
				drop[j] = true
			case k < 0:
				mergeInto(b, a)
				drop[i] = true
			}
		}
	}
	// A total told first and then in parts ("14 activists were
	// sentenced" ... "four ... were sentenced" ... "the remaining 10")
	// is the parts.
	for i := range evs {
		a := &evs[i]
		if drop[i] || a.Count == nil || len(a.Persons) > 0 || a.Stance == record.StanceDenies {
			continue
		}
		var sum int64
		parts := 0
		for j := i + 1; j < len(evs); j++ {
			b := &evs[j]
			if drop[j] || b.Type != a.Type || b.Count == nil || overlaps(a.Span, b.Span) || b.Stance == record.StanceDenies {
				continue
			}
			sum += *b.Count
			parts++
		}
		if parts >= 2 && sum == *a.Count {
			drop[i] = true
		}
	}
	out := evs[:0]
	for i, e := range evs {
		if !drop[i] {
			out = append(out, e)
		}
	}
	return out
}

// mergeInto completes keep with what dup knows and keep does not.
func mergeInto(keep, dup *Event) {
	if keep.Date.IsZero() {
		keep.Date = dup.Date
	}
	if keep.Place.Province == "" && (dup.Place.Province != "" || keep.Place.District == "") {
		if keep.Place.District == "" || keep.Place.District == dup.Place.District {
			keep.Place = dup.Place
		}
	}
	if keep.FromOrg == "" || keep.FromOrg == OppositionUnspecified && dup.FromOrg != "" && Family(keep.Type) == Family(dup.Type) && len(keep.Persons) > 0 {
		if dup.FromOrg != "" {
			keep.FromOrg = dup.FromOrg
		}
	}
	if keep.ToOrg == "" {
		keep.ToOrg = dup.ToOrg
	}
	if len(keep.PresidedBy) == 0 {
		keep.PresidedBy = dup.PresidedBy
	}
	// Joining with the old party known is a defection.
	if keep.Type == record.EventPartyJoin && (dup.Type == record.EventDefection || keep.FromOrg != "") {
		keep.Type = record.EventDefection
	}
}

// repeats returns 1 when b repeats a (drop b), -1 when a repeats b (drop
// a), 0 when they are distinct events.
func repeats(a, b *Event) int {
	if sameEvent(a, b) {
		return 1
	}
	if Family(a.Type) != Family(b.Type) || !compatiblePlace(a.Place, b.Place) || !compatibleDate(a.Date, b.Date) {
		return 0
	}
	bareA := len(a.Persons) == 0 && a.Count == nil
	bareB := len(b.Persons) == 0 && b.Count == nil
	orgsOK := compatibleOrg(a.FromOrg, b.FromOrg) && (a.ToOrg == b.ToOrg || a.ToOrg == "" || b.ToOrg == "")
	// A clause that says when, in words the publication date cannot
	// resolve ("more than a year ago"), tells another occasion.
	apart := a.flags&evOwnTime != 0 && a.Date.IsZero() || b.flags&evOwnTime != 0 && b.Date.IsZero()
	if a.Type == b.Type && orgsOK && !overlaps(a.Span, b.Span) && !apart {
		switch {
		case bareA && bareB:
			return 1
		case bareB:
			return 1
		case bareA:
			return -1
		}
	}
	if len(a.Persons) > 0 && len(b.Persons) > 0 && sameSet(a.Persons, b.Persons) && orgsOK {
		return 1
	}
	if len(a.Persons) > 0 || len(b.Persons) > 0 || a.Count == nil || b.Count == nil || !orgsOK || overlaps(a.Span, b.Span) {
		return 0
	}
	if Family(a.Type) != record.EventDefection {
		if a.Type == b.Type && *a.Count == *b.Count {
			return 1
		}
		return 0
	}
	if a.ToOrg == "" || a.ToOrg != b.ToOrg {
		return 0
	}
	switch {
	case compatibleCount(*a.Count, a.CountQualifier, *b.Count, b.CountQualifier):
		if b.CountQualifier == record.CountExact && a.CountQualifier != record.CountExact {
			return -1
		}
		return 1
	case *b.Count < *a.Count:
		// A part of a group counted before ("more than 1,400", then a
		// batch of "700"): the same movement told in parts.
		return 1
	}
	return 0
}

func compatibleDate(a, b record.Date) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	return !a.Start().After(b.End()) && !b.Start().After(a.End())
}

func compatibleCount(a int64, qa record.CountQualifier, b int64, qb record.CountQualifier) bool {
	if a == b {
		return true
	}
	within := func(x, y int64, frac float64) bool {
		d := float64(x - y)
		if d < 0 {
			d = -d
		}
		return d <= frac*float64(max(x, y))
	}
	switch {
	case qa == record.CountMoreThan || qa == record.CountAtLeast:
		return b > a && within(a, b, 0.34)
	case qb == record.CountMoreThan || qb == record.CountAtLeast:
		return a > b && within(a, b, 0.34)
	case qa == record.CountAbout || qb == record.CountAbout:
		return within(a, b, 0.15)
	}
	return false
}

func compatibleOrg(a, b string) bool {
	return a == b || a == "" || b == "" || a == OppositionUnspecified || b == OppositionUnspecified
}

func compatiblePlace(a, b Place) bool {
	return (a.Province == "" || b.Province == "" || a.Province == b.Province) &&
		(a.District == "" || b.District == "" || a.District == b.District)
}

func overlaps(a, b record.Span) bool { return a.Start < b.End && b.Start < a.End }

func eqCount(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if strings.EqualFold(x, y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func sameEvent(a, b *Event) bool {
	return a.Type == b.Type && a.FromOrg == b.FromOrg && a.ToOrg == b.ToOrg &&
		eqCount(a.Count, b.Count) && a.Place == b.Place && sameSet(a.Persons, b.Persons) &&
		compatibleDate(a.Date, b.Date)
}
