package extract

import (
	"slices"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
)

// enRoleWords tell the role class of a subject named with them.
var enRoleWords = map[string]record.RoleClass{
	"president": record.RoleLeader, "vice-president": record.RoleLeader, "leader": record.RoleLeader, "leaders": record.RoleLeader,
	"founder": record.RoleLeader, "secretary-general": record.RoleLeader, "head": record.RoleLeader, "chairman": record.RoleLeader,
	"spokesman": record.RoleLeader, "spokeswoman": record.RoleLeader, "spokesperson": record.RoleLeader, "director": record.RoleLeader,
	"official": record.RoleLeader, "officials": record.RoleLeader, "executive": record.RoleLeader, "adviser": record.RoleLeader,
	"advisor": record.RoleLeader, "figure": record.RoleLeader, "governor": record.RoleLeader,
	"lawmaker": record.RoleElectedOfficial, "lawmakers": record.RoleElectedOfficial, "mp": record.RoleElectedOfficial,
	"councillor": record.RoleElectedOfficial, "councilor": record.RoleElectedOfficial, "councillors": record.RoleElectedOfficial,
	"councilors": record.RoleElectedOfficial, "senator": record.RoleElectedOfficial, "legislator": record.RoleElectedOfficial,
	"member": record.RoleMember, "members": record.RoleMember, "candidate": record.RoleMember, "candidates": record.RoleMember,
	"activist": record.RoleActivist, "activists": record.RoleActivist, "dissident": record.RoleActivist, "critic": record.RoleActivist,
	"unionist": record.RoleActivist, "journalist": "", "monk": "",
	"supporter": record.RoleSupporter, "supporters": record.RoleSupporter, "follower": record.RoleSupporter, "followers": record.RoleSupporter,
	"people": "", "defectors": "", "adults": "", "youths": "",
}

const (
	evAnaphoric = 1 << iota // "the new members were welcomed": a group counted elsewhere
	evOwnTime               // the clause says when, even if it cannot be resolved: another occasion
)

// side is the part of the sentence holding the event's subjects.
type side struct{ a, b int }

func (x *enDoc) sentence(k int, s *enSent) []Event {
	defer func() {
		if len(s.names) > 0 {
			x.lastPerson = s.names[len(s.names)-1].name
		}
	}()
	trigs := findTriggers(s)
	if len(trigs) == 0 {
		// "The ceremony was chaired by X": who presided over the event
		// told just before.
		if hasWord(s.toks, 0, len(s.toks), "ceremony", "event", "gathering", "meeting") {
			if p := x.presided(s); len(p) > 0 {
				x.presiders = append(x.presiders, presiders{k, p})
			}
		}
		return nil
	}
	toks := s.toks
	s.dates = findDates(toks, x.d.In.Published)
	s.places = s.readPlaces()
	hasConv := false
	for _, tr := range trigs {
		if tr.typ == record.EventConviction {
			hasConv = true
		}
	}
	var out []Event
	for ti, tr := range trigs {
		if tr.typ == record.EventCharge && hasConv && tr.flags&fNoun == 0 {
			continue // "charged in absentia and sentenced": the conviction says it
		}
		if tr.flags&fLeave != 0 && x.leaveBeforeJoin(trigs, ti) {
			continue // "quit X to join Y": the joining says both
		}
		cs, rep := clauseStart(toks, tr.i)
		mod := modalityOf(toks, tr, cs)
		if mod == modSkip {
			continue
		}
		oe := objectEnd(toks, tr.j)
		out = append(out, x.build(k, s, tr, cs, rep, oe, mod)...)
	}
	// A join told by a second verb ("bringing 1,400 members along") goes
	// where the first one went.
	for i := range out {
		if Family(out[i].Type) == record.EventDefection && out[i].ToOrg == "" {
			for j := range out {
				if Family(out[j].Type) == record.EventDefection && out[j].ToOrg != "" {
					out[i].ToOrg = out[j].ToOrg
					break
				}
			}
		}
	}
	return out
}

func (x *enDoc) leaveBeforeJoin(trigs []trig, ti int) bool {
	for _, t2 := range trigs[ti+1:] {
		if Family(t2.typ) == record.EventDefection && t2.i-trigs[ti].j < 10 {
			return true
		}
	}
	return false
}

