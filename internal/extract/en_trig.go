package extract

import (
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
)

type trigFlag uint16

const (
	fGroupObj  trigFlag = 1 << iota // the people moved are the object: welcomed, brought, accepted
	fActed                          // acted on by a body: arrested, charged, sentenced, released
	fNegPart                        // its negation is the event: "cannot take part in the elections"
	fStrongDef                      // says the subjects left a party: defected, switched
	fNoun                           // a noun ("the defection of 600 members")
	fLeave                          // left, quit: a party (resignation) or the country (flight)
	fCountNoun                      // a counted noun: "reported 6,473 defections"
)

// trig is a word or phrase that states an event.
type trig struct {
	i, j  int
	typ   record.EventType
	flags trigFlag
}

func has(toks []token, i int, words ...string) bool {
	if i < 0 || i >= len(toks) {
		return false
	}
	for _, w := range words {
		if toks[i].L == w {
			return true
		}
	}
	return false
}

// within reports whether one of words occurs in toks[a:b].
func within(toks []token, a, b int, words ...string) int {
	a = max(a, 0)
	b = min(b, len(toks))
	for k := a; k < b; k++ {
		for _, w := range words {
			if toks[k].L == w {
				return k
			}
		}
	}
	return -1
}

var politicsWords = []string{"politics", "political", "election", "elections", "polls", "poll", "running", "contesting", "standing", "participating", "office", "registering", "the", "national", "commune", "upcoming", "july", "june", "general", "taking"}

