package extract

import (
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/gazetteer"
	"github.com/kamnotra/kamnotra/internal/khmer"
	"github.com/kamnotra/kamnotra/internal/record"
)

// The Khmer rules. Every Khmer sentence is scanned once by each matcher
// (gazetteer names, keywords, numbers, dates, person names); events are
// built from the triggers found, each with the fields nearest to it in its
// clause, and the events of one document are then merged where a title,
// a lead and a follow-up sentence tell one happening.

var kmGaz = gazetteer.Default()

const (
	kmCPP        = "Cambodian People's Party"
	kmOpposition = "opposition (unspecified)"
	kmOthers     = "other parties (unspecified)"
)

// kmTok is one keyword found in a sentence (sentence-relative bytes).
type kmTok struct {
	start, end int
	w          *kmWord
}

// kmCount is a count of people.
type kmCount struct {
	start, end int
	value      int64
	qual       record.CountQualifier
	total      bool
}

type kmSent struct {
	idx       int
	s         string
	base      int
	evStart   int // where the evidence starts: after a dateline
	orgs      []gazetteer.OrgMatch
	places    []gazetteer.PlaceMatch
	roles     []gazetteer.RoleMatch
	counts    []kmCount
	dates     []khmer.DateMatch
	toks      []kmTok
	names     []kmName
	breaks    []int // clause starts after the first
	backs     []int // those of them that start background clauses
	presStart int   // start of the presiding part, len(s) when none
	presiders []string
	judges    []string
}

type kmEvent struct {
	Event
	sent      int
	anaphor   bool
	subset    bool
	joinFrom  bool // a join with its old party named
	fromKnown bool
}

type kmDoc struct {
	d          *Doc
	pub        time.Time
	sents      []*kmSent
	dateline   string // province of a dateline "(កំពង់ធំ)៖"
	judges     []string
	courts     []gazetteer.OrgMatch
	documented bool
}

func extractKm(d *Doc) []Event {
	x := &kmDoc{d: d, pub: d.In.Published}
	for i := range d.Sentences {
		st := &d.Sentences[i]
		if st.Lang != record.LangKhmer {
			continue
		}
		x.sents = append(x.sents, x.read(len(x.sents), st))
	}
	if len(x.sents) == 0 {
		return nil
	}
	x.findDateline()
	var evs []kmEvent
	for _, s := range x.sents {
		evs = append(evs, x.events(s)...)
	}
	evs = x.merge(evs)
	out := make([]Event, 0, len(evs))
	for _, e := range evs {
		out = append(out, e.Event)
	}
	return out
}

// read runs the matchers over one sentence.
func (x *kmDoc) read(idx int, st *Sentence) *kmSent {
	s := st.Text
	ks := &kmSent{idx: idx, s: s, base: st.Span.Start, presStart: len(s)}
	ks.evStart = kmDatelineEnd(s)
	ks.orgs = kmGaz.FindOrgs(s)
	for _, m := range kmMatcher.Find(s) {
		ks.toks = append(ks.toks, kmTok{m.Start, m.End, &kmWords[m.Index]})
	}
	// Keywords inside a name (ឧត្តមស្នងការ…ទទួលបន្ទុកជនភៀសខ្លួន) are part of it.
	ks.toks = kmDropInside(ks.toks, ks.orgs)
	// Most sentences of a report state no event: read them only as far as
	// other sentences may need them (courts, presiding officials, names).
	trig, names := false, false
	for _, t := range ks.toks {
		switch t.w.kind {
		case kmTrigger, kmLeave:
			trig = true
		case kmPreside, kmPresideBef, kmJudge, kmNameAnchor:
			names = true
		}
	}
	if trig {
		ks.places = kmGaz.FindPlaces(s)
		ks.roles = kmGaz.FindRoles(s)
		ks.dates = khmer.FindDates(s, x.pub)
		ks.counts = kmCounts(s, ks.dates, ks.toks)
	}
	if trig || names || len(ks.orgs) > 0 {
		ks.names = kmFindNames(s, kmGaz, ks.toks)
	}
	for _, t := range ks.toks {
		switch t.w.kind {
		case kmBreak:
			ks.breaks = append(ks.breaks, t.start)
		case kmBackground:
			ks.breaks = append(ks.breaks, t.start)
			ks.backs = append(ks.backs, t.start)
		case kmPreside:
			if t.start < ks.presStart {
				ks.presStart = t.start
			}
		case kmDocumented:
			x.documented = true
		}
	}
	for _, t := range ks.toks {
		switch t.w.kind {
		case kmPreside:
			for _, n := range ks.names {
				if n.start >= t.end && !kmContains(ks.presiders, n.name) {
					ks.presiders = append(ks.presiders, n.name)
				}
			}
		case kmPresideBef:
			// Names of the clause right before "presided".
			cs := ks.clauseStart(t.start)
			for _, n := range ks.names {
				if n.start >= cs && n.end <= t.start && !kmContains(ks.presiders, n.name) {
					ks.presiders = append(ks.presiders, n.name)
				}
			}
		case kmTrigger:
			if t.w.flags&kmWelcome == 0 {
				continue
			}
			// Who welcomes the group presides: "ឯកឧត្តម X បានទទួលស្វាគមន៍…".
			cs := ks.clauseStart(t.start)
			for _, n := range ks.names {
				if n.start >= cs && n.end <= t.start && !kmContains(ks.presiders, n.name) {
					ks.presiders = append(ks.presiders, n.name)
				}
			}
		case kmJudge:
			for _, n := range ks.names {
				if n.end <= t.start && t.start-n.end <= 40 && !kmContains(x.judges, n.name) {
					x.judges = append(x.judges, n.name)
					ks.judges = append(ks.judges, n.name)
				}
			}
		}
	}
	for _, o := range ks.orgs {
		if o.Kind == record.OrgCourt {
			x.courts = append(x.courts, o)
		}
	}
	return ks
}

func kmContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func kmDropInside(toks []kmTok, orgs []gazetteer.OrgMatch) []kmTok {
	out := toks[:0]
	for _, t := range toks {
		inside := false
		for _, o := range orgs {
			if t.start >= o.Start && t.end <= o.End && !(t.start == o.Start && t.end == o.End) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, t)
		}
	}
	return out
}

// kmPersonWords are the counters of people.
var kmPersonWords = []string{"នាក់", "រូប", "អង្គ"}