// build makes the events one trigger states.
func (x *enDoc) build(k int, s *enSent, tr trig, cs, rep, oe int, mod modality) []Event {
	toks := s.toks
	pass := passive(toks, tr.i)
	subj := side{cs, tr.i}
	obj := side{tr.j, oe}
	actor := side{-1, -1}
	objSide := false
	switch {
	case tr.flags&fNoun != 0 && tr.typ != record.EventCharge:
		objSide = true // "the arrest of X", "the defection of 600 members"
	case tr.flags&fGroupObj != 0 && !pass:
		objSide = true
		actor = subj
	case tr.flags&fActed != 0 && !pass:
		if !x.hasAgent(s, subj, tr.typ) {
			return nil
		}
		objSide = true
		actor = subj
	}
	who := subj
	if objSide {
		who = obj
	}
	if tr.flags&fCountNoun != 0 {
		who = side{max(cs, tr.i-5), tr.j}
	}
	if tr.flags&fNoun != 0 && tr.typ == record.EventDefection && has(toks, tr.i+1, "of") {
		who = side{tr.j + 1, oe}
	}
	if tr.typ == record.EventCharge && tr.flags&fNoun != 0 {
		if k := within(toks, tr.j, oe, "against"); k >= 0 {
			who = side{k + 1, oe}
		}
	}

	counts := findCounts(toks, who.a, who.b, s.lexAt)
	var main *countNP
	var subsets []countNP
	if len(counts) > 0 {
		mi := len(counts) - 1
		if objSide {
			mi = 0
		}
		for mi > 0 && counts[mi].subset {
			mi--
		}
		if !counts[mi].subset {
			main = &counts[mi]
		}
		for _, c := range counts[mi+1:] {
			if c.subset {
				subsets = append(subsets, c)
			}
		}
	}
	inSubset := func(i int) bool {
		for _, c := range subsets {
			if i >= c.i && i < c.j {
				return true
			}
		}
		return false
	}

	persons := x.subjects(s, who, inSubset, tr.i, tr.j)
	role := record.RoleClass("")
	if main != nil {
		role = main.role
	}
	roleSeen := false
	var flags uint8
	for i := who.a; i < who.b; i++ {
		if inSubset(i) {
			continue
		}
		if r, ok := enRoleWords[toks[i].L]; ok {
			roleSeen = true
			if role == "" {
				role = r
			}
		}
		if _, ok := enPeople[toks[i].L]; ok {
			roleSeen = true
		}
	}
	claimant := x.claimant(s, rep, tr)
	speakerSide := side{-1, -1}
	if len(persons) == 0 && main == nil {
		switch p := pronounSubject(toks, who); p {
		case "he", "she", "him", "her":
			// "X said he ..." is X; otherwise the person named last, unless
			// that is the speaker (whose "he" is someone else) or the
			// sentence is a quotation.
			pi := pronounIndex(toks, who)
			switch {
			case quoted(toks, tr.i):
			case x.nameBefore(s, pi, claimant) != "":
				// "X said that Y was no longer a member because he resigned": Y.
				persons = []string{x.nameBefore(s, pi, claimant)}
			case rep >= 0 && claimant != "" && x.isName(s, claimant):
				// "Former CNRP lawmaker X announced he had joined": X, with
				// the affiliation told of X.
				persons = []string{claimant}
				speakerSide = side{0, rep}
			case x.lastPerson != "" && x.lastPerson != claimant:
				persons = []string{x.lastPerson}
			}
		case "they", "we", "them", "us":
			flags |= evAnaphoric
			roleSeen = true
		}
		if definiteGroup(toks, who) {
			flags |= evAnaphoric
		}
	}
	identified := len(persons) > 0 || main != nil || roleSeen
	if !identified && tr.typ != record.EventDisqualification && tr.flags&fNoun == 0 {
		return nil
	}
	if tr.flags&fGroupObj != 0 && main == nil && len(persons) == 0 && !hasWord(toks, who.a, who.b, "new", "former", "defectors", "ex-cnrp", "converts") {
		return nil // "welcomed the decision"
	}

	ev := Event{Type: tr.typ, Persons: persons, RoleClass: role}
	if main != nil {
		n := main.n
		ev.Count = &n
		ev.CountQualifier = main.q
	}
	ev.Span = s.sent.Span
	if mod == modDenied {
		ev.Stance = record.StanceDenies
	} else if x.hedged(toks) {
		ev.Stance = record.StanceHedged
	}
	ev.Claimant = claimant
	ev.PresidedBy = x.presided(s)
	ev.Grade = gradeOfSentence(toks, ev)

	var excl func(int) bool = inSubset
	switch Family(tr.typ) {
	case record.EventDefection:
		// "joined the ministry", "joined a rally": joining is political only
		// towards a party, said or referred to.
		if tr.flags&(fStrongDef|fGroupObj|fNoun) == 0 && firstOrg(s, side{tr.j, min(obj.b+2, tr.j+8)}, lexParty) == "" &&
			!hasWord(toks, tr.j, min(len(toks), tr.j+5), "party", "party's", "us", "ranks", "them", "our", "its", "his", "her", "their") {
			return nil
		}
		x.joinOrgs(k, s, tr, &ev, main, who, obj, actor, rep, excl)
		if ev.FromOrg == "" && speakerSide.a >= 0 {
			if o := affiliation(s, speakerSide, nil, excl); o != ev.ToOrg {
				ev.FromOrg = o
			}
		}
		if ev.FromOrg != "" || tr.flags&fStrongDef != 0 || hasWordExcl(toks, who.a, who.b, excl, "former", "ex-cnrp", "defectors", "ex-members") {
			ev.Type = record.EventDefection
		} else {
			ev.Type = record.EventPartyJoin
		}
	case record.EventResignation:
		evs := x.resignation(k, s, tr, &ev, subj, obj, rep)
		if evs == nil {
			return nil
		}
		for i := range evs {
			x.placeDate(k, s, tr, &evs[i], cs, oe, rep)
		}
		return evs
	case record.EventAppointment:
		// The post is named after "as" or "to", past any appositive:
		// "appointed X, a former official, as secretary of state at the
		// Ministry of Interior".
		rest := side{tr.j, len(toks)}
		if k := within(toks, tr.j, len(toks), "as", "to"); k >= 0 {
			ev.ToOrg = firstOrg(s, side{k + 1, len(toks)}, lexBody, lexParty)
		}
		if ev.ToOrg == "" {
			ev.ToOrg = firstOrg(s, obj, lexParty, lexBody)
		}
		if ev.ToOrg == "" {
			ev.ToOrg = firstOrg(s, subj, lexParty, lexBody)
		}
		if ev.ToOrg == "" {
			ev.ToOrg = firstOrg(s, rest, lexBody, lexParty)
		}
		if ev.ToOrg == NationalPolice && !hasWord(toks, tr.j, len(toks), "police") {
			ev.ToOrg = ""
		}
	case record.EventDisqualification:
		s.aside = parenthetical(toks)
		ev.FromOrg = nearestParty(s, side{cs, len(toks)}, tr.i)
		if ev.FromOrg == "" {
			ev.FromOrg = nearestParty(s, side{0, len(toks)}, tr.i)
		}
		if hasOrg(s, NEC) {
			ev.ToOrg = NEC
		}
		if ev.FromOrg == "" && len(persons) == 0 && main == nil {
			return nil
		}
	default:
		ev.FromOrg = affiliation(s, who, main, excl)
		if ev.FromOrg == "" && k > 0 && (main != nil || roleSeen) && tr.flags&fNoun == 0 && refersBack(toks, who) {
			// "The six adults were charged": the group the sentence before
			// introduced, with its party.
			prev := x.sents[k-1]
			for _, m := range prev.ments {
				if m.e.Kind == lexParty && affiliated(prev.toks, m) {
					ev.FromOrg = m.e.Canon
					break
				}
			}
		}
		ev.ToOrg = x.actingBody(s, tr, pass, obj, actor, rep)
	}
	if ev.Type == record.EventFlight && !x.flightTarget(s, tr, obj) {
		return nil
	}
	x.placeDate(k, s, tr, &ev, cs, oe, rep)
	ev.Confidence = confidence(ev)
	if ownTime(toks, cs, oe) {
		flags |= evOwnTime
	}
	ev.flags = flags
	out := []Event{ev}
	// "joined the CPP along with 12 other Candlelight officials": the group
	// is an event of its own.
	if Family(tr.typ) == record.EventDefection && !objSide {
		if k := within(toks, tr.j, oe+6, "along", "together"); k >= 0 && has(toks, k+1, "with") {
			for _, c := range findCounts(toks, k+2, min(len(toks), k+14), s.lexAt) {
				if !c.subset {
					subsets = append(subsets, c)
				}
				break
			}
		}
	}
	for _, c := range subsets {
		n := c.n
		sub := ev
		sub.Persons = nil
		sub.Count = &n
		sub.CountQualifier = c.q
		sub.RoleClass = c.role
		sub.FromOrg = ""
		for _, o := range c.orgs {
			if o.Canon != ev.ToOrg {
				sub.FromOrg = o.Canon
				break
			}
		}
		if Family(sub.Type) == record.EventDefection {
			if sub.FromOrg != "" {
				sub.Type = record.EventDefection
			}
		}
		sub.Grade = gradeOfSentence(toks, sub)
		sub.flags = 0
		out = append(out, sub)
	}
	return out
}