// findTriggers lists the event words of a sentence.
func findTriggers(s *enSent) []trig {
	toks := s.toks
	var out []trig
	add := func(i, j int, t record.EventType, f trigFlag) {
		out = append(out, trig{i: i, j: j, typ: t, flags: f})
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != tokWord {
			continue
		}
		switch t.L {
		case "join", "joins", "joined", "joining", "rejoin", "rejoined", "rejoining", "rejoins":
			if has(toks, i+1, "hands", "forces", "protest", "protests", "rally", "march", "calls", "campaign", "meeting") {
				continue
			}
			add(i, i+1, record.EventPartyJoin, 0)
		case "defect", "defects", "defected", "defecting":
			add(i, i+1, record.EventDefection, fStrongDef)
		case "defection", "defections":
			if has(toks, i+1, "ceremony", "ceremonies") && within(toks, i+2, i+8, "took", "was", "were", "held") >= 0 {
				add(i, i+2, record.EventDefection, fStrongDef|fNoun)
			} else if has(toks, i+1, "of") {
				add(i, i+1, record.EventDefection, fStrongDef|fNoun)
			} else if t.L == "defections" && i > 0 && (toks[i-1].Kind == tokNum || enNumberWords[toks[i-1].L] != 0 || has(toks, i-1, "new") && i > 1 && toks[i-2].Kind == tokNum) {
				add(i, i+1, record.EventDefection, fStrongDef|fCountNoun)
			}
		case "switched", "switch", "switches", "switching":
			if has(toks, i+1, "allegiance", "allegiances", "sides", "parties", "to", "party", "over") {
				add(i, i+2, record.EventDefection, fStrongDef)
			}
		case "crossed":
			if has(toks, i+1, "over") {
				add(i, i+2, record.EventDefection, fStrongDef)
			}
		case "pledged", "pledge", "pledges", "swore", "sworn":
			if k := within(toks, i+1, i+4, "allegiance", "loyalty"); k >= 0 {
				add(i, k+1, record.EventPartyJoin, 0)
			} else if t.L == "sworn" && has(toks, i+1, "in") {
				add(i, i+2, record.EventAppointment, 0)
			}
		case "welcomed", "welcomes", "welcome", "welcoming", "accepted", "accepts", "admitted", "inducted", "received", "receives", "recruited":
			add(i, i+1, record.EventPartyJoin, fGroupObj)
		case "bringing", "brings", "brought":
			add(i, i+1, record.EventDefection, fGroupObj|fStrongDef)
		case "became", "become", "becomes":
			if k := within(toks, i+1, i+6, "members", "member"); k >= 0 {
				add(i, k+1, record.EventPartyJoin, 0)
			}
		case "quit", "quits", "quitting", "left", "leave", "leaves", "leaving", "abandoned", "ditched":
			add(i, i+1, record.EventResignation, fLeave)
		case "resigned", "resign", "resigns", "resigning":
			add(i, i+1, record.EventResignation, 0)
		case "resignation":
			// "announced his resignation from the party"
			if k := within(toks, i-3, i, "announced", "submitted", "tendered", "handed", "offered", "sent"); k >= 0 {
				add(k, i+1, record.EventResignation, 0)
			}
		case "stepped", "steps", "step":
			if has(toks, i+1, "down") {
				add(i, i+2, record.EventResignation, 0)
			}
		case "appointed", "appoints", "appoint", "promoted", "nominated", "reappointed":
			add(i, i+1, record.EventAppointment, fActed)
		case "named":
			if has(toks, i+1, "as", "to", "the", "new", "acting", "deputy", "a") {
				add(i, i+1, record.EventAppointment, fActed)
			}
		case "arrested", "detained", "apprehended", "nabbed", "captured", "rearrested":
			if adjectival(toks, i) {
				continue // "five detained activists"
			}
			add(i, i+1, record.EventArrest, fActed)
		case "arrest":
			if has(toks, i+1, "of") && i > 0 && has(toks, i-1, "the") {
				add(i, i+1, record.EventArrest, fActed|fNoun)
			}
		case "custody":
			if has(toks, i-1, "into") && has(toks, i-2, "taken") {
				add(i-2, i+1, record.EventArrest, fActed)
			}
		case "charged", "indicted":
			add(i, i+1, record.EventCharge, fActed)
		case "charges":
			if has(toks, i+1, "were", "have") && within(toks, i+2, i+5, "laid", "filed", "brought", "pressed") >= 0 {
				add(i, i+1, record.EventCharge, fNoun)
			}
		case "sentenced", "convicted", "imprisoned":
			add(i, i+1, record.EventConviction, fActed)
		case "jailed":
			if has(toks, i+1, "for") || passive(toks, i) && !has(toks, i-1, "remains", "remain", "still") {
				add(i, i+1, record.EventConviction, fActed)
			}
		case "guilty":
			if has(toks, i-1, "found") {
				add(i-1, i+1, record.EventConviction, fActed)
			} else if has(toks, i-2, "found") {
				add(i-2, i+1, record.EventConviction, fActed)
			}
		case "released", "freed", "pardoned":
			add(i, i+1, record.EventRelease, fActed)
		case "bail":
			if has(toks, i-1, "on") && has(toks, i-2, "released", "freed") {
				continue
			}
			if has(toks, i-1, "granted", "given") || (has(toks, i-2, "granted", "given") && has(toks, i-1, "a")) {
				add(i, i+1, record.EventRelease, fActed)
			}
		case "fled", "flee", "flees", "fleeing", "escaped":
			add(i, i+1, record.EventFlight, 0)
		case "exile":
			if has(toks, i-1, "into") && has(toks, i-2, "went", "go", "gone", "fled") {
				add(i-2, i+1, record.EventFlight, 0)
			}
		case "asylum":
			if within(toks, i-4, i, "applied", "applying", "apply", "sought", "seeking", "seek", "granted", "received", "given", "obtained", "won", "requested", "filed", "claimed", "offered") >= 0 {
				add(i, i+1, record.EventAsylum, 0)
			}
		case "refugee":
			if has(toks, i+1, "status") && within(toks, i-5, i, "applied", "applying", "apply", "sought", "seeking", "granted", "received", "given", "obtained", "won", "requested", "recognised", "recognized") >= 0 {
				add(i, i+2, record.EventAsylum, 0)
			}
		case "disqualified", "disqualify", "disqualifies", "deregistered", "dissolved":
			if t.L == "dissolved" {
				continue // the dissolution of a party is stated in the ban that follows
			}
			add(i, i+1, record.EventDisqualification, fActed)
		case "barred", "banned", "bars", "bans", "barring", "banning":
			if k := within(toks, i+1, i+9, "from"); k >= 0 && within(toks, k+1, k+3, politicsWords...) >= 0 && within(toks, k+1, k+3, "entering", "travelling", "traveling", "leaving", "contacting", "speaking") < 0 {
				add(i, i+1, record.EventDisqualification, fActed)
			}
		case "part", "participate", "contest", "compete", "run":
			// "cannot take part in the elections", "not allowed to contest the polls"
			a := i
			if t.L == "part" {
				if !has(toks, i-1, "take") {
					continue
				}
				a = i - 1
			}
			neg := has(toks, a-1, "cannot", "can't", "couldn't") || (has(toks, a-1, "not") && has(toks, a-2, "could", "can", "would", "will")) ||
				(has(toks, a-1, "to") && (has(toks, a-2, "ineligible", "unable") || (has(toks, a-2, "allowed") && has(toks, a-3, "not", "longer")) || (has(toks, a-2, "allowed") && has(toks, a-4, "not"))))
			if neg && within(toks, i+1, i+7, "election", "elections", "polls", "vote", "ballot") >= 0 {
				add(a, i+1, record.EventDisqualification, fNegPart)
			}
		case "registration", "register":
			if within(toks, i-6, i, "refused", "rejected", "denied", "revoked", "cancelled", "canceled") >= 0 {
				add(i, i+1, record.EventDisqualification, fNegPart)
			}
		}
	}
	return out
}