// kmCounts finds the counts of people: numbers followed by a counter of
// people, and ម្នាក់ "one person".
func kmCounts(s string, dates []khmer.DateMatch, toks []kmTok) []kmCount {
	var out []kmCount
	nums := khmer.FindNumbers(s)
	for ni, n := range nums {
		nums := nums[:ni]
		if n.Ordinal || n.Value <= 0 {
			continue
		}
		inDate := false
		for _, d := range dates {
			if n.Start >= d.Start && n.End <= d.End {
				inDate = true
				break
			}
		}
		if inDate {
			continue
		}
		j := n.End
		for j < len(s) && s[j] == ' ' {
			j++
		}
		person := false
		for _, w := range kmPersonWords {
			if strings.HasPrefix(s[j:], w) {
				person = true
				break
			}
		}
		if !person {
			continue
		}
		c := kmCount{start: n.Start, end: j, value: n.Value, qual: kmQual(n.Qualifier)}
		if n.QualifierEnd > n.QualifierStart {
			c.start = n.QualifierStart
		}
		// "១ ២០០ នាក់": thousands separated by a space.
		if k := len(nums); k > 0 && n.End-n.Start == 3*len("០") && nums[k-1].End+1 == n.Start && s[nums[k-1].End] == ' ' &&
			nums[k-1].End-nums[k-1].Start <= 3*len("០") && !nums[k-1].Ordinal {
			c.value += nums[k-1].Value * 1000
			c.start = nums[k-1].Start
			if nums[k-1].QualifierEnd > nums[k-1].QualifierStart {
				c.start = nums[k-1].QualifierStart
				c.qual = kmQual(nums[k-1].Qualifier)
			}
		}
		// "មិនតិចជាង ៥០០ នាក់" "no fewer than".
		if c.qual == record.CountMoreThan && strings.HasSuffix(strings.TrimRight(s[:c.start], " "), "មិនតិច") {
			c.qual = record.CountAtLeast
		}
		// "៣០នាក់ជាង": a qualifier after the counter.
		for _, w := range kmPersonWords {
			if strings.HasPrefix(s[j:], w) {
				rest := strings.TrimLeft(s[j+len(w):], " ")
				if strings.HasPrefix(rest, "ជាង") && !strings.HasPrefix(rest, "ជាងគេ") {
					c.qual = record.CountMoreThan
				}
			}
		}
		for _, t := range toks {
			if t.w.kind == kmTotal && t.end <= c.start && c.start-t.end <= 12 {
				c.total = true
			}
		}
		out = append(out, c)
	}
	for _, t := range toks {
		if t.w.kind != kmOne {
			continue
		}
		overlaps := false
		for _, c := range out {
			if t.start < c.end+12 && t.end > c.start {
				overlaps = true
			}
		}
		if !overlaps {
			out = append(out, kmCount{start: t.start, end: t.end, value: 1, qual: record.CountExact})
		}
	}
	// Keep them in order for the region tests.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func kmQual(q khmer.Qualifier) record.CountQualifier {
	switch q {
	case khmer.QualMoreThan:
		return record.CountMoreThan
	case khmer.QualAbout:
		return record.CountAbout
	case khmer.QualAtLeast:
		return record.CountAtLeast
	}
	return record.CountExact
}

// kmDatelineEnd returns where the text after a dateline "(ភ្នំពេញ)៖ " or
// "កណ្តាល៖ " starts, or 0.
func kmDatelineEnd(s string) int {
	i := strings.Index(s, "៖")
	if i < 0 || i > 60 {
		return 0
	}
	head := strings.Trim(s[:i], " ()")
	if head == "" || strings.ContainsAny(head, " ។") && len(head) > 40 {
		return 0
	}
	j := i + len("៖")
	for j < len(s) && s[j] == ' ' {
		j++
	}
	return j
}

func (x *kmDoc) findDateline() {
	for _, s := range x.sents[:min(3, len(x.sents))] {
		if s.evStart == 0 {
			continue
		}
		head := strings.Trim(s.s[:strings.Index(s.s, "៖")], " ()")
		if p, ok := kmGaz.Province(head); ok {
			x.dateline = p.English
		}
		return
	}
}

func (ks *kmSent) hasTrigger() bool {
	for _, t := range ks.toks {
		if t.w.kind == kmTrigger {
			return true
		}
	}
	return false
}

// readDates returns the dates of a sentence read without triggers, on or
// before publication.
func (x *kmDoc) readDates(ks *kmSent) []khmer.DateMatch {
	var out []khmer.DateMatch
	for _, d := range khmer.FindDates(ks.s, x.pub) {
		if x.pub.IsZero() || !d.Date.Time().After(x.pub) {
			out = append(out, d)
		}
	}
	return out
}

// clauseStart returns the start of the clause holding i.
func (ks *kmSent) clauseStart(i int) int {
	cs := 0
	for _, b := range ks.breaks {
		if b <= i && b > cs {
			cs = b
		}
	}
	return cs
}

// clauseEnd returns the end of the clause holding i.
func (ks *kmSent) clauseEnd(i int) int {
	ce := len(ks.s)
	for _, b := range ks.breaks {
		if b > i && b < ce {
			ce = b
		}
	}
	return ce
}

func (ks *kmSent) has(kind kmKind, a, b int) bool {
	for _, t := range ks.toks {
		if t.w.kind == kind && t.start >= a && t.end <= b {
			return true
		}
	}
	return false
}

// blocked reports whether the trigger at t is negated, planned or
// hypothetical.
func (ks *kmSent) blocked(t kmTok, cs int) bool {
	for _, u := range ks.toks {
		if u.start >= t.start {
			break
		}
		if u.start < cs {
			continue
		}
		gap := t.start - u.end
		switch u.w.kind {
		case kmCond:
			return true
		case kmNeg:
			if gap <= 27 {
				return true
			}
		case kmPlan:
			if gap <= 30 {
				return true
			}
		}
	}
	return false
}

func kmPassiveType(t record.EventType) bool {
	switch t {
	case record.EventArrest, record.EventCharge, record.EventConviction, record.EventRelease,
		record.EventAppointment, record.EventDisqualification:
		return true
	}
	return false
}

func kmIsParty(o gazetteer.OrgMatch) bool {
	return o.Kind == record.OrgParty || o.Kind == record.OrgUnknown
}

func kmIsAuthority(o gazetteer.OrgMatch) bool {
	switch o.Kind {
	case record.OrgCourt, record.OrgBody, record.OrgForeign, record.OrgMinistry, record.OrgProvince:
		return true
	}
	return false
}