func hasWord(toks []token, a, b int, words ...string) bool { return within(toks, a, b, words...) >= 0 }

func hasWordExcl(toks []token, a, b int, excl func(int) bool, words ...string) bool {
	for k := max(a, 0); k < b && k < len(toks); k++ {
		if excl != nil && excl(k) {
			continue
		}
		for _, w := range words {
			if toks[k].L == w {
				return true
			}
		}
	}
	return false
}

// pronounSubject returns the personal pronoun nearest before the end of
// the subject side, if it is the subject.
func pronounSubject(toks []token, who side) string {
	for k := who.b - 1; k >= who.a && k >= who.b-4; k-- {
		switch toks[k].L {
		case "he", "she", "they", "we", "him", "her", "them", "us":
			return toks[k].L
		}
	}
	return ""
}

// definiteGroup reports "the new members", "these defectors": a group
// counted elsewhere in the report.
func definiteGroup(toks []token, who side) bool {
	for k := who.a; k < who.b; k++ {
		if toks[k].L == "the" || toks[k].L == "these" || toks[k].L == "those" {
			for m := k + 1; m < who.b && m < k+4; m++ {
				if _, ok := enPeople[toks[m].L]; ok {
					return true
				}
			}
		}
	}
	return false
}

// pronounIndex is the index of the pronoun pronounSubject found.
func pronounIndex(toks []token, who side) int {
	for k := who.b - 1; k >= who.a && k >= who.b-4; k-- {
		switch toks[k].L {
		case "he", "she", "him", "her":
			return k
		}
	}
	return -1
}

// nameBefore is the last person named in the sentence before token i who
// is not the speaker.
func (x *enDoc) nameBefore(s *enSent, i int, speaker string) string {
	found := ""
	for _, nm := range s.names {
		if nm.j <= i && nm.name != speaker && !has(s.toks, nm.i-1, "to", "of", "by", "with") {
			found = nm.name
		}
	}
	return found
}

// isName reports whether n is a person named in the sentence.
func (x *enDoc) isName(s *enSent, n string) bool {
	for _, nm := range s.names {
		if nm.name == n {
			return true
		}
	}
	return false
}

// parenthetical marks the tokens of asides that say nothing about the
// event: "(CNHP)", ", founded in 1995 as the Khmer Nation Party,", ",
// who escaped in 2022,".
func parenthetical(toks []token) []bool {
	out := make([]bool, len(toks))
	for i := 0; i < len(toks); i++ {
		open := false
		switch {
		case toks[i].L == "(":
			open = true
		case toks[i].L == "," && i+1 < len(toks):
			switch toks[i+1].L {
			case "who", "which", "whose", "whom", "founded", "formed", "established", "based", "formerly", "once", "known", "created", "registered", "headed":
				open = true
			}
		}
		if !open {
			continue
		}
		closer := ","
		if toks[i].L == "(" {
			closer = ")"
		}
		for j := i + 1; j < len(toks) && j < i+30; j++ {
			if toks[j].L == closer || toks[j].L == ";" {
				if toks[j].L == closer {
					for k := i + 1; k < j; k++ {
						out[k] = true
					}
				}
				break
			}
		}
	}
	return out
}

