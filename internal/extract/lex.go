package extract

import (
	"strings"
	"sync"

	"github.com/kamnotra/kamnotra/internal/gazetteer"
)

// gaz is the shared gazetteer, loaded on first use.
var gaz = sync.OnceValue(gazetteer.Default)

// Canonical organisation names of the shared corpus format.
const (
	CPP                   = "Cambodian People's Party"
	Candlelight           = "Candlelight Party"
	CNRP                  = "Cambodia National Rescue Party"
	SRP                   = "Sam Rainsy Party"
	HRP                   = "Human Rights Party"
	FUNCINPEC             = "FUNCINPEC"
	KhmerWill             = "Khmer Will Party"
	GDP                   = "Grassroots Democratic Party"
	LDP                   = "League for Democracy Party"
	CNP                   = "Cambodia Nationality Party"
	KNUP                  = "Khmer National United Party"
	NationPower           = "Nation Power Party"
	Beehive               = "Beehive Social Democratic Party"
	OppositionUnspecified = "opposition (unspecified)"
	OtherParties          = "other parties (unspecified)"

	NEC              = "National Election Committee"
	PhnomPenhCourt   = "Phnom Penh Municipal Court"
	SupremeCourt     = "Supreme Court"
	AppealCourt      = "Appeal Court"
	UNHCR            = "UNHCR"
	ThaiAuthorities  = "Thai authorities"
	InteriorMinistry = "Ministry of Interior"
	NationalPolice   = "National Police"
)

type lexKind uint8

const (
	lexParty lexKind = iota + 1
	lexBody
	lexProvince
	lexCountry
)

// lexEntry is what a phrase of the lexicon names.
type lexEntry struct {
	Kind  lexKind
	Canon string
	// Province is the province a body sits in (a provincial court), so an
	// event it acts in has a place even when the sentence names none.
	Province string
}

// English names and abbreviations. Canonical names follow the corpus
// README; the gazetteer package, when it lands, holds the full lists.
var enParties = map[string][]string{
	CPP:         {"cambodian people's party", "cambodian peoples party", "cambodia people's party", "cpp", "ruling party", "ruling cpp", "ruling cambodian people's party", "prime minister's party", "hun sen's party", "hun sen's cambodian people's party"},
	Candlelight: {"candlelight party", "candlelight", "cp", "clp", "candle light party"},
	CNRP: {"cambodia national rescue party", "cambodian national rescue party", "cnrp", "rescue party",
		"national rescue party"},
	SRP:                   {"sam rainsy party", "srp"},
	HRP:                   {"human rights party", "hrp"},
	FUNCINPEC:             {"funcinpec", "royalist funcinpec", "funcinpec party"},
	KhmerWill:             {"khmer will party", "kwp", "khmer will"},
	GDP:                   {"grassroots democratic party", "grassroots democracy party", "gdp"},
	LDP:                   {"league for democracy party", "ldp", "league for democracy"},
	CNP:                   {"cambodia nationality party", "cambodian nationality party"},
	KNUP:                  {"khmer national united party", "knup"},
	NationPower:           {"nation power party", "npp", "nation power"},
	Beehive:               {"beehive social democratic party", "beehive party", "beehive"},
	OppositionUnspecified: {"opposition", "opposition party", "opposition parties", "main opposition", "main opposition party", "former opposition", "opposition groups", "opposition group"},
	OtherParties:          {"other parties", "other political parties", "various parties", "different parties", "smaller parties", "minor parties"},
}

var enBodies = map[string][]string{
	NEC:                                      {"national election committee", "nec", "election committee", "national electoral committee"},
	PhnomPenhCourt:                           {"phnom penh municipal court", "municipal court", "phnom penh court", "phnom penh municipal court of first instance"},
	SupremeCourt:                             {"supreme court"},
	AppealCourt:                              {"appeal court", "court of appeal", "appeals court"},
	UNHCR:                                    {"unhcr", "u.n. refugee agency", "un refugee agency", "united nations refugee agency", "u.n. high commissioner for refugees", "un high commissioner for refugees", "united nations high commissioner for refugees", "office of the u.n. high commissioner for refugees"},
	ThaiAuthorities:                          {"thai authorities", "thai police", "thai immigration police", "thai immigration", "thai officials", "thai government", "thailand's government", "thai security forces", "thai soldiers"},
	InteriorMinistry:                         {"interior ministry", "ministry of interior", "ministry of the interior"},
	NationalPolice:                           {"police", "national police", "cambodian police", "cambodian national police", "military police", "authorities", "cambodian authorities", "local authorities", "provincial police", "district police"},
	"Ministry of Education, Youth and Sport": {"education ministry", "ministry of education"},
	"National Assembly":                      {"national assembly"},
	"Senate":                                 {"senate"},
}