// events builds the events of one sentence.
func (x *kmDoc) events(ks *kmSent) []kmEvent {
	type group struct {
		typ  record.EventType
		toks []kmTok
	}
	var groups []*group
	for _, t := range ks.toks {
		if t.w.kind != kmTrigger {
			continue
		}
		var g *group
		for _, h := range groups {
			if h.typ == t.w.typ {
				g = h
			}
		}
		if g == nil {
			g = &group{typ: t.w.typ}
			groups = append(groups, g)
		}
		g.toks = append(g.toks, t)
	}
	hasJoin := false
	for _, g := range groups {
		if g.typ == kmJoinType {
			hasJoin = true
		}
	}
	if !hasJoin {
		// "ប្រកាសចាកចេញពីគណបក្ស X" without joining another is leaving X.
		for _, t := range ks.toks {
			if t.w.kind != kmLeave || ks.blocked(t, ks.clauseStart(t.start)) {
				continue
			}
			party := false
			for _, o := range ks.orgs {
				if o.Kind == record.OrgParty && o.ID != "opposition" && o.ID != "other-parties" && o.Start >= t.end && o.Start-t.end <= 30 {
					party = true
				}
			}
			if !party {
				continue
			}
			rt := t
			rt.w = &kmWord{w: t.w.w, kind: kmTrigger, typ: record.EventResignation}
			groups = append(groups, &group{typ: record.EventResignation, toks: []kmTok{rt}})
			break
		}
	}
	var out []kmEvent
	for _, g := range groups {
		if g.typ == record.EventResignation && hasJoin {
			continue // "left the party and joined…" is the defection
		}
		var t kmTok
		found := false
		for _, c := range g.toks {
			if c.start >= ks.presStart && g.typ == kmJoinType && c.w.flags&kmWelcome == 0 {
				continue
			}
			if ks.blocked(c, ks.clauseStart(c.start)) {
				continue
			}
			if !found || (t.w.flags&kmWeak != 0 && c.w.flags&kmWeak == 0) {
				t, found = c, true
			}
		}
		if !found || !x.supported(ks, t) {
			continue
		}
		out = append(out, x.build(ks, g.typ, t)...)
	}
	return out
}

// kmNotParty are what people join that is not a party: "ចូលជាសមាជិក
// សហជីព" joined a union.
var kmNotParty = []string{"សហជីព", "អង្គការ", "សមាគម", "ក្រុម", "សហគមន៍", "អាស៊ាន", "ក្លឹប", "សភា", "គណៈកម្មាធិការ", "ក្រសួង", "ស្ថាប័ន"}

// supported checks what a weak trigger needs around it.
func (x *kmDoc) supported(ks *kmSent, t kmTok) bool {
	if t.w.typ == kmJoinType && t.w.flags&kmWelcome == 0 {
		rest := strings.TrimLeft(ks.s[t.end:], " ")
		for _, w := range kmNotParty {
			if strings.HasPrefix(rest, w) {
				return false
			}
		}
		for _, o := range ks.orgs {
			if o.Start >= t.end && o.Start-t.end <= 3 && !kmIsParty(o) {
				return false
			}
		}
	}
	if t.w.flags&kmNeedParty != 0 {
		// ចូលរួមជាមួយអាជ្ញាធរ "work with the authorities", ចុះចូលសមត្ថកិច្ច
		// "surrender to the police" are no joins.
		for _, o := range ks.orgs {
			if o.Kind == record.OrgParty && o.Start >= t.end && o.Start-t.end <= 40 {
				return true
			}
		}
		return false
	}
	if t.w.flags&kmWeak == 0 {
		return true
	}
	switch t.w.typ {
	case kmJoinType:
		if strings.HasPrefix(t.w.w, "ប្រកាសគាំទ្រ") {
			// "declared support" is a join only for a party named right after.
			for _, o := range ks.orgs {
				if o.Kind == record.OrgParty && o.Start >= t.end && o.Start-t.end <= 30 {
					return len(ks.counts) > 0 || len(ks.names) > 0
				}
			}
			return false
		}
		party, people := false, len(ks.counts) > 0
		for _, o := range ks.orgs {
			if kmIsParty(o) {
				party = true
			}
		}
		for _, r := range ks.roles {
			if r.Class == record.RoleMember || r.Class == record.RoleActivist || r.Class == record.RoleSupporter {
				people = true
			}
		}
		return party && people
	case record.EventDisqualification:
		if strings.HasPrefix(t.w.w, "ហាម") || strings.HasPrefix(t.w.w, "ដក") {
			// A ban is a disqualification when it is a ban from politics.
			return strings.Contains(ks.s, "នយោបាយ") || strings.Contains(ks.s, "បោះឆ្នោត") || strings.Contains(ks.s, "ឈរឈ្មោះ")
		}
		for _, o := range ks.orgs {
			if o.ID == "nec" || o.ID == "moi" || o.Kind == record.OrgCourt {
				return true
			}
		}
	}
	return false
}