// ownTime reports a time said in the clause that sets an event apart from
// others told without one: "a year ago", "in 2016", "last month".
func ownTime(toks []token, a, b int) bool {
	for k := max(a, 0); k < b && k < len(toks); k++ {
		switch toks[k].L {
		case "ago", "earlier", "previously", "before":
			if toks[k].L == "ago" || has(toks, k+1, "this", "that", "in") {
				return true
			}
		case "last":
			if has(toks, k+1, "year", "month", "week", "time") {
				return true
			}
		}
		if toks[k].Kind == tokNum && len(toks[k].L) == 4 && has(toks, k-1, "in") {
			return true
		}
	}
	return false
}

func auxWord(l string) bool {
	switch l {
	case "have", "has", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do", "also", "not":
		return true
	}
	return false
}

// quoted reports whether token i is inside a quotation.
func quoted(toks []token, i int) bool {
	n := 0
	for k := 0; k < i; k++ {
		if toks[k].L == "\"" {
			n++
		}
	}
	return n%2 == 1
}

// refersBack reports a subject that names a group met before ("the six
// adults", "these activists") rather than the rest of one ("the remaining
// 10", "the other activists").
func refersBack(toks []token, who side) bool {
	if who.a >= who.b || !has(toks, who.a, "the", "these", "those", "all") {
		return false
	}
	return !hasWord(toks, who.a, min(who.b, who.a+3), "remaining", "other", "rest")
}

// subjects are the names on the subject side that are not agents,
// possessors or speakers.
func (x *enDoc) subjects(s *enSent, who side, excl func(int) bool, trigStart, trigEnd int) []string {
	var out []string
	for _, nm := range s.names {
		if nm.i < who.a || nm.j > who.b || excl(nm.i) {
			continue
		}
		// "granted bail to X" names the subject after "to".
		if has(s.toks, nm.i-1, "by", "to", "with", "of", "under", "against", "for") && !has(s.toks, nm.i-2, "members", "member", "official", "activist", "activists") &&
			!(nm.i-1 == trigEnd && s.toks[trigEnd].L == "to") {
			continue
		}
		if strings.HasSuffix(s.toks[nm.j-1].L, "'s") {
			continue
		}
		if nm.j < len(s.toks) && nm.j != trigStart && reportVerbs[s.toks[nm.j].L] {
			continue
		}
		dup := false
		for _, o := range out {
			if o == nm.name {
				dup = true
			}
		}
		if !dup {
			out = append(out, nm.name)
		}
	}
	return out
}

func (x *enDoc) hasAgent(s *enSent, subj side, typ record.EventType) bool {
	partyActs := typ == record.EventAppointment || typ == record.EventDisqualification
	for _, m := range s.ments {
		if m.i >= subj.a && m.j <= subj.b && (m.e.Kind == lexBody || m.e.Kind == lexParty && partyActs) {
			return true
		}
	}
	for k := subj.a; k < subj.b; k++ {
		switch s.toks[k].L {
		case "court", "judge", "judges", "prosecutor", "prosecutors", "police", "officers", "ministry", "government", "authorities", "committee", "party", "he", "she", "they",
			"minister", "governor", "president", "king", "leader", "chief", "commander", "director", "chairman", "council":
			return true
		}
	}
	for _, nm := range s.names {
		if nm.i >= subj.a && nm.j <= subj.b {
			return true
		}
	}
	return false
}

func (x *enDoc) hedged(toks []token) bool {
	for _, t := range toks {
		if hedgeWords[t.L] {
			return true
		}
	}
	return false
}

// claimant is who states the event: the speaker of a reporting verb, the
// source after "according to", or "" for the outlet itself.
func (x *enDoc) claimant(s *enSent, rep int, tr trig) string {
	toks := s.toks
	// The speaker is the first name of the part, not one it mentions
	// ("Ly Samet, an adviser to Prime Minister Hun Sen, claimed").
	pick := func(a, b int, _ bool) string {
		for _, nm := range s.names {
			if nm.i >= a && nm.j <= b && !has(toks, nm.i-1, "to", "of", "by", "with", "for", "under") {
				return nm.name
			}
		}
		return ""
	}
	if rep > 0 {
		if n := pick(0, rep, true); n != "" {
			return n
		}
		// The speaker's noun phrase ends before "have repeatedly said" or
		// "denied claims".
		end := rep
		if end > 0 && denyWords[toks[end-1].L] {
			end--
		}
		for end > 0 && (isAdverb(toks[end-1]) || auxWord(toks[end-1].L)) {
			end--
		}
		if has(toks, end-1, "he", "she") && x.lastPerson != "" {
			return x.lastPerson
		}
		rep = end
		// "pro-government media reported", "the ministry said"
		a := max(0, rep-4)
		for k := rep - 1; k >= a; k-- {
			if toks[k].L == "," || toks[k].L == "the" || toks[k].L == "a" {
				a = k + 1
				break
			}
		}
		if a < rep && !has(toks, rep-1, "he", "she", "they", "it", "we", "i") {
			return s.sent.Text[toks[a].S-s.sent.Span.Start : toks[rep-1].E-s.sent.Span.Start]
		}
	}
	if k := within(toks, 0, len(toks), "according"); k >= 0 && has(toks, k+1, "to") {
		end := len(toks)
		for m := k + 2; m < len(toks); m++ {
			if toks[m].L == "," || toks[m].L == "." {
				end = m
				break
			}
		}
		if n := pick(k+2, end, false); n != "" {
			return n
		}
		if end > k+2 && end-k < 18 {
			return s.sent.Text[toks[k+2].S-s.sent.Span.Start : toks[end-1].E-s.sent.Span.Start]
		}
	}
	// "..., Sok Eysan said."
	for m := len(toks) - 1; m > tr.j && m >= len(toks)-4; m-- {
		if reportVerbs[toks[m].L] {
			if n := pick(tr.j, m, true); n != "" {
				return n
			}
			if has(toks, m-1, "he", "she") && x.lastPerson != "" {
				return x.lastPerson
			}
			// ", pro-government media reported."
			a := m - 1
			for a > tr.j && toks[a-1].L != "," && m-a < 5 {
				a--
			}
			if has(toks, a-1, ",") && a < m && !has(toks, a, "he", "she", "they", "it", "we", "i") {
				if has(toks, a, "the", "a", "an") && a+1 < m {
					a++
				}
				return s.sent.Text[toks[a].S-s.sent.Span.Start : toks[m-1].E-s.sent.Span.Start]
			}
		}
	}
	return ""
}

