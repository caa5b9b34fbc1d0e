package extract

import "strings"

// enNotName are capitalised words that are not part of a person's name:
// titles, sentence openers, months, roles and institutions. A title before
// a name is thereby stripped ("Prime Minister Hun Sen" → "Hun Sen").
var enNotName = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an on in at of for from to by with and or but as if when while after before since
	he she they it his her their its we our this that these those there here then however meanwhile also still yet so
	mr mrs ms miss dr h.e. h.e he. excellency samdech techo akka moha sena padei oknha lok chumteav neak okhna venerable
	prime minister deputy vice president chairman chairwoman chair secretary general secretary-general spokesman
	spokeswoman spokesperson governor chief director head leader senior minister's ministry court judge prosecutor
	commune district province provincial municipal national committee election elections council party party's parties
	king queen prince princess royal government interior education justice foreign defence defense health
	monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
	september october november december jan feb mar apr jun jul aug sep sept oct nov dec
	cambodian cambodians cambodia khmer thai thailand vietnamese vietnam asian asia american australian european
	human rights watch radio free post times news fresh voice democracy daily online press agency reuters afp ap
	facebook telegram youtube tiktok twitter signal united states nations u.n. eu asean kingdom
	former banned dissolved new old ruling opposition main independent unrecognised unrecognized
	assembly senate police military authorities authority ministry department office association union
	one two three four five six seven eight nine ten eleven twelve many several some all most few both each every
	according speaking asked despite although though because nor not no yes please thank dear
	cpp cnrp cp clp funcinpec nec unhcr srp hrp kwp gdp ldp npp knup
	phnom penh siem reap bangkok
	photo caption file related stories story video read more
	commune-level election-related anti-government pro-government ex-cnrp
	i you me my your senator lawmaker mp general lieutenant colonel commander ambassador mayor judge deputy-governor
	vice-president vice-governor undersecretary under-secretary secretary-of-state lord his-excellency
	gen lt col maj brig capt sgt cpl adm pol major captain sergeant brigadier admiral police-general
	division department unit bureau center centre institute program programme project organization organisation
	group network alliance coalition league federation foundation society commission international amnesty
	licadho adhoc comfrel nicfec transparency cchr ngo ngos working school university pagoda hospital prison`) {
		enNotName[w] = true
	}
}

// nameSpan is a person's name in a sentence, as a token range.
type nameSpan struct {
	i, j int
	name string
}

// findNames finds person names: runs of two to four capitalised words that
// are not titles, places, organisations or sentence openers. A single
// capitalised word is a name only when it is part of a full name met
// earlier in the document ("Phirith" after "Khimsour Phirith").
func findNames(toks []token, covered []bool, known func(string) string, titleCase bool) []nameSpan {
	var out []nameSpan
	for i := 0; i < len(toks); i++ {
		if !nameWord(toks, i, covered) {
			continue
		}
		j := i
		for j < len(toks) && j-i < 4 && (nameWord(toks, j, covered) || j-i >= 2 && toks[j].W == "An" && !covered[j]) {
			// "An" ends Khmer names ("Men Sam An") as often as it starts
			// English sentences; inside a name it is the name.
			j++
			if strings.HasSuffix(toks[j-1].L, "'s") {
				break
			}
		}
		if j-i >= 2 && !titleCase {
			out = append(out, nameSpan{i: i, j: j, name: joinName(toks[i:j])})
		} else if j-i == 1 && known != nil {
			if full := known(strings.TrimSuffix(strings.TrimSuffix(toks[i].W, "'s"), "’s")); full != "" {
				out = append(out, nameSpan{i: i, j: j, name: full})
			}
		}
		i = j - 1
	}
	return out
}

func nameWord(toks []token, i int, covered []bool) bool {
	t := toks[i]
	if t.Kind != tokWord || !t.Upper || (covered != nil && covered[i]) {
		return false
	}
	l := strings.TrimSuffix(t.L, "'s")
	if enNotName[l] || enNotName[t.L] {
		return false
	}
	// All-capital words are abbreviations or datelines, not names.
	if len(t.W) > 1 && strings.ToUpper(t.W) == t.W {
		return false
	}
	// A place or institution word right after ends the run before it:
	// "Komar Reachea commune", "Bati district's".
	if i+1 < len(toks) {
		switch strings.TrimSuffix(toks[i+1].L, "'s") {
		case "commune", "district", "province", "village", "town", "city", "khan", "sangkat", "pagoda", "market", "prison", "hospital", "school", "university", "river", "street", "road", "boulevard", "island", "mountain", "airport", "stadium", "hotel", "court", "ministry", "committee", "association", "union", "federation":
			return false
		}
	}
	return true
}

func joinName(toks []token) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			b.WriteByte(' ')
		}
		w := t.W
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		b.WriteString(w)
	}
	return b.String()
}

// isTitleCase reports whether most words of a sentence are capitalised, as
// in headlines, where capitals say nothing about names.
func isTitleCase(toks []token) bool {
	// Headlines carry no final stop; a sentence that has one is prose.
	if n := len(toks); n > 0 && (toks[n-1].L == "." || toks[n-1].L == "\"" && n > 1 && toks[n-2].L == ".") {
		return false
	}
	words, upper := 0, 0
	for _, t := range toks {
		if t.Kind != tokWord || len(t.W) < 4 {
			continue
		}
		words++
		if t.Upper {
			upper++
		}
	}
	return words >= 3 && upper*10 >= words*8
}