// build makes the events of one trigger: the main one and, for joins
// whose subjects include "among them N former X", the defection of that
// part.
func (x *kmDoc) build(ks *kmSent, typ record.EventType, t kmTok) []kmEvent {
	s := ks.s
	cs, ce := ks.clauseStart(t.start), ks.clauseEnd(t.start)
	if ce > ks.presStart && ks.presStart > t.end {
		ce = ks.presStart
	}
	pe := min(ce, ks.presStart) // the clause without the presiding part
	if pe < t.end {
		pe = ce
	}
	e := kmEvent{sent: ks.idx, anaphor: t.w.flags&kmAnaphor != 0 || kmThis(s[t.end:])}
	e.Type = typ
	e.Span = record.Span{Start: ks.base + ks.evStart, End: ks.base + len(s)}
	if ks.evStart >= len(s) {
		e.Span.Start = ks.base
	}

	// Where the subjects are: before the trigger for those who act
	// (join, flee, resign), after it for those acted upon (arrested,
	// appointed) unless the verb is passive (ត្រូវ…ចាប់ខ្លួន).
	before := [2]int{cs, t.start}
	after := [2]int{t.end, pe}
	subj, other := before, after
	if kmPassiveType(typ) && !strings.Contains(s[cs:t.start], "ត្រូវ") {
		subj, other = after, before
	}
	if t.w.flags&kmWelcome != 0 {
		subj, other = after, before
	}
	// "X បានអះអាងថា …": what X said starts after ថា.
	for _, u := range ks.toks {
		if u.w.kind == kmSpeech && u.end <= t.start && u.start >= cs {
			if subj == before {
				subj[0] = max(subj[0], u.end)
			} else if other == before {
				other[0] = max(other[0], u.end)
			}
		}
	}
	// A part of the group: "… ៣៤៤នាក់ ក្នុងនោះ ៤៤នាក់ជាអតីតសកម្មជន…".
	// It may also follow: "…បានចូលជាសមាជិក… ក្នុងនោះមានអតីតសកម្មជន… ៤៤នាក់".
	subsetAt := -1
	var subR [2]int
	for _, u := range ks.toks {
		if u.w.kind != kmSubset {
			continue
		}
		if u.start >= subj[0] && u.end <= subj[1] {
			subsetAt, subR = u.start, [2]int{u.start, subj[1]}
			break
		}
		if typ == kmJoinType && u.start >= t.end && u.end <= pe {
			subsetAt, subR = u.start, [2]int{u.start, pe}
			break
		}
	}
	mainSubj := subj
	if subsetAt >= 0 {
		mainSubj[1] = min(mainSubj[1], subsetAt)
		other[1] = min(other[1], max(other[0], subsetAt))
	}

	// Persons.
	e.Persons = x.persons(ks, mainSubj, t)
	if len(e.Persons) == 0 {
		e.Persons = x.persons(ks, other, t)
		if typ == kmJoinType && other == after {
			// After "joined the CPP" come its leaders ("ក្រោមការដឹកនាំ…
			// សម្តេច X"), not the people who joined, unless named as such.
			e.Persons = x.namedOnly(ks, other)
		}
	}
	// Counts.
	region := mainSubj // where the subjects were found, for their role
	if len(e.Persons) > 0 && len(x.persons(ks, mainSubj, t)) == 0 {
		region = other
	}
	c, ok := ks.countIn(mainSubj[0], mainSubj[1])
	if !ok && len(e.Persons) == 0 {
		c, ok = ks.countIn(other[0], other[1])
		if ok {
			region = other
		}
	}
	if !ok && len(e.Persons) == 0 && subsetAt < 0 {
		c, ok = ks.countIn(cs, pe)
	}
	if ok {
		v := c.value
		e.Count = &v
		e.CountQualifier = c.qual
	}

	// Organisations.
	switch typ {
	case kmJoinType:
		e.ToOrg = x.joinTo(ks, t, cs, pe)
		skip := [2]int{}
		if subsetAt >= 0 {
			skip = subR
		}
		e.FromOrg = x.joinFrom(ks, t, mainSubj, cs, pe, e.ToOrg, skip)
		if e.FromOrg != "" {
			e.Type = record.EventDefection
		} else {
			e.Type = record.EventPartyJoin
		}
	case record.EventResignation:
		e.FromOrg = ks.nearestOrg(t.end, pe, true, func(o gazetteer.OrgMatch) bool { return true })
		if e.FromOrg == "" {
			e.FromOrg = ks.nearestOrg(0, t.start, false, func(o gazetteer.OrgMatch) bool { return true })
		}
	case record.EventAppointment:
		e.ToOrg = ks.nearestOrg(t.end, pe, true, func(o gazetteer.OrgMatch) bool { return true })
		if e.ToOrg == "" {
			e.ToOrg = ks.nearestOrg(cs, t.start, false, func(o gazetteer.OrgMatch) bool { return true })
		}
	case record.EventFlight:
		e.FromOrg = x.affiliation(ks, subj, other, cs, pe)
	default:
		e.ToOrg = x.actingBody(ks, typ, t, cs, ce)
		e.FromOrg = x.affiliation(ks, subj, other, cs, pe)
	}
	if e.FromOrg == "" && typ != kmJoinType && typ != record.EventAppointment && typ != record.EventResignation && len(e.Persons) > 0 {
		e.FromOrg = x.personAffiliation(e.Persons)
	}

	e.Place = x.place(ks, typ, cs, ce, e.ToOrg)
	e.Date = x.date(ks, t, cs, ce)
	e.PresidedBy = append([]string(nil), ks.presiders...)
	if t.w.flags&kmWelcome != 0 {
		for _, n := range ks.names {
			if n.start >= cs && n.end <= t.start && !kmContains(e.PresidedBy, n.name) {
				e.PresidedBy = append(e.PresidedBy, n.name)
			}
		}
	}
	if typ == record.EventConviction {
		for _, j := range x.judges {
			if !kmContains(e.PresidedBy, j) {
				e.PresidedBy = append(e.PresidedBy, j)
			}
		}
	}
	e.Persons = kmWithout(e.Persons, e.PresidedBy)

	// Stance and claimant.
	switch {
	case ks.has(kmDeny, 0, len(s)):
		e.Stance = record.StanceDenies
	case ks.has(kmHedge, 0, t.start) || ks.has(kmHedge, cs, ce):
		e.Stance = record.StanceHedged
	}
	e.Claimant = x.claimant(ks, t)
	ra, rb := region[0], region[1]
	if strings.Contains(t.w.w, "សមាជិកថ្មី") || strings.Contains(t.w.w, "បញ្ចូលសមាជិក") {
		// The trigger names its subjects: ទទួលសមាជិកថ្មី "receive new members".
		ra, rb = min(ra, t.start), max(rb, t.end)
	}
	e.RoleClass = ks.roleClass(ra, rb)
	if e.RoleClass == "" && len(e.Persons) > 0 {
		e.RoleClass = ks.roleClass(cs, pe)
	}
	switch {
	case len(e.Persons) > 0:
		e.Grade = record.GradeNamed
	case x.documented:
		e.Grade = record.GradeDocumented
	case e.Count != nil:
		e.Grade = record.GradeBareCount
	default:
		e.Grade = record.GradeUnclear
	}
	e.Confidence = kmConfidence(&e.Event)
	out := []kmEvent{e}
	// A named leader bringing a much larger group: the person and the group
	// are two events ("លោក X បាននាំសមាជិក ៧០០ នាក់ ចូល…").
	if len(e.Persons) > 0 && e.Count != nil && *e.Count >= 10 && *e.Count > 3*int64(len(e.Persons)) {
		named, group := e, e
		named.Count, named.CountQualifier = nil, ""
		named.Persons = append([]string(nil), e.Persons...)
		group.Persons = nil
		group.Grade = record.GradeBareCount
		if x.documented {
			group.Grade = record.GradeDocumented
		}
		group.Confidence = kmConfidence(&group.Event)
		out = []kmEvent{named, group}
	}

	if subsetAt >= 0 && typ == kmJoinType {
		sub := e
		sub.subset = true
		sub.Persons = x.persons(ks, subR, t)
		sub.Count = nil
		sub.CountQualifier = ""
		if c, ok := ks.countIn(subR[0], subR[1]); ok {
			v := c.value
			sub.Count, sub.CountQualifier = &v, c.qual
		}
		sub.FromOrg = x.joinFrom(ks, t, subR, subR[0], subR[1], e.ToOrg, [2]int{})
		if sub.FromOrg != "" && (sub.Count != nil || len(sub.Persons) > 0) {
			sub.Type = record.EventDefection
			sub.RoleClass = ks.roleClass(subR[0], subR[1])
			sub.Confidence = kmConfidence(&sub.Event)
			out = append(out, sub)
		}
	}
	return out
}