var presideMarks = [][]string{
	{"presided", "over", "by"}, {"presided", "by"}, {"chaired", "by"}, {"received", "by"}, {"in", "the", "presence", "of"},
	{"under", "the", "chairmanship", "of"}, {"under", "the", "presidency", "of"}, {"welcomed", "by"}, {"hosted", "by"},
}

// presided finds the officials who presided over or received the subjects.
func (x *enDoc) presided(s *enSent) []string {
	toks := s.toks
	var out []string
	for k := 0; k < len(toks); k++ {
		for _, mk := range presideMarks {
			if k+len(mk) > len(toks) {
				continue
			}
			ok := true
			for m, w := range mk {
				if toks[k+m].L != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			start := k + len(mk)
			end := min(len(toks), start+25)
			for m := start; m < end; m++ {
				if toks[m].L == ";" || toks[m].L == "." && m == len(toks)-1 || (toks[m].L == "," && m+1 < len(toks) && !toks[m+1].Upper && toks[m+1].L != "and") {
					end = m
					break
				}
			}
			for _, nm := range s.names {
				if nm.i >= start && nm.j <= end {
					out = append(out, nm.name)
				}
			}
		}
	}
	return out
}

func gradeOfSentence(toks []token, ev Event) record.EvidenceGrade {
	if len(ev.Persons) > 0 {
		return record.GradeNamed
	}
	if hasWord(toks, 0, len(toks), "video", "videos", "photo", "photos", "footage", "list", "images", "pictures", "photographs") {
		return record.GradeDocumented
	}
	if ev.Count != nil {
		return record.GradeBareCount
	}
	return record.GradeUnclear
}

func confidence(ev Event) float64 {
	c := 0.5
	if ev.Count != nil || len(ev.Persons) > 0 {
		c += 0.2
	}
	if ev.ToOrg != "" || ev.FromOrg != "" {
		c += 0.15
	}
	if ev.Stance == record.StanceHedged {
		c -= 0.1
	}
	return c
}

func hasOrg(s *enSent, canon string) bool {
	for _, m := range s.ments {
		if m.e.Canon == canon {
			return true
		}
	}
	return false
}

func firstOrg(s *enSent, r side, kinds ...lexKind) string {
	for _, m := range s.ments {
		if m.i < r.a || m.j > r.b {
			continue
		}
		for _, kd := range kinds {
			if m.e.Kind == kd {
				return m.e.Canon
			}
		}
	}
	return ""
}

// nearestParty is the named party closest to token i in r; "opposition"
// only when no party is named.
func nearestParty(s *enSent, r side, i int) string {
	best, bestD := "", 1<<30
	opp := ""
	for _, m := range s.ments {
		if m.i < r.a || m.j > r.b || m.e.Kind != lexParty || s.aside != nil && s.aside[m.i] {
			continue
		}
		if m.e.Canon == OppositionUnspecified || m.e.Canon == OtherParties {
			opp = m.e.Canon
			continue
		}
		d := m.i - i
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = m.e.Canon, d
		}
	}
	if best == "" {
		return opp
	}
	return best
}

// affiliation is the party of the subjects: named in their noun phrase, or
// on their side of the sentence.
func affiliation(s *enSent, who side, main *countNP, excl func(int) bool) string {
	if main != nil {
		for _, o := range main.orgs {
			return o.Canon
		}
	}
	opp := ""
	for _, m := range s.ments {
		if m.i < who.a || m.j > who.b || m.e.Kind != lexParty || excl(m.i) || !affiliated(s.toks, m) {
			continue
		}
		if m.e.Canon == OppositionUnspecified || m.e.Canon == OtherParties {
			opp = m.e.Canon
			continue
		}
		return m.e.Canon
	}
	return opp
}