// adjectival reports a participle used as an adjective before a noun:
// "the detained activists", "five jailed members".
func adjectival(toks []token, i int) bool {
	if i == 0 || i+1 >= len(toks) || toks[i+1].Kind != tokWord {
		return false
	}
	p := toks[i-1]
	_, isNum := enNumberWords[p.L]
	det := p.Kind == tokNum || isNum || p.L == "the" || p.L == "a" || p.L == "an" || p.L == "all" || p.L == "those" || p.L == "these" || p.L == "other" || p.L == "several" || p.L == "many"
	if !det {
		return false
	}
	switch toks[i+1].L {
	case "by", "in", "on", "at", "for", "with", "from", "since", "after", "during", "and", "or", "last", "yesterday", "over":
		return false
	}
	return true
}

var reportVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "claimed": true, "claims": true, "claim": true, "told": true,
	"announced": true, "announces": true, "stated": true, "states": true, "added": true, "noted": true,
	"confirmed": true, "confirms": true, "reported": true, "reports": true, "wrote": true, "posted": true,
	"insisted": true, "revealed": true, "showed": true, "shows": true, "explained": true,
	"declared": true, "determined": true, "ruled": true, "believed": true, "believes": true, "argued": true,
	"noting": true, "saying": true, "adding": true, "indicated": true, "acknowledged": true, "admitted": false,
}

// accomplish verbs make an infinitive after them an event: "decided to join".
var accomplish = map[string]bool{
	"decided": true, "decide": true, "decides": true, "agreed": true, "agree": true, "chose": true, "choose": true,
	"opted": true, "voted": true, "asked": true, "applied": true, "requested": true, "volunteered": true,
	"managed": true, "moved": true, "came": true, "brings": true, "brought": true, "bringing": true, "bring": true,
	"led": true, "leads": true, "quit": true, "quits": true, "left": true, "leave": true, "leaving": true,
	"resigned": true, "abandoned": true, "ditched": true, "forced": true, "able": true, "had": true, "went": true,
	"submitted": true, "petitioned": true, "order": true, "sought": false,
}