// kmThis reports whether a trigger is followed by "this" (ការចាប់ខ្លួននេះ
// "this arrest"): it refers to an event already told.
func kmThis(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	for _, w := range []string{"នេះ", "លើកនេះ", "ខាងលើ", "ដដែល"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

func kmConfidence(e *Event) float64 {
	c := 0.45
	if e.Count != nil || len(e.Persons) > 0 {
		c += 0.15
	}
	if e.FromOrg != "" || e.ToOrg != "" {
		c += 0.15
	}
	if e.Stance == record.StanceHedged {
		c -= 0.1
	}
	return c
}

func kmWithout(xs, drop []string) []string {
	out := xs[:0]
	for _, v := range xs {
		if !kmContains(drop, v) {
			out = append(out, v)
		}
	}
	return out
}

// persons returns the subject names in [r[0], r[1]): not presiding, not
// judges, not the speakers of the sentence; when some were introduced by
// ឈ្មោះ "named", only those.
func (x *kmDoc) persons(ks *kmSent, r [2]int, t kmTok) []string {
	var all, named []string
	// Of several people in the region, the subject is the group of names
	// nearest the trigger: "គណបក្សតែងតាំងលោក A … ជំនួសលោក B ដែលបាន
	// លាលែង" appoints A and has B resign.
	group := -1
	for _, n := range ks.names {
		if n.start < r[0] || n.end > r[1] || n.start >= ks.presStart ||
			kmContains(ks.presiders, n.name) || kmContains(ks.judges, n.name) || ks.speakerAt(n, t) {
			continue
		}
		if n.start >= t.end {
			if group < 0 {
				group = n.group
			}
		} else {
			group = n.group
		}
	}
	for _, n := range ks.names {
		if n.start < r[0] || n.end > r[1] || n.start >= ks.presStart || n.group != group {
			continue
		}
		if kmContains(ks.presiders, n.name) || kmContains(ks.judges, n.name) {
			continue
		}
		if ks.speakerAt(n, t) {
			continue
		}
		if !kmContains(all, n.name) {
			all = append(all, n.name)
		}
		if n.named && !kmContains(named, n.name) {
			named = append(named, n.name)
		}
	}
	if len(named) > 0 {
		return named
	}
	return all
}

// namedOnly returns the names introduced by ឈ្មោះ in [r[0], r[1]).
func (x *kmDoc) namedOnly(ks *kmSent, r [2]int) []string {
	var out []string
	for _, n := range ks.names {
		if n.named && n.start >= r[0] && n.end <= r[1] && !kmContains(out, n.name) && !kmContains(ks.presiders, n.name) {
			out = append(out, n.name)
		}
	}
	return out
}

// speakerAt reports whether a speech verb follows name n before the
// trigger: "លោក X បានអះអាងថា …ចូលជាសមាជិក…" makes X the claimant.
func (ks *kmSent) speakerAt(n kmName, t kmTok) bool {
	for _, u := range ks.toks {
		if u.w.kind == kmSpeech && u.start >= n.end && u.end <= t.start && u.start-n.end <= 120 {
			return true
		}
	}
	return false
}

func (x *kmDoc) claimant(ks *kmSent, t kmTok) string {
	for _, u := range ks.toks {
		if u.end > t.start {
			break
		}
		switch u.w.kind {
		case kmSpeech:
			var best string
			for _, n := range ks.names {
				if n.end <= u.start && u.start-n.end <= 120 {
					best = n.name
				}
			}
			if best != "" {
				return best
			}
			// A body speaks: "ក្រុមការងារគណបក្ស… បានអះអាងថា".
			cs := ks.clauseStart(u.start)
			for _, o := range ks.orgs {
				if o.End <= u.start && o.Start >= cs && u.start-o.End <= 120 {
					best = o.Canonical
				}
			}
			if best != "" {
				return best
			}
		case kmAccording:
			for _, n := range ks.names {
				if n.start >= u.end && n.start-u.end <= 60 {
					return n.name
				}
			}
		}
	}
	return ""
}

// countIn returns the count of people stated in [a, b): a total when one
// is marked, else the sum of the counts listed there.
func (ks *kmSent) countIn(a, b int) (kmCount, bool) {
	var sum kmCount
	n := 0
	for _, c := range ks.counts {
		if c.start < a || c.start >= b || c.start >= ks.presStart {
			continue
		}
		if c.total {
			return c, true
		}
		if n == 0 {
			sum = c
		} else {
			sum.value += c.value
			if c.qual != record.CountExact {
				sum.qual = c.qual
			}
		}
		n++
	}
	return sum, n > 0
}

func (ks *kmSent) roleClass(a, b int) record.RoleClass {
	var seen []record.RoleClass
	for _, r := range ks.roles {
		if r.Start < a || r.End > b || r.Presiding || r.Class == "" || ks.inNone(r.Start, r.End) {
			continue
		}
		if !containsClass(seen, r.Class) {
			seen = append(seen, r.Class)
		}
	}
	switch {
	case len(seen) == 0:
		return ""
	case len(seen) == 1:
		return seen[0]
	case containsClass(seen, record.RoleLeader):
		return record.RoleLeader
	case containsClass(seen, record.RoleElectedOfficial):
		return record.RoleElectedOfficial
	}
	return record.RoleUnclear
}

// inNone reports whether [a, b) lies inside a word that hides its parts
// (ជ្រើសតាំងតំណាងរាស្ត្រ "elect MPs" names no MP).
func (ks *kmSent) inNone(a, b int) bool {
	for _, t := range ks.toks {
		if t.w.kind == kmNone && t.start <= a && b <= t.end {
			return true
		}
	}
	return false
}

func containsClass(xs []record.RoleClass, c record.RoleClass) bool {
	for _, y := range xs {
		if y == c {
			return true
		}
	}
	return false
}

// nearestOrg returns the organisation nearest to the trigger in [a, b):
// the first when forward, the last otherwise.
func (ks *kmSent) nearestOrg(a, b int, forward bool, ok func(gazetteer.OrgMatch) bool) string {
	best := ""
	for _, o := range ks.orgs {
		if o.Start < a || o.End > b || !ok(o) {
			continue
		}
		if forward {
			return o.Canonical
		}
		best = o.Canonical
	}
	return best
}

// joinTo is the party joined: the first party after the trigger, or the
// one before a welcome ("គណបក្ស X បានទទួលស្វាគមន៍…"), else the party
// the document's joins go to, else the ruling party, which receives
// nearly all the joins the Khmer press reports.
func (x *kmDoc) joinTo(ks *kmSent, t kmTok, cs, pe int) string {
	specific := func(o gazetteer.OrgMatch) bool { return o.Kind == record.OrgParty && o.ID != "other-parties" }
	if t.w.flags&kmWelcome != 0 {
		if p := ks.nearestOrg(cs, t.start, false, specific); p != "" && p != kmOpposition {
			return p
		}
	}
	for _, o := range ks.orgs {
		if o.Start >= t.start && o.End <= pe && specific(o) && !ks.fromMarked(o) {
			if o.Start-t.end > 150 {
				break
			}
			return o.Canonical
		}
	}
	if p := ks.nearestOrg(cs, t.start, false, specific); p == kmCPP {
		// "…បានចូលរួមជាមួយគណបក្សប្រជាជន" read backwards: only the ruling
		// party is the receiver when it precedes the trigger.
		if !ks.fromMarkedName(kmCPP) {
			return p
		}
	}
	return kmCPP
}

// fromMarked reports whether org o is introduced as where people came
// from (មកពី, ចេញពី, អតីត, ដើរចេញពី…).
func (ks *kmSent) fromMarked(o gazetteer.OrgMatch) bool {
	for _, u := range ks.toks {
		if (u.w.kind == kmFrom || u.w.kind == kmLeave || u.w.kind == kmFormer) && u.end <= o.Start && o.Start-u.end <= 45 {
			between := false
			for _, p := range ks.orgs {
				if p.Start >= u.end && p.End <= o.Start {
					between = true
				}
			}
			if !between {
				return true
			}
		}
	}
	return false
}

func (ks *kmSent) fromMarkedName(canon string) bool {
	for _, o := range ks.orgs {
		if o.Canonical == canon && ks.fromMarked(o) {
			return true
		}
	}
	return false
}

func (ks *kmSent) former(o gazetteer.OrgMatch) bool {
	for _, u := range ks.toks {
		if u.w.kind == kmFormer && u.end <= o.Start && o.Start-u.end <= 60 {
			between := false
			for _, p := range ks.orgs {
				if p.Start >= u.end && p.End <= o.Start {
					between = true
				}
			}
			if !between {
				return true
			}
		}
	}
	return false
}

// joinFrom is the party left: the parties of the subjects and those
// introduced by មកពី/ដើរចេញពី/អតីត, other than the one joined. One party
// still held is that party; several make "opposition (unspecified)", as
// does "other parties" when the ruling party receives them.
func (x *kmDoc) joinFrom(ks *kmSent, t kmTok, subj [2]int, cs, pe int, to string, skip [2]int) string {
	var current, former []string
	generic := ""
	add := func(o gazetteer.OrgMatch) {
		if !kmIsParty(o) || o.Canonical == to {
			return
		}
		if o.Canonical == kmOpposition || o.Canonical == kmOthers {
			if generic == "" || o.Canonical == kmOpposition {
				generic = o.Canonical
			}
			return
		}
		if o.Kind != record.OrgParty {
			return
		}
		if ks.former(o) {
			if !kmContains(former, o.Canonical) {
				former = append(former, o.Canonical)
			}
		} else if !kmContains(current, o.Canonical) {
			current = append(current, o.Canonical)
		}
	}
	for _, o := range ks.orgs {
		if o.Start >= ks.presStart || (o.Start >= skip[0] && o.End <= skip[1]) {
			continue
		}
		inSubj := o.Start >= subj[0] && o.End <= subj[1]
		if inSubj || (o.Start >= cs && o.End <= pe && ks.fromMarked(o)) {
			add(o)
		}
	}
	pick := func(ps []string) string {
		if len(ps) == 1 {
			return ps[0]
		}
		return kmOpposition
	}
	switch {
	case len(current) > 0:
		return pick(current)
	case len(former) > 0:
		return pick(former)
	case generic == kmOthers && to != kmCPP:
		return kmOthers
	case generic != "":
		return kmOpposition
	}
	return ""
}

// actingBody is who arrests, charges, convicts, releases, grants asylum
// or disqualifies: the body nearest before the trigger in its clause
// (ត្រូវសមត្ថកិច្ចថៃចាប់ខ្លួន), else after it, else the court the
// document names for charges and convictions.
func (x *kmDoc) actingBody(ks *kmSent, typ record.EventType, t kmTok, cs, ce int) string {
	ok := kmIsAuthority
	if typ == record.EventAsylum {
		ok = func(o gazetteer.OrgMatch) bool { return o.Kind == record.OrgForeign }
		for _, o := range ks.orgs {
			if o.ID == "unhcr" {
				return o.Canonical
			}
		}
	}
	if b := ks.nearestOrg(cs, t.start, false, ok); b != "" {
		return b
	}
	mine := func(o gazetteer.OrgMatch) bool {
		return ok(o) && ks.owner(o.Start, o.End) == kmFamily(t.w.typ)
	}
	if b := ks.nearestOrg(t.end, ks.nextTrigger(t, ce), true, mine); b != "" {
		return b
	}
	if typ == record.EventCharge || typ == record.EventConviction {
		if b := ks.nearestOrg(0, len(ks.s), true, func(o gazetteer.OrgMatch) bool { return o.Kind == record.OrgCourt }); b != "" {
			return b
		}
		if len(x.courts) > 0 {
			return x.courts[0].Canonical
		}
	}
	return ""
}

// nextTrigger is where the next trigger of another type starts, or end.
func (ks *kmSent) nextTrigger(t kmTok, end int) int {
	for _, u := range ks.toks {
		if u.w.kind == kmTrigger && u.start >= t.end && u.start < end && Family(kmFamily(u.w.typ)) != Family(kmFamily(t.w.typ)) {
			return u.start
		}
	}
	return end
}

func kmFamily(t record.EventType) record.EventType {
	if t == kmJoinType {
		return record.EventDefection
	}
	return t
}

// dateOwner is the type of the trigger nearest to a date span.
func (ks *kmSent) dateOwner(d *khmer.DateMatch) record.EventType {
	return ks.owner(d.Start, d.End)
}

// owner is the family of the trigger nearest to [a, b).
func (ks *kmSent) owner(a, b int) record.EventType {
	best, gap := record.EventType(""), 1<<30
	for _, u := range ks.toks {
		if u.w.kind != kmTrigger {
			continue
		}
		g := a - u.end
		if u.start >= b {
			g = u.start - b
		}
		if g < 0 {
			g = 0
		}
		if g < gap {
			best, gap = kmFamily(u.w.typ), g
		}
	}
	return best
}

// affiliation is the party or movement of the subjects: in their part of
// the clause first.
func (x *kmDoc) affiliation(ks *kmSent, subj, other [2]int, cs, pe int) string {
	party := func(o gazetteer.OrgMatch) bool { return kmIsParty(o) && o.ID != "other-parties" }
	for _, r := range [][2]int{subj, {cs, pe}} {
		var ps []string
		for _, o := range ks.orgs {
			if o.Start >= r[0] && o.End <= r[1] && party(o) && !kmContains(ps, o.Canonical) {
				ps = append(ps, o.Canonical)
			}
		}
		if len(ps) == 1 {
			return ps[0]
		}
		if len(ps) > 1 {
			// "អតីតសកម្មជនគណបក្សប្រឆាំង… ក្រោយពីគណបក្សសង្គ្រោះជាតិ…":
			// the first, which describes the subject.
			return ps[0]
		}
	}
	return ""
}

// personAffiliation looks for the party or movement a named person is
// said to belong to elsewhere in the document.
func (x *kmDoc) personAffiliation(persons []string) string {
	for _, ks := range x.sents {
		for _, n := range ks.names {
			if !kmContains(persons, n.name) {
				continue
			}
			ce := ks.clauseEnd(n.end)
			for _, o := range ks.orgs {
				if o.Start >= n.end && o.End <= ce && o.Start-n.end <= 200 && kmIsParty(o) && o.ID != "other-parties" {
					return o.Canonical
				}
			}
		}
	}
	return ""
}

// place is where the event happened: the most precise place of its
// clause, else of its sentence, else the province of the acting court,
// else the dateline when it is not the capital (Phnom Penh datelines head
// reports from everywhere).
func (x *kmDoc) place(ks *kmSent, typ record.EventType, cs, ce int, to string) Place {
	if typ == record.EventFlight || typ == record.EventAsylum {
		// Places in these sentences describe the people (a provincial
		// chief in exile), not where they fled from.
		return Place{}
	}
	pick := ks.bestPlace
	if p, ok := pick(cs, ce); ok {
		return p
	}
	if p, ok := pick(0, len(ks.s)); ok && typ != record.EventFlight && typ != record.EventAsylum {
		return p
	}
	if o, ok := kmGaz.Org(to); ok && (o.Kind == record.OrgCourt || o.Kind == record.OrgProvince) {
		for _, p := range kmGaz.Provinces() {
			if strings.HasPrefix(o.Canonical, p.English+" ") {
				return Place{Province: p.English}
			}
		}
	}
	if x.dateline != "" && x.dateline != "Phnom Penh" && typ != record.EventFlight && typ != record.EventAsylum {
		return Place{Province: x.dateline}
	}
	return Place{}
}

// bestPlace is the most precise place named in [a, b), dateline aside.
func (ks *kmSent) bestPlace(a, b int) (Place, bool) {
	{
		var best Place
		rank := 0
		for _, p := range ks.places {
			if p.Start < a || p.End > b || p.End <= ks.evStart {
				continue
			}
			r := 1
			switch p.Level {
			case record.PlaceDistrict:
				r = 2
			case record.PlaceCommune:
				r = 3
				if p.Province == "" {
					r = 0 // a commune whose district and province we do not know
				}
			}
			if r > rank {
				rank = r
				best = Place{Province: p.Province, District: p.District, Commune: p.Commune}
			}
		}
		return best, rank > 0
	}
}

// date is the date nearest before the trigger in its clause with no
// other trigger between, else the nearest after it; else a date of the
// sentence outside background clauses (បន្ទាប់ពី…). Dates after
// publication are plans, not events.
func (x *kmDoc) date(ks *kmSent, t kmTok, cs, ce int) record.Date {
	usable := func(d *khmer.DateMatch) bool {
		if o := ks.dateOwner(d); o != "" && o != kmFamily(t.w.typ) {
			return false // nearer to another event's trigger
		}
		return x.pub.IsZero() || !d.Date.Time().After(x.pub)
	}
	otherTrigger := func(a, b int) bool {
		for _, u := range ks.toks {
			if u.w.kind == kmTrigger && u.w.typ != t.w.typ && u.start >= a && u.end <= b {
				return true
			}
		}
		return false
	}
	var best *khmer.DateMatch
	for i := range ks.dates {
		d := &ks.dates[i]
		if d.Start < cs || d.End > ce || !usable(d) {
			continue
		}
		if d.End <= t.start {
			if !otherTrigger(d.End, t.start) {
				best = d
			}
		} else if best == nil && !otherTrigger(t.end, d.Start) {
			best = d
			break
		}
	}
	if best == nil {
		for i := range ks.dates {
			d := &ks.dates[i]
			if !usable(d) || kmContainsInt(ks.backs, ks.clauseStart(d.Start)) {
				continue
			}
			dc := ks.clauseStart(d.Start)
			if otherTrigger(dc, ks.clauseEnd(d.Start)) {
				continue // the date of another event told in its clause
			}
			best = d
			break
		}
	}
	if best == nil {
		return record.Date{}
	}
	return record.Date{Year: best.Date.Year, Month: best.Date.Month, Day: best.Date.Day}
}

func kmContainsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// merge joins the events of a document that tell one happening: a title
// and its lead, a lead and "this appointment was decided on…", the same
// named people twice. The merged event keeps the evidence of the part
// that says most and the fields of all.
func (x *kmDoc) merge(evs []kmEvent) []kmEvent {
	var out []kmEvent
	for _, e := range evs {
		merged := false
		for i := len(out) - 1; i >= 0; i-- {
			o := &out[i]
			if !kmSame(o, &e) {
				continue
			}
			kmAbsorb(o, &e)
			merged = true
			break
		}
		if !merged {
			out = append(out, e)
		}
	}
	// A group counted in one sentence and named in the next: "…ពីររូប…។
	// …មានឈ្មោះ X និង Y។"
	for i := range out {
		e := &out[i]
		if e.Count == nil || len(e.Persons) > 0 || e.sent+1 >= len(x.sents) {
			continue
		}
		next := x.sents[e.sent+1]
		var named []string
		for _, n := range next.names {
			if n.named && !kmContains(named, n.name) {
				named = append(named, n.name)
			}
		}
		trig := false
		for _, t := range next.toks {
			if t.w.kind == kmTrigger {
				trig = true
			}
		}
		if !trig && len(named) > 0 && int64(len(named)) == *e.Count {
			e.Persons = named
			e.Grade = record.GradeNamed
			if e.Span.Start >= x.sents[e.sent].base && e.Span.End <= next.base+len(next.s) {
				e.Span.End = next.base + len(next.s)
			}
		}
	}
	// An anaphoric event that found nothing to join is still an event.
	// Resignations from the party a defection left are that defection.
	keep := out[:0]
	for _, e := range out {
		if e.Type == record.EventResignation && x.partOfDefection(&e, out) {
			continue
		}
		keep = append(keep, e)
	}
	out = keep
	// Joins and appointments told without their date take it from a
	// nearby sentence about the ceremony ("ពិធីនេះ… នៅថ្ងៃទី១០…") that
	// tells no other event.
	for i := range out {
		e := &out[i]
		if (!e.Date.IsZero() && e.Place.Province != "") || !(Family(e.Type) == record.EventDefection || e.Type == record.EventAppointment) {
			continue
		}
		for _, k := range []int{e.sent + 1, e.sent - 1, e.sent + 2} {
			if k < 0 || k >= len(x.sents) {
				continue
			}
			ks := x.sents[k]
			if ks.hasTrigger() {
				continue
			}
			if !strings.Contains(ks.s, "ពិធី") && len(ks.presiders) == 0 {
				continue
			}
			if e.Place.Province == "" {
				if ks.places == nil {
					ks.places = kmGaz.FindPlaces(ks.s)
				}
				if p, ok := ks.bestPlace(0, len(ks.s)); ok {
					e.Place = p
				}
			}
			if d := x.readDates(ks); len(d) > 0 && e.Date.IsZero() {
				e.Date = record.Date{Year: d[0].Date.Year, Month: d[0].Date.Month, Day: d[0].Date.Day}
			}
			if !e.Date.IsZero() && e.Place.Province != "" {
				break
			}
		}
	}
	// Joins and appointments told without their presiding officials take
	// those of a nearby sentence of the same report.
	for i := range out {
		e := &out[i]
		if len(e.PresidedBy) > 0 || !(Family(e.Type) == record.EventDefection || e.Type == record.EventAppointment) {
			continue
		}
		bestDist := 4
		for _, ks := range x.sents {
			d := ks.idx - e.sent
			if d < 0 {
				d = -d
			}
			if len(ks.presiders) > 0 && d < bestDist {
				bestDist = d
				e.PresidedBy = kmWithout(append([]string(nil), ks.presiders...), e.Persons)
			}
		}
	}
	return out
}

func (x *kmDoc) partOfDefection(r *kmEvent, evs []kmEvent) bool {
	for i := range evs {
		e := &evs[i]
		if Family(e.Type) != record.EventDefection {
			continue
		}
		if r.FromOrg != "" && (r.FromOrg == e.FromOrg || e.FromOrg == kmOpposition || r.FromOrg == kmOpposition) {
			return true
		}
		for _, p := range r.Persons {
			if kmContains(e.Persons, p) {
				return true
			}
		}
	}
	return false
}

func kmSame(a, b *kmEvent) bool {
	if Family(a.Type) != Family(b.Type) || a.subset != b.subset {
		return false
	}
	if b.anaphor || a.anaphor {
		return true
	}
	if a.Stance == record.StanceDenies || b.Stance == record.StanceDenies {
		return false
	}
	if len(a.Persons) > 0 && len(b.Persons) > 0 {
		for _, p := range a.Persons {
			for _, q := range b.Persons {
				if kmSameName(p, q) {
					return true
				}
			}
		}
		return false
	}
	if len(a.Persons) > 0 || len(b.Persons) > 0 {
		// A group told by its count and then by its names: the same if the
		// count is the number of names.
		n, c := len(a.Persons)+len(b.Persons), a.Count
		if c == nil {
			c = b.Count
		}
		if c == nil || n < 2 || *c != int64(n) || b.sent-a.sent > 2 {
			return false
		}
	}
	if a.Count != nil && b.Count != nil && *a.Count != *b.Count {
		return false
	}
	if a.Count == nil && b.Count == nil && b.sent-a.sent > 1 {
		return false
	}
	if a.ToOrg != "" && b.ToOrg != "" && a.ToOrg != b.ToOrg {
		return false
	}
	if a.FromOrg != "" && b.FromOrg != "" && a.FromOrg != b.FromOrg && a.FromOrg != kmOpposition && b.FromOrg != kmOpposition {
		return false
	}
	if a.Place.Province != "" && b.Place.Province != "" && a.Place.Province != b.Place.Province {
		return false
	}
	return true
}

// kmSameName compares names, letting one be cut short (a report that
// stops mid-name: ថាច់ ស for ថាច់ សេដ្ឋា).
func kmSameName(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	fa, _, ok := strings.Cut(a, " ")
	return ok && strings.HasPrefix(b, a) && strings.HasPrefix(b, fa+" ") && len(a) > len(fa)+1
}

func kmRich(e *kmEvent) int {
	n := 0
	if !e.Date.IsZero() {
		n += 2
	}
	if len(e.PresidedBy) > 0 {
		n++
	}
	if e.Place.Province != "" {
		n++
	}
	if e.Count != nil {
		n++
	}
	if e.FromOrg != "" {
		n++
	}
	if e.ToOrg != "" {
		n++
	}
	if len(e.Persons) > 0 {
		n++
	}
	return n
}

// kmAbsorb merges b into a.
func kmAbsorb(a, b *kmEvent) {
	if kmRich(b) > kmRich(a) {
		a.Span, a.sent = b.Span, b.sent
	}
	a.anaphor = false
	if a.Type == record.EventPartyJoin && b.Type == record.EventDefection {
		a.Type = record.EventDefection
	}
	for _, p := range b.Persons {
		if !kmContains(a.Persons, p) {
			a.Persons = append(a.Persons, p)
		}
	}
	if a.Count == nil && b.Count != nil {
		a.Count, a.CountQualifier = b.Count, b.CountQualifier
	}
	if a.FromOrg == "" || (a.FromOrg == kmOpposition && b.FromOrg != "") {
		a.FromOrg = b.FromOrg
	}
	if a.ToOrg == "" {
		a.ToOrg = b.ToOrg
	}
	if a.Place.Province == "" || (a.Place.District == "" && b.Place.Province == a.Place.Province && b.Place.District != "") {
		a.Place = b.Place
	}
	if a.Date.IsZero() {
		a.Date = b.Date
	}
	for _, p := range b.PresidedBy {
		if !kmContains(a.PresidedBy, p) {
			a.PresidedBy = append(a.PresidedBy, p)
		}
	}
	if a.Claimant == "" {
		a.Claimant = b.Claimant
	}
	if a.RoleClass == "" || a.RoleClass == record.RoleUnclear {
		a.RoleClass = b.RoleClass
	}
	if len(a.Persons) > 0 {
		a.Grade = record.GradeNamed
	}
	a.Confidence = max(a.Confidence, b.Confidence)
}