// joinOrgs sets where a joining group came from and went to.
func (x *enDoc) joinOrgs(k int, s *enSent, tr trig, ev *Event, main *countNP, who, obj, actor side, rep int, excl func(int) bool) {
	toks := s.toks
	// Destination: the party after the event word, unless marked "from".
	for _, m := range s.ments {
		if m.i < obj.a || m.j > obj.b || m.e.Kind != lexParty {
			continue
		}
		if has(toks, m.i-1, "from") || has(toks, m.i-2, "from") || has(toks, m.i-3, "from") {
			if ev.FromOrg == "" {
				ev.FromOrg = m.e.Canon
			}
			continue
		}
		if ev.ToOrg == "" && !(m.e.Canon == OppositionUnspecified && tr.flags&fGroupObj != 0) {
			if tr.flags&fGroupObj != 0 && actor.a >= 0 && !has(toks, m.i-1, "to", "into") && !has(toks, m.i-2, "to", "into") {
				// "welcomed 200 CNRP members": a party inside the group is where they came from.
				continue
			}
			ev.ToOrg = m.e.Canon
		}
	}
	if tr.flags&fGroupObj != 0 && actor.a >= 0 && ev.ToOrg == "" && !strings.HasPrefix(toks[tr.i].L, "br") {
		ev.ToOrg = firstOrg(s, actor, lexParty)
		if ev.ToOrg == OppositionUnspecified {
			ev.ToOrg = ""
		}
	}
	switch {
	case ev.ToOrg != "":
	case hasWord(toks, obj.a, min(obj.b, obj.a+4), "party", "party's", "them"):
		ev.ToOrg = x.theParty(k, s, rep, ev.FromOrg, true)
	case hasWord(toks, obj.a, min(obj.b, obj.a+4), "us", "our"):
		// The speaker's own party; without a speaker in the sentence the
		// report's main destination is filled in later.
		ev.ToOrg = x.theParty(k, s, rep, ev.FromOrg, false)
	}
	if ev.FromOrg == "" {
		if main != nil {
			for _, o := range main.orgs {
				if o.Canon != ev.ToOrg {
					ev.FromOrg = o.Canon
					break
				}
			}
		}
	}
	if ev.FromOrg == "" {
		opp := ""
		for _, m := range s.ments {
			if m.i < who.a || m.j > who.b || m.e.Kind != lexParty || excl(m.i) || m.e.Canon == ev.ToOrg || !affiliated(toks, m) {
				continue
			}
			if m.e.Canon == OppositionUnspecified || m.e.Canon == OtherParties {
				opp = m.e.Canon
				continue
			}
			ev.FromOrg = m.e.Canon
		}
		if ev.FromOrg == "" {
			ev.FromOrg = opp
		}
	}
	if ev.FromOrg == "" && hasWord(toks, who.a, who.b, "other") && hasWord(toks, who.a, who.b, "parties") {
		ev.FromOrg = OtherParties
	}
}

// affiliated reports whether a party mention says what party people belong
// to: "members of X", "from X", "former X", "X official", "X's founder".
func affiliated(toks []token, m mention) bool {
	if has(toks, m.i-1, "of", "from", "former", "ex", "dissolved", "banned", "defunct", "outlawed", "opposition") ||
		(has(toks, m.i-1, "the", "its", "a") && has(toks, m.i-2, "of", "from", "former", "quit", "quitting", "left", "leaving", "abandoned", "ditched")) ||
		(has(toks, m.i-2, "the") && has(toks, m.i-3, "of", "from")) || has(toks, m.i-2, "former") {
		return true
	}
	j := m.j
	if has(toks, j, "(") && has(toks, j+2, ")") {
		j += 3
	}
	for k := j; k < len(toks) && k < j+4; k++ {
		l := strings.TrimSuffix(toks[k].L, "'s")
		if _, ok := enRoleWords[l]; ok {
			return true
		}
		if _, ok := enPeople[l]; ok {
			return true
		}
		if toks[k].Kind != tokWord || toks[k].Upper && !strings.HasSuffix(toks[k].L, "'s") {
			break
		}
	}
	return strings.HasSuffix(toks[m.j-1].L, "'s")
}

// theParty resolves "the party", "us": the speaker's party, else the party
// last named in the two sentences before.
func (x *enDoc) theParty(k int, s *enSent, rep int, not string, back bool) string {
	if rep > 0 {
		for _, m := range s.ments {
			if m.j <= rep && m.e.Kind == lexParty && m.e.Canon != not && m.e.Canon != OppositionUnspecified && m.e.Canon != OtherParties {
				return m.e.Canon
			}
		}
	}
	for b := k - 1; back && b >= 0 && b >= k-2; b-- {
		ms := x.sents[b].ments
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m.e.Kind == lexParty && m.e.Canon != not && m.e.Canon != OppositionUnspecified && m.e.Canon != OtherParties {
				return m.e.Canon
			}
		}
	}
	return ""
}

// resignation makes one event per party or post left: "resigned from the
// CPP and from his position at the Education Ministry".
func (x *enDoc) resignation(k int, s *enSent, tr trig, ev *Event, subj, obj side, rep int) []Event {
	var orgs []string
	for _, m := range s.ments {
		if m.i >= obj.a && m.j <= obj.b+6 && m.i < len(s.toks) && (m.e.Kind == lexParty || m.e.Kind == lexBody) {
			if m.e.Canon == NationalPolice {
				continue
			}
			dup := false
			for _, o := range orgs {
				dup = dup || o == m.e.Canon
			}
			if !dup {
				orgs = append(orgs, m.e.Canon)
			}
		}
	}
	if tr.flags&fLeave != 0 {
		// "left the CPP" is a resignation; "left Cambodia" a flight.
		for _, m := range s.ments {
			if m.i >= obj.a && m.i <= obj.a+2 && m.e.Kind == lexCountry && (m.e.Canon == "Cambodia" || m.e.Canon == "abroad") {
				if tr.typ == record.EventResignation && (s.toks[tr.i].L == "left" || s.toks[tr.i].L == "fled" || s.toks[tr.i].L == "quit") {
					f := *ev
					f.Type = record.EventFlight
					f.FromOrg = affiliation(s, subj, nil, func(int) bool { return false })
					return []Event{f}
				}
				return nil
			}
		}
		if len(orgs) == 0 && has(s.toks, obj.a, "the", "his", "her", "their", "its") && has(s.toks, obj.a+1, "party") {
			// "quit the party": the subjects' own.
			if o := affiliation(s, subj, nil, func(int) bool { return false }); o != "" {
				orgs = []string{o}
			}
		}
		if len(orgs) == 0 || !(has(s.toks, obj.a, "the", "his", "her", "their") || len(orgs) > 0 && s.ments[0].i <= obj.a+2) {
			return nil
		}
		orgs = orgs[:1]
	}
	if len(orgs) == 0 {
		// "X stepped down as deputy governor": a post without a body.
		if o := firstOrg(s, subj, lexParty); o != "" {
			orgs = []string{o}
		} else if hasWord(s.toks, obj.a, min(obj.b, obj.a+4), "party") {
			// "resigned from the party": the speaker's, or the one just named.
			if o := x.theParty(k, s, rep, "", true); o != "" {
				orgs = []string{o}
			}
		}
	}
	if len(orgs) == 0 {
		orgs = []string{""}
	}
	out := make([]Event, 0, len(orgs))
	for _, o := range orgs {
		e := *ev
		e.FromOrg = o
		e.Confidence = confidence(e)
		out = append(out, e)
	}
	return out
}