// modal words before an event word make it planned, wished or possible,
// not done.
var modalWords = map[string]bool{
	"would": true, "will": true, "'ll": true, "could": true, "might": true, "should": true, "shall": true,
	"must": true, "plan": true, "plans": true, "planned": true, "planning": true, "intend": true, "intends": true,
	"intended": true, "intending": true, "intention": true, "threaten": true, "threatened": true, "threatens": true,
	"threatening": true, "want": true, "wants": true, "wanted": true, "wish": true, "wishes": true, "hope": true,
	"hopes": true, "hoped": true, "hoping": true, "expect": true, "expects": true, "expected": true, "going": true,
	"considering": true, "consider": true, "considered": true, "ready": true, "prepared": true, "deadline": true,
	"urged": true, "urge": true, "urges": true, "urging": true, "called": true, "calls": true, "calling": true,
	"invited": true, "invite": true, "invites": true, "lobbying": true, "lobbied": true, "pressured": true,
	"pressuring": true, "pushed": true, "pushing": true, "encouraged": true, "encourage": true, "encouraging": true,
	"likely": true, "unlikely": true, "potential": true, "possible": true, "possibly": true, "allow": true,
	"campaign": true, "campaigned": true, "tried": true, "try": true, "trying": true, "attempted": true,
	"seeking": true, "sought": true, "seek": true, "promised": true, "promise": true, "offered": true, "refused": true,
	"refuse": true, "declined": true, "rumours": true, "rumors": true, "may": true, "can": true, "continued": true,
	"continue": true, "continues": true, "continuing": true, "used": true, "order": false, "aims": true, "aim": true,
	"need": true, "needs": true, "demanded": true, "demand": true, "demanding": true, "warned": true, "vowed": true,
	"vow": true, "pledged": true, "supposed": true, "asking": true, "about": false,
}

var negWords = map[string]bool{"not": true, "never": true, "no": true, "cannot": true, "neither": true, "nor": true, "none": true}

var hedgeWords = map[string]bool{
	"allegedly": true, "reportedly": true, "purportedly": true, "supposedly": true, "apparently": true,
	"alleged": true, "claimed": true, "claims": true, "claim": true, "rumoured": true, "rumored": true,
	"unconfirmed": true, "purported": true, "unverified": true,
}

var denyWords = map[string]bool{
	"denied": true, "denies": true, "deny": true, "rejected": true, "dismissed": true, "refuted": true, "disputed": true,
}

var ongoingWords = map[string]bool{"remains": true, "remain": true, "remained": true, "still": true, "continues": true, "continued": true, "continue": true}

var beForms = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "be": true, "got": true, "get": true, "gets": true}

func isAdverb(t token) bool {
	if strings.HasSuffix(t.L, "ly") && len(t.L) > 4 {
		return true
	}
	switch t.L {
	case "also", "then", "soon", "later", "already", "just", "recently", "himself", "herself", "themselves", "itself", "subsequently", "eventually", "finally", "reportedly", "allegedly", "since", "all", "both", "again", "once", "now", "yesterday", "today", "quickly", "formally":
		return true
	}
	return false
}

// passive reports whether the trigger at i is in the passive voice,
// including a verb coordinated with a passive one ("were charged in
// absentia and sentenced").
func passive(toks []token, i int) bool {
	// "was arrested on Monday and charged on Tuesday"
	if has(toks, i-1, "and") {
		for k := i - 2; k >= 0 && k >= i-10; k-- {
			if toks[k].L == "," || toks[k].L == ";" {
				break
			}
			if strings.HasSuffix(toks[k].L, "ed") && toks[k].Kind == tokWord && k > 0 && passiveAt(toks, k) {
				return true
			}
		}
	}
	return passiveAt(toks, i)
}

func passiveAt(toks []token, i int) bool {
	for k, n := i-1, 0; k >= 0 && n < 8; k-- {
		t := toks[k]
		if beForms[t.L] {
			return true
		}
		n++
		if isAdverb(t) || t.L == "not" || t.L == "in" || t.L == "absentia" || t.L == "and" || t.L == "," ||
			(strings.HasSuffix(t.L, "ed") && t.Kind == tokWord && n > 1) {
			continue
		}
		return false
	}
	return false
}

// modality classifies what surrounds the trigger in its clause: whether it
// is stated as done (ok), not done (denied) or not stated as done at all
// (planned, conditional, ongoing: skip).
type modality uint8

const (
	modDone modality = iota
	modDenied
	modSkip
)