// Provinces of Cambodia with the spellings English-language reports use.
var enProvinces = map[string][]string{
	"Phnom Penh":       {"phnom penh"},
	"Banteay Meanchey": {"banteay meanchey", "banteay mean chey", "banteay meanchay"},
	"Battambang":       {"battambang", "battam bang"},
	"Kampong Cham":     {"kampong cham", "kompong cham"},
	"Kampong Chhnang":  {"kampong chhnang", "kompong chhnang"},
	"Kampong Speu":     {"kampong speu", "kompong speu"},
	"Kampong Thom":     {"kampong thom", "kompong thom"},
	"Kampot":           {"kampot"},
	"Kandal":           {"kandal"},
	"Kep":              {"kep"},
	"Koh Kong":         {"koh kong"},
	"Kratie":           {"kratie", "kratié"},
	"Mondulkiri":       {"mondulkiri", "mondul kiri", "mondolkiri"},
	"Oddar Meanchey":   {"oddar meanchey", "otdar meanchey", "oddar mean chey"},
	"Pailin":           {"pailin"},
	"Preah Sihanouk":   {"preah sihanouk", "sihanoukville", "sihanouk"},
	"Preah Vihear":     {"preah vihear"},
	"Pursat":           {"pursat"},
	"Prey Veng":        {"prey veng"},
	"Ratanakiri":       {"ratanakiri", "ratanak kiri", "rattanakiri", "ratanakkiri"},
	"Siem Reap":        {"siem reap", "siemreap"},
	"Stung Treng":      {"stung treng", "steung treng", "stoeng treng"},
	"Svay Rieng":       {"svay rieng"},
	"Takeo":            {"takeo", "takev"},
	"Tbong Khmum":      {"tbong khmum", "tboung khmum", "tbaung khmum"},
}

var enCountries = map[string][]string{
	"Cambodia":      {"cambodia", "the kingdom", "kingdom of cambodia"},
	"Thailand":      {"thailand"},
	"Vietnam":       {"vietnam", "viet nam"},
	"Malaysia":      {"malaysia"},
	"United States": {"united states", "u.s.", "america"},
	"France":        {"france"},
	"Australia":     {"australia"},
	"abroad":        {"abroad", "overseas", "the country", "a third country"},
}

// lexNode is a node of a trie over lower-case tokens.
type lexNode struct {
	next  map[string]*lexNode
	entry *lexEntry
}

func (n *lexNode) add(phrase string, e *lexEntry) {
	toks := tokenize(nil, phrase, 0)
	cur := n
	for _, t := range toks {
		if cur.next == nil {
			cur.next = map[string]*lexNode{}
		}
		nx := cur.next[t.L]
		if nx == nil {
			nx = &lexNode{}
			cur.next[t.L] = nx
		}
		cur = nx
	}
	if cur.entry == nil {
		cur.entry = e
	}
}

// match returns the longest phrase of the trie starting at toks[i] and the
// number of tokens it covers.
func (n *lexNode) match(toks []token, i int) (*lexEntry, int) {
	cur := n
	var best *lexEntry
	bestN := 0
	for j := i; j < len(toks); j++ {
		nx := cur.next[toks[j].L]
		if nx == nil {
			break
		}
		cur = nx
		if cur.entry != nil {
			best, bestN = cur.entry, j-i+1
		}
	}
	return best, bestN
}

var (
	enLex     = &lexNode{}
	canonOrgs = map[string]string{} // lower-case alias → canonical, for CanonicalOrg
)

func init() {
	addAll := func(m map[string][]string, kind lexKind) {
		for canon, aliases := range m {
			e := &lexEntry{Kind: kind, Canon: canon}
			if canon == PhnomPenhCourt {
				e.Province = "Phnom Penh"
			}
			enLex.add(strings.ToLower(canon), e)
			for _, a := range aliases {
				enLex.add(a, e)
			}
			if kind == lexParty || kind == lexBody {
				canonOrgs[strings.ToLower(canon)] = canon
				for _, a := range aliases {
					if len(a) > 3 || kind == lexParty {
						canonOrgs[a] = canon
					}
				}
			}
		}
	}
	addAll(enParties, lexParty)
	addAll(enBodies, lexBody)
	addAll(enProvinces, lexProvince)
	addAll(enCountries, lexCountry)
	// Provincial courts: "Kandal Provincial Court" acts in Kandal.
	for prov, aliases := range enProvinces {
		canon := prov + " Provincial Court"
		if prov == "Phnom Penh" {
			continue
		}
		e := &lexEntry{Kind: lexBody, Canon: canon, Province: prov}
		for _, a := range aliases {
			enLex.add(a+" provincial court", e)
			enLex.add(a+" court", e)
		}
		canonOrgs[strings.ToLower(canon)] = canon
	}
}

// CanonicalOrg maps a known name or abbreviation of an organisation, in any
// case, to its canonical English name; other names are returned trimmed.
func CanonicalOrg(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if c, ok := canonOrgs[strings.ToLower(strings.ReplaceAll(name, "’", "'"))]; ok {
		return c
	}
	if o, ok := gaz().Org(name); ok {
		return o.Canonical
	}
	return name
}