// actingBody is the court, police or agency that acted on the subjects.
//
// A release names none: the corpus convention gives an acting body only
// to arrests, charges, convictions and asylum.
func (x *enDoc) actingBody(s *enSent, tr trig, pass bool, obj, actor side, rep int) string {
	toks := s.toks
	if tr.typ == record.EventRelease || tr.typ == record.EventFlight {
		return ""
	}
	if pass {
		if k := within(toks, obj.a, obj.b, "by"); k >= 0 {
			for _, m := range s.ments {
				if m.i > k && m.i <= k+3 && m.e.Kind == lexBody {
					return m.e.Canon
				}
			}
		}
	}
	if actor.a >= 0 {
		for _, m := range s.ments {
			if m.i >= actor.a && m.j <= actor.b && m.e.Kind == lexBody {
				return m.e.Canon
			}
		}
	}
	wantCourt := tr.typ == record.EventCharge || tr.typ == record.EventConviction
	for _, m := range s.ments {
		if m.e.Kind != lexBody || m.i <= rep {
			continue // a body that speaks is not one that acts
		}
		isCourt := strings.HasSuffix(m.e.Canon, "Court")
		switch {
		case wantCourt && isCourt:
			return m.e.Canon
		case tr.typ == record.EventArrest && !isCourt && m.e.Canon != UNHCR && m.e.Canon != NEC:
			return m.e.Canon
		case tr.typ == record.EventAsylum && m.e.Canon == UNHCR:
			return m.e.Canon
		}
	}
	// "A court", "the court": the trial court the report named before.
	// Appeals are not trials, and a charge names its court or none.
	if wantCourt && x.court != nil && x.court.Province != "" &&
		(hasWord(toks, 0, len(toks), "court") || tr.typ == record.EventConviction && hasWord(toks, 0, len(toks), "sentenced", "jailed", "convicted")) {
		return x.court.Canon
	}
	if tr.typ == record.EventArrest && hasWord(toks, 0, len(toks), "thailand", "bangkok", "thai") {
		return ThaiAuthorities
	}
	return ""
}

// flightTarget reports whether a flight word names where from or to:
// "fled Cambodia", "fled to Thailand", "escaped into exile".
func (x *enDoc) flightTarget(s *enSent, tr trig, obj side) bool {
	toks := s.toks
	if hasWord(toks, tr.i, tr.j, "exile") {
		return true
	}
	for _, m := range s.ments {
		if m.i >= obj.a && m.i <= obj.a+3 && m.e.Kind == lexCountry {
			return true
		}
	}
	return hasWord(toks, obj.a, min(obj.b, obj.a+3), "abroad", "overseas", "exile", "country")
}

// placeDate sets the place and date of an event from its sentence.
func (x *enDoc) placeDate(k int, s *enSent, tr trig, ev *Event, cs, oe, rep int) {
	if ev.Place.Province == "" && ev.Place.District == "" {
		ev.Place = sentencePlace(s, max(cs, rep+1))
		if ev.Place.Province == "" {
			for _, m := range s.ments {
				if m.e.Canon == ev.ToOrg && m.e.Province != "" {
					ev.Place.Province = m.e.Province
				}
			}
			if p, ok := courtProvince(ev.ToOrg); ok {
				ev.Place.Province = p
			}
			// "in the same commune": where the report's last event was.
			if ev.Place.Province == "" {
				if k := within(s.toks, 0, len(s.toks), "same"); k >= 0 && has(s.toks, k+1, "commune", "district", "province", "village", "town", "place", "area") {
					ev.Place = x.lastPlace
				}
			}
			if ev.Place.Province == "" && Family(ev.Type) == record.EventDefection && x.dateline != "" {
				ev.Place.Province = x.dateline
			}
		}
	}
	if ev.Place.Province != "" {
		x.lastPlace = ev.Place
	}
	if ev.Date.IsZero() {
		ev.Date = pickDate(s, tr, cs, oe, rep)
	}
}

// pickDate chooses the date of the event among the sentence's dates: one
// after the event word in its clause, else one before it in its clause,
// else the sentence's only date — never one inside a relative clause
// ("who escaped in 2022") or the speaker's part ("On January 22, X said").
func pickDate(s *enSent, tr trig, cs, oe, rep int) record.Date {
	if len(s.dates) == 0 {
		return record.Date{}
	}
	toks := s.toks
	aside := parenthetical(toks)
	inRel := func(i int) bool {
		if aside[i] && !(i >= tr.i && i < tr.j) {
			// unless the event itself is told in the aside
			for k := tr.i; k < tr.j; k++ {
				if aside[k] {
					return false
				}
			}
			return true
		}
		return false
	}
	for _, dm := range s.dates {
		if dm.i >= tr.j && dm.i < oe {
			return dm.d
		}
	}
	var best record.Date
	for _, dm := range s.dates {
		if dm.i >= cs && dm.j <= tr.i && !inRel(dm.i) {
			best = dm.d
		}
	}
	if !best.IsZero() {
		return best
	}
	if len(s.dates) == 1 && !inRel(s.dates[0].i) && (rep < 0 || s.dates[0].i > rep || s.dates[0].i >= cs) {
		return s.dates[0].d
	}
	if len(s.dates) == 1 && !inRel(s.dates[0].i) && cs > 0 && rep >= 0 && s.dates[0].i > rep {
		return s.dates[0].d
	}
	return record.Date{}
}