func modalityOf(toks []token, tr trig, clauseStart int) modality {
	i := tr.i
	// Conditional or interrogative clause.
	for k := max(0, min(clauseStart, i-12)); k < i; k++ {
		if toks[k].L == "if" || toks[k].L == "unless" || toks[k].L == "whether" {
			return modSkip
		}
	}
	if tr.flags&fNegPart == 0 {
		for k := i - 1; k >= max(clauseStart, i-4); k-- {
			l := toks[k].L
			if tr.typ == record.EventAsylum && (l == "seeking" || l == "sought" || l == "seek") {
				continue // seeking asylum is applying for it
			}
			if (modalWords[l] || ongoingWords[l]) && !toks[k].Upper {
				return modSkip
			}
		}
		// Infinitive: "decided to join" is done; "plans to join" is not.
		k := i - 1
		for k >= 0 && (isAdverb(toks[k]) || toks[k].L == "be" || toks[k].L == "been" || toks[k].L == "have") {
			k--
		}
		if has(toks, k, "and") && k > 0 {
			// "to defect and join": the second verb shares the first's infinitive.
			k2 := k - 1
			if k2 >= 0 && has(toks, k2-1, "to") {
				k = k2 - 1
			}
		}
		if has(toks, k, "to") && !has(toks, k+1, "the") {
			ok := false
			for m := k - 1; m >= max(clauseStart, k-10); m-- {
				l := toks[m].L
				if accomplish[l] {
					ok = true
					break
				}
				if modalWords[l] || reportVerbs[l] || beForms[l] {
					break
				}
			}
			if !ok {
				return modSkip
			}
		}
	}
	// Negation close before the event word: "did not join", "has never
	// been arrested".
	if tr.flags&fNegPart == 0 {
		for k := i - 1; k >= max(clauseStart, i-3); k-- {
			l := toks[k].L
			if negWords[l] || strings.HasSuffix(l, "n't") {
				return modDenied
			}
		}
	}
	if tr.flags&fNegPart == 0 {
		for k := 0; k < i; k++ {
			if denyWords[toks[k].L] {
				return modDenied
			}
		}
	}
	return modDone
}

// clauseStart is where the clause stating the event at i begins: after the
// last reporting verb, "that", semicolon or colon before it.
func clauseStart(toks []token, i int) (start, report int) {
	report = -1
	start = -1
	// At a conjunction the clause begins, but the speaker of the sentence
	// may still be further back: "X said that Y left because he resigned".
	done := func(s, r int) (int, int) {
		if start >= 0 {
			return start, r
		}
		return s, r
	}
	for k := i - 1; k >= 0; k-- {
		l := toks[k].L
		switch {
		case l == ";" || l == ":":
			return done(k+1, report)
		case (l == "while" || l == "but" || l == "whereas" || l == "although" || l == "though" || l == "because") && k < i-1:
			if start < 0 {
				start = k + 1
			}
		case l == "that" && k > 0 && (reportVerbs[toks[k-1].L] || denyWords[toks[k-1].L] || toks[k-1].L == ","):
			if report < 0 && k > 0 && (reportVerbs[toks[k-1].L] || denyWords[toks[k-1].L]) {
				report = k - 1
			}
			return done(k+1, report)
		case reportVerbs[l] && toks[k].Kind == tokWord && !toks[k].Upper && !(k+1 < len(toks) && toks[k+1].L == ",") && !(l == "reports" || l == "claims") && k < i-1:
			if has(toks, k+1, "that") {
				return done(k+2, k)
			}
			return done(k+1, k)
		}
	}
	return done(0, report)
}

// objectEnd is where the words after the event word stop belonging to it.
func objectEnd(toks []token, j int) int {
	for k := j; k < len(toks) && k < j+18; k++ {
		l := toks[k].L
		switch l {
		case ";", "saying", "because", "but", "while", "although", "which", "who", "whom", "where", "when", "after",
			"before", "as", "following", "amid", "despite", "according", "since", "adding", "until", "though", "so", "\"":
			return k
		case ",":
			if k+1 < len(toks) && (toks[k+1].Upper && toks[k+1].Kind == tokWord && !enNotName[toks[k+1].L]) {
				continue
			}
			return k
		}
	}
	return min(len(toks), j+18)
}