func closesBefore(toks []token, i, end int) bool {
	for k := i; k < end; k++ {
		if toks[k].L == "," || toks[k].L == "-" || toks[k].L == ")" {
			return true
		}
	}
	return false
}

// fillDocLevel completes what a sentence alone cannot say: where a group
// went when only the report as a whole says it, and drops groups that only
// refer back to one counted elsewhere.
func (x *enDoc) fillDocLevel(evs []Event) []Event {
	freq := map[string]int{}
	for _, e := range evs {
		if Family(e.Type) == record.EventDefection && e.ToOrg != "" && e.ToOrg != OppositionUnspecified {
			freq[e.ToOrg]++
		}
	}
	best, bn := "", 0
	for o, n := range freq {
		if n > bn || n == bn && o < best {
			best, bn = o, n
		}
	}
	if best == "" {
		// The party named most often in the report.
		cnt := map[string]int{}
		for _, s := range x.sents {
			for _, m := range s.ments {
				if m.e.Kind == lexParty && m.e.Canon != OppositionUnspecified && m.e.Canon != OtherParties {
					cnt[m.e.Canon]++
				}
			}
		}
		for o, n := range cnt {
			if n > bn || n == bn && o < best {
				best, bn = o, n
			}
		}
	}
	for _, p := range x.presiders {
		start := x.sents[p.k].sent.Span.Start
		prevStart := -1
		if p.k >= 2 {
			prevStart = x.sents[p.k-2].sent.Span.Start
		}
		for i := len(evs) - 1; i >= 0; i-- {
			e := &evs[i]
			if e.Span.Start < start && e.Span.Start >= prevStart && Family(e.Type) == record.EventDefection {
				for _, n := range p.names {
					if !slices.Contains(e.PresidedBy, n) {
						e.PresidedBy = append(e.PresidedBy, n)
					}
				}
				break
			}
		}
	}
	out := evs[:0]
	for i := range evs {
		e := evs[i]
		if Family(e.Type) == record.EventDefection && e.ToOrg == "" && best != e.FromOrg {
			e.ToOrg = best
		}
		if e.flags&evAnaphoric != 0 {
			// Hand what it adds (who received them, where, when) to the
			// group it refers back to: the nearest one before it.
			ref := -1
			for j := range evs {
				if j != i && Family(evs[j].Type) == Family(e.Type) && evs[j].flags&evAnaphoric == 0 && (ref < 0 || j < i) {
					ref = j
				}
			}
			if ref >= 0 {
				mergeInto(&evs[ref], &e)
				// The others told in the same sentence as the group (its
				// leader, say) happened at the same time.
				for j := range evs {
					if j != ref && j != i && evs[j].Span == evs[ref].Span && evs[j].Date.IsZero() && Family(evs[j].Type) == Family(e.Type) {
						evs[j].Date = e.Date
					}
				}
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// sentencePlace is the place a sentence states from token from on: the
// one province its places name (a district or commune tells its
// province), with the district and commune when just one of each is
// named. Several provinces ("councillors from Battambang, Siem Reap and
// Phnom Penh") state no single place.
func sentencePlace(s *enSent, from int) Place {
	var p Place
	provs, dists, comms := 0, 0, 0
	for _, pa := range s.places {
		if pa.i < from {
			continue
		}
		m := pa.m
		// "CNRP commune councillors": "commune" as an adjective names no
		// commune, and an organisation's name is not a place.
		if m.Commune != "" && m.Province == "" && (pa.i < len(s.covered) && s.covered[pa.i] || communeAdjective(s, pa)) {
			continue
		}
		if m.Province != "" && m.Province != p.Province {
			if p.Province != "" && len(m.Provinces) > 1 && slices.Contains(m.Provinces, p.Province) {
				// an ambiguous district decided by the province named
			} else {
				provs++
				p.Province = m.Province
			}
		}
		if m.District != "" && m.District != p.District {
			dists++
			p.District = m.District
		}
		if m.Commune != "" && m.Commune != p.Commune {
			comms++
			p.Commune = m.Commune
		}
	}
	if provs > 1 {
		return Place{}
	}
	if dists > 1 {
		p.District = ""
	}
	if comms > 1 {
		p.Commune = ""
	}
	return p
}

func communeAdjective(s *enSent, pa placeAt) bool {
	for k := pa.i; k < len(s.toks) && k < pa.i+6; k++ {
		if s.toks[k].L == "commune" || s.toks[k].L == "communes" {
			if k+1 < len(s.toks) {
				l := s.toks[k+1].L
				if _, ok := enPeople[l]; ok {
					return true
				}
				if _, ok := enRoleWords[l]; ok {
					return true
				}
				return l == "election" || l == "elections" || l == "level" || l == "council" || l == "councils"
			}
			return false
		}
	}
	return false
}

// courtProvince is the province of a provincial or municipal court.
func courtProvince(org string) (string, bool) {
	if org == "" || !strings.HasSuffix(org, "Court") {
		return "", false
	}
	for _, pm := range gaz().FindPlaces(org) {
		if pm.Province != "" {
			return pm.Province, true
		}
	}
	return "", false
}
